// Randomized faults over many seeds, determinism, and exact step-back on the timeline.
//
// CI runs 10,000 seeds. For a longer soak: core_raft_tests "[soak]" with RAFT_SOAK_SEEDS=N
// in the environment (for example 200000).
#include <cstdlib>
#include <sstream>

#include "raft_test_util.h"
#include "sim/rng.h"
#include "sim/trace.h"

using namespace raft_test;

namespace {

std::string nodeName(std::int64_t i) { return "n" + std::to_string(i + 1); }

// A few hundred milliseconds of a random cluster: loss, duplicates, partitions, one-way cuts,
// crashes and restarts, and client writes to random servers.
Scenario randomScenario(std::uint64_t seed) {
    Rng rng(seed * 7919 + 13);
    const auto nodes = rng.range(3, 7);
    ParamValues p{{"nodes", static_cast<double>(nodes)},
                  {"loss", static_cast<double>(rng.range(0, 15)) / 100.0},
                  {"duplicate", static_cast<double>(rng.range(0, 5)) / 100.0},
                  {"election_timeout_min_ms", 50},
                  {"election_timeout_max_ms", static_cast<double>(rng.range(70, 150))},
                  {"heartbeat_ms", 20},
                  {"latency_min_ms", 1},
                  {"latency_max_ms", static_cast<double>(rng.range(2, 20))},
                  {"conflict_term_backoff", static_cast<double>(rng.range(0, 1))},
                  {"prevote", static_cast<double>(rng.range(0, 1))},
                  {"check_quorum", static_cast<double>(rng.range(0, 1))}};
    // Fault episodes: each fault is undone a little later, so the cluster keeps a chance to
    // recover and the run keeps electing, replicating and committing.
    std::vector<Action> actions;
    auto add = [&](Time at, const char* kind, nlohmann::json args) {
        Action a;
        a.at = at;
        a.kind = kind;
        a.args = std::move(args);
        actions.push_back(std::move(a));
    };
    for (int i = 0; i < 10; ++i) {
        const Time at = rng.range(fromMs(20), fromMs(350));
        const Time undo = at + rng.range(fromMs(10), fromMs(150));
        const auto node = nodeName(rng.range(0, nodes - 1));
        switch (rng.range(0, 3)) {
            case 0:
            case 1:
                add(at, "crash", {{"node", node}});
                add(undo, "restart", {{"node", node}});
                break;
            case 2: {
                nlohmann::json left = nlohmann::json::array(), right = nlohmann::json::array();
                for (std::int64_t n = 0; n < nodes; ++n) (rng.chance(0.5) ? left : right).push_back(nodeName(n));
                add(at, "partition", {{"groups", nlohmann::json::array({left, right})}});
                add(undo, "heal", nlohmann::json::object());
                break;
            }
            default: {
                const auto to = nodeName(rng.range(0, nodes - 1));
                if (to == node) break;
                add(at, "cut", {{"from", node}, {"to", to}});
                add(undo, "uncut", {{"from", node}, {"to", to}});
            }
        }
    }
    actions.push_back(act(R"({"at_ms": 420, "do": "heal"})"));
    return scenario(std::move(actions), p, seed);
}

// Runs a scenario headless to `until`. Besides the scripted faults, a client writes to whoever
// believes it is leader every few milliseconds (decided from the model, so the run stays deterministic).
// Calls `onEvent` for each event; returns the number of invariant violations found.
template <class OnEvent>
std::size_t runRandom(const Scenario& sc, Time until, OnEvent&& onEvent) {
    Simulation sim = simulation(sc);
    Time nextWrite = fromMs(30);
    std::int64_t value = 0;
    while (auto next = sim.nextTime()) {
        if (*next > until) break;
        if (sim.now() >= nextWrite) {
            nextWrite += fromMs(10);
            // Every server that believes it leads gets a write, stale leaders included: that is
            // what makes logs diverge and later conflict.
            const auto names = sim.model().nodeNames();
            for (NodeId n = 0; n < static_cast<NodeId>(names.size()); ++n) {
                if (probeToString(sim.model().probe("role", n)) != "leader") continue;
                Action a;
                a.kind = "client_write";
                a.args = {{"node", names[static_cast<std::size_t>(n)]}, {"key", value % 3}, {"value", ++value % 100}};
                if (!sim.schedule(a)) FAIL("client_write rejected");
            }
        }
        if (auto e = sim.step()) onEvent(*e);
    }
    return sim.model().violations().size();
}

std::size_t violationsOf(const Scenario& sc, Time until) {
    return runRandom(sc, until, [](const Event&) {});
}

std::string traceText(const std::vector<Event>& trace, const std::vector<std::string>& names) {
    std::ostringstream out;
    writeTrace(out, trace, names);
    return out.str();
}

std::string fingerprint(const Timeline& t) {
    std::ostringstream out;
    out << t.position() << '@' << t.now() << ';';
    for (const char* p : {"leader", "max_term", "committed_log", "messages", "elections"}) out << str(t, p) << ';';
    for (NodeId n = 0; n < model(t).nodeCount(); ++n)
        for (const char* p : {"role", "term", "voted_for", "log", "commit_index", "state"}) out << str(t, p, n) << ';';
    const View v = t.model().view(t.now());
    for (const auto& m : v.messages) out << m.id << m.summary << ';';
    for (const auto& n : v.nodes) out << (n.timer ? *n.timer : -1.0) << ';';
    return out.str();
}

}  // namespace

TEST_CASE("10000 random seeds with loss, partitions and crashes find no invariant violation",
          "[raft][random]") {
    std::uint64_t seeds = 10000;
    if (const char* env = std::getenv("RAFT_SOAK_SEEDS")) seeds = std::strtoull(env, nullptr, 10);
    std::size_t bad = 0;
    for (std::uint64_t seed = 1; seed <= seeds; ++seed) {
        const auto found = violationsOf(randomScenario(seed), fromMs(500));
        if (found) {
            UNSCOPED_INFO("seed " << seed << ": " << found << " violations");
            ++bad;
        }
    }
    CHECK(bad == 0);
}

TEST_CASE("the random runs really exercise elections, commits and faults", "[raft][random]") {
    std::int64_t roles = 0, commits = 0, crashes = 0, truncations = 0;
    for (std::uint64_t seed = 1; seed <= 50; ++seed) {
        runRandom(randomScenario(seed), fromMs(500), [&](const Event& e) {
            if (e.is("role")) ++roles;
            if (e.is("commit")) ++commits;
            if (e.is("truncate")) ++truncations;
            if (e.is("action") && std::string(e.detail) == "crash") ++crashes;
        });
    }
    CHECK(roles > 500);
    CHECK(commits > 5000);
    CHECK(crashes > 50);
    CHECK(truncations >= 3);
}

TEST_CASE("the same seed gives an identical trace and another seed a different one", "[raft][determinism]") {
    auto run = [](std::uint64_t seed) {
        Simulation sim = simulation(randomScenario(seed));
        std::vector<Event> trace;
        for (int i = 0; i < 4000; ++i)
            if (auto e = sim.step()) trace.push_back(*e);
        return traceText(trace, sim.model().nodeNames());
    };
    const auto a = run(42);
    CHECK(a == run(42));
    CHECK(a != run(43));
    CHECK(a.size() > 1000);
}

TEST_CASE("stepping back then forward on the timeline returns exactly the same state", "[raft][timeline]") {
    Timeline t(simulation(randomScenario(5)), 64);
    t.runUntil(nullptr, 1500);
    REQUIRE(t.position() == 1500);
    const std::string at1500 = fingerprint(t);
    std::vector<std::string> forward;
    t.seek(1000);
    for (std::size_t i = 0; i < 100; ++i) {
        forward.push_back(fingerprint(t));
        t.stepForward();
    }
    t.seek(1100);
    for (std::size_t i = 100; i > 0; --i) {
        t.stepBack();
        CHECK(fingerprint(t) == forward[i - 1]);
    }
    t.seek(1500);
    CHECK(fingerprint(t) == at1500);
}

