// The saga broken on purpose: compensations run oldest first. The model's own invariants (the
// log's shape T1..Tj Cj..C1, checked at every log record) must flag it within a bounded number
// of random fault seeds, and never flag the correct orchestrator on the same seeds.
#include "broken_runs.h"
#include "topics/saga/saga_model.h"

using namespace sb::core;

namespace {

constexpr std::uint64_t kSeeds = 40;

// Ten orders against a stock of five (the later ones are rejected at Inventory, after two
// steps committed) and transient failures that exhaust retries, so sagas compensate.
ParamValues compensatingParams() {
    return {{"orders", 10}, {"order_gap_ms", 100}, {"stock", 5}, {"fail_prob", 0.2}, {"max_retries", 1}};
}

}  // namespace

TEST_CASE("saga: the correct orchestrator is never flagged on the fault seeds the variant uses", "[saga][broken]") {
    sb::test::requireNeverFlagged<saga::SagaModel>("saga", compensatingParams(), kSeeds);
}

TEST_CASE("saga: compensating forward is caught by the invariants within a bounded number of seeds", "[saga][broken]") {
    sb::test::requireEachCaught<saga::SagaModel>("saga", compensatingParams(),
                                                 {{"compensates_forward", {"reverse-order compensation"}}}, kSeeds);
}

TEST_CASE("saga: an unknown broken variant is refused by name", "[saga][broken]") {
    const auto c = sb::test::runOnce<saga::SagaModel>(sb::test::faultyScenario("saga", 1), "no_such_rule", fromMs(10));
    CHECK(c.error == "topic saga has no broken variant 'no_such_rule'");
}
