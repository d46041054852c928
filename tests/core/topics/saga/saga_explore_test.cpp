// The TwoPhase.tla state space in the kernel's explorer, against the counts TLC reports, the
// broken decide-alone switch, and a refinement check: every 2PC event the model emits is an
// enabled action of the spec in the state the earlier events led to.
#include <catch2/catch.hpp>

#include <map>

#include "saga_test_util.h"
#include "sim/explore.h"
#include "topics/saga/two_phase_spec.h"

using namespace sagatest;

TEST_CASE("TwoPhase has 288 reachable states with 3 RMs and 50816 with 6, and keeps TCConsistent", "[saga][explore]") {
    const ExploreResult three = explore(saga::TwoPhaseSpace(3, false), 1'000'000);
    CHECK(three.complete);
    CHECK(three.invariant.empty());
    CHECK(three.states == 288);
    const ExploreResult six = explore(saga::TwoPhaseSpace(6, false), 1'000'000);
    CHECK(six.complete);
    CHECK(six.invariant.empty());
    CHECK(six.states == 50816);  // the figure in TwoPhase.tla's closing comment
}

TEST_CASE("letting a prepared RM decide alone breaks TCConsistent, found by a shortest trace", "[saga][explore]") {
    const saga::TwoPhaseSpace space(3, true);
    const ExploreResult r = explore(space, 1'000'000);
    REQUIRE(r.invariant == "TCConsistent");
    // Shortest: all three prepare and are heard (6), the TM commits, one RM aborts alone, another
    // receives Commit: 9 actions.
    CHECK(r.actions.size() == 9);
    CHECK(r.path.size() == r.actions.size() + 1);
    CHECK(space.broken(r.path.back()) == "TCConsistent");
    for (std::size_t k = 0; k + 1 < r.path.size(); ++k) CHECK(space.broken(r.path[k]).empty());
    const ExploreResult capped = explore(saga::TwoPhaseSpace(6, false), 1000);
    CHECK_FALSE(capped.complete);  // a capped search says unknown, never ok
}

TEST_CASE("every 2PC event of the model is an enabled TwoPhase action", "[saga][explore]") {
    for (const bool alone : {false, true}) {
        const saga::TwoPhaseSpace spec(saga::kSteps, alone);
        for (std::uint64_t seed = 1; seed <= 150; ++seed) {
            ParamValues p = {{"mode", 1}, {"orders", 3}, {"order_gap_ms", 10}, {"loss", 0.2}, {"fail_prob", 0.15},
                             {"decide_alone", alone ? 1.0 : 0.0}, {"in_doubt_timeout_ms", 30}};
            Simulation sim = start(p, seed, {act(R"({"at_ms": 14, "do": "crash", "node": "coordinator"})"),
                                             act(R"({"at_ms": 400, "do": "restart", "node": "coordinator"})")});
            std::map<std::int64_t, std::string> state;  // per transaction
            std::vector<StateSpace::Step> steps;
            std::size_t matched = 0;
            for (const Event& e : runAll(sim)) {
                if (!e.is("tp")) continue;
                const std::string d = e.detail;
                if (d == "begin" || d == "end" || d == "waits for lock") continue;
                const auto tx = e.field("tx").value_or(0);
                if (!state.count(tx)) state[tx] = spec.initial().front();
                const std::string label = e.field("rm") ? d + "(" + std::to_string(*e.field("rm")) + ")" : d;
                steps.clear();
                spec.next(state[tx], steps);
                bool found = false;
                for (const auto& st : steps)
                    if (st.action == label) {
                        state[tx] = st.next;
                        found = true;
                        break;
                    }
                INFO("seed " << seed << ", transaction " << tx << ": " << label << " in " << spec.describe(state[tx]));
                REQUIRE(found);
                ++matched;
            }
            CHECK(matched > 0);
        }
    }
}
