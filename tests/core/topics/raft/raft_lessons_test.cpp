// The Raft lessons run against the real model: every claim holds, and the content the issue
// asks for is there. The unsafe Figure 8 lesson lives in data/ because check-lessons treats any
// invariant violation as a failure; here we check that it fails in exactly the intended way.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <string>

#include "lesson/lesson_check.h"
#include "lesson/lesson_loader.h"
#include "sim/registry.h"

using namespace sb::core;

namespace {
const TopicRegistry& registry() {
    static const TopicRegistry r = [] {
        TopicRegistry t;
        registerBuiltinTopics(t);
        return t;
    }();
    return r;
}

Lesson load(const std::string& path) {
    LessonLoad l = loadLessonFile(path, registry());
    INFO(l.text());
    REQUIRE(l.ok());
    return *l.lesson;
}
}  // namespace

TEST_CASE("every shipped Raft lesson passes its checks, with enough cards and quiz items", "[raft][lessons]") {
    const std::string dir = std::string(SPLITBRAIN_SOURCE_DIR) + "/lessons/raft";
    std::size_t lessons = 0, cards = 0, quiz = 0, predicts = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        if (entry.path().extension() != ".json") continue;
        const Lesson lesson = load(entry.path().string());
        const LessonCheck check = checkLesson(lesson, registry());
        INFO(lesson.file);
        for (const auto& e : check.errors) UNSCOPED_INFO(e.text());
        CHECK(check.passed());
        ++lessons;
        for (const auto& c : lesson.cards) {
            ++cards;
            CHECK(!c.points.empty());
        }
        for (const auto& q : lesson.quiz) {
            ++quiz;
            if (q.type == QuizType::Predict) ++predicts;
        }
    }
    CHECK(lessons >= 4);
    CHECK(cards >= 15);
    CHECK(quiz >= 10);
    CHECK(predicts >= 4);
}

TEST_CASE("the unsafe Figure 8 lesson: every claim holds and exactly the two intended invariants fire",
          "[raft][lessons][figure8]") {
    const Lesson lesson = load(std::string(SPLITBRAIN_TEST_DATA) + "/data/raft-figure8-unsafe.json");
    const LessonCheck check = checkLesson(lesson, registry());
    for (const auto& s : check.steps) {
        INFO("step " << s.step);
        CHECK(s.passed());
    }
    REQUIRE(check.errors.size() == 2);
    CHECK(check.errors[0].message.find("leader completeness") != std::string::npos);
    CHECK(check.errors[1].message.find("state machine safety") != std::string::npos);
}

TEST_CASE("the predict items on CheckQuorum and PreVote show what their cards claim", "[raft][lessons]") {
    const Lesson lesson = load(std::string(SPLITBRAIN_SOURCE_DIR) + "/lessons/raft/raft-minority-leader.json");
    const LessonCheck check = checkLesson(lesson, registry());
    REQUIRE(check.passed());
    std::map<std::string, std::string> answers;
    for (const auto& p : check.predicts) {
        REQUIRE(p.answer);
        answers[p.itemId] = probeToString(*p.answer);
    }
    // CheckQuorum: the stranded leader steps down, so only the majority's leader remains...
    CHECK(answers["raft-quiz-predict-checkquorum"] == "1");
    // ...and it changes nothing about what can commit on the minority side: index 1 (x=9) only.
    CHECK(answers["raft-quiz-predict-checkquorum-commit"] == "1");
    // PreVote: an isolated server keeps its term instead of running it up.
    CHECK(answers["raft-quiz-predict-isolated-prevote"] == "2");
    CHECK(std::stoi(answers["raft-quiz-predict-isolated-term"]) >= 6);
}
