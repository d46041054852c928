// Failover: what async loses and sync keeps, sticky routing until the follower set changes,
// fencing against a returning old leader, and logs applied in order.
#include <catch2/catch.hpp>

#include "replication_test_util.h"

using namespace repltest;

namespace {

enum ModeIx { kAsync = 0, kSemi = 1, kSync = 2 };

ParamValues failoverParams(int mode) {
    return {{"followers", 2}, {"replication_mode", static_cast<double>(mode)}, {"r2_lag_ms", 50},
            {"r3_lag_ms", 300}, {"detect_ms", 200}, {"net_ms", 1}};
}

bool isPrefix(const std::vector<replication::Entry>& a, const std::vector<replication::Entry>& b) {
    if (a.size() > b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].writeId != b[i].writeId) return false;
    return true;
}

}  // namespace

TEST_CASE("core.replication.async failover loses an acknowledged write the followers lacked") {
    Simulation s = make(failoverParams(kAsync));
    const auto w = doAt(s, 0, R"({"do": "client_write", "node": "alice", "value": 5})");
    CHECK(runUntilDone(s, w).outcome == replication::Outcome::Ok);  // acked at once
    REQUIRE(s.schedule(at(fromMs(10), R"({"do": "crash", "node": "r1"})")).ok());
    runUntil(s, fromMs(1000));
    const auto& m = model(s);
    CHECK(s.model().probe("leader", kNoNode) == ProbeValue{std::string("r2")});
    CHECK(num(s, "lost_writes") == 1);
    CHECK(m.history()[0].anomalies & replication::kLostWrite);
    CHECK(std::get<double>(s.model().probe("time_to_recover_ms", kNoNode)) == 200.0);
    CHECK(s.model().violations().empty());  // losing async writes is the lesson, not a model bug
    // Her next read does not find her write: a read-your-writes break caused by the failover.
    const auto r = doAt(s, fromMs(1000), R"({"do": "client_read", "node": "alice"})");
    CHECK(runUntilDone(s, r).value == 0);
    CHECK(model(s).history()[static_cast<std::size_t>(r - 1)].anomalies & replication::kReadYourWrites);
}

TEST_CASE("core.replication.sync and semi-sync acknowledge only what survives promoting the most caught-up") {
    for (int mode : {kSemi, kSync}) {
        Simulation s = make(failoverParams(mode));
        const auto w = doAt(s, 0, R"({"do": "client_write", "node": "alice", "value": 5})");
        const ClientOp done = runUntilDone(s, w);
        // The write waits for r2 (semi-sync, 50 ms) or r3 too (sync, 300 ms).
        CHECK(done.complete - done.invoke >= fromMs(mode == kSync ? 300 : 50));
        REQUIRE(s.schedule(at(done.complete + fromMs(1), R"({"do": "crash", "node": "r1"})")).ok());
        runUntil(s, fromMs(1500));
        CHECK(num(s, "lost_writes") == 0);
        CHECK(num(s, "failovers") == 1);
    }
}

TEST_CASE("core.replication.randomized crashes: sync never loses, async does when a follower lags") {
    std::int64_t lostAsync = 0, lostSync = 0, failovers = 0;
    for (int i = 0; i < 150 * soak(); ++i) {
        for (int mode : {kAsync, kSync}) {
            ParamValues p = failoverParams(mode);
            p["clients"] = 3;
            p["client_rate"] = 30;
            p["r2_jitter_ms"] = 40;
            Rng rng(static_cast<std::uint64_t>(i) + 99);
            const Time crash = fromMs(rng.range(100, 600));
            Simulation s = make(p, static_cast<std::uint64_t>(i) + 1, {at(crash, R"({"do": "crash", "node": "r1"})")});
            runUntil(s, fromMs(1500));
            (mode == kAsync ? lostAsync : lostSync) += num(s, "lost_writes");
            failovers += num(s, "failovers");
            REQUIRE(s.model().violations().empty());
        }
    }
    CHECK(failovers == 300 * soak());
    CHECK(lostSync == 0);
    CHECK(lostAsync > 0);
}

TEST_CASE("core.replication.sticky routing keeps monotonic reads until a failover moves the sessions") {
    std::int64_t beforeSticky = 0, beforeRandom = 0, afterSticky = 0;
    for (int i = 0; i < 200 * soak(); ++i) {
        for (int routing : {1, 2}) {
            ParamValues p{{"clients", 4}, {"followers", 3}, {"routing", static_cast<double>(routing)},
                          {"client_rate", 40}, {"read_fraction", 0.8}, {"own_key_fraction", 0.3},
                          {"r2_lag_ms", 10}, {"r3_lag_ms", 150}, {"r4_lag_ms", 60}, {"r4_jitter_ms", 60},
                          {"detect_ms", 50}};
            Simulation s = make(p, static_cast<std::uint64_t>(i) + 1, {at(fromMs(500), R"({"do": "crash", "node": "r1"})")});
            runUntil(s, fromMs(499));
            const auto before = num(s, "monotonic_read_violations");
            (routing == 2 ? beforeSticky : beforeRandom) += before;
            runUntil(s, fromMs(1200));
            if (routing == 2) afterSticky += num(s, "monotonic_read_violations") - before;
            REQUIRE(s.model().violations().empty());
        }
    }
    CHECK(beforeSticky == 0);
    CHECK(beforeRandom > 0);
    CHECK(afterSticky > 0);  // the follower set changed: some users now read a replica further behind
}

TEST_CASE("core.replication.fencing turns a returning old leader into a follower; without it, split brain") {
    for (bool fencing : {true, false}) {
        ParamValues p = failoverParams(kAsync);
        p["fencing"] = fencing ? 1 : 0;
        Simulation s = make(p, 3, {at(fromMs(10), R"({"do": "crash", "node": "r1"})"),
                                   at(fromMs(600), R"({"do": "restart", "node": "r1"})")});
        runUntil(s, fromMs(700));
        const auto w = doAt(s, fromMs(700), R"({"do": "client_write", "node": "alice", "value": 9})");
        runUntilDone(s, w);
        runUntil(s, fromMs(1500));
        const auto& m = model(s);
        const NodeId r1 = id(s, "r1");
        CHECK(m.leader() == id(s, "r2"));
        if (fencing) {
            CHECK(s.model().violations().empty());
            CHECK(std::get<std::string>(s.model().probe("role", r1)) == "follower");
            CHECK(num(s, "leaders_up") == 1);
            CHECK(m.log(r1).size() == m.log(m.leader()).size());
        } else {
            CHECK(num(s, "leaders_up") == 2);
            CHECK(s.model().violations().empty());  // asked for: an anomaly, not a model bug
            CHECK(num(s, "split_brain_writes") == 1);
            CHECK(num(s, "lost_writes") == 1);
            REQUIRE_FALSE(m.log(r1).empty());
            CHECK(m.log(r1).back().writeId == w);  // r1 took the write...
            for (const auto& e : m.log(m.leader())) CHECK(e.writeId != w);  // ...the real leader never sees
        }
    }
}

TEST_CASE("core.replication.replicas apply the leader's log in order under jitter, spikes and failovers") {
    for (int i = 0; i < 100 * soak(); ++i) {
        Rng rng(static_cast<std::uint64_t>(i) + 5);
        ParamValues p{{"clients", 3}, {"followers", 3}, {"client_rate", 30}, {"r2_jitter_ms", 80},
                      {"r3_jitter_ms", 200}, {"r4_lag_ms", 5}, {"r4_jitter_ms", 30},
                      {"replication_mode", static_cast<double>(rng.range(0, 2))}};
        std::vector<Action> script = {
            at(fromMs(rng.range(50, 300)), R"({"do": "lag_spike", "node": "r3", "extra_ms": 300, "duration_ms": 200})"),
            at(fromMs(rng.range(300, 700)), R"({"do": "crash", "node": "r1"})"),
            at(fromMs(rng.range(900, 1200)), R"({"do": "restart", "node": "r1"})"),
            at(fromMs(1600), R"({"do": "set", "param": "client_rate", "value": 0})"),
        };
        Simulation s = make(p, static_cast<std::uint64_t>(i) + 1, script);
        runUntil(s, fromMs(5000));
        REQUIRE(s.model().violations().empty());
        const auto& m = model(s);
        const auto& lead = m.log(m.leader());
        for (const char* r : {"r1", "r2", "r3", "r4"}) {
            INFO("seed " << i + 1 << ", " << r << " against the leader " << s.model().nodeNames()[static_cast<std::size_t>(m.leader())]);
            CHECK(isPrefix(m.log(id(s, r)), lead));
            CHECK(m.log(id(s, r)).size() == lead.size());  // all caught up once quiet
        }
    }
}

TEST_CASE("core.replication.fencing cannot stop an old leader that nobody of the new epoch reaches") {
    // bob and r1 are cut off from the rest while r2 is promoted, so bob never hears of epoch 2
    // and r1 returns to a partition where nobody knows of it: epochs fence only where they are
    // checked (Kleppmann, DDIA ch. 8), so r1 acknowledges bob's write alone in async mode.
    Simulation s = make(failoverParams(kAsync), 3,
                        {at(fromMs(10), R"({"do": "crash", "node": "r1"})"),
                         at(fromMs(20), R"({"do": "partition", "groups": [["bob", "r1"], ["alice", "r2", "r3"]]})"),
                         at(fromMs(600), R"({"do": "restart", "node": "r1"})")});
    runUntil(s, fromMs(700));
    const NodeId r1 = id(s, "r1");
    REQUIRE(model(s).leader() == id(s, "r2"));
    const auto w = doAt(s, fromMs(700), R"({"do": "client_write", "node": "bob", "value": 4})");
    CHECK(runUntilDone(s, w).outcome == replication::Outcome::Ok);
    CHECK(model(s).history()[static_cast<std::size_t>(w - 1)].replica == r1);
    CHECK(num(s, "split_brain_writes") == 1);
    CHECK(num(s, "leaders_up") == 2);
    CHECK(s.model().violations().empty());  // no fence was crossed: r1 never heard of epoch 2
    // Once alice (who knows epoch 2) reads from r1, it is fenced and stops accepting writes.
    REQUIRE(s.schedule(at(fromMs(800), R"({"do": "heal"})")).ok());
    runUntil(s, fromMs(1500));
    const auto r = doAt(s, fromMs(1500), R"({"do": "client_read", "node": "alice", "replica": "r1"})");
    runUntilDone(s, r);
    runUntil(s, fromMs(2000));
    CHECK(std::get<std::string>(s.model().probe("role", r1)) == "follower");
    CHECK(s.model().violations().empty());
}

TEST_CASE("core.replication.a follower that has heard of a newer epoch refuses the deposed leader's entries") {
    // r2 is promoted, and its Syncs to r1 and r3 and its Announce to alice are lost (messages 6,
    // 7, 8): r1 still leads epoch 1 for alice, r3 gets no new log. bob, who heard the Announce,
    // reads from r3, so r3 has now heard of epoch 2. alice's next write goes to r1, whose stream
    // (and the first write's) reach r3 300 ms later: fencing by epoch refuses them and tells r1 (Zab: a follower that has
    // accepted a new epoch takes no proposal of an older one), where r3 used to apply it as if r1
    // still led (tests/core/verify/data/replication_old_epoch.jsonl is that run's trace).
    Simulation s = make(failoverParams(kAsync), 1,
                        {at(0, R"({"do": "client_write", "node": "alice", "value": 1})"),
                         at(fromMs(100), R"({"do": "failover", "node": "r2"})"),
                         at(fromMs(100), R"({"do": "drop", "msg": 6})"),
                         at(fromMs(100), R"({"do": "drop", "msg": 7})"),
                         at(fromMs(100), R"({"do": "drop", "msg": 8})"),
                         at(fromMs(110), R"({"do": "client_read", "node": "bob", "replica": "r3"})"),
                         at(fromMs(120), R"({"do": "client_write", "node": "alice", "value": 7})")});
    runUntil(s, fromMs(1000));
    REQUIRE(s.rejected().empty());
    const auto& m = model(s);
    REQUIRE(m.history().size() == 3);
    CHECK(m.history()[2].outcome == replication::Outcome::Ok);  // r1 still believed it led
    REQUIRE(m.leader() == id(s, "r2"));
    // Nothing of epoch 1 arrives at r3 before bob's read, so it takes nothing from r1, not even
    // the first write: that one is in r2's log, which r3 is to adopt.
    CHECK(m.log(id(s, "r3")).empty());
    CHECK(s.model().probe("role", id(s, "r1")) == ProbeValue{std::string("follower")});  // r3's refusal fenced it
    CHECK(s.model().violations().empty());
}

TEST_CASE("core.replication.sync keeps a write on the followers it waited for, not on one that was down") {
    // r3 is down when alice writes, so sync waits for r2 alone (PostgreSQL would wait for r3, or
    // for num_sync standbys, instead). Then r2 and the leader crash, r3 returns and is the only
    // follower left to promote: the write is lost, and that breaks nothing sync promised. r2,
    // which held it when it was acknowledged, would have kept it.
    Simulation s = make(failoverParams(kSync), 1,
                        {at(0, R"({"do": "crash", "node": "r3"})"),
                         at(fromMs(70), R"({"do": "crash", "node": "r2"})"),
                         at(fromMs(80), R"({"do": "crash", "node": "r1"})"),
                         at(fromMs(150), R"({"do": "restart", "node": "r3"})")});
    const auto w = doAt(s, fromMs(10), R"({"do": "client_write", "node": "alice", "value": 5})");
    const ClientOp done = runUntilDone(s, w);
    CHECK(done.outcome == replication::Outcome::Ok);
    CHECK(done.complete - done.invoke < fromMs(70));  // r2's 50 ms, not r3's 300
    runUntil(s, fromMs(1000));
    CHECK(model(s).leader() == id(s, "r3"));
    CHECK(num(s, "lost_writes") == 1);
    CHECK(s.model().violations().empty());
}

TEST_CASE("core.replication.the banner and the key table say what a failover did, in words") {
    const auto joined = [](const View& v) {
        std::string all;
        for (const auto& a : v.annotations) all += a + "\n";
        return all;
    };
    // Before any write, a key has nothing on any replica: not "on every replica".
    Simulation quiet = make(failoverParams(kAsync));
    const View before = quiet.model().view(0);
    REQUIRE_FALSE(before.keys.empty());
    CHECK(before.keys.front().value == "not written");
    CHECK(before.keys.front().status == "nothing to copy yet");
    // A promotion that kept every acknowledged write says so, not "0 acknowledged writes lost"
    // (beside a key table that may show an earlier failover's losses).
    Simulation clean = make(failoverParams(kSync), 1, {at(fromMs(10), R"({"do": "crash", "node": "r1"})")});
    runUntil(clean, fromMs(1000));
    CHECK_THAT(joined(clean.model().view(clean.now())), Catch::Contains("promoted (epoch 2) with every acknowledged write"));
    // One that lost a write counts it.
    Simulation lossy = make(failoverParams(kAsync));
    const auto w = doAt(lossy, 0, R"({"do": "client_write", "node": "alice", "value": 5})");
    runUntilDone(lossy, w);
    REQUIRE(lossy.schedule(at(fromMs(10), R"({"do": "crash", "node": "r1"})")).ok());
    runUntil(lossy, fromMs(1000));
    const View after = lossy.model().view(lossy.now());
    CHECK_THAT(joined(after), Catch::Contains("promoted (epoch 2): 1 acknowledged write lost"));
    CHECK(after.keys.front().status == "lost: w=5 was acknowledged");
    // A split-brain write is named by its user and value, not by an operation number.
    ParamValues p = failoverParams(kAsync);
    p["fencing"] = 0;
    Simulation split = make(p, 3, {at(fromMs(10), R"({"do": "crash", "node": "r1"})"),
                                   at(fromMs(600), R"({"do": "restart", "node": "r1"})")});
    runUntil(split, fromMs(700));
    runUntilDone(split, doAt(split, fromMs(700), R"({"do": "client_write", "node": "alice", "value": 9})"));
    const View splitView = split.model().view(split.now());
    const std::string banner = joined(splitView);
    CHECK_THAT(banner, Catch::Contains("acknowledged alice's write alice=9 while r2 leads epoch 2"));
    CHECK_THAT(banner, !Catch::Contains("w#"));
    // The old leader's node says it still thinks it leads, with no lag: it follows nobody.
    std::vector<std::string> badges;
    for (const auto& n : splitView.nodes)
        if (n.name == "r1")
            for (const auto& b : n.badges) badges.push_back(b.label);
    CHECK(std::find(badges.begin(), badges.end(), "still thinks it leads") != badges.end());
    CHECK(std::none_of(badges.begin(), badges.end(), [](const std::string& b) { return b.rfind("lag ", 0) == 0; }));
}
