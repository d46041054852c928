// What the hash ring's trace says, for a checker that reads only the trace: a lookup's whole
// preference list, the moves of a change (bounded, and saying so), and what a "set" changed.
#include <catch2/catch.hpp>

#include <set>

#include "sim/registry.h"
#include "sim/simulation.h"
#include "sim/timeline.h"

using namespace sb::core;

namespace {

Timeline run(ParamValues params, const std::vector<const char*>& actions) {
    TopicRegistry registry;
    registerBuiltinTopics(registry);
    Scenario sc;
    sc.topic = "hashring";
    sc.seed = 1;
    sc.params = std::move(params);
    for (const char* a : actions) sc.actions.push_back(actionFromJson(nlohmann::json::parse(a), "").value());
    Timeline t(Simulation::create(registry, sc).value());
    t.seekTime(fromMs(100));
    return t;
}

}  // namespace

TEST_CASE("hashring trace: a lookup lists its replicas, owner first", "[hashring][trace]") {
    const auto t = run({{"nodes", 5}, {"vnodes", 10}, {"keys", 100}, {"replication", 3}},
                       {R"({"at_ms": 10, "do": "lookup", "key": "k7"})"});
    NodeId owner = kNoNode;
    std::vector<NodeId> replicas;
    for (const Event& e : t.trace()) {
        if (e.is("action") && std::string_view(e.detail) == "lookup") owner = e.node;
        if (e.is("replica")) {
            CHECK(e.field("key") == 7);
            CHECK(e.field("rank") == static_cast<std::int64_t>(replicas.size()) + 1);
            replicas.push_back(e.node);
        }
    }
    REQUIRE(replicas.size() == 3);
    CHECK(replicas.front() == owner);
    CHECK(std::set<NodeId>(replicas.begin(), replicas.end()).size() == 3);
    std::string names;
    for (NodeId n : replicas) names += (names.empty() ? "n" : ",n") + std::to_string(n + 1);
    CHECK(std::get<std::string>(t.model().probe("lookup_replicas", kNoNode)) == names);
}

TEST_CASE("hashring trace: a join on many keys lists 512 moves and says how many it listed", "[hashring][trace]") {
    const auto t = run({{"nodes", 4}, {"vnodes", 50}, {"keys", 5000}}, {R"({"at_ms": 10, "do": "add_node"})"});
    std::int64_t moved = 0, listed = -1, moves = 0;
    for (const Event& e : t.trace()) {
        if (e.is("rebalance")) {
            moved = e.field("moved").value_or(0);
            listed = e.field("listed").value_or(-1);
        }
        if (e.is("move")) {
            ++moves;
            CHECK(e.peer == 4);
        }
    }
    CHECK(moved > 512);  // about a fifth of 5000
    CHECK(listed == 512);
    CHECK(moves == listed);
}

TEST_CASE("hashring trace: a set names the parameter and its new value", "[hashring][trace]") {
    const auto t = run({{"nodes", 4}, {"keys", 50}}, {R"({"at_ms": 10, "do": "set", "param": "replication", "value": 3})"});
    bool seen = false;
    for (const Event& e : t.trace()) {
        if (!e.is("action") || std::string_view(e.detail) != "set") continue;
        seen = true;
        CHECK(e.field("replication") == 3);
        CHECK_FALSE(e.field("scale"));
    }
    CHECK(seen);
}
