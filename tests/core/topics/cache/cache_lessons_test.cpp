// The cache lessons through the real loader and checker, and the topic's content bar.
#include <catch2/catch.hpp>

#include "cache_test_util.h"
#include "lesson/lesson_catalog.h"
#include "lesson/lesson_check.h"
#include "lesson/lesson_loader.h"

using namespace sb::core;
using namespace cachetest;

TEST_CASE("every cache lesson loads and every claim holds", "[cache][lessons]") {
    const auto files = lessonFilesIn(std::string(SPLITBRAIN_SOURCE_DIR) + "/lessons/cache");
    REQUIRE(!files.empty());
    for (const std::string& file : files) {
        INFO(file);
        const LessonLoad load = loadLessonFile(file, registry());
        INFO(load.text());
        REQUIRE(load.ok());
        CHECK(load.lesson->topic == "cache");
        const LessonCheck check = checkLesson(*load.lesson, registry());
        for (const auto& e : check.errors) FAIL_CHECK(e.text());
        for (const auto& step : check.steps) {
            if (step.error) FAIL_CHECK("step " << step.step << ": " << step.error->text());
            for (const auto& claim : step.claims) CHECK(claim.passed);
        }
        CHECK(check.passed());
    }
}
