// One test per rule of the Raft paper (Ongaro & Ousterhout 2014), named after its section, in
// the manner of etcd's raft_paper_test.go. Most tests use long election timeouts and
// force_timeout so that exactly the server the test names starts each election.
#include "raft_test_util.h"

using namespace raft_test;

namespace {
// Long timeouts: nobody times out on its own within the first second.
const ParamValues kQuiet = {{"election_timeout_min_ms", 1000}, {"election_timeout_max_ms", 2000}};

Timeline electedN1(std::vector<Action> more = {}, ParamValues params = kQuiet) {
    std::vector<Action> actions{act(R"({"at_ms": 1, "do": "force_timeout", "node": "n1"})")};
    for (auto& a : more) actions.push_back(a);
    auto t = start(actions, params);
    runTo(t, [](const Event& e) { return e.is("role") && std::string(e.detail) == "leader"; });
    return t;
}
}  // namespace

TEST_CASE("5.2 a follower that hears nothing becomes candidate and increments its term", "[raft][paper]") {
    auto t = start({});
    const Event e = runTo(t, [](const Event& ev) { return ev.is("role"); });
    CHECK(std::string(e.detail) == "candidate");
    CHECK(e.field("term") == 1);
    CHECK(e.time >= fromMs(150));
    CHECK(e.time <= fromMs(300));
    CHECK(num(t, "term", e.node) == 1);
}

TEST_CASE("5.2 a candidate votes for itself and sends RequestVote to every other server", "[raft][paper]") {
    auto t = start({act(R"({"at_ms": 1, "do": "force_timeout", "node": "n1"})")}, kQuiet);
    runTo(t, [](const Event& e) { return e.is("role"); });
    t.runUntil([](const Event&) { return false; }, 4);  // the four sends queued with the role change
    CHECK(str(t, "voted_for", 0) == "n1");
    CHECK(num(t, "votes", 0) == 1);
    const auto sends = events(t, "send", "RequestVote");
    CHECK(sends.size() == 4);
}

TEST_CASE("5.2 a candidate that wins a majority becomes leader and sends heartbeats at once", "[raft][paper]") {
    auto t = electedN1();
    CHECK(str(t, "leader") == "n1");
    CHECK(num(t, "term", 0) == 1);
    const Time elected = t.now();
    runTo(t, [](const Event& e) { return e.is("send") && std::string(e.detail) == "AppendEntries"; });
    CHECK(t.now() == elected);
    t.seekTime(elected + fromMs(100));
    for (NodeId n = 1; n < 5; ++n) CHECK(str(t, "role", n) == "follower");
    CHECK(noViolations(t));
}

TEST_CASE("5.2 a server grants at most one vote per term, first come first served", "[raft][paper]") {
    auto t = start({act(R"({"at_ms": 1, "do": "force_timeout", "node": "n1"})"),
                    act(R"({"at_ms": 1, "do": "force_timeout", "node": "n2"})")},
                   kQuiet);
    t.seekTime(fromMs(200));
    std::map<std::pair<NodeId, std::int64_t>, int> granted;
    for (const auto& e : events(t, "vote"))
        if (e.field("granted") == 1) ++granted[{e.node, *e.field("term")}];
    CHECK(!granted.empty());
    for (const auto& [key, count] : granted) CHECK(count == 1);
    CHECK(num(t, "leader_count") <= 1);
    CHECK(noViolations(t));
}

TEST_CASE("5.2 votedFor is durable: a restarted server does not vote twice in one term", "[raft][paper]") {
    // n2 hears nothing from n1, so it stays in term 0 and later asks for a vote in term 1 too.
    auto t = electedN1({act(R"({"at_ms": 0, "do": "block", "from": "n1", "to": "n2"})"),
                        act(R"({"at_ms": 100, "do": "crash", "node": "n3"})"),
                        act(R"({"at_ms": 101, "do": "restart", "node": "n3"})"),
                        act(R"({"at_ms": 102, "do": "force_timeout", "node": "n2"})")});
    t.seekTime(fromMs(101));
    CHECK(str(t, "voted_for", 2) == "n1");
    CHECK(num(t, "term", 2) == 1);
    CHECK(num(t, "commit_index", 2) == 0);
    t.seekTime(fromMs(150));
    bool refused = false;
    for (const auto& e : events(t, "vote"))
        if (e.node == 2 && e.peer == 1 && e.field("term") == 1) refused = e.field("granted") == 0;
    CHECK(refused);
    CHECK(noViolations(t));
}

TEST_CASE("5.2 a candidate that hears from a leader of its own term steps down", "[raft][paper]") {
    // n2 runs in term 1 but n1 already won it; n1's heartbeat turns n2 back into a follower.
    auto t = start({act(R"({"at_ms": 0, "do": "block", "from": "n2", "to": "n3", "kind": "RequestVote"})"),
                    act(R"({"at_ms": 0, "do": "block", "from": "n2", "to": "n4", "kind": "RequestVote"})"),
                    act(R"({"at_ms": 0, "do": "block", "from": "n2", "to": "n5", "kind": "RequestVote"})"),
                    act(R"({"at_ms": 0, "do": "block", "from": "n1", "to": "n2", "kind": "RequestVote"})"),
                    act(R"({"at_ms": 1, "do": "force_timeout", "node": "n1"})"),
                    act(R"({"at_ms": 1, "do": "force_timeout", "node": "n2"})")},
                   kQuiet);
    t.seekTime(fromMs(2));
    CHECK(str(t, "role", 1) == "candidate");
    t.seekTime(fromMs(150));
    CHECK(str(t, "leader") == "n1");
    CHECK(str(t, "role", 1) == "follower");
    CHECK(num(t, "term", 1) == 1);
}

TEST_CASE("5.2 a split vote elects nobody, and a later term elects a leader", "[raft][paper]") {
    // Four simultaneous candidates out of five: each holds its own vote, so nobody reaches 3.
    std::vector<Action> actions;
    for (const char* n : {"n1", "n2", "n3", "n4"})
        actions.push_back(act(std::string(R"({"at_ms": 1, "do": "force_timeout", "node": ")") + n + "\"}"));
    auto t = start(actions);
    t.seekTime(fromMs(100));
    CHECK(num(t, "leader_count") == 0);
    CHECK(num(t, "max_term") == 1);
    runTo(t, [](const Event& e) { return e.is("role") && std::string(e.detail) == "leader"; });
    CHECK(num(t, "split_votes") == 1);
    CHECK(num(t, "max_term") >= 2);
    CHECK(events(t, "split_vote").size() == 1);
}

TEST_CASE("5.1 a server that sees a higher term steps down and adopts it, and stale requests are refused",
          "[raft][paper]") {
    auto t = electedN1({act(R"({"at_ms": 100, "do": "partition", "groups": [["n1"], ["n2","n3","n4","n5"]]})"),
                        act(R"({"at_ms": 110, "do": "client_write", "node": "n1", "key": 0, "value": 7})"),
                        act(R"({"at_ms": 120, "do": "force_timeout", "node": "n2"})"),
                        act(R"({"at_ms": 300, "do": "heal"})"),
                        act(R"({"at_ms": 460, "do": "client_write", "node": "n2", "key": 0, "value": 8})")});
    t.seekTime(fromMs(290));
    CHECK(str(t, "role", 0) == "leader");  // still believes it, in term 1
    CHECK(str(t, "leader") == "n2");
    t.seekTime(fromMs(450));
    CHECK(str(t, "role", 0) == "follower");
    CHECK(num(t, "term", 0) == 2);
    CHECK(str(t, "log", 0) == "1");  // nothing conflicts with its stale entry yet
    CHECK(str(t, "state", 1) == "");
    t.seekTime(fromMs(600));
    CHECK(str(t, "log", 0) == "2");  // the new leader's entry replaced the uncommitted one
    CHECK(str(t, "state", 0) == "x=8");
    CHECK(noViolations(t));
}

TEST_CASE("5.3 a follower redirects a client to the leader it knows", "[raft][paper]") {
    auto t = electedN1({act(R"({"at_ms": 100, "do": "client_write", "node": "n3", "key": 0, "value": 3})")});
    t.seekTime(fromMs(101));
    const auto r = events(t, "redirect");
    REQUIRE(r.size() == 1);
    CHECK(r[0].node == 2);
    CHECK(r[0].peer == 0);
    CHECK(num(t, "last_log_index", 0) == 0);
}

TEST_CASE("5.3 a leader appends a write, replicates it, and commits it once a majority stores it",
          "[raft][paper]") {
    // Two followers are cut off from AppendEntries: with n1, n2 and n3 the entry still commits.
    auto t = electedN1({act(R"({"at_ms": 0, "do": "block", "from": "n1", "to": "n4", "kind": "AppendEntries"})"),
                        act(R"({"at_ms": 0, "do": "block", "from": "n1", "to": "n5", "kind": "AppendEntries"})"),
                        act(R"({"at_ms": 100, "do": "client_write", "node": "n1", "key": 0, "value": 3})")});
    t.seekTime(fromMs(100));
    CHECK(num(t, "last_log_index", 0) == 1);
    CHECK(num(t, "commit_index", 0) == 0);
    const Event c = runTo(t, [](const Event& e) { return e.is("commit") && e.node == 0; });
    CHECK(c.field("index") == 1);
    CHECK(c.field("term") == 1);
    CHECK(c.field("value") == 3);
    CHECK(str(t, "state", 0) == "x=3");
    t.seekTime(fromMs(250));  // followers learn the commit index from the next AppendEntries
    CHECK(num(t, "commit_index", 1) == 1);
    CHECK(str(t, "state", 2) == "x=3");
    CHECK(num(t, "last_log_index", 3) == 0);
}

TEST_CASE("5.3 without a majority a write is never committed", "[raft][paper]") {
    auto t = electedN1({act(R"({"at_ms": 50, "do": "partition", "groups": [["n1","n2"], ["n3","n4","n5"]]})"),
                        act(R"({"at_ms": 60, "do": "client_write", "node": "n1", "key": 1, "value": 9})")});
    t.seekTime(fromMs(900));
    CHECK(num(t, "last_log_index", 1) == 1);
    CHECK(num(t, "commit_index", 0) == 0);
    CHECK(num(t, "committed") == 0);
}

TEST_CASE("5.4.1 a server refuses its vote to a candidate whose log is less up-to-date", "[raft][paper]") {
    auto t = start({act(R"({"at_ms": 0, "do": "set_log", "node": "n2", "terms": "1 1 2"})"),
                    act(R"({"at_ms": 0, "do": "set_log", "node": "n3", "terms": "1 1"})"),
                    act(R"({"at_ms": 0, "do": "set_log", "node": "n1", "terms": "1 1 1 1", "term": 2})"),
                    act(R"({"at_ms": 1, "do": "force_timeout", "node": "n1"})")},
                   kQuiet);
    t.seekTime(fromMs(60));
    for (const auto& e : events(t, "vote")) {
        INFO("voter n" << e.node + 1);
        CHECK(e.field("granted") == (e.node == 1 ? 0 : 1));  // n2's last term 2 beats n1's last term 1
    }
    CHECK(str(t, "leader") == "n1");  // n1, n3, n4, n5 still make a majority
}

TEST_CASE("5.4.1 a server with a stale log cannot win even with the highest term", "[raft][paper]") {
    auto t = start({act(R"({"at_ms": 0, "do": "set_log", "node": "n5", "terms": "1", "term": 9})"),
                    act(R"({"at_ms": 0, "do": "set_log", "node": "n1", "terms": "1 2"})"),
                    act(R"({"at_ms": 0, "do": "set_log", "node": "n2", "terms": "1 2"})"),
                    act(R"({"at_ms": 0, "do": "set_log", "node": "n3", "terms": "1 2"})"),
                    act(R"({"at_ms": 1, "do": "force_timeout", "node": "n5"})")},
                   kQuiet);
    t.seekTime(fromMs(60));
    CHECK(str(t, "role", 4) == "candidate");
    CHECK(num(t, "term", 0) == 10);  // the higher term spreads...
    CHECK(str(t, "leader") == "none");  // ...but only n4 (empty log) votes for n5
}

TEST_CASE("5.4.3 committed entries survive the leader's crash and the next leader has them", "[raft][paper]") {
    auto t = electedN1({act(R"({"at_ms": 50, "do": "client_write", "node": "n1", "key": 2, "value": 5})"),
                        act(R"({"at_ms": 150, "do": "crash", "node": "n1"})"),
                        act(R"({"at_ms": 160, "do": "force_timeout", "node": "n3"})")});
    t.seekTime(fromMs(149));
    CHECK(num(t, "commit_index", 0) == 1);
    t.seekTime(fromMs(400));
    CHECK(str(t, "leader") == "n3");
    CHECK(str(t, "log", 2) == "1");
    CHECK(noViolations(t));
}

TEST_CASE("5.5 a restarted server keeps term, vote and log, and relearns its commit index", "[raft][paper]") {
    auto t = electedN1({act(R"({"at_ms": 50, "do": "client_write", "node": "n1", "key": 0, "value": 1})"),
                        act(R"({"at_ms": 200, "do": "crash", "node": "n2"})"),
                        act(R"({"at_ms": 210, "do": "client_write", "node": "n1", "key": 0, "value": 2})"),
                        act(R"({"at_ms": 300, "do": "restart", "node": "n2"})")});
    t.seekTime(fromMs(250));
    CHECK(str(t, "role", 1) == "crashed");
    CHECK(str(t, "log", 1) == "1");
    t.seekTime(fromMs(300));
    CHECK(num(t, "term", 1) == 1);
    CHECK(str(t, "voted_for", 1) == "n1");
    CHECK(num(t, "commit_index", 1) == 0);
    t.seekTime(fromMs(450));
    CHECK(str(t, "log", 1) == "1,1");
    CHECK(num(t, "commit_index", 1) == 2);
    CHECK(str(t, "state", 1) == "x=2");
    CHECK(noViolations(t));
}

TEST_CASE("6 with CheckQuorum a leader that loses its majority steps down", "[raft][paper]") {
    ParamValues p = kQuiet;
    p["check_quorum"] = 1;
    auto t = electedN1({act(R"({"at_ms": 100, "do": "partition", "groups": [["n1","n2"], ["n3","n4","n5"]]})")}, p);
    t.seekTime(fromMs(4000));
    CHECK(str(t, "role", 0) != "leader");
    auto plain = electedN1({act(R"({"at_ms": 100, "do": "partition", "groups": [["n1","n2"], ["n3","n4","n5"]]})")});
    plain.seekTime(fromMs(4000));
    CHECK(str(plain, "role", 0) == "leader");  // without it, the cut-off leader never notices
}

TEST_CASE("9.6 a rejoining server disrupts the leader without PreVote, and not with it", "[raft][paper]") {
    auto run = [](double prevote) {
        ParamValues p{{"prevote", prevote}};
        auto t = start({act(R"({"at_ms": 400, "do": "partition", "groups": [["n5"], ["n1","n2","n3","n4"]]})"),
                        act(R"({"at_ms": 1500, "do": "heal"})")},
                       p, 7);
        t.seekTime(fromMs(1499));
        const auto isolatedTerm = num(t, "term", 4);
        const auto leader = str(t, "leader");
        t.seekTime(fromMs(2000));
        return std::tuple{isolatedTerm, leader, num(t, "max_term"), str(t, "leader"), noViolations(t)};
    };
    const auto [termWithout, leaderWithout, maxWithout, afterWithout, okWithout] = run(0);
    CHECK(termWithout > 3);          // the isolated server kept raising its term
    CHECK(maxWithout >= termWithout);  // and on heal the cluster had to move to it: a new election
    CHECK(okWithout);
    const auto [termWith, leaderWith, maxWith, afterWith, okWith] = run(1);
    CHECK(termWith <= 2);            // pre-votes failed, so its term never moved
    CHECK(afterWith == leaderWith);  // the leader survives the heal
    CHECK(okWith);
}
