#include <catch2/catch.hpp>
#include <cstdlib>

#include "cap_test_util.h"
#include "sim/rng.h"

using namespace sb::core;
using namespace captest;

namespace {

std::uint64_t g_events = 0;  // reported, so the cost of the soak is visible

struct Outcome {
    bool linearizable = true;
    std::int64_t siblings = 0, minorityOk = 0, minorityOps = 0, staleReads = 0, lostWrites = 0, wrongWinners = 0, ops = 0;
    double availability = 0;
    std::size_t violations = 0;
    bool culpritBroken = true;  // the named minimal set is itself non-linearizable
};

// A short run with a random split of the nodes into two or three groups, a heal, and a final
// read on every node once anti-entropy has had time to converge the replicas.
Outcome runRandom(std::uint64_t seed, double mode, double merge) {
    Rng rng(seed * 7919 + 17);
    const int n = static_cast<int>(rng.range(3, 7));
    nlohmann::json groups = nlohmann::json::array();
    const int parts = static_cast<int>(rng.range(2, 3));
    for (int g = 0; g < parts; ++g) groups.push_back(nlohmann::json::array());
    for (int i = 1; i <= n; ++i) groups[static_cast<std::size_t>(rng.range(0, parts - 1))].push_back("n" + std::to_string(i));
    const Time cut = rng.range(fromMs(10), fromMs(60));
    const Time heal = cut + rng.range(fromMs(50), fromMs(140));
    std::vector<Action> actions;
    Action split = act(R"({"do": "partition"})");
    split.args["groups"] = groups;
    split.at = cut;
    actions.push_back(split);
    Action h = act(R"({"do": "heal"})");
    h.at = heal;
    actions.push_back(h);
    for (int i = 1; i <= n; ++i) {
        Action read = act(R"({"do": "client_read"})");
        read.args["node"] = "n" + std::to_string(i);
        read.at = heal + fromMs(50);
        actions.push_back(read);
    }
    Scenario sc;
    sc.topic = "cap";
    sc.seed = seed;
    sc.params = {{"nodes", n}, {"mode", mode}, {"ap_merge", merge}, {"client_rate", 12}, {"keys", rng.range(1, 2)},
                 {"op_timeout_ms", 40}, {"anti_entropy_ms", 0},
                 {"clock_skew_ms", static_cast<double>(rng.range(-100, 100))}, {"skewed_node", rng.range(1, n)}};
    sc.actions = actions;
    Simulation sim = Simulation::create(registry(), sc).value();
    const Time end = heal + fromMs(100);
    for (auto next = sim.nextTime(); next && *next <= end; next = sim.nextTime()) {
        sim.step();
        ++g_events;
    }
    const auto& model = dynamic_cast<const cap::CapModel&>(sim.model());
    Outcome o;
    o.linearizable = model.linearizable();
    auto num = [&](const char* p) { return std::get<std::int64_t>(model.probe(p, kNoNode)); };
    o.minorityOk = num("minority_ok");
    o.minorityOps = o.minorityOk + num("minority_failed");
    o.staleReads = num("stale_reads");
    o.lostWrites = num("lost_writes");
    o.wrongWinners = num("wrong_winners");
    o.siblings = num("siblings");
    o.ops = static_cast<std::int64_t>(model.history().size());
    o.availability = std::get<double>(model.probe("availability", kNoNode));
    o.violations = model.violations().size();
    if (!o.linearizable) {
        const auto history = model.history();
        for (int k = 0; k < 2 && k < static_cast<int>(sc.params.at("keys")); ++k) {
            const auto verdict = model.explain(k);  // the culprit search, as when a user asks why
            if (verdict.linearizable) continue;
            std::vector<cap::LinOp> core;
            for (std::int64_t id : verdict.culprit) {
                const cap::ClientOp& op = history[static_cast<std::size_t>(id - 1)];
                REQUIRE_FALSE(op.linearizable);
                const bool write = op.kind == cap::OpKind::Write;
                core.push_back({id, write, write ? std::vector<std::int64_t>{op.value} : op.values, op.invoke,
                                op.outcome == cap::Outcome::Ok ? op.complete : cap::kOpen});
            }
            o.culpritBroken = o.culpritBroken && !verdict.culprit.empty() && !cap::checkRegister(core, 0).linearizable;
        }
    }
    return o;
}

// 10,000 in CI; CAP_SOAK_SEEDS=1000000 for the long soak.
const std::uint64_t kSeeds = [] {
    const char* env = std::getenv("CAP_SOAK_SEEDS");
    const std::uint64_t n = env ? std::strtoull(env, nullptr, 10) : 0;
    return n > 0 ? n : std::uint64_t{10000};
}();

}  // namespace

TEST_CASE("CP over 10,000 seeds with random partitions: always linearizable, the minority never succeeds",
          "[cap][soak]") {
    std::int64_t minorityOps = 0;
    std::int64_t ops = 0;
    for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
        const Outcome o = runRandom(seed, 0, 0);
        INFO("seed " << seed);
        REQUIRE(o.linearizable);
        REQUIRE(o.minorityOk == 0);
        REQUIRE(o.staleReads == 0);
        REQUIRE(o.lostWrites == 0);
        REQUIRE(o.violations == 0);
        minorityOps += o.minorityOps;
        ops += o.ops;
    }
    // The partitions really did strand clients: many minority requests were made (and refused).
    CHECK(minorityOps > static_cast<std::int64_t>(kSeeds));
    CHECK(ops > 5 * static_cast<std::int64_t>(kSeeds));
    WARN("CP: " << ops << " operations, " << minorityOps << " on a minority side, " << g_events << " events so far");
}

TEST_CASE("AP over 10,000 seeds: always available, and its violations are caught by the checker", "[cap][soak]") {
    std::uint64_t nonLinear = 0;
    std::uint64_t withLoss = 0;
    std::uint64_t withWrongWinner = 0;
    std::int64_t minorityOk = 0;
    for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
        const Outcome o = runRandom(seed, 1, 0);
        INFO("seed " << seed);
        REQUIRE(o.availability == 1.0);
        REQUIRE(o.violations == 0);
        // Each stale read is a proof of non-linearizability; the checker must agree.
        if (o.staleReads > 0) REQUIRE_FALSE(o.linearizable);
        // When the checker objects it names a core that really cannot be ordered.
        if (!o.linearizable) REQUIRE(o.culpritBroken);
        nonLinear += o.linearizable ? 0 : 1;
        withLoss += o.lostWrites > 0 ? 1 : 0;
        withWrongWinner += o.wrongWinners > 0 ? 1 : 0;
        minorityOk += o.minorityOk;
    }
    CHECK(nonLinear > kSeeds / 4);
    CHECK(withLoss > kSeeds / 4);
    CHECK(withWrongWinner > 0);
    CHECK(minorityOk > static_cast<std::int64_t>(kSeeds));
    WARN("AP: " << nonLinear << " non-linearizable seeds, " << withLoss << " with lost writes, " << withWrongWinner
                << " with a wrong winner");
}

TEST_CASE("AP with siblings over 1,000 seeds: no acknowledged write is lost", "[cap][soak]") {
    std::uint64_t withSiblings = 0;
    for (std::uint64_t seed = 1; seed <= 1000; ++seed) {
        const Outcome o = runRandom(seed, 1, 1);
        INFO("seed " << seed);
        REQUIRE(o.lostWrites == 0);
        REQUIRE(o.availability == 1.0);
        if (o.staleReads > 0) REQUIRE_FALSE(o.linearizable);
        withSiblings += o.siblings > 0 ? 1 : 0;
    }
    CHECK(withSiblings > 100);
}
