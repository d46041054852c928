// The cache broken on purpose: SET NX grants a lock that another holder still has. The model's
// own invariant (one recompute per key under an unexpired lock) must flag it within a bounded
// number of random fault seeds, and never flag the correct lock on the same seeds.
#include "broken_runs.h"
#include "topics/cache/cache_model.h"

using namespace sb::core;

namespace {

constexpr std::uint64_t kSeeds = 40;

// The lock mitigation with a short TTL, so the hot key expires several times under load.
ParamValues lockParams() { return {{"mitigation", 1}, {"ttl_ms", 1000}, {"recompute_ms", 200}, {"rate", 200}}; }

}  // namespace

TEST_CASE("cache: the correct lock is never flagged on the fault seeds the variant uses", "[cache][broken]") {
    sb::test::requireNeverFlagged<cache::CacheModel>("cache", lockParams(), kSeeds);
}

TEST_CASE("cache: a lock two holders take is caught by the invariants within a bounded number of seeds",
          "[cache][broken]") {
    sb::test::requireEachCaught<cache::CacheModel>("cache", lockParams(),
                                                   {{"lock_two_holders", {"one recompute under the lock"}}}, kSeeds);
}

TEST_CASE("cache: an unknown broken variant is refused by name", "[cache][broken]") {
    const auto c = sb::test::runOnce<cache::CacheModel>(sb::test::faultyScenario("cache", 1), "no_such_rule", fromMs(10));
    CHECK(c.error == "topic cache has no broken variant 'no_such_rule'");
}
