#include <catch2/catch.hpp>

#include "quiz/progress_store.h"
#include "quiz/quiz_session.h"
#include "quiz/quiz_stats.h"
#include "temp_dir.h"

using namespace sb::core::quiz;

namespace {

constexpr Seconds kDay = 86400;
constexpr Day kToday = 19000;
Seconds at(Day d, int minute = 0) {
    return d * kDay + 9 * 3600 + minute * 60;
}

std::vector<ItemRef> catalog() {
    return {
        {"raft-c1", "raft", "raft-election", ItemKind::Card, 4},
        {"raft-c2", "raft", "raft-election", ItemKind::Card, 0},
        {"raft-q1", "raft", "raft-election", ItemKind::Choice, 0},
        {"ring-c1", "hashring", "ring-basics", ItemKind::Card, 3},
        {"ring-p1", "hashring", "ring-basics", ItemKind::Predict, 0},
        {"cap-c1", "cap", "cap-partition", ItemKind::Card, 2},
    };
}

// These tests pin session order and due days with SM-2's hand-checkable intervals.
Progress sm2Progress() {
    Progress p;
    p.settings.algorithm = Algorithm::Sm2;
    return p;
}

std::vector<std::string> ids(QuizSession& s) {
    // Walks the queue by grading everything Good; returns the order seen.
    std::vector<std::string> out;
    int minute = 0;
    while (const SessionItem* item = s.current()) {
        out.push_back(item->ref.id);
        REQUIRE(s.grade(Grade::Good, ReviewMode::Recall, at(kToday, ++minute)));
    }
    return out;
}

}  // namespace

TEST_CASE("new items are limited per day across sessions", "[session]") {
    Progress p = sm2Progress();
    SessionOptions o;
    o.newPerDay = 4;
    QuizSession first(p, catalog(), o, at(kToday));
    CHECK(first.remaining() == 4);
    CHECK(first.current()->isNew);
    // The topics in turn: raft, hashring, cap, then raft again.
    CHECK(ids(first) == std::vector<std::string>{"raft-c1", "ring-c1", "cap-c1", "raft-c2"});
    CHECK(first.stats().newSeen == 4);
    // A second session the same day has no new items left; none are due yet either.
    QuizSession second(p, catalog(), o, at(kToday, 300));
    CHECK(second.done());
    CHECK(newItemsLeftToday(p, 4, kToday) == 0);
    CHECK(newItemsLeftToday(p, 4, kToday + 1) == 4);
    CHECK_FALSE(second.grade(Grade::Good, ReviewMode::Recall, at(kToday, 301)).ok());
}

TEST_CASE("due reviews come first with the most overdue first and then new items", "[session]") {
    Progress p = sm2Progress();
    const auto cat = catalog();
    p.recordReview(cat[3], Grade::Good, ReviewMode::Recall, at(kToday - 3));  // due kToday - 2
    p.recordReview(cat[0], Grade::Good, ReviewMode::Recall, at(kToday - 1));  // due kToday
    p.recordReview(cat[5], Grade::Good, ReviewMode::Recall, at(kToday));      // due kToday + 1
    SessionOptions o;
    o.newPerDay = 2;
    QuizSession s(p, cat, o, at(kToday));
    // cap-c1's first review was today, so only one new item is left today.
    CHECK(ids(s) == std::vector<std::string>{"ring-c1", "raft-c1", "raft-c2"});
}

TEST_CASE("topic filter and review cap", "[session]") {
    Progress p = sm2Progress();
    SessionOptions o;
    o.topics = {"hashring", "cap"};
    o.newPerDay = 10;
    QuizSession s(p, catalog(), o, at(kToday));
    CHECK(ids(s) == std::vector<std::string>{"ring-c1", "cap-c1", "ring-p1"});
    // Next day all three are due; a cap of 2 keeps the session short.
    o.maxReviews = 2;
    QuizSession capped(p, catalog(), o, at(kToday + 1));
    CHECK(capped.remaining() == 2);
    CHECK(dueItems(p, catalog(), {"cap"}, kToday + 1).size() == 1);
}

TEST_CASE("a lapse is re-drilled once at the end without moving the schedule", "[session]") {
    Progress p = sm2Progress();
    SessionOptions o;
    o.topics = {"hashring"};
    QuizSession s(p, catalog(), o, at(kToday));
    REQUIRE(s.current()->ref.id == "ring-c1");
    REQUIRE(s.gradeAnswer(false, ReviewMode::Recall, at(kToday, 1)));  // wrong -> Again
    REQUIRE(s.current()->ref.id == "ring-p1");
    REQUIRE(s.gradeAnswer(true, ReviewMode::Predict, at(kToday, 2)));  // right -> Good
    REQUIRE(s.current()->ref.id == "ring-c1");
    CHECK(s.current()->redrill);
    REQUIRE(s.grade(Grade::Again, ReviewMode::Recall, at(kToday, 3)));
    CHECK(s.done());  // a second Again is not drilled again today
    const ItemProgress& card = *p.find("ring-c1");
    CHECK(card.history.size() == 2);
    CHECK(card.state.reviews == 1);
    CHECK(card.state.lapses == 1);
    CHECK(s.stats().answered == 3);
    CHECK(s.stats().again == 2);
    CHECK(s.stats().good == 1);
    CHECK(s.stats().correct() == 1);
    CHECK(s.stats().redrills == 1);
    CHECK(p.find("ring-p1")->state.interval == 1);
}

TEST_CASE("rehearsal scores the ticked checklist points", "[session]") {
    Progress p = sm2Progress();
    SessionOptions o;
    o.topics = {"raft"};
    QuizSession s(p, catalog(), o, at(kToday));
    REQUIRE(s.current()->ref.id == "raft-c1");    // 4 points
    REQUIRE(s.gradeRehearsal(3, at(kToday, 1)));  // 3/4 -> Good
    CHECK(p.find("raft-c1")->history.back().grade == Grade::Good);
    CHECK(p.find("raft-c1")->history.back().mode == ReviewMode::Rehearsal);
    REQUIRE(s.current()->ref.id == "raft-c2");  // no checklist
    const auto refused = s.gradeRehearsal(0, at(kToday, 2));
    REQUIRE_FALSE(refused.ok());
    CHECK_THAT(refused.error().message, Catch::Contains("grade it yourself"));
    CHECK(s.current()->ref.id == "raft-c2");  // still waiting for a grade
}

TEST_CASE("three days of practice as the quiz workspace drives it", "[session]") {
    // Each day: load the store, run a session, save after every answer, quit.
    sb::test::TempDir dir("session-days");
    const std::string path = dir.file("progress.json");
    SessionOptions o;
    o.newPerDay = 3;
    const auto day = [&](Day d, const std::vector<Grade>& grades) {
        ProgressStore store(path);
        const LoadReport r = store.load();
        CHECK((r.outcome == LoadOutcome::Loaded || r.outcome == LoadOutcome::Fresh));
        // Chosen on day 0 and saved with the progress; the later days must find it there.
        if (d == kToday) store.progress().settings.algorithm = Algorithm::Sm2;
        CHECK(store.progress().settings.algorithm == Algorithm::Sm2);
        QuizSession s(store.progress(), catalog(), o, at(d));
        std::vector<std::string> seen;
        int minute = 0;
        for (const Grade g : grades) {
            REQUIRE(s.current() != nullptr);
            seen.push_back(s.current()->ref.id);
            REQUIRE(s.grade(g, ReviewMode::Recall, at(d, ++minute)));
            REQUIRE(store.save());
        }
        CHECK(s.done());
        return seen;
    };
    // Day 0: three new cards, one per topic; ring-c1 lapses and is re-drilled at the end.
    CHECK(day(kToday, {Grade::Good, Grade::Again, Grade::Easy, Grade::Good}) ==
          std::vector<std::string>{"raft-c1", "ring-c1", "cap-c1", "ring-c1"});
    // Day 1: all three are due (interval 1), then three more new items.
    CHECK(
        day(kToday + 1,
            {Grade::Good, Grade::Good, Grade::Good, Grade::Good, Grade::Good, Grade::Good}) ==
        std::vector<std::string>{"raft-c1", "ring-c1", "cap-c1", "raft-c2", "ring-p1", "raft-q1"});
    // Day 2: raft-c1 and cap-c1 went to I(2) = 6 days yesterday; ring-c1 (relearning after
    // its lapse) and yesterday's three new items are at I(1) = 1 day and due, in catalog
    // order. The catalog has nothing new left.
    CHECK(day(kToday + 2, {Grade::Good, Grade::Good, Grade::Good, Grade::Good}) ==
          std::vector<std::string>{"raft-c2", "raft-q1", "ring-c1", "ring-p1"});
    ProgressStore store(path);
    store.load();
    CHECK(store.progress().saveCount == 14);
    const auto load = dueLoad(store.progress(), kToday + 3, 10);
    CHECK(load[4] == 2);  // raft-c1, cap-c1: reviewed day 1 with I(2) = 6 -> due day 7
    CHECK(load[5] == 4);  // reviewed day 2 with I(2) = 6 -> due day 8
}
