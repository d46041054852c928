// The paper's Figure 7 (follower logs a-f) and Figure 8 (why old-term entries are not
// committed by counting replicas), reproduced exactly with set_log, block and force_timeout.
#include "raft_test_util.h"

using namespace raft_test;

namespace {
const ParamValues kFig7 = {{"nodes", 7}, {"election_timeout_min_ms", 400}, {"election_timeout_max_ms", 600}};
const char* const kLeaderLog = "1,1,1,4,4,5,5,6,6,6";

std::vector<Action> figure7(std::vector<Action> more = {}) {
    // n1 is the leader-to-be; n2..n7 hold the follower logs (a)..(f). Everyone is in term 7.
    std::vector<Action> a{
        act(R"({"at_ms": 0, "do": "set_log", "node": "n1", "terms": "1 1 1 4 4 5 5 6 6 6", "term": 7})"),
        act(R"({"at_ms": 0, "do": "set_log", "node": "n2", "terms": "1 1 1 4 4 5 5 6 6", "term": 7})"),
        act(R"({"at_ms": 0, "do": "set_log", "node": "n3", "terms": "1 1 1 4", "term": 7})"),
        act(R"({"at_ms": 0, "do": "set_log", "node": "n4", "terms": "1 1 1 4 4 5 5 6 6 6 6", "term": 7})"),
        act(R"({"at_ms": 0, "do": "set_log", "node": "n5", "terms": "1 1 1 4 4 5 5 6 6 6 7 7", "term": 7})"),
        act(R"({"at_ms": 0, "do": "set_log", "node": "n6", "terms": "1 1 1 4 4 4 4", "term": 7})"),
        act(R"({"at_ms": 0, "do": "set_log", "node": "n7", "terms": "1 1 1 2 2 2 3 3 3 3 3", "term": 7})"),
        act(R"({"at_ms": 1, "do": "force_timeout", "node": "n1"})"),
    };
    for (auto& x : more) a.push_back(x);
    return a;
}

ParamValues fig8Params(bool unsafe) {
    return {{"election_timeout_min_ms", 400}, {"election_timeout_max_ms", 600},
            {"unsafe_commit_old_terms", unsafe ? 1 : 0}};
}

// The paper's servers S1..S5 are n1..n5 here; the comments and test names keep the paper's names.
// Figure 8 (a) to (c): S1 leads term 2 and reaches only S2; S5 leads term 3 alone; S1 leads
// term 4, brings index 2 to S3 (a majority) and appends a term-4 entry nobody else gets.
std::vector<Action> figure8abc() {
    std::vector<Action> a;
    for (const char* n : {"n1", "n2", "n3", "n4", "n5"})
        a.push_back(act(std::string(R"({"at_ms": 0, "do": "set_log", "terms": "1", "term": 1, "node": ")") + n + "\"}"));
    for (const char* j : {
             R"({"at_ms": 1, "do": "force_timeout", "node": "n1"})",
             R"({"at_ms": 40, "do": "block", "from": "n1", "to": "n3", "kind": "AppendEntries"})",
             R"({"at_ms": 40, "do": "block", "from": "n1", "to": "n4", "kind": "AppendEntries"})",
             R"({"at_ms": 40, "do": "block", "from": "n1", "to": "n5", "kind": "AppendEntries"})",
             R"({"at_ms": 41, "do": "client_write", "node": "n1", "key": 0, "value": 2})",
             R"({"at_ms": 60, "do": "crash", "node": "n1"})",
             R"({"at_ms": 61, "do": "force_timeout", "node": "n5"})",
             R"({"at_ms": 100, "do": "block", "from": "n5", "to": "n1"})",
             R"({"at_ms": 100, "do": "block", "from": "n5", "to": "n2"})",
             R"({"at_ms": 100, "do": "block", "from": "n5", "to": "n3"})",
             R"({"at_ms": 100, "do": "block", "from": "n5", "to": "n4"})",
             R"({"at_ms": 101, "do": "client_write", "node": "n5", "key": 0, "value": 3})",
             R"({"at_ms": 110, "do": "crash", "node": "n5"})",
             R"({"at_ms": 111, "do": "restart", "node": "n1"})",
             R"({"at_ms": 112, "do": "force_timeout", "node": "n1"})",
             R"({"at_ms": 139, "do": "unblock", "from": "n1", "to": "n3"})",
             R"({"at_ms": 140, "do": "force_timeout", "node": "n1"})",
             R"({"at_ms": 299, "do": "block", "from": "n1", "to": "n2", "kind": "AppendEntries"})",
             R"({"at_ms": 299, "do": "block", "from": "n1", "to": "n3", "kind": "AppendEntries"})",
             R"({"at_ms": 300, "do": "client_write", "node": "n1", "key": 0, "value": 4})",
         })
        a.push_back(act(j));
    return a;
}

// (d): S1 crashes, S5 comes back and wins term 5 with S2, S3 and S4, then overwrites index 2.
std::vector<Action> figure8d() {
    auto a = figure8abc();
    for (const char* j : {
             R"({"at_ms": 320, "do": "crash", "node": "n1"})",
             R"({"at_ms": 321, "do": "restart", "node": "n5"})",
             R"({"at_ms": 322, "do": "force_timeout", "node": "n5"})",
             R"({"at_ms": 349, "do": "unblock", "from": "n5", "to": "n2"})",
             R"({"at_ms": 349, "do": "unblock", "from": "n5", "to": "n3"})",
             R"({"at_ms": 349, "do": "unblock", "from": "n5", "to": "n4"})",
             R"({"at_ms": 350, "do": "force_timeout", "node": "n5"})",
         })
        a.push_back(act(j));
    return a;
}
}  // namespace

TEST_CASE("figure 7: the leader for term 8 is elected by a, b, e and f but not c and d", "[raft][figure7]") {
    auto t = start(figure7(), kFig7);
    runTo(t, [](const Event& e) { return e.is("role") && std::string(e.detail) == "leader"; });
    CHECK(str(t, "leader") == "n1");
    CHECK(num(t, "term", 0) == 8);
    std::map<NodeId, std::int64_t> granted;
    for (const auto& e : events(t, "vote")) granted[e.node] = *e.field("granted");
    CHECK(granted[1] == 1);  // (a) is missing an entry: n1 is more up-to-date
    CHECK(granted[2] == 1);  // (b)
    CHECK(granted[5] == 1);  // (e)
    CHECK(granted[6] == 1);  // (f)
    CHECK(noViolations(t));
}

TEST_CASE("figure 7: missing entries are filled in, extra uncommitted ones are kept until they conflict",
          "[raft][figure7][5.3]") {
    auto t = start(figure7({act(R"({"at_ms": 500, "do": "client_write", "node": "n1", "key": 0, "value": 8})")}),
                   kFig7);
    t.seekTime(fromMs(490));
    CHECK(str(t, "log", 1) == kLeaderLog);  // (a) missing one entry
    CHECK(str(t, "log", 2) == kLeaderLog);  // (b) missing six
    CHECK(str(t, "log", 3) == std::string(kLeaderLog) + ",6");    // (c) extra entry, no conflict yet
    CHECK(str(t, "log", 4) == std::string(kLeaderLog) + ",7,7");  // (d) extra entries, no conflict yet
    CHECK(str(t, "log", 5) == kLeaderLog);  // (e) term-4 entries 6 and 7 replaced
    CHECK(str(t, "log", 6) == kLeaderLog);  // (f) terms 2 and 3 replaced from index 4
    // Every follower now matches index 10, but nothing from term 8 exists: no commit (§5.4.2).
    CHECK(num(t, "commit_index", 0) == 0);
    t.seekTime(fromMs(700));
    const std::string withWrite = std::string(kLeaderLog) + ",8";
    for (NodeId n = 0; n < 7; ++n) {
        INFO("n" << n + 1);
        CHECK(str(t, "log", n) == withWrite);
    }
    CHECK(num(t, "commit_index", 0) == 11);
    CHECK(events(t, "truncate").size() == 4);  // (c), (d), (e) and (f)
    CHECK(noViolations(t));
}

TEST_CASE("figure 7 (f): the conflict-term hint needs far fewer AppendEntries than plain backoff",
          "[raft][figure7][5.3]") {
    auto probes = [](double optimised) {
        ParamValues p = kFig7;
        p["conflict_term_backoff"] = optimised;
        auto t = start(figure7(), p);
        t.seekTime(fromMs(490));
        CHECK(str(t, "log", 6) == kLeaderLog);
        std::size_t sent = 0;
        for (const auto& e : events(t, "send", "AppendEntries"))
            if (e.node == 0 && e.peer == 6) ++sent;
        return sent;
    };
    const auto plain = probes(0);
    const auto hinted = probes(1);
    CHECK(hinted + 5 <= plain);
}

TEST_CASE("figure 8: S1 in term 4 does not commit the term-2 entry it brought to a majority",
          "[raft][figure8][5.4.2]") {
    auto t = start(figure8abc(), fig8Params(false));
    t.seekTime(fromMs(299));
    CHECK(str(t, "leader") == "n1");
    CHECK(num(t, "term", 0) == 4);
    CHECK(str(t, "log", 0) == "1,2");
    CHECK(str(t, "log", 1) == "1,2");
    CHECK(str(t, "log", 2) == "1,2");
    CHECK(str(t, "log", 3) == "1");
    CHECK(str(t, "log", 4) == "1,3");
    CHECK(num(t, "commit_index", 0) == 0);
    t.seekTime(fromMs(319));
    CHECK(str(t, "log", 0) == "1,2,4");
    CHECK(num(t, "committed") == 0);
    CHECK(noViolations(t));
}

TEST_CASE("figure 8 (d): S5 may then overwrite index 2, which is safe because it was never committed",
          "[raft][figure8][5.4.2]") {
    auto a = figure8d();
    a.push_back(act(R"({"at_ms": 500, "do": "client_write", "node": "n5", "key": 1, "value": 5})"));
    auto t = start(a, fig8Params(false));
    t.seekTime(fromMs(480));
    CHECK(str(t, "leader") == "n5");
    CHECK(num(t, "term", 4) == 5);
    for (NodeId n = 1; n < 4; ++n) CHECK(str(t, "log", n) == "1,3");
    CHECK(num(t, "committed") == 0);
    t.seekTime(fromMs(700));
    CHECK(str(t, "committed_log") == "1,3,5");
    CHECK(noViolations(t));
}

TEST_CASE("figure 8 (e): once S1 replicates its term-4 entry to a majority, index 2 commits with it",
          "[raft][figure8][5.4.2]") {
    auto a = figure8abc();
    a.push_back(act(R"({"at_ms": 320, "do": "unblock", "from": "n1", "to": "n2"})"));
    a.push_back(act(R"({"at_ms": 320, "do": "unblock", "from": "n1", "to": "n3"})"));
    auto t = start(a, fig8Params(false));
    t.seekTime(fromMs(500));
    CHECK(num(t, "commit_index", 0) == 3);
    CHECK(str(t, "committed_log") == "1,2,4");
    CHECK(noViolations(t));
}

TEST_CASE("figure 8 with unsafe_commit_old_terms: index 2 commits, is overwritten, and the invariants fire",
          "[raft][figure8][5.4.2]") {
    auto t = start(figure8d(), fig8Params(true));
    t.seekTime(fromMs(299));
    CHECK(num(t, "commit_index", 0) == 2);  // counted replicas of a term-2 entry in term 4
    CHECK(str(t, "committed_log") == "1,2");
    CHECK(t.model().violations().empty());
    t.seekTime(fromMs(700));
    CHECK(str(t, "leader") == "n5");
    std::set<std::string> names;
    for (const auto& v : t.model().violations()) names.insert(v.invariant);
    CHECK(names.count("leader completeness") == 1);
    CHECK(names.count("state machine safety") == 1);
    CHECK(str(t, "violation") == "leader completeness");
}

TEST_CASE("figure 8 over 40 seeds: the safe rule never commits index 2 early and the unsafe one is always caught",
          "[raft][figure8][5.4.2]") {
    for (std::uint64_t seed = 1; seed <= 40; ++seed) {
        INFO("seed " << seed);
        auto safe = start(figure8d(), fig8Params(false), seed);
        safe.seekTime(fromMs(700));
        CHECK(str(safe, "committed_log") == "");
        CHECK(noViolations(safe));
        auto unsafe = start(figure8d(), fig8Params(true), seed);
        unsafe.seekTime(fromMs(700));
        CHECK(unsafe.model().violations().size() >= 2);
    }
}
