// The hash ring broken on purpose, one rule at a time: the model's own invariants, checked at
// every change of ownership, must flag each variant within a bounded number of random fault
// seeds (joins, removals, failures and recoveries), and never flag the correct scheme on them.
#include "broken_runs.h"
#include "topics/hashring/hashring_model.h"

using namespace sb::core;

namespace {

constexpr std::uint64_t kSeeds = 40;

// 200 keys on rings of 16 vnodes a node: every node owns keys, and a join moves some.
ParamValues ringParams() { return {{"keys", 200}, {"vnodes", 16}}; }

}  // namespace

TEST_CASE("hashring: the correct ring is never flagged on the fault seeds the variants use", "[hashring][broken]") {
    sb::test::requireNeverFlagged<hashring::HashringModel>("hashring", ringParams(), kSeeds);
}

TEST_CASE("hashring: each broken variant is caught by the invariants within a bounded number of seeds",
          "[hashring][broken]") {
    sb::test::requireEachCaught<hashring::HashringModel>("hashring", ringParams(), {
        // Every old node's vnodes move at a join: keys change hands between old nodes.
        {"join_moves_old_keys", {"moves only to the gaining node"}},
        // Single lookups and the bulk assignment disagree on the keys of the ring's first vnode.
        {"lookup_skips_vnode", {"lookup agrees"}},
    }, kSeeds);
}

TEST_CASE("hashring: an unknown broken variant is refused by name", "[hashring][broken]") {
    const auto c = sb::test::runOnce<hashring::HashringModel>(sb::test::faultyScenario("hashring", 1), "no_such_rule",
                                                              fromMs(10));
    CHECK(c.error == "topic hashring has no broken variant 'no_such_rule'");
}
