#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "quiz/atomic_file.h"
#include "temp_dir.h"

using namespace sb::core;
namespace fs = std::filesystem;

using sb::test::slurp;

TEST_CASE("an atomic write leaves exactly the bytes and no temporary file", "[atomic]") {
    sb::test::TempDir dir("atomic-basic");
    const std::string path = dir.file("f.json");
    const std::string bytes("a\0b\nc", 5);  // binary-safe, embedded NUL included
    REQUIRE(writeFileAtomically(path, bytes, 3));
    CHECK(slurp(path) == bytes);
    CHECK_FALSE(fs::exists(path + ".tmp"));
    CHECK_FALSE(fs::exists(backupPath(path, 1)));  // nothing to back up on the first write
}

TEST_CASE("backups rotate and the oldest drops off", "[atomic]") {
    sb::test::TempDir dir("atomic-rotate");
    const std::string path = dir.file("p.json");
    for (int i = 1; i <= 5; ++i) REQUIRE(writeFileAtomically(path, "v" + std::to_string(i), 3));
    CHECK(slurp(path) == "v5");
    CHECK(slurp(backupPath(path, 1)) == "v4");
    CHECK(slurp(backupPath(path, 2)) == "v3");
    CHECK(slurp(backupPath(path, 3)) == "v2");
    CHECK_FALSE(fs::exists(backupPath(path, 4)));
    // The backup is a separate file: it keeps its bytes when the main file is replaced.
    REQUIRE(writeFileAtomically(path, "v6", 3));
    CHECK(slurp(backupPath(path, 1)) == "v5");
    CHECK(slurp(backupPath(path, 2)) == "v4");
}

TEST_CASE("zero backups keeps none and a gap in backups is repaired", "[atomic]") {
    sb::test::TempDir dir("atomic-gap");
    const std::string path = dir.file("e.json");
    REQUIRE(writeFileAtomically(path, "one", 0));
    REQUIRE(writeFileAtomically(path, "two", 0));
    CHECK(slurp(path) == "two");
    CHECK_FALSE(fs::exists(backupPath(path, 1)));
    // As if a crash had hit between shifting .1 to .2 and linking the new .1.
    std::ofstream(backupPath(path, 2)) << "older";
    REQUIRE(writeFileAtomically(path, "three", 3));
    CHECK(slurp(backupPath(path, 1)) == "two");
    CHECK(slurp(backupPath(path, 3)) == "older");
}

TEST_CASE("a stale temporary file from a crash is overwritten", "[atomic]") {
    sb::test::TempDir dir("atomic-stale");
    const std::string path = dir.file("s.json");
    std::ofstream(path + ".tmp") << "half a file from a crashed save, much longer than the next";
    REQUIRE(writeFileAtomically(path, "whole", 3));
    CHECK(slurp(path) == "whole");
    CHECK_FALSE(fs::exists(path + ".tmp"));
}

TEST_CASE("a write into a missing folder fails with the path and changes nothing", "[atomic]") {
    sb::test::TempDir dir("atomic-missing");
    const std::string path = dir.file("no/such/folder/x.json");
    const Status s = writeFileAtomically(path, "x", 3);
    REQUIRE_FALSE(s.ok());
    CHECK_THAT(s.error().where, Catch::Contains("x.json"));
    CHECK(fs::is_empty(dir.path()));
}

TEST_CASE("a save killed after linking the backup does not keep the file twice", "[atomic]") {
    sb::test::TempDir dir("atomic-linked");
    const std::string path = dir.file("l.json");
    REQUIRE(writeFileAtomically(path, "v1", 3));
    REQUIRE(writeFileAtomically(path, "v2", 3));
    // The state a kill between step 3 (link) and step 4 (rename) leaves behind.
    fs::rename(backupPath(path, 1), backupPath(path, 2));
    fs::create_hard_link(path, backupPath(path, 1));
    REQUIRE(writeFileAtomically(path, "v3", 3));
    CHECK(slurp(path) == "v3");
    CHECK(slurp(backupPath(path, 1)) == "v2");
    CHECK(slurp(backupPath(path, 2)) == "v1");
    CHECK_FALSE(fs::exists(backupPath(path, 3)));
}
