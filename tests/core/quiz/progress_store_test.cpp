#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "quiz/atomic_file.h"
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
Progress goodProgress() {
    return *progressFromJson(corpus("good.json"), "good.json", 1 << 20).progress;
}

const ItemRef kCard{"ping-why-timeouts", "ping", "ping-basics", ItemKind::Card, 2};

}  // namespace

TEST_CASE("save and load round-trip through the store", "[store]") {
    sb::test::TempDir dir("store-roundtrip");
    const std::string path = dir.file("progress.json");
    ProgressStore a(path);
    CHECK(a.load().outcome == LoadOutcome::Fresh);
    a.progress() = goodProgress();
    a.progress().recordReview(kCard, Grade::Hard, ReviewMode::Rehearsal, 1641800000);
    REQUIRE(a.save());
    CHECK(a.progress().saveCount == 5);  // good.json had 4
    ProgressStore b(path);
    const LoadReport r = b.load();
    CHECK(r.outcome == LoadOutcome::Loaded);
    CHECK(r.message == "Progress loaded from progress.json.");
    CHECK(b.progress() == a.progress());
}

TEST_CASE("each save keeps the previous three as backups", "[store]") {
    sb::test::TempDir dir("store-backups");
    const std::string path = dir.file("progress.json");
    ProgressStore s(path);
    s.load();
    for (int i = 0; i < 5; ++i) REQUIRE(s.save());
    const auto countIn = [](const std::string& f) {
        return progressFromJson(slurp(f), f, 1 << 20).progress->saveCount;
    };
    CHECK(countIn(path) == 5);
    CHECK(countIn(backupPath(path, 1)) == 4);
    CHECK(countIn(backupPath(path, 2)) == 3);
    CHECK(countIn(backupPath(path, 3)) == 2);
    CHECK_FALSE(fs::exists(backupPath(path, 4)));
}

// Every damaged file is set aside byte for byte, the backup is loaded, and the user is told.
TEST_CASE("corrupt progress files are set aside and the backup is loaded", "[store][corpus]") {
    const char* damaged[] = {"truncated.json",     "not_json.json",          "empty.json",
                             "wrong_types.json",   "negative_interval.json", "invalid_utf8.json",
                             "unknown_grade.json", "wrong_format.json",      "array_root.json"};
    for (const char* name : damaged) {
        INFO(name);
        sb::test::TempDir dir("store-corpus");
        const std::string path = dir.file("progress.json");
        const std::string bytes = corpus(name);
        spit(path, bytes);
        spit(backupPath(path, 1), corpus("good.json"));
        ProgressStore store(path);
        const LoadReport r = store.load();
        CHECK(r.outcome == LoadOutcome::RestoredFromBackup);
        CHECK(r.loadedFrom == backupPath(path, 1));
        REQUIRE(r.setAside.size() == 1);
        CHECK(r.setAside[0] == path + ".corrupt-1");
        CHECK(slurp(r.setAside[0]) == bytes);  // kept, never deleted or changed
        // The restored progress is written back as the file at once (one save).
        CHECK(fs::exists(path));
        Progress expected = goodProgress();
        expected.saveCount += 1;
        CHECK(store.progress() == expected);
        CHECK(r.message ==
              "progress.json was damaged, so your progress was restored from the backup "
              "progress.json.1 (the damaged file was kept as progress.json.corrupt-1) and "
              "upgraded for the FSRS scheduler (the old file was kept as progress.json.v1).");
        REQUIRE(r.details.size() == 1);
        CHECK_THAT(r.details[0].text(), Catch::Contains("progress.json"));
        // Saving afterwards writes a fresh main file and leaves the set-aside copy alone.
        REQUIRE(store.save());
        ProgressStore again(path);
        CHECK(again.load().outcome == LoadOutcome::Loaded);
        CHECK(slurp(path + ".corrupt-1") == bytes);
    }
}

TEST_CASE("damage reports point at the problem", "[store][corpus]") {
    const auto whereOf = [](const std::string& name) {
        return progressFromJson(corpus(name), name, 1 << 20).failure.error.text();
    };
    CHECK_THAT(whereOf("wrong_types.json"), Catch::Contains("at /saveCount: expected a whole"));
    CHECK_THAT(whereOf("negative_interval.json"),
               Catch::Contains("/items/raft-why-terms/state/interval: value -6 is outside"));
    CHECK_THAT(whereOf("unknown_grade.json"),
               Catch::Contains("/history/1/grade: unknown value \"perfect\""));
    CHECK_THAT(whereOf("truncated.json"), Catch::StartsWith("truncated.json:"));
    CHECK_THAT(whereOf("wrong_format.json"), Catch::Contains("not a Splitbrain progress file"));
}

TEST_CASE("with a damaged file and damaged backups the newest good backup wins",
          "[store][corpus]") {
    sb::test::TempDir dir("store-chain");
    const std::string path = dir.file("progress.json");
    spit(path, corpus("not_json.json"));
    spit(backupPath(path, 1), corpus("truncated.json"));
    spit(backupPath(path, 2), corpus("good.json"));
    spit(backupPath(path, 3), "{}");
    ProgressStore store(path);
    const LoadReport r = store.load();
    CHECK(r.outcome == LoadOutcome::RestoredFromBackup);
    CHECK(r.loadedFrom == backupPath(path, 2));
    CHECK(r.setAside == std::vector<std::string>{path + ".corrupt-1", path + ".corrupt-2"});
    CHECK(slurp(path + ".corrupt-2") == corpus("truncated.json"));
    CHECK(fs::exists(backupPath(path, 3)));  // never looked at, never touched
}

TEST_CASE("damaged with no backup starts over and keeps the numbered damaged file", "[store]") {
    sb::test::TempDir dir("store-startover");
    const std::string path = dir.file("progress.json");
    spit(path + ".corrupt-1", "an older damaged file");
    spit(path, corpus("truncated.json"));
    ProgressStore store(path);
    const LoadReport r = store.load();
    CHECK(r.outcome == LoadOutcome::StartedOver);
    CHECK(store.progress().items().empty());
    CHECK(r.message ==
          "progress.json was damaged and no good backup was found, so progress "
          "starts fresh (the damaged file was kept as progress.json.corrupt-2).");
    CHECK(slurp(path + ".corrupt-1") == "an older damaged file");
    CHECK(slurp(path + ".corrupt-2") == corpus("truncated.json"));
    CHECK(store.canSave());
}

TEST_CASE("a missing file with a backup restores the backup", "[store]") {
    sb::test::TempDir dir("store-missing");
    const std::string path = dir.file("progress.json");
    spit(backupPath(path, 1), corpus("good.json"));
    ProgressStore store(path);
    const LoadReport r = store.load();
    CHECK(r.outcome == LoadOutcome::RestoredFromBackup);
    CHECK(r.message ==
          "progress.json was missing, so your progress was restored from the "
          "backup progress.json.1 and upgraded for the FSRS scheduler (the old file was kept "
          "as progress.json.v1).");
    CHECK(r.setAside.empty());
}

TEST_CASE("a file from a newer version is refused and never overwritten", "[store][corpus]") {
    sb::test::TempDir dir("store-newer");
    const std::string path = dir.file("progress.json");
    const std::string bytes = corpus("newer_version.json");
    spit(path, bytes);
    spit(backupPath(path, 1), corpus("good.json"));
    ProgressStore store(path);
    const LoadReport r = store.load();
    CHECK(r.outcome == LoadOutcome::RefusedNewer);
    CHECK(r.message ==
          "progress.json was saved by a newer version of Splitbrain, so it was left "
          "untouched and progress will not be saved until you update.");
    CHECK(store.progress().items().empty());
    CHECK_FALSE(store.canSave());
    store.progress().recordReview(kCard, Grade::Good, ReviewMode::Recall, 1641800000);
    const Status s = store.save();
    REQUIRE_FALSE(s.ok());
    CHECK_THAT(s.error().message, Catch::Contains("newer version"));
    CHECK(slurp(path) == bytes);
    CHECK(slurp(backupPath(path, 1)) == corpus("good.json"));
    CHECK_FALSE(fs::exists(path + ".corrupt-1"));
    CHECK_FALSE(fs::exists(path + ".tmp"));
}

TEST_CASE("a file over the size limit is set aside and not read", "[store][corpus]") {
    sb::test::TempDir dir("store-huge");
    const std::string path = dir.file("progress.json");
    // Valid JSON padded to 1 MiB, against a 64 KiB limit (the default limit is 64 MiB; a
    // small one keeps the test fast and exercises the same path).
    std::string huge = corpus("good.json");
    huge.insert(1, std::string(1 << 20, ' '));
    spit(path, huge);
    ProgressStore store(path, StoreOptions{3, 64 * 1024});
    const LoadReport r = store.load();
    CHECK(r.outcome == LoadOutcome::StartedOver);
    REQUIRE(r.details.size() == 1);
    CHECK_THAT(r.details[0].message, Catch::Contains("the limit is 65536"));
    CHECK(fs::file_size(path + ".corrupt-1") == huge.size());
}

TEST_CASE("export and import merge progress between machines", "[store]") {
    sb::test::TempDir dir("store-export");
    ProgressStore laptop(dir.file("laptop.json"));
    laptop.load();
    laptop.progress() = goodProgress();
    ProgressStore desktop(dir.file("desktop.json"));
    desktop.load();
    desktop.progress().recordReview(kCard, Grade::Good, ReviewMode::Recall, 1641900000);
    const ItemRef terms{"raft-why-terms", "raft", "raft-election", ItemKind::Card, 3};
    desktop.progress().recordReview(terms, Grade::Again, ReviewMode::Recall, 1641900000);
    REQUIRE(desktop.exportTo(dir.file("export.json")));
    CHECK_FALSE(fs::exists(dir.file("export.json.1")));

    const Result<MergeSummary> m = laptop.importFrom(dir.file("export.json"));
    REQUIRE(m.ok());
    CHECK(m->itemsAdded == 1);
    CHECK(m->itemsMerged == 1);
    CHECK(m->reviewsAdded == 2);
    const ItemProgress& merged = *laptop.progress().find("raft-why-terms");
    CHECK(merged.history.size() == 3);
    CHECK(merged.state.lapses == 1);  // the desktop's later Again won
    CHECK(merged.state.lastReview == 1641900000);

    // Damaged and newer files change nothing.
    const Progress before = laptop.progress();
    spit(dir.file("bad.json"), corpus("truncated.json"));
    spit(dir.file("newer.json"), corpus("newer_version.json"));
    CHECK_FALSE(laptop.importFrom(dir.file("bad.json")).ok());
    const auto newer = laptop.importFrom(dir.file("newer.json"));
    REQUIRE_FALSE(newer.ok());
    CHECK_THAT(newer.error().message, Catch::Contains("newer version"));
    CHECK_FALSE(laptop.importFrom(dir.file("nothing-here.json")).ok());
    CHECK(laptop.progress() == before);
    CHECK(slurp(dir.file("bad.json")) == corpus("truncated.json"));  // imports never move files
}

TEST_CASE("seeded random damage to a good file never crashes the loader", "[store][corpus]") {
    // Byte flips, deletions and truncations of good.json: each parse must either succeed with
    // values inside the validated ranges or fail with a located error; never throw or crash.
    const std::string good = corpus("good.json");
    Rng rng(77);
    int accepted = 0;
    for (int i = 0; i < 3000; ++i) {
        std::string text = good;
        const auto edits = rng.range(1, 4);
        for (std::int64_t e = 0; e < edits && !text.empty(); ++e) {
            const auto at = static_cast<std::size_t>(
                rng.range(0, static_cast<std::int64_t>(text.size()) - 1));
            switch (rng.range(0, 2)) {
                case 0: text[at] = static_cast<char>(rng.range(0, 255)); break;
                case 1: text.erase(at, 1); break;
                default: text.resize(at); break;
            }
        }
        const ProgressParse p = progressFromJson(text, "m.json", 1 << 20);
        if (p.ok()) {
            ++accepted;
            for (const auto& [id, item] : p.progress->items()) {
                CHECK(item.state.interval >= 0);
                CHECK(item.state.ease >= kMinimumEase);
            }
        } else {
            CHECK_FALSE(p.failure.error.where.empty());
        }
    }
    CHECK(accepted < 3000);  // the damage really damaged most of them
}
