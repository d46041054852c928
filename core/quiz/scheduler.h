#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sb::core::quiz {

// The spaced-repetition scheduler is SM-2 (P. A. Wozniak, "Optimization of learning", master's
// thesis, University of Technology in Poznan, 1990; the algorithm as published by SuperMemo as
// "SuperMemo 2"). It was the first scheduler because every interval can be checked by hand with
// integer arithmetic; FSRS (fsrs.h) is now the default and SM-2 stays selectable for one release
// (review_scheduler.h).
//
// SM-2 rates recall with a quality q in 0..5. Our four buttons map onto it:
//   Again -> q = 1 (a lapse: any q < 3 restarts the repetitions)
//   Hard  -> q = 3,  Good -> q = 4,  Easy -> q = 5
//
// The E-Factor (ease) is kept in thousandths as an integer (2.5 is 2500) and updated with
// Wozniak's formula EF' = EF + (0.1 - (5 - q) * (0.08 + (5 - q) * 0.02)), i.e. in thousandths:
//   Easy +100, Good +0, Hard -140; never below 1300 (EF 1.3). A lapse leaves EF unchanged
//   ("start repetitions from the beginning without changing the E-Factor").
// Intervals in whole days, n = number of successful repetitions in a row including this one:
//   I(1) = 1, I(2) = 6, I(n) = round(I(n-1) * EF) for n > 2, with EF the value before this
//   review's update, rounded half up: (I * EF + 500) / 1000 in integers.
// A lapse sets n = 0 and the next interval to 1 day. Lateness and earliness are ignored, as in
// SM-2. (Wozniak's same-day re-drill of items below q = 4 is left to the session: it re-shows
// lapsed items once at the end without changing their schedule; see quiz_session.h.)
enum class Grade { Again = 1, Hard = 2, Good = 3, Easy = 4 };

std::string_view gradeName(Grade g);  // "again", "hard", "good", "easy"
std::optional<Grade> gradeFromName(std::string_view name);

// A day is a whole number of days since 1970-01-01 in whatever time zone the caller counts
// in: dayOf(t) = floor(t / 86400) for epoch seconds t. The GUI passes local time (UTC seconds
// plus its UTC offset) so the day rolls over at the learner's midnight. Core never reads a clock.
using Day = std::int64_t;
using Seconds = std::int64_t;
Day dayOf(Seconds t);

inline constexpr int kInitialEase = 2500;
inline constexpr int kMinimumEase = 1300;

// The scheduler's state for one card or item. A never-reviewed item has reps == 0, due == 0.
struct SchedulerState {
    int reps = 0;             // successful repetitions in a row (SM-2's n)
    int lapses = 0;           // how many times it was graded Again
    int ease = kInitialEase;  // E-Factor in thousandths
    int interval = 0;         // days from the last review to the due day
    Day due = 0;              // day on which it is next due
    Seconds lastReview = 0;   // 0 if never reviewed
    int reviews = 0;          // total reviews that changed the schedule
    // FSRS memory (fsrs.h), kept up to date whichever scheduler sets the due day, so the
    // forecast and the calibration work under SM-2 too. 0, 0 before the first review.
    double stability = 0.0;
    double difficulty = 0.0;

    bool isNew() const { return reviews == 0; }
    bool operator==(const SchedulerState&) const = default;
};

// Applies one review at time `now` and returns the new state. Pure and deterministic.
SchedulerState schedule(const SchedulerState& before, Grade grade, Seconds now);

// Items that are graded right or wrong (multiple choice, predict): right -> Good, wrong ->
// Again. A right answer is not Easy because a guess among few options can be right by luck;
// Good grows the interval without inflating the ease.
Grade gradeFromCorrect(bool correct);

// Interview rehearsal: the learner ticks which checklist points they covered. With
// f = ticked / total:  f < 1/2 -> Again,  1/2 <= f < 3/4 -> Hard,  3/4 <= f < 1 -> Good,
// f = 1 -> Easy. (Compared in integers: 2*ticked < total, 4*ticked < 3*total.) Covering
// fewer than half the points of a strong answer counts as not knowing it. A card with no
// points cannot be scored this way: nullopt, and the learner grades themselves.
std::optional<Grade> gradeFromChecklist(int ticked, int total);

}  // namespace sb::core::quiz
