// The catalog: shipped plus user folders, manifest order, bad files reported, reload keeping the
// last good version; and the check-lessons command's exit codes.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "lesson/lesson_catalog.h"
#include "lesson/lesson_check.h"
#include "sim/json_io.h"
#include "sim/registry.h"

using namespace sb::core;
namespace fs = std::filesystem;

namespace {

const TopicRegistry& registry() {
    static const TopicRegistry r = [] {
        TopicRegistry t;
        registerBuiltinTopics(t);
        return t;
    }();
    return r;
}

const std::string kShipped = std::string(SPLITBRAIN_SOURCE_DIR) + "/lessons";
const std::string kCorpus = std::string(SPLITBRAIN_TEST_DATA) + "/broken";

// A scratch folder per test case, emptied first (no randomness: names are fixed).
fs::path scratch(const std::string& name) {
    const fs::path dir = fs::temp_directory_path() / ("splitbrain_lessons_test_" + name);
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

void copyFile(const std::string& from, const fs::path& to) {
    fs::copy_file(from, to, fs::copy_options::overwrite_existing);
}

std::string goodBase() {
    auto text = readTextFile(kCorpus + "/good_base.json", 1 << 20);
    REQUIRE(text.ok());
    return text.value();
}

void write(const fs::path& to, const std::string& text) { std::ofstream(to, std::ios::binary) << text; }

int cli(const std::vector<std::string>& args, std::string& output) {
    std::ostringstream out, err;
    const int rc = sb::app::runSimCli(args, out, err);
    output = out.str() + err.str();
    return rc;
}

}  // namespace

TEST_CASE("every shipped lesson loads and passes its check") {
    LessonCatalog catalog(registry());
    catalog.load(kShipped);
    for (const auto& e : catalog.errors()) FAIL_CHECK(e.text());
    REQUIRE_FALSE(catalog.lessons().empty());
    for (const Lesson* lesson : catalog.lessons()) {
        const LessonCheck check = checkLesson(*lesson, registry());
        INFO(lesson->file);
        CHECK(check.passed());
    }
}

TEST_CASE("every registered topic has its pieces: manifest entry, shipped lessons, described params") {
    // The registry is explicit, so a topic added to registerBuiltinTopics() without the rest of
    // its vertical slice fails here.
    const nlohmann::json manifest = nlohmann::json::parse(std::ifstream(kShipped + "/manifest.json"));
    LessonCatalog catalog(registry());
    catalog.load(kShipped);
    for (const std::string& id : registry().ids()) {
        INFO("topic " << id);
        const auto& topics = manifest.at("topics");
        CHECK(std::find(topics.begin(), topics.end(), id) != topics.end());
        CHECK(fs::is_directory(fs::path(kShipped) / id));
        std::size_t lessons = 0;
        for (const Lesson* l : catalog.lessons()) lessons += l->topic == id ? 1u : 0u;
        CHECK(lessons >= 1);
        const TopicInfo* info = registry().find(id);
        REQUIRE(info != nullptr);
        CHECK(!info->title.empty());
        for (const ParamSpec& p : info->params.specs()) {
            INFO("param " << p.name);
            CHECK(!p.description.empty());
            CHECK(p.min <= p.defaultValue);
            CHECK(p.defaultValue <= p.max);
        }
    }
}

TEST_CASE("the shipped manifest lists every shipped lesson in teaching order") {
    const nlohmann::json manifest = nlohmann::json::parse(std::ifstream(kShipped + "/manifest.json"));
    LessonCatalog catalog(registry());
    catalog.load(kShipped);
    for (const Lesson* l : catalog.lessons()) {
        INFO(l->id);
        const auto& listed = manifest.at("lessons").at(l->topic);
        CHECK(std::find(listed.begin(), listed.end(), l->id) != listed.end());
    }
}

TEST_CASE("the manifest orders topics, then listed lessons, then the rest by title") {
    const fs::path dir = scratch("order");
    fs::create_directories(dir / "ping");
    auto variant = [&](const std::string& id, const std::string& title) {
        std::string text = goodBase();
        text.replace(text.find("broken-base"), 11, id);
        text.replace(text.find("A small ping lesson"), 19, title);
        write(dir / "ping" / (id + ".json"), text);
    };
    variant("ping-c", "Charlie");
    variant("ping-b", "Bravo");
    variant("ping-a", "Alpha");
    variant("ping-z", "Zulu");
    write(dir / "manifest.json", R"({"schemaVersion": 1, "topics": ["ping"], "lessons": {"ping": ["ping-z", "ping-c"]}})");
    LessonCatalog catalog(registry());
    catalog.load(dir.string());
    CHECK(catalog.errors().empty());
    std::vector<std::string> ids;
    for (const Lesson* l : catalog.lessons()) ids.push_back(l->id);
    CHECK(ids == std::vector<std::string>{"ping-z", "ping-c", "ping-a", "ping-b"});
}

TEST_CASE("bad files are reported without stopping the others; user lessons join the shipped") {
    const fs::path shipped = scratch("shipped");
    const fs::path user = scratch("user");
    copyFile(kCorpus + "/good_base.json", shipped / "good.json");
    copyFile(kCorpus + "/unknown_topic.json", shipped / "bad.json");
    std::string text = goodBase();
    write(user / "same-id.json", text);  // same id as the shipped one: reported, ignored
    text.replace(text.find("broken-base"), 11, "my-own");
    write(user / "mine.json", text);
    LessonCatalog catalog(registry());
    catalog.load(shipped.string(), user.string());
    REQUIRE(catalog.entries().size() == 4);
    CHECK(catalog.lessons().size() == 2);
    CHECK(catalog.find("broken-base") != nullptr);
    CHECK(catalog.find("my-own") != nullptr);
    CHECK(catalog.entry((user / "mine.json").string())->user);
    const auto errors = catalog.errors();
    REQUIRE(errors.size() == 2);
    CHECK(errors[0].where == (shipped / "bad.json").string() + ":/topic");
    CHECK(errors[1].message.find("already used") != std::string::npos);
}

TEST_CASE("reload keeps the last good lesson when an edit breaks it") {
    const fs::path dir = scratch("reload");
    const fs::path file = dir / "lesson.json";
    copyFile(kCorpus + "/good_base.json", file);
    LessonCatalog catalog(registry());
    catalog.load(dir.string());
    REQUIRE(catalog.find("broken-base") != nullptr);

    write(file, "{ \"schemaVersion\": 1, oops }");
    Status s = catalog.reload(file.string());
    CHECK_FALSE(s.ok());
    CHECK(s.error().where == file.string() + ":1:23");
    REQUIRE(catalog.find("broken-base") != nullptr);  // still shown
    CHECK(catalog.entry(file.string())->errors.size() == 1);
    CHECK(catalog.errors().size() == 1);

    std::string text = goodBase();
    text.replace(text.find("A small ping lesson"), 19, "Edited title");
    write(file, text);
    CHECK(catalog.reload(file.string()).ok());
    CHECK(catalog.find("broken-base")->title == "Edited title");
    CHECK(catalog.errors().empty());

    catalog.remove(file.string());
    CHECK(catalog.lessons().empty());
}

TEST_CASE("check-lessons exits 0 when all is well, 1 on a failed claim, 2 on a bad file") {
    std::string output;
    CHECK(cli({"check-lessons", kCorpus + "/good_base.json"}, output) == 0);
    CHECK(output.find("1 passed") != std::string::npos);
    CHECK(cli({"check-lessons", kCorpus + "/false_claim.json"}, output) == 1);
    CHECK(output.find("claim suspicions equals 2 failed: expected equals 2, the model had 0") != std::string::npos);
    CHECK(output.find("step 1 \"Quiet start\"") != std::string::npos);
    CHECK(cli({"check-lessons", kCorpus + "/unknown_topic.json"}, output) == 2);
    CHECK(output.find("unknown topic 'paxos'") != std::string::npos);
    CHECK(cli({"check-lessons", kCorpus + "/no-such-file.json"}, output) == 2);
    CHECK(cli({"check-lessons", "--frobnicate"}, output) == 2);
}
