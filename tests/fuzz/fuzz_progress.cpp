// The progress file lives in the user's data folder, may be damaged by a crash or a disk, and
// can be imported from someone else (Quiz > Import). Parsing must never crash; what parses must
// save and parse again to the same progress, and merging it into itself must change nothing.
#include "fuzz_support.h"
#include "quiz/progress_json.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace sb::core::quiz;
    constexpr std::size_t kMaxBytes = 1u << 20;
    const auto parsed = progressFromJson(sb::fuzz::asText(data, size), "fuzz.json", kMaxBytes);
    if (!parsed.ok()) return 0;
    const std::string saved = progressToJson(*parsed.progress);
    const auto again = progressFromJson(saved, "saved.json", kMaxBytes * 16);
    sb::fuzz::require(again.ok(), "saved progress parses again");
    sb::fuzz::require(*again.progress == *parsed.progress, "saved progress round-trips");
    Progress merged = *parsed.progress;
    const MergeSummary summary = mergeProgress(merged, *parsed.progress);
    sb::fuzz::require(summary.reviewsAdded == 0, "merging a progress into itself adds nothing");
    return 0;
}
