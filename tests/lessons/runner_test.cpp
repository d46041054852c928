// LessonRun: steps, claims, going back to a step, and predict answers computed by the model.
#include <catch2/catch.hpp>

#include "lesson/lesson_check.h"
#include "lesson/lesson_loader.h"
#include "sim/json_io.h"
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

Lesson pingLesson() {
    LessonLoad load = loadLessonFile(std::string(SPLITBRAIN_SOURCE_DIR) + "/lessons/ping/silence.json", registry());
    INFO(load.text());
    REQUIRE(load.ok());
    return *load.lesson;
}

const QuizItem& item(const Lesson& lesson, const std::string& id) {
    for (const auto& q : lesson.quiz)
        if (q.id == id) return q;
    FAIL("no quiz item " << id);
    return lesson.quiz.front();
}

}  // namespace

TEST_CASE("the ping lesson is parsed into the types the GUI reads") {
    const Lesson lesson = pingLesson();
    CHECK(lesson.id == "ping-silence");
    CHECK(lesson.topic == "ping");
    CHECK(lesson.scenario.topic == "ping");
    CHECK(lesson.scenario.lesson == "ping-silence");
    CHECK(lesson.scenario.seed == 3);
    REQUIRE(lesson.steps.size() == 5);
    CHECK(lesson.steps[1].actions.size() == 1);
    CHECK(lesson.steps[1].actions[0].kind == "partition");
    CHECK(lesson.steps[1].until.kind == UntilCondition::Kind::Event);
    CHECK(lesson.steps[1].until.node == "n1");
    CHECK(lesson.steps[1].highlight.nodes == std::vector<std::string>{"n4"});
    CHECK(lesson.steps[1].expect[1].text() == "suspect_count(n1) equals 1");
    CHECK(lesson.steps[1].expect[1].pointer == "/steps/1/expect/1");
    CHECK(lesson.cards[0].showMeStep == 3);
    CHECK(lesson.quiz[0].type == QuizType::Choice);
    CHECK(lesson.quiz[0].correctOption() == 0);
    CHECK(item(lesson, "ping-quiz-predict-heal").fromStep == 2);
    CHECK(item(lesson, "ping-quiz-predict-heal").answerType == AnswerType::Number);
}

TEST_CASE("running the ping lesson step by step satisfies every claim") {
    const Lesson lesson = pingLesson();
    auto run = LessonRun::start(lesson, registry());
    REQUIRE(run.ok());
    for (std::size_t i = 1; i <= lesson.steps.size(); ++i) {
        StepResult r = run->runNextStep();
        INFO("step " << i << (r.error ? " " + r.error->text() : std::string()));
        CHECK(r.step == i);
        CHECK(r.reached);
        CHECK(r.passed());
        CHECK(r.claims.size() == lesson.steps[i - 1].expect.size());
        CHECK(run->stepsDone() == i);
    }
    // Step 1 runs to 1000 ms; step 2 ends at n1's suspicion, after at least the timeout.
    CHECK(run->stepEndPosition(1).has_value());
    CHECK_FALSE(run->stepEndPosition(6).has_value());
}

TEST_CASE("going back to a step restores its state exactly") {
    const Lesson lesson = pingLesson();
    auto run = LessonRun::start(lesson, registry());
    REQUIRE(run.ok());
    REQUIRE(run->runToEndOfStep(3).ok());
    const auto atThree = run->evaluate(lesson.steps[2].expect, run->stepClock(3));
    const Time timeThree = run->timeline().now();
    REQUIRE(run->runToEndOfStep(5).ok());
    CHECK(run->evaluate(lesson.steps[2].expect, run->stepClock(5))[0].passed == false);  // n4 is trusted again
    auto back = run->runToEndOfStep(3);
    REQUIRE(back.ok());
    CHECK(back.value().empty());  // a seek, not a re-run
    CHECK(run->timeline().now() == timeThree);
    const auto again = run->evaluate(lesson.steps[2].expect, run->stepClock(3));
    REQUIRE(again.size() == atThree.size());
    for (std::size_t i = 0; i < again.size(); ++i) {
        CHECK(again[i].passed);
        CHECK(again[i].actual == atThree[i].actual);
    }
    CHECK_FALSE(run->runToEndOfStep(6).ok());
}

TEST_CASE("re-running a step after branching back gives the same result") {
    const Lesson lesson = pingLesson();
    auto first = LessonRun::start(lesson, registry());
    REQUIRE(first.ok());
    REQUIRE(first->runToEndOfStep(3).ok());
    const std::size_t end3 = first->timeline().position();
    first->timeline().seek(*first->stepEndPosition(1));
    first->branchHere();
    CHECK(first->stepsDone() == 1);
    auto results = first->runToEndOfStep(3);
    REQUIRE(results.ok());
    REQUIRE(results.value().size() == 2);
    CHECK(results.value()[0].passed());
    CHECK(results.value()[1].passed());
    CHECK(first->timeline().position() == end3);
}

TEST_CASE("predict answers are computed by the model and leave the run where it was") {
    const Lesson lesson = pingLesson();
    auto run = LessonRun::start(lesson, registry());
    REQUIRE(run.ok());
    REQUIRE(run->runToEndOfStep(4).ok());
    const std::size_t before = run->timeline().position();

    auto heal = run->predict(item(lesson, "ping-quiz-predict-heal"));
    REQUIRE(heal.ok());
    CHECK(heal.value() == ProbeValue{std::int64_t{0}});
    auto crash = run->predict(item(lesson, "ping-quiz-predict-crash"));
    REQUIRE(crash.ok());
    CHECK(crash.value() == ProbeValue{std::int64_t{2}});  // n4 (still cut off) and n1 (crashed)
    auto alive = run->predict(item(lesson, "ping-quiz-predict-alive"));
    REQUIRE(alive.ok());
    CHECK(alive.value() == ProbeValue{true});

    CHECK(run->timeline().position() == before);
    CHECK(run->stepsDone() == 4);
    CHECK(run->runNextStep().passed());
}

TEST_CASE("a predict item from a step not yet run runs the lesson up to it") {
    const Lesson lesson = pingLesson();
    auto run = LessonRun::start(lesson, registry());
    REQUIRE(run.ok());
    auto crash = run->predict(item(lesson, "ping-quiz-predict-crash"));
    REQUIRE(crash.ok());
    CHECK(crash.value() == ProbeValue{std::int64_t{2}});
    CHECK(run->stepsDone() == 3);
}

TEST_CASE("checkLesson reports every claim of the ping lesson as passing") {
    const LessonCheck check = checkLesson(pingLesson(), registry());
    CHECK(check.passed());
    CHECK(check.steps.size() == 5);
    CHECK(check.claimCount() == 18);  // two of them on the heartbeat rate
    CHECK(check.failedCount() == 0);
    CHECK(check.predicts.size() == 3);
}

TEST_CASE("claims compare numbers, booleans, strings and null") {
    CHECK(compareProbe(std::int64_t{3}, CompareOp::Equals, 3.0));
    CHECK(compareProbe(1.2000000000001, CompareOp::AtMost, 1.2));
    CHECK_FALSE(compareProbe(1.3, CompareOp::AtMost, 1.2));
    CHECK(compareProbe(std::int64_t{5}, CompareOp::AtLeast, std::int64_t{5}));
    CHECK_FALSE(compareProbe(std::int64_t{4}, CompareOp::AtLeast, std::int64_t{5}));
    CHECK(compareProbe(std::string("n1"), CompareOp::Equals, std::string("n1")));
    CHECK(compareProbe(std::string("n1"), CompareOp::NotEquals, std::string("n2")));
    CHECK_FALSE(compareProbe(std::string("n1"), CompareOp::AtLeast, std::int64_t{0}));
    CHECK(compareProbe(true, CompareOp::Equals, true));
    CHECK_FALSE(compareProbe(true, CompareOp::Equals, std::int64_t{1}));
    CHECK(compareProbe(std::monostate{}, CompareOp::Equals, std::monostate{}));
    CHECK(compareProbe(std::string("n1"), CompareOp::NotEquals, std::monostate{}));
}

TEST_CASE("conditions describe themselves for reports") {
    UntilCondition u;
    u.kind = UntilCondition::Kind::Event;
    u.event = "suspect";
    u.node = "n1";
    u.count = 2;
    CHECK(u.text() == "the 2nd 'suspect' event at n1");
    u.kind = UntilCondition::Kind::AfterMs;
    u.ms = 500;
    CHECK(u.text() == "500 ms after the step starts");
}

TEST_CASE("the example lesson in lessons/README.md loads and passes") {
    auto readme = readTextFile(std::string(SPLITBRAIN_SOURCE_DIR) + "/lessons/README.md", 1 << 20);
    REQUIRE(readme.ok());
    const std::string& text = readme.value();
    const auto begin = text.find("```json\n");
    REQUIRE(begin != std::string::npos);
    const auto end = text.find("```", begin + 8);
    REQUIRE(end != std::string::npos);
    LessonLoad load = loadLessonText(text.substr(begin + 8, end - begin - 8), "README.md", registry());
    INFO(load.text());
    REQUIRE(load.ok());
    CHECK(checkLesson(*load.lesson, registry()).passed());
}

TEST_CASE("a predict item without actions does not see the actions of later steps") {
    const Lesson lesson = pingLesson();
    auto run = LessonRun::start(lesson, registry());
    REQUIRE(run.ok());
    REQUIRE(run->runToEndOfStep(5).ok());  // step 4 heals the cut, step 5 crashes n2
    QuizItem waitOnly = item(lesson, "ping-quiz-predict-heal");
    waitOnly.actions.clear();
    waitOnly.fromStep = 3;  // n4 is still cut off here
    auto still = run->predict(waitOnly);
    REQUIRE(still.ok());
    CHECK(still.value() == ProbeValue{std::int64_t{1}});  // n1 still suspects n4: no heal happened
}
