// Raft broken on purpose, one rule at a time: the model's own invariants, checked after every
// step, must flag each variant within a bounded number of random faulty seeds, and must never
// flag the correct protocol on the same seeds.
#include <catch2/catch.hpp>

#include <set>

#include "fault_script.h"
#include "topics/raft/raft_model.h"

using namespace sb::core;

namespace {

raft::RaftModel& raftOf(Simulation& sim) { return dynamic_cast<raft::RaftModel&>(sim.model()); }

constexpr std::uint64_t kSeeds = 150;

// Jittery links and duplicates reorder AppendEntries, and the fault script crashes, partitions
// and writes, so every rule gets exercised.
ParamValues faultyLinks() { return {{"latency_min_ms", 1}, {"latency_max_ms", 40}, {"duplicate", 0.1}}; }

std::vector<Violation> run(std::uint64_t seed, const std::string& variant) {
    const Scenario sc = sb::test::faultyScenario("raft", seed, faultyLinks());
    auto sim = Simulation::create(sb::test::builtinRegistry(), sc);
    REQUIRE(sim.ok());
    if (!variant.empty()) REQUIRE(raftOf(sim.value()).breakOnPurpose(variant).ok());
    while (auto next = sim.value().nextTime()) {
        if (*next > fromMs(3500) || !sim.value().model().violations().empty()) break;
        if (!sim.value().step()) break;
    }
    return sim.value().model().violations();
}

}  // namespace

TEST_CASE("raft: the correct protocol is never flagged on the fault seeds the variants use", "[raft][broken]") {
    for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
        const auto v = run(seed, "");
        INFO("seed " << seed << ": " << (v.empty() ? "" : v.front().invariant + ": " + v.front().detail));
        CHECK(v.empty());
    }
}

TEST_CASE("raft: each broken variant is caught by the invariants within a bounded number of seeds", "[raft][broken]") {
    struct Case {
        const char* variant;
        std::set<std::string> expected;  // the invariants that may catch it first
    };
    const std::vector<Case> cases = {
        {"vote_ignores_log", {"leader completeness", "state machine safety", "log matching"}},
        {"forgets_vote", {"one vote per term", "election safety"}},
        {"ignores_higher_term", {"leader steps down on a higher term"}},
        // Log Matching alone missed it over all kSeeds (the deleted entries come straight back);
        // the Figure 2 rule "delete only on a conflict" catches it.
        {"truncates_on_match", {"truncates only conflicts"}},
    };
    // Not listed: commits_old_terms. Random faults do not catch it within kSeeds (it needs the
    // Figure 8 schedule: an old-term entry committed by counting, then overwritten by a leader
    // that never had it). Only the scripted Figure 8 tests in raft_figures_test.cpp catch it,
    // and they do every time.
    for (const Case& c : cases) {
        std::uint64_t caughtAt = 0;
        std::string by;
        for (std::uint64_t seed = 1; seed <= kSeeds && !caughtAt; ++seed) {
            const auto v = run(seed, c.variant);
            if (v.empty()) continue;
            caughtAt = seed;
            by = v.front().invariant;
        }
        INFO(c.variant << ": caught at seed " << caughtAt << " by " << by);
        REQUIRE(caughtAt > 0);
        CHECK(c.expected.count(by) == 1);
        // The figures the note reports.
        WARN(c.variant << " caught at seed " << caughtAt << " of " << kSeeds << " by \"" << by << "\"");
    }
}

TEST_CASE("raft: an unknown broken variant is refused by name", "[raft][broken]") {
    const Scenario sc = sb::test::faultyScenario("raft", 1);
    auto sim = Simulation::create(sb::test::builtinRegistry(), sc);
    REQUIRE(sim.ok());
    const Status s = raftOf(sim.value()).breakOnPurpose("no_such_rule");
    REQUIRE_FALSE(s.ok());
    CHECK(s.error().message == "topic raft has no broken variant 'no_such_rule'");
    CHECK(raftOf(sim.value()).brokenVariants().size() == 5);
}
