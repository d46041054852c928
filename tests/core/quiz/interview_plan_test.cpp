#include <catch2/catch.hpp>

#include <algorithm>

#include "lesson/lesson_catalog.h"
#include "quiz/interview_plan.h"
#include "quiz/quiz_session.h"
#include "quiz/quiz_stats.h"
#include "sim/registry.h"

using namespace sb::core;
using namespace sb::core::quiz;

namespace {

constexpr Day kToday = 20454;  // 2026-01-01
Seconds noon(Day d, int minute = 0) {
    return d * 86400 + 12 * 3600 + minute * 60;
}

// Every card and quiz item of the shipped lessons, keyed as the quiz workspace keys them.
std::vector<ItemRef> shippedItems() {
    TopicRegistry registry;
    registerBuiltinTopics(registry);
    LessonCatalog catalog(registry);
    catalog.load(SPLITBRAIN_LESSONS_DIR);
    std::vector<ItemRef> out;
    for (const Lesson* l : catalog.lessons()) {
        for (const Card& c : l->cards)
            out.push_back({itemKey(l->id, c.id), l->topic, l->id, ItemKind::Card, 0});
        for (const QuizItem& q : l->quiz)
            out.push_back({itemKey(l->id, q.id), l->topic, l->id, ItemKind::Choice, 0});
    }
    return out;
}

// Works through a queue answering every item Good.
void answerAllGood(Progress& p, const std::vector<ItemRef>& queue, Day day) {
    QuizSession session(p, queue, SessionOptions{}, GivenOrder{});
    int minute = 0;
    while (session.current() != nullptr)
        REQUIRE(session.grade(Grade::Good, ReviewMode::Recall, noon(day, ++minute)));
}

}  // namespace

// Follows the plan for an interview `days` ahead, answering Good, and checks what the issue
// asks: each day's queue is no longer than the first day's forecast said (it is exactly as long,
// since the plan is consistent), and every item is at or above the target on the day.
void followPlan(const std::vector<ItemRef>& items, Progress p, int days) {
    INFO("interview " << days << " days ahead, " << items.size() << " items");
    p.interview.day = kToday + days;
    const InterviewPlan first = planInterview(p, items, kToday);
    REQUIRE(first.active);
    REQUIRE(first.days.size() == static_cast<std::size_t>(days));
    CHECK(first.belowTarget == 0);
    CHECK(first.lowestPlanned >= p.interview.target);
    int introduced = 0;
    for (const PlanDay& d : first.days) introduced += d.newItems;
    for (Day d = kToday; d < kToday + days; ++d) {
        INFO("day " << d - kToday);
        const InterviewPlan plan = planInterview(p, items, d);
        const PlanDay& forecast = first.days[static_cast<std::size_t>(d - kToday)];
        CHECK(static_cast<int>(plan.today.size()) <= forecast.total());
        CHECK(static_cast<int>(plan.today.size()) == forecast.total());
        answerAllGood(p, plan.today, d);
    }
    const FsrsParams params;
    int below = 0, unseen = 0;
    for (const ItemRef& ref : items) {
        const ItemProgress* item = p.find(ref.id);
        if (item == nullptr) {
            ++unseen;
            continue;
        }
        below += recallOn(item->state, kToday + days, params) < p.interview.target ? 1 : 0;
    }
    CHECK(unseen == 0);
    CHECK(below == 0);
    // On the day itself and after, the normal schedule takes over.
    CHECK_FALSE(planInterview(p, items, kToday + days).active);
    CHECK_FALSE(planInterview(p, items, kToday + days + 6).active);
}

TEST_CASE("following a 14-day interview plan reaches the target for every shipped item",
          "[plan]") {
    const std::vector<ItemRef> items = shippedItems();
    REQUIRE(items.size() > 50);
    Progress fresh;
    const InterviewPlan first = [&] {
        Progress p;
        p.interview.day = kToday + 14;
        return planInterview(p, items, kToday);
    }();
    int introduced = 0;
    for (const PlanDay& d : first.days) introduced += d.newItems;
    CHECK(introduced == static_cast<int>(items.size()));
    CHECK(first.days.front().newItems > first.days.back().newItems);  // front-loaded
    for (const TopicRecall& t : first.topics) CHECK(t.now == 0.0);   // nothing learnt yet
    followPlan(items, fresh, 14);
}

TEST_CASE("the plan holds for other windows, larger catalogs, a higher target and old progress",
          "[plan]") {
    std::vector<ItemRef> items;
    for (int i = 0; i < 400; ++i)
        items.push_back({"l/i" + std::to_string(i), i % 3 == 0 ? "cap" : "raft", "l", ItemKind::Card, 0});
    for (const int days : {1, 2, 3, 5, 9, 30}) followPlan(items, Progress{}, days);
    Progress strict;
    strict.interview.target = 0.95;
    followPlan(items, strict, 12);
    // A learner with a history of lapses and long gaps, SM-2 scheduling, some items unseen.
    Progress old;
    old.settings.algorithm = Algorithm::Sm2;
    for (int i = 0; i < 250; ++i) {
        const ItemRef& ref = items[static_cast<std::size_t>(i)];
        for (int k = 0; k < 1 + i % 5; ++k)
            old.recordReview(ref, k % 3 == 2 ? Grade::Again : Grade::Good, ReviewMode::Recall,
                             noon(kToday - 200 + 37 * k + i % 11));
    }
    followPlan(items, old, 14);
}

TEST_CASE("replanning the same day gives the rest of today's plan", "[plan]") {
    const std::vector<ItemRef> items = shippedItems();
    Progress p;
    p.interview.day = kToday + 10;
    const InterviewPlan morning = planInterview(p, items, kToday);
    const std::size_t half = morning.today.size() / 2;
    answerAllGood(p, {morning.today.begin(), morning.today.begin() + static_cast<long>(half)}, kToday);
    const InterviewPlan later = planInterview(p, items, kToday);
    CHECK(later.today ==
          std::vector<ItemRef>(morning.today.begin() + static_cast<long>(half), morning.today.end()) );
}

TEST_CASE("the plan reviews the weakest first and covers only the interview's topics", "[plan]") {
    std::vector<ItemRef> items;
    for (int i = 0; i < 6; ++i)
        items.push_back({"l/c" + std::to_string(i), i < 4 ? "raft" : "cap", "l", ItemKind::Card, 0});
    Progress p;
    // Items 0..3 learnt long ago at different times; all are overdue now.
    for (int i = 0; i < 4; ++i)
        p.recordReview(items[static_cast<std::size_t>(i)], Grade::Good, ReviewMode::Recall,
                       noon(kToday - 10 - 10 * i));
    p.interview.day = kToday + 5;
    p.interview.topics = {"raft"};
    const InterviewPlan plan = planInterview(p, items, kToday);
    REQUIRE(plan.today.size() == 4);
    CHECK(plan.today[0].id == "l/c3");  // reviewed longest ago: least likely recalled
    CHECK(plan.today[3].id == "l/c0");
    REQUIRE(plan.topics.size() == 1);
    CHECK(plan.topics[0].topic == "raft");
    CHECK(plan.topics[0].now < plan.topics[0].planned);
    CHECK(plan.topics[0].planned >= p.interview.target);
}

TEST_CASE("the day-before drill lists what is most likely forgotten first", "[plan]") {
    std::vector<ItemRef> items;
    for (int i = 0; i < 5; ++i) items.push_back({"l/c" + std::to_string(i), "raft", "l", ItemKind::Card, 0});
    Progress p;
    p.recordReview(items[0], Grade::Good, ReviewMode::Recall, noon(kToday - 1));
    p.recordReview(items[1], Grade::Good, ReviewMode::Recall, noon(kToday - 30));
    p.recordReview(items[2], Grade::Again, ReviewMode::Recall, noon(kToday - 3));
    p.recordReview(items[3], Grade::Easy, ReviewMode::Recall, noon(kToday - 2));
    const auto drill = mostLikelyForgotten(p, items, {}, kToday + 1, 0.9);
    std::vector<std::string> ids;
    for (const ItemRef& r : drill) ids.push_back(r.id);
    // c4 was never seen (0); c2 lapsed; c1 is a month old; c0 and c3 are fresh enough.
    CHECK(ids == std::vector<std::string>{"l/c4", "l/c2", "l/c1"});
    CHECK(mostLikelyForgotten(p, items, {"cap"}, kToday + 1, 0.9).empty());
}

TEST_CASE("calibration pairs each review with the recall predicted before it", "[plan][stats]") {
    const ItemRef a{"l/a", "raft", "l", ItemKind::Card, 0};
    Progress p;
    p.recordReview(a, Grade::Good, ReviewMode::Recall, noon(kToday));       // first: no prediction
    p.recordReview(a, Grade::Again, ReviewMode::Recall, noon(kToday + 4));  // predicted R(4, S0)
    p.recordReview(a, Grade::Again, ReviewMode::Recall, noon(kToday + 4) + 60, false);  // re-drill
    p.recordReview(a, Grade::Good, ReviewMode::Recall, noon(kToday + 5));
    const auto cal = calibrationByDay(p, kToday, kToday + 5);
    REQUIRE(cal.size() == 6);
    CHECK(cal[0].reviews == 0);
    const FsrsParams params;
    const FsrsMemory s0 = nextMemory({}, Grade::Good, 0, params);
    CHECK(cal[4].reviews == 1);
    CHECK(cal[4].recalled == 0);
    CHECK(cal[4].predictedRate() == Approx(retrievability(s0, 4, params)));
    const FsrsMemory s1 = nextMemory(s0, Grade::Again, 4, params);
    CHECK(cal[5].recalled == 1);
    CHECK(cal[5].predictedRate() == Approx(retrievability(s1, 1, params)));
    CHECK(cal[5].measuredRate() == 1.0);
}
