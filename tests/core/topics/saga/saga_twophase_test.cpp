// Two-phase commit on the same services: atomicity, blocking while the coordinator is down,
// locks that make later transactions wait, and the broken decide-alone switch.
#include <catch2/catch.hpp>

#include "saga_test_util.h"

using namespace sagatest;

namespace {

const ParamValues kFixed = {{"mode", 1}, {"latency_min_ms", 10}, {"latency_max_ms", 10}};

}  // namespace

TEST_CASE("2PC commits all four participants or none", "[saga][2pc]") {
    for (int failAt = 0; failAt <= 4; ++failAt) {
        ParamValues p = kFixed;
        p["fail_at"] = failAt;
        Simulation sim = start(p);
        runAll(sim);
        INFO("fail at " << failAt);
        CHECK(text(sim, "decision") == (failAt == 0 ? "committed" : "aborted"));
        for (NodeId n = 1; n <= 4; ++n) CHECK(text(sim, "state") != "prepared");
        CHECK(num(sim, "balance") == (failAt == 0 ? 70 : 100));
        CHECK(num(sim, "locks_held") == 0);
        CHECK(flag(sim, "conserved"));
        CHECK(sim.model().violations().empty());
    }
}

TEST_CASE("prepared participants stay in doubt, holding their locks, for the whole coordinator outage", "[saga][2pc]") {
    // Prepares land at 10 ms, votes would land at 20 ms: the coordinator dies at 15 ms. The
    // reader's reports give the outage events to check at (each waits on the locks).
    ParamValues p = kFixed;
    p["report_every_ms"] = 100;
    Simulation sim = start(p, 1, {act(R"({"at_ms": 15, "do": "crash", "node": "coordinator"})"),
                                       act(R"({"at_ms": 5000, "do": "restart", "node": "coordinator"})")});
    std::size_t checked = 0;
    while (auto e = sim.step()) {
        const Time t = e->time;
        if (t > fromMs(20) && t < fromMs(5000)) {
            REQUIRE(num(sim, "in_doubt") == 4);
            REQUIRE(num(sim, "locks_held") == 4);
            ++checked;
        }
        if (t >= fromMs(5000)) break;
    }
    CHECK(checked > 100);
    CHECK(num(sim, "reports") > 0);
    CHECK(num(sim, "partial_reads") == 0);
    runAll(sim);
    CHECK(num(sim, "in_doubt") == 0);
    CHECK(num(sim, "locks_held") == 0);
    CHECK(text(sim, "decision") == "aborted");  // recovered without a decision: TMAbort
    CHECK(flag(sim, "conserved"));
}

TEST_CASE("a second transaction waits behind the first one's locks", "[saga][2pc]") {
    ParamValues p = kFixed;
    p["orders"] = 2;
    p["order_gap_ms"] = 5;
    Simulation sim = start(p);
    bool waited = false;
    while (auto e = sim.step()) waited = waited || (e->is("tp") && std::string(e->detail) == "waits for lock");
    CHECK(waited);
    CHECK(num(sim, "completed") == 2);
    CHECK(num(sim, "balance") == 40);
}

TEST_CASE("2PC atomicity holds over randomized faults; decide_alone breaks it", "[saga][2pc]") {
    std::int64_t broken = 0;
    for (std::uint64_t seed = 1; seed <= 300; ++seed) {
        ParamValues p = {{"mode", 1}, {"orders", 3}, {"loss", 0.2}, {"fail_prob", 0.1}, {"order_gap_ms", 20}};
        Simulation sim = start(p, seed, {act(R"({"at_ms": 12, "do": "crash", "node": "coordinator"})"),
                                         act(R"({"at_ms": 900, "do": "restart", "node": "coordinator"})")});
        runAll(sim);
        INFO("seed " << seed);
        CHECK(sim.model().violations().empty());
        CHECK(flag(sim, "conserved"));
        CHECK(num(sim, "running") == 0);
        p["decide_alone"] = 1;
        p["in_doubt_timeout_ms"] = 40;
        Simulation alone = start(p, seed, {act(R"({"at_ms": 12, "do": "crash", "node": "coordinator"})"),
                                           act(R"({"at_ms": 900, "do": "restart", "node": "coordinator"})")});
        runAll(alone);
        broken += num(alone, "atomicity_broken");
    }
    CHECK(broken > 0);
}

TEST_CASE("in-doubt participants keep asking a dead coordinator for the decision, and are answered once it is back", "[saga][2pc]") {
    // Votes land at 20 ms on a coordinator that died at 15 ms. Each prepared participant asks
    // every decision_query_ms; while the coordinator is down every question is lost.
    ParamValues p = kFixed;
    p["decision_query_ms"] = 100;
    Simulation sim = start(p, 1, {act(R"({"at_ms": 15, "do": "crash", "node": "coordinator"})"),
                                  act(R"({"at_ms": 1000, "do": "restart", "node": "coordinator"})")});
    int asked = 0, lost = 0;
    while (auto e = sim.step()) {
        if (e->time >= fromMs(1000)) break;
        if (e->is("send") && std::string(e->detail) == "DecisionRequest") ++asked;
        if (e->is("drop") && e->node == 0 && e->time > fromMs(20)) ++lost;
    }
    CHECK(asked == 4 * 9);  // at 110, 210 ... 910 ms from each of the four
    CHECK(lost == asked);
    CHECK(num(sim, "in_doubt") == 4);
    runAll(sim);
    CHECK(text(sim, "decision") == "aborted");
    CHECK(num(sim, "in_doubt") == 0);
    CHECK(num(sim, "locks_held") == 0);
}

TEST_CASE("a decided coordinator answers a decision request with its decision", "[saga][2pc]") {
    // The coordinator decides at 20 ms; the Commit to payment is lost, so payment asks and the
    // answer (not only the coordinator's resend) lets it commit.
    ParamValues p = kFixed;
    p["decision_query_ms"] = 15;
    p["request_timeout_ms"] = 5000;
    Simulation sim = start(p);
    bool dropped = false, answered = false;
    while (auto e = sim.step()) {
        if (!dropped && e->is("send") && std::string(e->detail) == "Commit" && e->peer == 2) {
            REQUIRE(sim.schedule(act(R"({"do": "drop", "msg": )" + std::to_string(e->msg) + "}")));
            dropped = true;
        }
        if (dropped && e->is("tp") && std::string(e->detail) == "RMRcvCommitMsg" && e->node == 2) {
            answered = e->time < fromMs(5000);
            break;
        }
    }
    CHECK(dropped);
    CHECK(answered);
}

TEST_CASE("the transaction strip says an undecided decision in words, and why nobody can decide", "[saga][2pc]") {
    Simulation sim = start(kFixed, 1, {act(R"({"at_ms": 15, "do": "crash", "node": "coordinator"})")});
    while (auto e = sim.step())
        if (e->time > fromMs(100)) break;
    const View v = sim.model().view(sim.now());
    REQUIRE(v.strips.size() == 1);
    const StepCell& decision = v.strips[0].cells.back();
    CHECK(decision.label == "decision");
    CHECK(decision.status == "undecided");  // not TwoPhase.tla's "init"
    CHECK(decision.note.find("down") != std::string::npos);
    CHECK(decision.tone == Tone::Warning);
}
