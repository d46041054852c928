#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <string>

#include "sim/registry.h"
#include "sim/rng.h"
#include "sim/scenario.h"
#include "sim/simulation.h"
#include "sim/timeline.h"

// A timeline keeps bounded history (TimelineLimits): these tests run far more events than it
// keeps and check that stored events and checkpoints stay under the bound while every kept
// position is still reached exactly.
using namespace sb::core;

namespace {

const std::string kData = std::string(SPLITBRAIN_TEST_DATA) + "/data/";

Simulation pingSimulation(const TopicRegistry& registry) {
    return Simulation::create(registry, loadScenarioFile(kData + "ping_partition.json", registry).value())
        .value();
}

std::string fingerprint(const Timeline& t) {
    std::ostringstream out;
    out << t.position() << '@' << t.now() << ';';
    for (const auto& n : t.model().view(t.now()).nodes) out << n.name << n.role << n.value << ';';
    for (const auto& m : t.model().metrics()) out << m.name << '=' << m.value << ';';
    return out.str();
}

// AddressSanitizer keeps freed memory in quarantine (256 MB by default), so under it the
// resident set grows for a while whatever the timeline does: the RSS check is skipped there.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kRssIsMeaningful = false;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kRssIsMeaningful = false;
#else
constexpr bool kRssIsMeaningful = true;
#endif
#else
constexpr bool kRssIsMeaningful = true;
#endif

// Peak resident memory of this process so far, in kB (Linux); 0 where unavailable.
long peakKb() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
    return 0;
}

}  // namespace

TEST_CASE("stored events and checkpoints stay under the bound on a long run", "[timeline][bound]") {
    TopicRegistry registry;
    registerBuiltinTopics(registry);
    const TimelineLimits limits{1000, 16};
    Timeline t(pingSimulation(registry), 64, limits);
    for (int chunk = 0; chunk < 200; ++chunk) {
        REQUIRE(t.runUntil(nullptr, 1000) == 1000);
        REQUIRE(t.trace().size() <= limits.keptEvents + limits.keptEvents / 4);
        REQUIRE(t.trace().size() >= limits.keptEvents);
        REQUIRE(t.checkpointCount() <= limits.maxCheckpoints + 1);
        REQUIRE(t.recorded() == t.firstKept() + t.trace().size());
    }
    CHECK(t.recorded() == 200'000);
    CHECK(t.position() == 200'000);
    CHECK(t.checkpointEvery() > 64);  // thinned at least once
}

TEST_CASE("every kept position is reached exactly after old history is forgotten", "[timeline][bound][rewind]") {
    TopicRegistry registry;
    registerBuiltinTopics(registry);
    constexpr std::size_t kRun = 30'000;
    Timeline reference(pingSimulation(registry), 1 << 20, TimelineLimits{kRun * 2, 4});
    std::vector<std::string> states{fingerprint(reference)};
    for (std::size_t i = 0; i < kRun; ++i) {
        reference.stepForward();
        states.push_back(fingerprint(reference));
    }
    Timeline t(pingSimulation(registry), 50, TimelineLimits{5000, 8});
    t.runUntil(nullptr, kRun);
    REQUIRE(t.firstKept() > 0);
    for (std::size_t i = t.firstKept(); i < t.recorded(); ++i) REQUIRE(t.event(i) == reference.event(i));

    Rng rng(7);
    for (int i = 0; i < 2000; ++i) {
        const auto index = static_cast<std::size_t>(rng.range(static_cast<std::int64_t>(t.firstKept()),
                                                               static_cast<std::int64_t>(kRun)));
        t.seek(index);
        REQUIRE(fingerprint(t) == states[index]);
    }
    // Stepping back stops at the oldest kept event; seeking before it lands there.
    t.seek(0);
    CHECK(t.position() == t.firstKept());
    CHECK_FALSE(t.stepBack());
    CHECK(fingerprint(t) == states[t.firstKept()]);
    // Forward again from there re-records nothing new and ends where the run ended.
    t.seek(kRun);
    CHECK(fingerprint(t) == states[kRun]);
}

TEST_CASE("a branch after old history is forgotten keeps the bound", "[timeline][bound][branch]") {
    TopicRegistry registry;
    registerBuiltinTopics(registry);
    Timeline t(pingSimulation(registry), 32, TimelineLimits{2000, 8});
    t.runUntil(nullptr, 20'000);
    t.seek(t.recorded() - 700);
    Action crash;
    crash.kind = "crash";
    crash.args["node"] = "n1";
    crash.byUser = true;
    REQUIRE(t.act(crash));
    CHECK(t.recorded() == t.position());
    t.runUntil(nullptr, 20'000);
    CHECK(t.trace().size() <= 2500);
    CHECK(t.checkpointCount() <= 9);
}

// The full soak: 10,000,000 events on a 5-node Raft cluster with the default limits. A few
// seconds in the ci build; alone: build/ci/tests/core/core_sim_tests "[soak]"
TEST_CASE("10 million Raft events keep memory bounded", "[soak][timeline][bound]") {
    TopicRegistry registry;
    registerBuiltinTopics(registry);
    Scenario sc;
    sc.topic = "raft";
    sc.params["nodes"] = 5;
    auto sim = Simulation::create(registry, sc);
    REQUIRE(sim.ok());
    Timeline t(std::move(sim.value()));
    const TimelineLimits& limits = t.limits();
    // Warm up until the window is full, so what follows measures steady state.
    t.runUntil(nullptr, limits.keptEvents * 2);
    const long warm = peakKb();
    for (int chunk = 0; chunk < 100; ++chunk) {
        REQUIRE(t.runUntil(nullptr, 100'000) == 100'000);
        REQUIRE(t.trace().size() < limits.keptEvents + limits.keptEvents / 4);
        REQUIRE(t.checkpointCount() <= limits.maxCheckpoints + 1);
    }
    const long peak = peakKb();
    WARN("peak RSS after warm-up " << warm / 1024 << " MB, after 10M more events " << peak / 1024
         << " MB; " << t.trace().size() << " events and " << t.checkpointCount()
         << " checkpoints every " << t.checkpointEvery() << " events kept");
    CHECK(t.recorded() >= 10'000'000);
    if (kRssIsMeaningful) CHECK(peak - warm < 64 * 1024);  // steady state: nothing grows per event
    CHECK(t.trace().capacity() <= limits.keptEvents + limits.keptEvents / 4);
}
