// CP broken on purpose, one rule at a time: the model's own invariants (the minority refuses,
// the history is linearizable), checked as operations complete, must flag each variant within a
// bounded number of random fault seeds, and never flag correct CP on the same seeds.
#include "broken_runs.h"
#include "topics/cap/cap_model.h"

using namespace sb::core;

namespace {

constexpr std::uint64_t kSeeds = 40;

// Every client busy (20 ops/s each, half reads) while the fault script crashes and partitions.
ParamValues cpParams() { return {{"mode", 0}, {"client_rate", 20}, {"read_fraction", 0.5}}; }

}  // namespace

TEST_CASE("cap: correct CP is never flagged on the fault seeds the variants use", "[cap][broken]") {
    sb::test::requireNeverFlagged<cap::CapModel>("cap", cpParams(), kSeeds);
}

TEST_CASE("cap: each broken CP variant is caught by the invariants within a bounded number of seeds", "[cap][broken]") {
    sb::test::requireEachCaught<cap::CapModel>("cap", cpParams(), {
        {"acks_before_majority", {"minority refuses", "linearizability"}},
        {"reads_one_replica", {"minority refuses", "linearizability"}},
    }, kSeeds);
}

TEST_CASE("cap: an unknown broken variant is refused by name", "[cap][broken]") {
    const auto c = sb::test::runOnce<cap::CapModel>(sb::test::faultyScenario("cap", 1), "no_such_rule", fromMs(10));
    CHECK(c.error == "topic cap has no broken variant 'no_such_rule'");
}
