#include <catch2/catch.hpp>
#include <sstream>

#include "sim/action.h"
#include "sim/registry.h"
#include "sim/scenario.h"
#include "sim/simulation.h"
#include "sim/timeline.h"

// Timeline::checkpointAtOrBefore: a reader (the metrics plot filling a jump) rebuilds the states
// between two positions from a copy of the nearest earlier checkpoint instead of replaying from
// the first event. The copy must replay the recorded run exactly, and lie less than one
// checkpoint interval before the position asked for.
using namespace sb::core;

namespace {

const std::string kData = std::string(SPLITBRAIN_TEST_DATA) + "/data/";

Simulation pingSimulation(const TopicRegistry& registry) {
    return Simulation::create(registry, loadScenarioFile(kData + "ping_partition.json", registry).value()).value();
}

std::string fingerprint(const Simulation& s) {
    std::ostringstream out;
    out << s.now() << ';';
    for (const auto& n : s.model().view(s.now()).nodes) out << n.name << n.role << n.value << n.zone << ';';
    for (const auto& m : s.model().view(s.now()).messages) out << m.id << ':' << m.progress << ';';
    for (const auto& m : s.model().metrics()) out << m.name << '=' << m.value << ';';
    return out.str();
}

// Steps a copy of the checkpoint at or before `index` up to `index`, checking each event against
// the recorded one, and returns the state reached.
Simulation replayTo(const Timeline& t, std::size_t index) {
    auto checkpoint = t.checkpointAtOrBefore(index);
    REQUIRE(checkpoint);
    REQUIRE(checkpoint->position <= index);
    REQUIRE(index - checkpoint->position < t.checkpointEvery());
    for (std::size_t i = checkpoint->position; i < index; ++i) {
        const auto event = checkpoint->state.step();
        REQUIRE(event);
        REQUIRE(*event == t.event(i));
    }
    return std::move(checkpoint->state);
}

}  // namespace

TEST_CASE("a checkpoint copy replays the recorded run up to any position", "[timeline][checkpoint]") {
    TopicRegistry registry;
    registerBuiltinTopics(registry);
    Timeline t(pingSimulation(registry), 64);
    t.runUntil(nullptr, 400);
    // A learner's action mid-run, then more recording: the copies must carry it too.
    t.seek(150);
    REQUIRE(t.act(actionFromJson(nlohmann::json{{"do", "crash"}, {"node", "n3"}}, "").value()).ok());
    t.runUntil(nullptr, 850);
    REQUIRE(t.recorded() == 1000);
    t.seek(700);
    for (const std::size_t index : {std::size_t{0}, std::size_t{1}, std::size_t{63}, std::size_t{64}, std::size_t{65},
                                    std::size_t{150}, std::size_t{151}, std::size_t{500}, std::size_t{999},
                                    std::size_t{1000}}) {
        CAPTURE(index);
        const std::string copy = fingerprint(replayTo(t, index));
        Timeline reference = t;
        reference.seek(index);
        REQUIRE(reference.position() == index);
        CHECK(copy == fingerprint(reference.sim()));
    }
    CHECK(t.position() == 700);  // reading checkpoints does not move the cursor
}

TEST_CASE("after old history is forgotten there is no checkpoint before the first kept event",
          "[timeline][checkpoint][bound]") {
    TopicRegistry registry;
    registerBuiltinTopics(registry);
    Timeline t(pingSimulation(registry), 64, TimelineLimits{1000, 8});
    t.runUntil(nullptr, 5000);
    REQUIRE(t.firstKept() > 0);
    REQUIRE(t.checkpointEvery() > 64);  // thinned: the interval doubled
    CHECK_FALSE(t.checkpointAtOrBefore(t.firstKept() - 1));
    const auto first = t.checkpointAtOrBefore(t.firstKept());
    REQUIRE(first);
    CHECK(first->position == t.firstKept());
    Timeline reference = t;
    for (const std::size_t index : {t.firstKept() + 1, t.firstKept() + t.checkpointEvery(), t.recorded() - 1}) {
        CAPTURE(index);
        const std::string copy = fingerprint(replayTo(t, index));
        reference.seek(index);
        CHECK(copy == fingerprint(reference.sim()));
    }
}
