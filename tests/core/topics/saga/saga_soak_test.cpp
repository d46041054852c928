// Conservation under randomized faults: every seed draws its own failure rates, loss,
// duplicates, orders and an orchestrator crash; once every saga has ended, each service holds
// exactly what the log says stands, and no invariant broke on the way. 10,000 seeds by default
// (a few seconds); SAGA_SOAK_SEEDS raises it.
#include <catch2/catch.hpp>

#include <cstdlib>

#include "saga_test_util.h"
#include "sim/rng.h"

using namespace sagatest;

namespace {

std::uint64_t seedCount() {
    const char* env = std::getenv("SAGA_SOAK_SEEDS");
    return env ? std::strtoull(env, nullptr, 10) : 10000;
}

}  // namespace

TEST_CASE("money and stock are conserved over 10,000 randomized faulty seeds", "[saga][soak]") {
    const std::uint64_t seeds = seedCount();
    std::uint64_t compensated = 0, deadLettered = 0, crashes = 0;
    for (std::uint64_t seed = 1; seed <= seeds; ++seed) {
        Rng draw(seed * 7919);
        ParamValues p = {
            {"orders", static_cast<double>(draw.range(1, 4))},
            {"order_gap_ms", static_cast<double>(draw.range(0, 60))},
            {"balance", static_cast<double>(draw.range(0, 150))},
            {"stock", static_cast<double>(draw.range(0, 4))},
            {"fail_at", static_cast<double>(draw.range(0, 4))},
            {"fail_prob", draw.uniform() * 0.5},
            {"comp_fail_prob", draw.uniform() * 0.5},
            {"comp_retries", static_cast<double>(draw.range(0, 4))},
            {"max_retries", static_cast<double>(draw.range(0, 3))},
            {"loss", draw.uniform() * 0.3},
            {"duplicate", draw.uniform() * 0.3},
            {"semantic_locks", static_cast<double>(draw.range(0, 1))},
        };
        std::vector<Action> actions;
        if (draw.chance(0.5)) {
            const auto at = draw.range(0, 200);
            actions.push_back(act(R"({"do": "crash", "node": "orchestrator", "at_ms": )" + std::to_string(at) + "}"));
            actions.push_back(act(R"({"do": "restart", "node": "orchestrator", "at_ms": )" + std::to_string(at + draw.range(1, 500)) + "}"));
            ++crashes;
        }
        Simulation sim = start(p, seed, actions);
        runAll(sim, 100000);
        const auto& m = model(sim);
        INFO("seed " << seed);
        if (!sim.model().violations().empty()) FAIL(sim.model().violations().front().invariant + ": " + sim.model().violations().front().detail);
        REQUIRE(num(sim, "running") == 0);
        REQUIRE(m.conserved());
        for (const auto& s : m.sagas()) {
            REQUIRE(m.effects(s.id) == s.trace);
            compensated += s.state == saga::SagaState::Compensated ? 1 : 0;
            deadLettered += s.state == saga::SagaState::DeadLettered ? 1 : 0;
        }
    }
    // The sweep must actually exercise the backward paths it claims to cover.
    CHECK(compensated > seeds / 4);
    CHECK(deadLettered > 0);
    CHECK(crashes > seeds / 4);
}
