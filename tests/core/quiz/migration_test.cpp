#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "quiz/progress_json.h"
#include "quiz/progress_store.h"
#include "sim/rng.h"
#include "temp_dir.h"

using namespace sb::core;
using namespace sb::core::quiz;
namespace fs = std::filesystem;

namespace {

using sb::test::corpus;
using sb::test::slurp;
using sb::test::spit;

// What a version-1 Splitbrain wrote for `p`: no FSRS memory, no settings.
std::string asVersion1(const Progress& p) {
    nlohmann::json j = nlohmann::json::parse(progressToJson(p));
    j["version"] = 1;
    j.erase("settings");
    for (auto& [id, item] : j["items"].items()) {
        item["state"].erase("stability");
        item["state"].erase("difficulty");
    }
    return j.dump();
}

// Random SM-2 review histories, as a learner on the old version produced them.
Progress randomSm2Progress(std::uint64_t seed, int items) {
    Rng rng(seed);
    Progress p;
    p.settings.algorithm = Algorithm::Sm2;
    for (int i = 0; i < items; ++i) {
        const ItemRef ref{"lesson/item-" + std::to_string(i), "topic", "lesson", ItemKind::Card, 0};
        Seconds t = 19000 * 86400 + static_cast<Seconds>(rng.range(0, 86399));
        const int reviews = static_cast<int>(rng.range(1, 12));
        for (int k = 0; k < reviews; ++k) {
            const auto grade = static_cast<Grade>(rng.range(1, 4));
            const bool redrill = rng.range(0, 9) == 0;
            p.recordReview(ref, grade, ReviewMode::Recall, t, !redrill);
            t += static_cast<Seconds>(rng.range(0, 40)) * 86400 + rng.range(0, 3600);
        }
    }
    return p;
}

}  // namespace

TEST_CASE("a version-1 file loads with every review and FSRS memory from its log", "[migration]") {
    const ProgressParse parsed = progressFromJson(corpus("good.json"), "good.json", 1 << 20);
    REQUIRE(parsed.ok());
    CHECK(parsed.version == 1);
    const Progress& p = *parsed.progress;
    CHECK(p.settings.algorithm == Algorithm::Fsrs);
    const ItemProgress& card = *p.find("raft-why-terms");
    REQUIRE(card.history.size() == 2);
    CHECK(card.state.interval == 6);  // SM-2's due day is kept, not rescheduled
    CHECK(card.state.due == 19007);
    // Good on day 18999, Easy on day 19000: the reference's first-review and recall rules.
    const FsrsParams params;
    const FsrsMemory first = nextMemory({}, Grade::Good, 0, params);
    const FsrsMemory second = nextMemory(first, Grade::Easy, 1, params);
    CHECK(card.state.stability == second.stability);
    CHECK(card.state.difficulty == second.difficulty);
    // The re-drill of the lapsed choice item does not enter the memory.
    const ItemProgress& choice = *p.find("ring-q-move");
    CHECK(choice.history.size() == 2);
    CHECK(choice.state.stability == nextMemory({}, Grade::Again, 0, params).stability);
}

TEST_CASE("migrating SM-2 progress loses no review and is idempotent", "[migration]") {
    for (std::uint64_t seed = 1; seed <= 30; ++seed) {
        INFO("seed " << seed);
        const Progress original = randomSm2Progress(seed, 100);
        const ProgressParse migrated = progressFromJson(asVersion1(original), "v1.json", 1 << 24);
        REQUIRE(migrated.ok());
        // Every item, review and SM-2 field survives, and the memory rebuilt from the log is
        // the memory the incremental updates kept (FSRS memory is updated under SM-2 too).
        CHECK(migrated.progress->items() == original.items());
        Progress twice = *migrated.progress;
        rebuildMemory(twice);
        CHECK(twice == *migrated.progress);
        const ProgressParse reread =
            progressFromJson(progressToJson(*migrated.progress), "v2.json", 1 << 24);
        REQUIRE(reread.ok());
        CHECK(reread.version == kProgressVersion);
        CHECK(*reread.progress == *migrated.progress);
    }
}

TEST_CASE("the store keeps the version-1 file and loads the upgrade unchanged", "[migration][store]") {
    sb::test::TempDir dir("store-migrate");
    const std::string path = dir.file("progress.json");
    const std::string v1 = corpus("good.json");
    spit(path, v1);
    ProgressStore store(path);
    const LoadReport r = store.load();
    CHECK(r.outcome == LoadOutcome::Loaded);
    CHECK(r.keptOldFormat == path + ".v1");
    CHECK(r.message ==
          "Progress loaded from progress.json and upgraded for the FSRS scheduler (the old file "
          "was kept as progress.json.v1).");
    CHECK(slurp(path + ".v1") == v1);
    REQUIRE(store.save());
    ProgressStore again(path);
    const LoadReport r2 = again.load();
    CHECK(r2.outcome == LoadOutcome::Loaded);
    CHECK(r2.keptOldFormat.empty());
    Progress expected = store.progress();
    CHECK(again.progress() == expected);
    CHECK(slurp(path + ".v1") == v1);  // a later load never replaces the kept copy
    // Loading the old file a second time (say, restored by hand) migrates it the same way.
    spit(path, v1);
    ProgressStore third(path);
    third.load();
    expected.saveCount = 4;
    CHECK(third.progress() == expected);
}

TEST_CASE("bad FSRS fields and settings are reported where they are", "[migration]") {
    Progress p;
    p.recordReview({"l/c", "raft", "l", ItemKind::Card, 0}, Grade::Good, ReviewMode::Recall,
                   19000 * 86400);
    p.interview.day = 19014;
    p.interview.topics = {"raft"};
    const std::string good = progressToJson(p);
    REQUIRE(progressFromJson(good, "p.json", 1 << 20).ok());
    CHECK(*progressFromJson(good, "p.json", 1 << 20).progress == p);
    const auto broken = [&](const std::string& from, const std::string& to) {
        std::string text = good;
        const auto pos = text.find(from);
        REQUIRE(pos != std::string::npos);
        text.replace(pos, from.size(), to);
        const ProgressParse bad = progressFromJson(text, "p.json", 1 << 20);
        REQUIRE_FALSE(bad.ok());
        CHECK(bad.failure.kind == ParseFailure::Corrupt);
        return bad.failure.error.text();
    };
    CHECK_THAT(broken("\"difficulty\":", "\"difficulty\":0.5,\"x\":"),
               Catch::Contains("/items/l~1c/state/difficulty"));
    CHECK_THAT(broken("\"stability\":", "\"stability\":-1,\"x\":"),
               Catch::Contains("/items/l~1c/state/stability"));
    CHECK_THAT(broken("\"scheduler\":\"fsrs\"", "\"scheduler\":\"sm17\""),
               Catch::Contains("/settings/scheduler"));
    CHECK_THAT(broken("\"desiredRetention\":0.9", "\"desiredRetention\":1.5"),
               Catch::Contains("/settings/desiredRetention"));
    CHECK_THAT(broken("\"topics\":[\"raft\"]", "\"topics\":[3]"),
               Catch::Contains("/settings/interview/topics/0"));
}
