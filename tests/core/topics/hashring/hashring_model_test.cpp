// The hashring model through its public interface: actions, probes, events, invariants.
#include <catch2/catch.hpp>

#include "hashring_test_util.h"
#include "sim/model_capabilities.h"
#include "sim/registry.h"
#include "sim/simulation.h"
#include "sim/timeline.h"

using namespace sb::core;
using namespace sb::core::hashring;
using namespace sb::core::hashring::test;

namespace {

Timeline timeline(ParamValues params, std::vector<Action> actions, std::uint64_t seed = 1) {
    TopicRegistry registry;
    registerBuiltinTopics(registry);
    Scenario sc;
    sc.topic = "hashring";
    sc.seed = seed;
    sc.params = std::move(params);
    sc.actions = std::move(actions);
    return Timeline(Simulation::create(registry, sc).value());
}

Action parse(const char* json) { return actionFromJson(nlohmann::json::parse(json), "").value(); }

}  // namespace

TEST_CASE("the topic is registered with its params, probes and event kinds", "[hashring]") {
    TopicRegistry registry;
    registerBuiltinTopics(registry);
    const TopicInfo* info = registry.find("hashring");
    REQUIRE(info);
    CHECK(info->params.find("mode")->choices.size() == 4);
    CHECK(info->eventKinds == std::vector<std::string>{"action", "rebalance", "move", "request", "replica"});
    CHECK(registry.create("hashring")->nodeNames().size() == 64);
}

TEST_CASE("a loader gets the node names without the key table being built, the same as after a reset", "[hashring]") {
    TopicRegistry registry;
    registerBuiltinTopics(registry);
    const TopicInfo* info = registry.find("hashring");
    REQUIRE(info);
    for (const double keys : {0.0, 40.0, 100000.0}) {
        const ParamValues params = info->params.complete({{"keys", keys}, {"vnodes", 100}}).value();
        auto checked = registry.create("hashring");
        const auto* cheap = dynamic_cast<const NamesFromParams*>(checked.get());
        REQUIRE(cheap);
        const auto names = cheap->namesFor(params);
        REQUIRE(names);
        auto run = registry.create("hashring");
        REQUIRE(run->reset(params, 3));
        CHECK(names.value() == run->nodeNames());
    }
}

TEST_CASE("adding a node reports moves only to it, with events per moved key", "[hashring]") {
    auto t = timeline({{"nodes", 4}, {"vnodes", 50}, {"keys", 200}},
                      {parse(R"({"at_ms": 10, "do": "add_node", "node": "n5"})")});
    t.seekTime(fromMs(20));
    const auto& m = dynamic_cast<const HashringModel&>(t.model());
    const auto moved = std::get<std::int64_t>(m.probe("moved_keys", kNoNode));
    CHECK(moved > 0);
    CHECK(std::get<std::int64_t>(m.probe("moved_to", 4)) == moved);
    CHECK(std::get<std::int64_t>(m.probe("moved_between_old", kNoNode)) == 0);
    std::size_t moves = 0, rebalances = 0;
    for (const Event& e : t.trace()) {
        if (e.is("move")) {
            ++moves;
            CHECK(e.peer == 4);
        }
        if (e.is("rebalance")) ++rebalances;
    }
    CHECK(moves == static_cast<std::size_t>(moved));
    CHECK(rebalances == 1);
    CHECK(m.violations().empty());
}

TEST_CASE("modulo hashing moves most keys between old nodes, and that is no violation", "[hashring]") {
    auto m = makeModel({{"mode", 0}, {"nodes", 4}, {"keys", 10000}});
    REQUIRE(act(m, R"({"do": "add_node"})"));
    CHECK(probeReal(m, "moved_fraction") == Approx(0.8).epsilon(0.03));
    CHECK(probeInt(m, "moved_between_old") > 5000);
    CHECK(m.violations().empty());
}

TEST_CASE("failing a node with one vnode doubles one neighbour; many vnodes spread the load", "[hashring]") {
    for (int v : {1, 200}) {
        INFO("V = " << v);
        auto m = makeModel({{"nodes", 8}, {"vnodes", v}, {"keys", 40000}});
        REQUIRE(act(m, R"({"do": "fail", "node": "n3"})"));
        CHECK(probeInt(m, "keys_on", 2) == 0);
        CHECK(std::get<bool>(m.probe("up", 2)) == false);
        CHECK(std::get<bool>(m.probe("member", 2)) == true);
        int receivers = 0;
        for (NodeId n = 0; n < 8; ++n)
            if (probeInt(m, "moved_to", n) > 0) ++receivers;
        if (v == 1) CHECK(receivers == 1);
        else CHECK(receivers == 7);
        REQUIRE(act(m, R"({"do": "recover", "node": "n3"})"));
        CHECK(probeInt(m, "moved_to", 2) == probeInt(m, "moved_keys"));
        CHECK(m.violations().empty());
    }
}

TEST_CASE("lookup probes follow the named key across membership changes", "[hashring]") {
    auto m = makeModel({{"nodes", 3}, {"vnodes", 1}, {"keys", 30}, {"replication", 2}});
    REQUIRE(act(m, R"({"do": "lookup", "key": "k7"})"));
    const std::string owner = probeText(m, "lookup_owner");
    CHECK(owner.size() >= 2);
    CHECK(probeText(m, "lookup_replicas").rfind(owner + ",", 0) == 0);
    CHECK(probeInt(m, "lookup_cost") >= 1);
    CHECK(!act(m, R"({"do": "lookup", "key": "nope"})"));
    // Remove the owner: the key must move, and the probe follows it.
    const std::string remove = R"({"do": "remove_node", "node": ")" + owner + R"("})";
    REQUIRE(act(m, remove));
    CHECK(probeText(m, "lookup_owner") != owner);
    CHECK(std::get<bool>(m.probe("lookup_moved", kNoNode)) == true);
    CHECK(m.violations().empty());
}

TEST_CASE("insert adds a named key with an owner", "[hashring]") {
    auto m = makeModel({{"nodes", 3}, {"keys", 0}});
    REQUIRE(act(m, R"({"do": "insert", "key": "user:42"})"));
    CHECK(probeInt(m, "keys_total") == 1);
    CHECK(!act(m, R"({"do": "insert", "key": "user:42"})"));
    REQUIRE(act(m, R"({"do": "lookup", "key": "user:42"})"));
    CHECK(!probeText(m, "lookup_owner").empty());
}

TEST_CASE("a hot key loads one node whatever the vnodes; spreading reads over replicas divides it",
          "[hashring]") {
    auto t = timeline({{"nodes", 6}, {"vnodes", 100}, {"keys", 1000}, {"replication", 3}},
                      {parse(R"({"at_ms": 0, "do": "traffic", "requests": 300})"),
                       parse(R"({"at_ms": 0, "do": "traffic", "key": "k1", "requests": 700})")});
    t.seekTime(fromMs(2000));
    const auto& m = t.model();
    CHECK(std::get<std::int64_t>(m.probe("requests_total", kNoNode)) == 1000);
    CHECK(std::get<double>(m.probe("hot_share", kNoNode)) > 0.7);
    auto spread = timeline({{"nodes", 6}, {"vnodes", 100}, {"keys", 1000}, {"replication", 3}},
                           {parse(R"({"at_ms": 0, "do": "traffic", "key": "k1", "requests": 900, "spread": true})")});
    spread.seekTime(fromMs(2000));
    CHECK(std::get<double>(spread.model().probe("hot_share", kNoNode)) == Approx(1.0 / 3).epsilon(0.01));
}

TEST_CASE("impossible changes are refused", "[hashring]") {
    auto m = makeModel({{"nodes", 1}});
    CHECK(!act(m, R"({"do": "remove_node", "node": "n1"})"));
    CHECK(!act(m, R"({"do": "fail", "node": "n1"})"));
    CHECK(!act(m, R"({"do": "add_node", "node": "n1"})"));
    CHECK(!act(m, R"({"do": "remove_node", "node": "n9"})"));
    CHECK(!act(m, R"({"do": "set_vnodes", "node": "n1", "vnodes": 0})"));
    CHECK(!act(m, R"({"do": "set", "param": "keys", "value": 3})"));
    CHECK(act(m, R"({"do": "add_node", "vnodes": 10, "weight": 2.5})"));
    CHECK(probeInt(m, "nodes_live") == 2);
}

TEST_CASE("weights and vnode changes move keys only to or from that node", "[hashring]") {
    for (int mode : {1, 2}) {
        auto m = makeModel({{"mode", mode}, {"nodes", 5}, {"vnodes", 40}, {"keys", 20000}});
        REQUIRE(act(m, R"({"do": "set_weight", "node": "n2", "weight": 3})"));
        CHECK(probeInt(m, "moved_to", 1) == probeInt(m, "moved_keys"));
        CHECK(probeReal(m, "load_ratio", 1) == Approx(3.0 * 5 / 7).epsilon(0.2));
        CHECK(probeReal(m, "fair_ratio", 1) == Approx(1.0).epsilon(0.2));
        REQUIRE(act(m, R"({"do": "set_weight", "node": "n2", "weight": 0.5})"));
        CHECK(probeInt(m, "moved_from", 1) == probeInt(m, "moved_keys"));
        CHECK(m.violations().empty());
    }
    auto ring = makeModel({{"nodes", 5}, {"vnodes", 10}, {"keys", 5000}});
    REQUIRE(act(ring, R"({"do": "set_vnodes", "node": "n4", "vnodes": 100})"));
    CHECK(probeInt(ring, "moved_to", 3) == probeInt(ring, "moved_keys"));
    REQUIRE(act(ring, R"({"do": "set_vnodes", "vnodes": 300})"));
    CHECK(probeInt(ring, "vnodes_total") == 1500);
    CHECK(ring.violations().empty());
}

TEST_CASE("random membership churn never breaks an invariant in any consistent mode", "[hashring][soak]") {
    const char* ops[] = {"add_node", "remove_node", "fail", "recover", "set_vnodes", "set_weight"};
    for (int mode : {1, 2, 3}) {
        for (std::uint64_t seed = 1; seed <= 15; ++seed) {
            auto m = makeModel({{"mode", mode}, {"nodes", 6}, {"vnodes", 8}, {"keys", 2000}, {"replication", 3}}, seed);
            Rng rng(seed);
            for (int i = 0; i < 40; ++i) {
                const char* op = ops[rng.range(0, 5)];
                const std::string node = Placement::slotName(static_cast<int>(rng.range(0, 8)));
                nlohmann::json j = {{"do", op}, {"node", node}};
                if (std::string(op) == "set_vnodes") j["vnodes"] = rng.range(1, 30);
                if (std::string(op) == "set_weight") j["weight"] = 0.5 + static_cast<double>(rng.range(0, 4));
                (void)act(m, j.dump());  // refused changes are fine; broken invariants are not
                if (probeInt(m, "moved_keys") > 0 && mode != 0) CHECK(probeInt(m, "moved_between_old") == 0);
            }
            INFO("mode " << mode << " seed " << seed);
            std::string found;
            for (const auto& v : m.violations()) found += v.invariant + ": " + v.detail + "\n";
            INFO(found);
            CHECK(m.violations().empty());
        }
    }
}

TEST_CASE("same seed, same trace; stepping back restores the state exactly", "[hashring][determinism]") {
    auto run = [](std::uint64_t seed) {
        auto t = timeline({{"nodes", 5}, {"vnodes", 20}, {"keys", 100}},
                          {parse(R"({"at_ms": 5, "do": "add_node"})"), parse(R"({"at_ms": 6, "do": "traffic", "requests": 50})"),
                           parse(R"({"at_ms": 30, "do": "fail", "node": "n2"})")}, seed);
        t.seekTime(fromMs(100));
        return t;
    };
    auto a = run(4);
    auto b = run(4);
    REQUIRE(a.trace().size() == b.trace().size());
    CHECK(a.trace() == b.trace());
    const auto reqs = std::get<std::int64_t>(a.model().probe("requests_on", 0));
    const auto keys = std::get<std::int64_t>(a.model().probe("keys_on", 0));
    a.seek(3);
    a.seekTime(fromMs(100));
    CHECK(std::get<std::int64_t>(a.model().probe("requests_on", 0)) == reqs);
    CHECK(std::get<std::int64_t>(a.model().probe("keys_on", 0)) == keys);
    CHECK(run(5).trace() != a.trace());
}

TEST_CASE("the view draws a ring: key dots for few keys, a density band for many", "[hashring][view]") {
    auto small = makeModel({{"nodes", 3}, {"vnodes", 4}, {"keys", 50}});
    View v = small.view(0);
    CHECK(v.layout == Layout::Ring);
    REQUIRE(v.ring);
    CHECK(v.ring->vnodes.size() == 12);
    CHECK(v.ring->keys.size() == 50);
    CHECK(v.nodes.size() == 3);
    auto big = makeModel({{"nodes", 3}, {"keys", 100000}});
    v = big.view(0);
    CHECK(v.ring->keys.empty());
    CHECK(v.ring->density.size() == 256);
    CHECK(!small.inspectNode(0).empty());
    CHECK(!small.metrics().empty());
}

TEST_CASE("events carry the key's number and read as sentences", "[hashring]") {
    auto t = timeline({{"nodes", 3}, {"keys", 20}},
                      {parse(R"({"at_ms": 1, "do": "traffic", "key": "k7", "requests": 1})"),
                       parse(R"({"at_ms": 5, "do": "add_node", "node": "n4"})")});
    t.seekTime(fromMs(10));
    bool sawRequest = false, sawMove = false;
    for (const Event& e : t.trace()) {
        const std::string text = t.model().describe(e);
        if (e.is("request")) {
            sawRequest = true;
            CHECK(e.field("key") == 7);
            CHECK(text.find("request for k7") != std::string::npos);
        }
        if (e.is("move")) {
            sawMove = true;
            CHECK(text.find(" moves from ") != std::string::npos);
            CHECK(text.find(" to n4") != std::string::npos);
        }
    }
    CHECK(sawRequest);
    CHECK(sawMove);
}
