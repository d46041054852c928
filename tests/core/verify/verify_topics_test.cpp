// The trace checker's hash-ring and CAP properties: it decides them on faulty random runs and
// finds none broken, and it catches the topics' broken variants from the trace alone (and
// Raft's truncates_on_match, which Log Matching alone misses).
#include <algorithm>

#include "topics/cap/cap_model.h"
#include "topics/hashring/hashring_model.h"
#include "topics/raft/raft_model.h"
#include "verify_util.h"

namespace {

constexpr std::uint64_t kSeeds = 30;

ParamValues ringParams() { return {{"keys", 200}, {"vnodes", 16}, {"replication", 3}}; }
ParamValues cpParams() { return {{"mode", 0}, {"client_rate", 20}, {"read_fraction", 0.5}}; }

std::string traceWith(const std::string& topic, std::uint64_t seed, const ParamValues& params,
                      const std::string& variant = {}) {
    const Scenario sc = sb::test::faultyScenario(topic, seed, params);
    REQUIRE(sc.topic == topic);
    return traceOf(sc, fromMs(3500), [&](Model& m) {
        if (variant.empty()) return;
        Status s = topic == "cap"    ? dynamic_cast<cap::CapModel&>(m).breakOnPurpose(variant)
                   : topic == "raft" ? dynamic_cast<raft::RaftModel&>(m).breakOnPurpose(variant)
                                     : dynamic_cast<hashring::HashringModel&>(m).breakOnPurpose(variant);
        REQUIRE(s.ok());
    });
}

// The first seed whose trace the checker finds `property` violated in, 0 if none.
std::uint64_t firstViolated(const std::string& topic, const ParamValues& params, const std::string& variant,
                            const std::string& property) {
    for (std::uint64_t seed = 1; seed <= kSeeds; ++seed)
        if (finding(check(traceWith(topic, seed, params, variant)), property).verdict == Verdict::Violated) return seed;
    return 0;
}

}  // namespace

TEST_CASE("hashring: faulty random runs: the checker decides every ring property and finds none broken",
          "[verify][hashring]") {
    std::size_t moves = 0;
    for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
        // Joins, removals, failures and recoveries from the fault script.
        const Report r = check(traceWith("hashring", seed, ringParams()));
        INFO("seed " << seed << "\n" << describe(r));
        REQUIRE(r.overall() == Verdict::Ok);
        moves += static_cast<std::size_t>(std::stoul(finding(r, "keys move only to or from the changed node").detail));
    }
    CHECK(moves > 100);
}

TEST_CASE("hashring: lookups' preference lists and ownership are checked from the trace", "[verify][hashring]") {
    Scenario sc = sb::test::faultyScenario("hashring", 3, ringParams());
    for (const char* key : {"k1", "k7", "k42"})
        for (int at : {40, 900, 1900, 2900}) sc.actions.push_back(sb::test::makeAction(fromMs(at), "lookup", {{"key", key}}));
    std::stable_sort(sc.actions.begin(), sc.actions.end(), [](const Action& a, const Action& b) { return a.at < b.at; });
    const Report r = check(traceOf(sc, fromMs(3500)));
    INFO(describe(r));
    REQUIRE(r.overall() == Verdict::Ok);
    CHECK(std::stoul(finding(r, "preference lists").detail) == 12);
    CHECK(std::stoul(finding(r, "ownership consistent").detail) > 0);
}

TEST_CASE("hashring: a join that moves keys between old nodes is caught from the trace alone", "[verify][hashring]") {
    const auto seed = firstViolated("hashring", ringParams(), "join_moves_old_keys",
                                    "keys move only to or from the changed node");
    CHECK(seed == 1);
}

TEST_CASE("cap: CP faulty random runs are linearizable by the trace checker; AP is not its business", "[verify][cap]") {
    std::size_t ops = 0;
    for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
        const Report r = check(traceWith("cap", seed, cpParams()));
        INFO("seed " << seed << "\n" << describe(r));
        REQUIRE(r.overall() == Verdict::Ok);
        ops += static_cast<std::size_t>(std::stoul(finding(r, "linearizability (CP)").detail));
    }
    CHECK(ops > 1000);
    ParamValues ap = cpParams();
    ap["mode"] = 1;
    CHECK(finding(check(traceWith("cap", 1, ap)), "linearizability (CP)").verdict == Verdict::Unknown);
}

TEST_CASE("cap: broken CP variants are caught from the trace alone", "[verify][cap]") {
    const auto acks = firstViolated("cap", cpParams(), "acks_before_majority", "linearizability (CP)");
    const auto reads = firstViolated("cap", cpParams(), "reads_one_replica", "linearizability (CP)");
    CHECK(acks > 0);
    CHECK(reads > 0);
    WARN("trace checker: acks_before_majority caught at seed " << acks << ", reads_one_replica at seed " << reads
                                                              << " of " << kSeeds);
}

TEST_CASE("raft: truncating entries that match the leader's is caught from the trace alone", "[verify][raft]") {
    // Jittery links and duplicates, as in raft_broken_test.cpp, so AppendEntries overlap.
    const ParamValues links{{"latency_min_ms", 1}, {"latency_max_ms", 40}, {"duplicate", 0.1}};
    const auto seed = firstViolated("raft", links, "truncates_on_match", "truncates only conflicts");
    CHECK(seed > 0);
    WARN("trace checker: truncates_on_match caught at seed " << seed << " of " << kSeeds);
    for (std::uint64_t s = 1; s <= 10; ++s)
        CHECK(finding(check(traceWith("raft", s, links)), "truncates only conflicts").verdict == Verdict::Ok);
}
