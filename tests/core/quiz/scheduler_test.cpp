#include <catch2/catch.hpp>

#include <vector>

#include "quiz/scheduler.h"

using namespace sb::core::quiz;

namespace {

constexpr Seconds kDay = 86400;
constexpr Day kStart = 19000;  // an arbitrary day number (2022-01-08)

// Reviews at the given day (at 09:00) and returns the state.
SchedulerState review(const SchedulerState& s, Grade g, Day day) {
    return schedule(s, g, day * kDay + 9 * 3600);
}

struct Expect {
    Grade grade;
    Day day;  // day of the review
    int reps, interval, ease;
    Day due;
};

void runScript(const std::vector<Expect>& script) {
    SchedulerState s;
    for (std::size_t i = 0; i < script.size(); ++i) {
        const Expect& e = script[i];
        INFO("review " << i + 1 << " on day " << e.day);
        s = review(s, e.grade, e.day);
        CHECK(s.reps == e.reps);
        CHECK(s.interval == e.interval);
        CHECK(s.ease == e.ease);
        CHECK(s.due == e.due);
        CHECK(s.reviews == static_cast<int>(i) + 1);
    }
}

}  // namespace

TEST_CASE("SM-2 schedule for good then easy then hard then a lapse and relearning", "[scheduler]") {
    const Day d = kStart;
    runScript({
        // New card, Good: n=1, I(1)=1 day; EF 2500 + 0.
        {Grade::Good, d, 1, 1, 2500, d + 1},
        // Good: n=2, I(2)=6.
        {Grade::Good, d + 1, 2, 6, 2500, d + 7},
        // Good: n=3, I = 6 * 2.5 = 15.
        {Grade::Good, d + 7, 3, 15, 2500, d + 22},
        // Easy: I = 15 * 2.5 = 37.5, half up -> (37500 + 500) / 1000 = 38; EF 2500 + 100 = 2600.
        {Grade::Easy, d + 22, 4, 38, 2600, d + 60},
        // Hard: I = 38 * 2.6 = 98.8 -> (98800 + 500) / 1000 = 99; EF 2600 - 140 = 2460.
        {Grade::Hard, d + 60, 5, 99, 2460, d + 159},
        // Again: n back to 0, I = 1, EF unchanged (2460).
        {Grade::Again, d + 159, 0, 1, 2460, d + 160},
        // Relearn: I(1) = 1, I(2) = 6, then 6 * 2.46 = 14.76 -> (14760 + 500) / 1000 = 15.
        {Grade::Good, d + 160, 1, 1, 2460, d + 161},
        {Grade::Good, d + 161, 2, 6, 2460, d + 167},
        {Grade::Good, d + 167, 3, 15, 2460, d + 182},
    });
}

TEST_CASE("SM-2 ease falls by 140 per Hard and stops at 1.3", "[scheduler]") {
    const Day d = kStart;
    runScript({
        {Grade::Hard, d, 1, 1, 2360, d + 1},              // EF 2500 - 140
        {Grade::Hard, d + 1, 2, 6, 2220, d + 7},          // EF 2360 - 140
        {Grade::Hard, d + 7, 3, 13, 2080, d + 20},        // 6 * 2.22 = 13.32 -> 13
        {Grade::Hard, d + 20, 4, 27, 1940, d + 47},       // 13 * 2.08 = 27.04 -> 27
        {Grade::Hard, d + 47, 5, 52, 1800, d + 99},       // 27 * 1.94 = 52.38 -> 52
        {Grade::Hard, d + 99, 6, 94, 1660, d + 193},      // 52 * 1.80 = 93.6 -> 94
        {Grade::Hard, d + 193, 7, 156, 1520, d + 349},    // 94 * 1.66 = 156.04 -> 156
        {Grade::Hard, d + 349, 8, 237, 1380, d + 586},    // 156 * 1.52 = 237.12 -> 237
        {Grade::Hard, d + 586, 9, 327, 1300, d + 913},    // 237 * 1.38 = 327.06; EF 1240 -> 1300
        {Grade::Hard, d + 913, 10, 425, 1300, d + 1338},  // 327 * 1.3 = 425.1 -> 425
    });
}

TEST_CASE("lateness is ignored and the due day counts from the review day", "[scheduler]") {
    // Reviewed 10 days late: the interval is the same as on time, due counts from today.
    SchedulerState s = review(SchedulerState{}, Grade::Good, kStart);
    s = review(s, Grade::Good, kStart + 1);
    s = review(s, Grade::Good, kStart + 17);  // due was kStart + 7
    CHECK(s.interval == 15);
    CHECK(s.due == kStart + 32);
    CHECK(s.lastReview == (kStart + 17) * kDay + 9 * 3600);
}

TEST_CASE("a first Again counts a lapse and is due tomorrow", "[scheduler]") {
    const SchedulerState s = review(SchedulerState{}, Grade::Again, kStart);
    CHECK(s.lapses == 1);
    CHECK(s.reps == 0);
    CHECK(s.due == kStart + 1);
    CHECK_FALSE(s.isNew());
}

TEST_CASE("days are floor divisions of seconds", "[scheduler]") {
    CHECK(dayOf(0) == 0);
    CHECK(dayOf(86399) == 0);
    CHECK(dayOf(86400) == 1);
    CHECK(dayOf(-1) == -1);
    CHECK(dayOf(-86400) == -1);
    CHECK(dayOf(-86401) == -2);
}

TEST_CASE("right/wrong answers map to Good/Again", "[scheduler]") {
    CHECK(gradeFromCorrect(true) == Grade::Good);
    CHECK(gradeFromCorrect(false) == Grade::Again);
}

TEST_CASE("checklist coverage maps to a grade", "[scheduler]") {
    // 4 points: below 2 Again, 2 Hard (1/2), 3 Good (3/4), 4 Easy.
    CHECK(gradeFromChecklist(0, 4) == Grade::Again);
    CHECK(gradeFromChecklist(1, 4) == Grade::Again);
    CHECK(gradeFromChecklist(2, 4) == Grade::Hard);
    CHECK(gradeFromChecklist(3, 4) == Grade::Good);
    CHECK(gradeFromChecklist(4, 4) == Grade::Easy);
    // 5 points: 2/5 = 0.4 Again, 3/5 = 0.6 Hard, 4/5 = 0.8 Good.
    CHECK(gradeFromChecklist(2, 5) == Grade::Again);
    CHECK(gradeFromChecklist(3, 5) == Grade::Hard);
    CHECK(gradeFromChecklist(4, 5) == Grade::Good);
    CHECK(gradeFromChecklist(5, 5) == Grade::Easy);
    CHECK(gradeFromChecklist(1, 1) == Grade::Easy);
    CHECK(gradeFromChecklist(0, 1) == Grade::Again);
    CHECK_FALSE(gradeFromChecklist(0, 0).has_value());
    CHECK_FALSE(gradeFromChecklist(5, 4).has_value());
    CHECK_FALSE(gradeFromChecklist(-1, 4).has_value());
}

TEST_CASE("grade names round-trip", "[scheduler]") {
    for (const Grade g : {Grade::Again, Grade::Hard, Grade::Good, Grade::Easy})
        CHECK(gradeFromName(gradeName(g)) == g);
    CHECK_FALSE(gradeFromName("perfect").has_value());
}
