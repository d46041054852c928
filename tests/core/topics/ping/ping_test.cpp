#include <catch2/catch.hpp>

#include "sim/labels.h"
#include "sim/registry.h"
#include "sim/rng.h"
#include "sim/simulation.h"
#include "sim/timeline.h"

using namespace sb::core;

namespace {

Timeline start(std::vector<Action> actions, ParamValues params = {}, std::uint64_t seed = 1) {
    TopicRegistry registry;
    registerBuiltinTopics(registry);
    Scenario sc;
    sc.topic = "ping";
    sc.seed = seed;
    sc.params = std::move(params);
    sc.actions = std::move(actions);
    return Timeline(Simulation::create(registry, sc).value());
}

Action act(const char* json) { return actionFromJson(nlohmann::json::parse(json), "").value(); }

std::int64_t suspects(const Timeline& t, NodeId n) {
    return std::get<std::int64_t>(t.model().probe("suspect_count", n));
}

}  // namespace

TEST_CASE("with a healthy network nobody is suspected", "[ping]") {
    auto t = start({});
    t.seekTime(fromMs(3000));
    for (NodeId n = 0; n < 4; ++n) CHECK(suspects(t, n) == 0);
    CHECK(t.model().violations().empty());
}

TEST_CASE("a partitioned node is suspected by the others, and trusted again after heal", "[ping]") {
    auto t = start({act(R"({"at_ms": 500, "do": "partition", "groups": [["n1","n2","n3"],["n4"]]})"),
                    act(R"({"at_ms": 1500, "do": "heal"})")});
    t.seekTime(fromMs(1400));
    for (NodeId n = 0; n < 3; ++n) CHECK(suspects(t, n) == 1);
    CHECK(suspects(t, 3) == 3);  // the isolated node suspects everyone: it cannot tell either
    t.seekTime(fromMs(2000));
    for (NodeId n = 0; n < 4; ++n) CHECK(suspects(t, n) == 0);
    CHECK(t.model().violations().empty());
}

TEST_CASE("a crashed node is suspected; the crash looks exactly like a partition", "[ping]") {
    auto t = start({act(R"({"at_ms": 500, "do": "crash", "node": "n2"})")});
    t.seekTime(fromMs(1400));
    CHECK(suspects(t, 0) == 1);
    CHECK(suspects(t, 2) == 1);
    CHECK(std::get<bool>(t.model().probe("up", 1)) == false);
}

TEST_CASE("a one-way cut makes only the receiving side suspicious", "[ping]") {
    auto t = start({act(R"({"at_ms": 200, "do": "cut", "from": "n1", "to": "n2"})")});
    t.seekTime(fromMs(1500));
    CHECK(suspects(t, 1) == 1);  // n2 no longer hears n1
    CHECK(suspects(t, 0) == 0);  // n1 still hears n2
}

TEST_CASE("randomized faults over many seeds never break the detector's invariants", "[ping][soak]") {
    const char* faults[] = {
        R"({"do": "partition", "groups": [["n1","n2"],["n3","n4","n5"]]})",
        R"({"do": "heal"})",
        R"({"do": "crash", "node": "n3"})",
        R"({"do": "restart", "node": "n3"})",
        R"({"do": "cut", "from": "n5", "to": "n1"})",
    };
    for (std::uint64_t seed = 1; seed <= 200; ++seed) {
        Rng rng(seed);
        std::vector<Action> actions;
        Time at = 0;
        for (const char* f : faults) {
            at += rng.range(fromMs(50), fromMs(700));
            Action a = act(f);
            a.at = at;
            actions.push_back(a);
        }
        auto t = start(actions, {{"nodes", 5}, {"loss", 0.1}, {"duplicate", 0.05}}, seed);
        t.seekTime(at + fromMs(1000));
        INFO("seed " << seed);
        REQUIRE(t.model().violations().empty());
    }
}

TEST_CASE("the scene shows the silence a node waits out before it suspects a peer", "[ping][view]") {
    // Heartbeats every 100 ms, suspicion after 350 ms of quiet; n4 is cut off at 500 ms.
    auto t = start({act(R"({"at_ms": 500, "do": "partition", "groups": [["n1","n2","n3"],["n4"]]})")});
    const auto quietBadges = [&t](NodeId n) {
        std::vector<std::string> out;
        const View v = t.model().view(t.now());
        for (const Badge& b : v.nodes[static_cast<std::size_t>(n)].badges)
            if (b.label.find(" quiet ") != std::string::npos) out.push_back(b.label);
        return out;
    };
    t.seekTime(fromMs(450));
    CHECK(quietBadges(0).empty());  // a healthy network: heartbeats are never that late
    bool sawQuiet = false;
    for (int ms = 520; ms < 1000 && suspects(t, 0) == 0; ms += 10) {
        t.seekTime(fromMs(ms));
        const auto badges = quietBadges(0);
        if (badges.empty()) continue;
        sawQuiet = true;
        REQUIRE(badges.size() == 1);
        CHECK(badges[0].rfind("n4 quiet ", 0) == 0);  // only n4 is quiet, and n1 says how long
    }
    CHECK(sawQuiet);
    REQUIRE(suspects(t, 0) == 1);
    CHECK(quietBadges(0).empty());  // once suspected, the "? n4" badge says it instead
}

TEST_CASE("the heartbeat rate plotted beside the suspicions is a rate of its own, and a cut halves it", "[ping][metrics]") {
    auto t = start({act(R"({"at_ms": 1000, "do": "partition", "groups": [["n1","n2","n3"],["n4"]]})")});
    const auto rate = [&] { return std::get<std::int64_t>(t.model().probe("heartbeats_delivered_per_second", kNoNode)); };
    t.seekTime(fromMs(990));
    // Four nodes, three peers each, ten heartbeats a second: 120 arrive.
    CHECK(rate() >= 110);
    CHECK(rate() <= 130);
    t.seekTime(fromMs(2500));
    CHECK(rate() >= 55);  // six of the twelve links are cut
    CHECK(rate() <= 65);
    // The first four metrics are the ones plotted: the rate's unit sets it apart from the counts.
    const std::vector<Metric> metrics = t.model().metrics();
    REQUIRE(metrics.size() >= 4);
    CHECK(metrics[0].name == "heartbeats_delivered_per_second");
    CHECK(metrics[0].value == static_cast<double>(rate()));
    CHECK(describeMetric(t.model().info(), metrics[0].name).unit == "per second");
    for (std::size_t i = 1; i < 4; ++i) CHECK(describeMetric(t.model().info(), metrics[i].name).unit.empty());
}
