#include <catch2/catch.hpp>

#include <cstdlib>

#include "sim/simulation.h"
#include "sim/timeline.h"
#include "test_registry.h"

using namespace sb::core;

namespace {

Timeline start(std::vector<Action> actions, ParamValues params = {}, std::uint64_t seed = 1) {
    Scenario sc;
    sc.topic = "gossip";
    sc.seed = seed;
    sc.params = std::move(params);
    sc.actions = std::move(actions);
    return Timeline(Simulation::create(sb::test::builtinRegistry(), sc).value());
}

Action act(const char* json) { return actionFromJson(nlohmann::json::parse(json), "").value(); }

std::int64_t number(const Timeline& t, const char* probe, NodeId node = kNoNode) {
    return std::get<std::int64_t>(t.model().probe(probe, node));
}

}  // namespace

TEST_CASE("without a stop the rumor reaches every node, each one hop beyond its teller", "[gossip]") {
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        INFO("seed " << seed);
        auto t = start({}, {{"nodes", 16}}, seed);
        t.seekTime(fromMs(5000));
        CHECK(number(t, "informed") == 16);
        CHECK(number(t, "residue") == 0);
        CHECK(number(t, "hops", 0) == 0);
        const std::int64_t hops = number(t, "max_hops");
        CHECK(hops >= 1);
        CHECK(hops <= 15);
        CHECK(t.model().violations().empty());
    }
}

TEST_CASE("a partitioned node stays unaware until the heal, then hears it", "[gossip]") {
    auto t = start({act(R"({"at_ms": 0, "do": "partition", "groups": [["n1","n2","n3","n4"],["n5","n6"]]})"),
                    act(R"({"at_ms": 3000, "do": "heal"})")},
                   {{"nodes", 6}});
    t.seekTime(fromMs(2900));
    CHECK(number(t, "informed") == 4);
    CHECK_FALSE(std::get<bool>(t.model().probe("knows", 4)));
    t.seekTime(fromMs(6000));
    CHECK(number(t, "informed") == 6);
}

TEST_CASE("losing interest after one round leaves some nodes that never hear it", "[gossip]") {
    // Demers et al.: blind counter rumor mongering with k = 1 leaves a sizeable residue.
    std::int64_t residue = 0;
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        auto t = start({}, {{"nodes", 24}, {"stop_after", 1}}, seed);
        t.seek(100000);
        CHECK_FALSE(t.model().nextTime().has_value());  // everyone stopped: the run is over
        CHECK(number(t, "spreading") == 0);
        residue += number(t, "residue");
    }
    CHECK(residue > 0);
}

TEST_CASE("a crashed node keeps the rumor and tells it again after its restart", "[gossip]") {
    auto t = start({act(R"({"at_ms": 0, "do": "crash", "node": "n1"})"),
                    act(R"({"at_ms": 2000, "do": "restart", "node": "n1"})")},
                   {{"nodes", 4}});
    t.seekTime(fromMs(1900));
    CHECK(number(t, "informed") == 1);  // n1 went down before its first round
    t.seekTime(fromMs(4000));
    CHECK(number(t, "informed") == 4);
}

TEST_CASE("under random crashes, cuts and loss the provenance invariant holds", "[gossip]") {
    const char* env = std::getenv("GOSSIP_SOAK_SEEDS");
    const std::uint64_t seeds = env ? std::strtoull(env, nullptr, 10) : 30;
    for (std::uint64_t seed = 1; seed <= seeds; ++seed) {
        INFO("seed " << seed);
        Rng rng(seed);
        std::vector<Action> actions;
        for (int i = 0; i < 6; ++i) {
            const auto at = rng.range(0, 3000);
            const auto node = "n" + std::to_string(rng.range(1, 8));
            nlohmann::json j = {{"at_ms", at}, {"node", node}};
            j["do"] = i % 3 == 0 ? "crash" : i % 3 == 1 ? "restart" : "tell";
            actions.push_back(actionFromJson(j, "").value());
        }
        actions.push_back(act(R"({"at_ms": 500, "do": "cut", "from": "n2", "to": "n3"})"));
        auto t = start(std::move(actions), {{"nodes", 8}, {"loss", 0.3}, {"fanout", 2}, {"stop_after", 5}}, seed);
        t.seekTime(fromMs(6000));
        CHECK(t.model().violations().empty());
    }
}

TEST_CASE("fanout changes during a run through the parameter binding; nodes does not", "[gossip]") {
    auto t = start({}, {{"nodes", 8}});
    Action more = act(R"({"do": "set", "param": "fanout", "value": 3})");
    CHECK(t.act(more).ok());
    Action resize = act(R"({"do": "set", "param": "nodes", "value": 9})");
    CHECK(t.act(resize).ok());  // accepted by the timeline, refused by the model when applied
    t.seekTime(fromMs(500));
    REQUIRE(t.sim().rejected().size() == 1);
    CHECK(t.sim().rejected().front().message.find("cannot change during a run") != std::string::npos);
}
