// Basics: topology, the read path, determinism, errors.
#include <catch2/catch.hpp>

#include "replication_test_util.h"

using namespace repltest;

TEST_CASE("core.replication.nodes are users, replicas and a monitor") {
    Simulation s = make({{"clients", 3}, {"followers", 4}});
    const auto names = s.model().nodeNames();
    const std::vector<std::string> want = {"alice", "bob", "carol", "r1", "r2", "r3", "r4", "r5", "monitor"};
    CHECK(names == want);
    const View v = s.model().view(0);
    CHECK(v.layout == Layout::Tiers);
    CHECK(v.nodes[3].role == "leader");
    CHECK(v.nodes[4].role == "follower");
    CHECK(v.nodes[0].kind == NodeKind::Client);
}

TEST_CASE("core.replication.a lagging follower serves the old value, then the new one") {
    Simulation s = make({{"followers", 1}, {"routing", 1}, {"r2_lag_ms", 100}, {"net_ms", 1}});
    const auto w = doAt(s, 0, R"({"do": "client_write", "node": "alice", "value": 42})");
    runUntilDone(s, w);
    const auto r1 = doAt(s, fromMs(10), R"({"do": "client_read", "node": "bob", "key": "alice"})");
    CHECK(runUntilDone(s, r1).value == 0);
    CHECK(std::get<bool>(s.model().probe("last_stale", kNoNode)));
    CHECK_FALSE(std::get<bool>(s.model().probe("last_flagged", kNoNode)));  // bob never wrote it
    CHECK(num(s, "behind", id(s, "r2")) == 1);
    CHECK(s.model().view(s.now()).nodes[static_cast<std::size_t>(id(s, "r2"))].bars.front().text == "applied up to 0 of 1");
    const auto r2 = doAt(s, fromMs(150), R"({"do": "client_read", "node": "bob", "key": "alice"})");
    CHECK(runUntilDone(s, r2).value == 42);
    CHECK(std::get<std::int64_t>(s.model().probeKey("value", id(s, "r2"), "alice")) == 42);
}

TEST_CASE("core.replication.causal token holds a read until the replica catches up") {
    Simulation s = make({{"followers", 1}, {"routing", 4}, {"r2_lag_ms", 100}, {"net_ms", 1}});
    const auto w = doAt(s, 0, R"({"do": "client_write", "node": "alice", "value": 3})");
    runUntilDone(s, w);
    const auto r = doAt(s, fromMs(5), R"({"do": "client_read", "node": "alice"})");
    const ClientOp done = runUntilDone(s, r);
    CHECK(done.value == 3);
    CHECK(done.complete >= fromMs(101));  // waited for r2 to apply position 1
    CHECK(done.anomalies == 0);
    // With the leader fallback the same read is answered by r1 at once.
    Simulation t = make({{"followers", 1}, {"routing", 4}, {"causal_fallback", 1}, {"r2_lag_ms", 100}, {"net_ms", 1}});
    runUntilDone(t, doAt(t, 0, R"({"do": "client_write", "node": "alice", "value": 3})"));
    const ClientOp quick = runUntilDone(t, doAt(t, fromMs(5), R"({"do": "client_read", "node": "alice"})"));
    CHECK(quick.value == 3);
    CHECK(quick.complete - quick.invoke == fromMs(4));  // to r2 and back, then to r1 and back
    CHECK(quick.replica == id(t, "r1"));
}

TEST_CASE("core.replication.same scenario and seed give the same trace") {
    const ParamValues p{{"clients", 3}, {"followers", 3}, {"client_rate", 25}, {"r2_jitter_ms", 50}, {"routing", 2}};
    const std::vector<Action> script = {at(fromMs(300), R"({"do": "crash", "node": "r1"})"),
                                        at(fromMs(900), R"({"do": "restart", "node": "r1"})")};
    const std::string a = traceText(make(p, 17, script), fromMs(1500));
    const std::string b = traceText(make(p, 17, script), fromMs(1500));
    CHECK(a == b);
    CHECK(a.size() > 1000);
    CHECK(a != traceText(make(p, 18, script), fromMs(1500)));
}

TEST_CASE("core.replication.bad actions say what is wrong") {
    Simulation s = make({});
    REQUIRE(s.schedule(at(0, R"({"do": "crash", "node": "alice"})")).ok());
    REQUIRE(s.schedule(at(0, R"({"do": "client_read", "node": "r1"})")).ok());
    REQUIRE(s.schedule(at(0, R"({"do": "client_write", "node": "bob", "key": "zed"})")).ok());
    REQUIRE(s.schedule(at(0, R"({"do": "failover", "node": "r1"})")).ok());
    runUntil(s, fromMs(10));
    REQUIRE(s.rejected().size() == 4);
    CHECK(s.rejected()[0].message.find("not a replica") != std::string::npos);
    CHECK(s.rejected()[1].message.find("not a user") != std::string::npos);
    CHECK(s.rejected()[2].message.find("unknown key") != std::string::npos);
    CHECK(s.rejected()[3].message.find("not a live follower") != std::string::npos);
}
