// Replication broken on purpose: a follower applies entries in the order they arrive. The
// model's own invariants (a follower in the leader's epoch holds the leader's entry at every
// position; positions applied gapless and in order) must flag it within a bounded number of
// random fault seeds, and never flag correct replication on the same seeds.
#include "broken_runs.h"
#include "topics/replication/replication_model.h"

using namespace sb::core;

namespace {

constexpr std::uint64_t kSeeds = 40;

// Busy writers and jittery follower streams, so entries overtake each other on the way, with
// automatic failover on: seeds 18 and 20 bring back a deposed r1 that only an unreached client
// hears from (fencing must not be blamed for that split brain, see ReplicationModel).
ParamValues jitteryParams() {
    return {{"client_rate", 20}, {"read_fraction", 0.3}, {"r2_jitter_ms", 40}, {"r3_jitter_ms", 40}};
}

}  // namespace

TEST_CASE("replication: correct followers are never flagged on the fault seeds the variant uses",
          "[replication][broken]") {
    sb::test::requireNeverFlagged<replication::ReplicationModel>("replication", jitteryParams(), kSeeds);
}

TEST_CASE("replication: a follower that applies out of order is caught within a bounded number of seeds",
          "[replication][broken]") {
    sb::test::requireEachCaught<replication::ReplicationModel>(
        "replication", jitteryParams(), {{"applies_out_of_order", {"log matching", "apply in order"}}}, kSeeds);
}

TEST_CASE("replication: an unknown broken variant is refused by name", "[replication][broken]") {
    const auto c = sb::test::runOnce<replication::ReplicationModel>(sb::test::faultyScenario("replication", 1),
                                                                    "no_such_rule", fromMs(10));
    CHECK(c.error == "topic replication has no broken variant 'no_such_rule'");
}
