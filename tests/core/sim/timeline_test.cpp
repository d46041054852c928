#include <catch2/catch.hpp>
#include <algorithm>
#include <sstream>

#include "sim/registry.h"
#include "sim/rng.h"
#include "sim/scenario.h"
#include "sim/simulation.h"
#include "sim/timeline.h"
#include "sim/trace.h"

using namespace sb::core;

namespace {

const std::string kData = std::string(SPLITBRAIN_TEST_DATA) + "/data/";

struct Fixture {
    TopicRegistry registry;
    Scenario scenario;
    Fixture() {
        registerBuiltinTopics(registry);
        scenario = loadScenarioFile(kData + "ping_partition.json", registry).value();
    }
    Timeline timeline(std::size_t every = 64) const {
        return Timeline(Simulation::create(registry, scenario).value(), every);
    }
};

std::string traceText(const Timeline& t) {
    std::ostringstream out;
    writeTrace(out, t.trace(), t.model().nodeNames());
    return out.str();
}

// The observable state at a position: the view at the current time plus metrics.
std::string fingerprint(const Timeline& t) {
    const View v = t.model().view(t.now());
    std::ostringstream out;
    out << t.position() << '@' << t.now() << ';';
    for (const auto& n : v.nodes) out << n.name << n.role << n.value << n.zone << (n.timer ? *n.timer : -1) << ';';
    for (const auto& m : v.messages) out << m.id << ':' << m.progress << ';';
    for (const auto& m : t.model().metrics()) out << m.name << '=' << m.value << ';';
    return out.str();
}

}  // namespace

TEST_CASE("the same scenario and seed give a byte-identical trace", "[timeline][determinism]") {
    Fixture f;
    auto a = f.timeline();
    auto b = f.timeline(1000);
    a.runUntil(nullptr, 5000);
    b.runUntil(nullptr, 5000);
    REQUIRE(a.recorded() == 5000);
    CHECK(traceText(a) == traceText(b));
    f.scenario.seed = 8;
    auto c = f.timeline();
    c.runUntil(nullptr, 5000);
    CHECK(traceText(a) != traceText(c));
}

TEST_CASE("scripted actions appear in the trace at their times", "[timeline]") {
    Fixture f;
    auto t = f.timeline();
    t.seekTime(fromMs(3500));
    std::vector<std::string> actions;
    for (const auto& e : t.trace())
        if (e.is("action")) actions.push_back(std::string(e.detail) + "@" + std::to_string(e.time / 1000));
    CHECK(actions == std::vector<std::string>{"partition@500", "heal@1500", "crash@2000", "restart@2600", "cut@3000"});
}

TEST_CASE("step back then forward gives identical state and trace", "[timeline][rewind]") {
    Fixture f;
    auto t = f.timeline(50);
    t.runUntil(nullptr, 3000);
    const std::string fullTrace = traceText(t);
    const std::string end = fingerprint(t);
    for (int i = 0; i < 120; ++i) REQUIRE(t.stepBack());
    const std::string middle = fingerprint(t);
    for (int i = 0; i < 120; ++i) REQUIRE(t.stepForward());
    CHECK(fingerprint(t) == end);
    CHECK(traceText(t) == fullTrace);
    t.seek(2880);
    CHECK(fingerprint(t) == middle);
}

TEST_CASE("10,000 random seeks land on exactly the state of a straight run", "[timeline][rewind]") {
    Fixture f;
    auto straight = f.timeline(1 << 20);
    std::vector<std::string> states;
    states.push_back(fingerprint(straight));
    for (int i = 0; i < 4000; ++i) {
        straight.stepForward();
        states.push_back(fingerprint(straight));
    }
    auto t = f.timeline(97);
    t.runUntil(nullptr, 4000);
    Rng rng(2024);
    for (int i = 0; i < 10000; ++i) {
        const auto index = static_cast<std::size_t>(rng.range(0, 4000));
        t.seek(index);
        REQUIRE(t.position() == index);
        REQUIRE(fingerprint(t) == states[index]);
    }
    CHECK(traceText(t) == traceText(straight));
}

TEST_CASE("an action at an earlier position starts a new branch", "[timeline][branch]") {
    Fixture f;
    auto t = f.timeline(64);
    t.runUntil(nullptr, 2000);
    t.seek(600);
    const Time at = t.now();
    REQUIRE(t.act(actionFromJson(nlohmann::json{{"do", "crash"}, {"node", "n3"}}, "").value()).ok());
    CHECK(t.recorded() == 600);
    t.runUntil(nullptr, 1400);
    bool crashed = false;
    for (std::size_t i = 600; i < t.recorded(); ++i)
        crashed |= t.trace()[i].is("action") && std::string(t.trace()[i].detail) == "crash" &&
                   t.trace()[i].time == at + 1;
    CHECK(crashed);

    // Rewinding across the new action and replaying gives the same branch.
    const std::string branch = traceText(t);
    const std::string state = fingerprint(t);
    t.seek(10);
    t.seek(2000);
    CHECK(traceText(t) == branch);
    CHECK(fingerprint(t) == state);

    // The session (scenario + learner actions) replays to the same trace from scratch.
    auto replay = Timeline(Simulation::create(f.registry, t.sim().session()).value());
    replay.runUntil(nullptr, 2000);
    CHECK(traceText(replay) == branch);
}

TEST_CASE("invalid learner actions are refused without touching the run", "[timeline]") {
    Fixture f;
    auto t = f.timeline();
    t.runUntil(nullptr, 500);
    t.seek(100);
    auto bad = t.act(actionFromJson(nlohmann::json{{"do", "crash"}, {"node", "zz"}}, "").value());
    CHECK_FALSE(bad.ok());
    CHECK(t.recorded() == 500);
}

TEST_CASE("dropping and delaying a message in flight", "[timeline][messages]") {
    Fixture f;
    f.scenario.actions.clear();
    f.scenario.params["loss"] = 0;
    auto t = f.timeline();
    t.runUntil([](const Event& e) { return e.is("send"); }, 1000);
    const MsgId id = t.trace().back().msg;
    SECTION("drop") {
        REQUIRE(t.act(actionFromJson(nlohmann::json{{"do", "drop"}, {"msg", id}}, "").value()).ok());
        t.runUntil(nullptr, 400);
        for (const auto& e : t.trace()) CHECK_FALSE((e.is("deliver") && e.msg == id));
    }
    SECTION("delay") {
        const auto messages = t.model().view(t.now()).messages;
        auto it = std::find_if(messages.begin(), messages.end(), [&](const MessageView& m) { return m.id == id; });
        REQUIRE(it != messages.end());
        const Time due = it->deliver;
        REQUIRE(t.act(actionFromJson(nlohmann::json{{"do", "delay"}, {"msg", id}, {"by_ms", 40}}, "").value()).ok());
        t.runUntil([&](const Event& e) { return e.is("deliver") && e.msg == id; }, 4000);
        CHECK(t.trace().back().msg == id);
        CHECK(t.trace().back().time == due + fromMs(40));
    }
    SECTION("a message that is gone cannot be dropped") {
        REQUIRE(t.act(actionFromJson(nlohmann::json{{"do", "drop"}, {"msg", 99999}}, "").value()).ok());
        t.runUntil([](const Event& e) { return e.is("action"); }, 100);
        CHECK(std::string(t.trace().back().detail) == "rejected");
        REQUIRE(t.sim().rejected().size() == 1);
        CHECK_THAT(t.sim().rejected()[0].message, Catch::Contains("not in flight"));
    }
}

TEST_CASE("thinning the checkpoints keeps the first one whole", "[timeline][rewind]") {
    Fixture f;
    TimelineLimits limits;
    limits.maxCheckpoints = 4;  // thinned several times over 2,000 events
    Timeline t(Simulation::create(f.registry, f.scenario).value(), 16, limits);
    t.runUntil(nullptr, 2000);
    REQUIRE(t.checkpointEvery() > 16);
    t.seek(0);
    // Back at the start the simulation is the first checkpoint: its scenario and script intact.
    CHECK(t.sim().session().topic == f.scenario.topic);
    CHECK(t.sim().session().actions.size() == f.scenario.actions.size());
    Timeline straight = f.timeline(1 << 20);
    straight.runUntil(nullptr, 2000);
    t.seek(2000);
    CHECK(traceText(t) == traceText(straight));
}

TEST_CASE("copies of a run share its script until one of them changes it", "[timeline][script]") {
    // A checkpoint is a copy of the run; a long session's script is shared, not copied, by
    // every checkpoint (a 64k-action session took seconds to open when each copied it).
    Fixture f;
    Simulation run = Simulation::create(f.registry, f.scenario).value();
    Simulation checkpoint = run;
    CHECK(checkpoint.sharesScriptWith(run));
    const std::vector<Action> before = run.session().actions;

    // The copy gets a learner action: its own script now; the original's is as it was.
    Action crash = actionFromJson(nlohmann::json{{"do", "crash"}, {"node", "n3"}}, "").value();
    crash.byUser = true;
    REQUIRE(checkpoint.schedule(crash).ok());
    CHECK_FALSE(checkpoint.sharesScriptWith(run));
    CHECK(run.session().actions == before);
    CHECK(checkpoint.session().actions.size() == before.size() + 1);

    // Dropping the learner's pending action in the copy gives back the original script.
    checkpoint.dropPendingUserActions();
    CHECK(checkpoint.session().actions == before);
    // Nothing to drop: the run keeps sharing.
    Simulation again = run;
    again.dropPendingUserActions();
    CHECK(again.sharesScriptWith(run));

    // Both runs step to the same trace: the sharing changes nothing they do.
    Simulation a = run, b = run;
    for (int i = 0; i < 500; ++i) {
        const auto ea = a.step(), eb = b.step();
        REQUIRE(ea.has_value() == eb.has_value());
        if (!ea) break;
        CHECK(ea->time == eb->time);
        CHECK(ea->kind == eb->kind);
    }
}
