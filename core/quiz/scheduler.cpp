#include "quiz/scheduler.h"

#include <algorithm>

namespace sb::core::quiz {

std::string_view gradeName(Grade g) {
    switch (g) {
        case Grade::Again:
            return "again";
        case Grade::Hard:
            return "hard";
        case Grade::Good:
            return "good";
        case Grade::Easy:
            return "easy";
    }
    return "good";
}

std::optional<Grade> gradeFromName(std::string_view name) {
    for (const Grade g : {Grade::Again, Grade::Hard, Grade::Good, Grade::Easy})
        if (gradeName(g) == name) return g;
    return std::nullopt;
}

Day dayOf(Seconds t) {
    // Floor division, so times before 1970 still land on the right day.
    constexpr Seconds kDay = 86400;
    return t >= 0 ? t / kDay : -((-t + kDay - 1) / kDay);
}

namespace {

// Wozniak's EF change for quality q, in thousandths: 1000 * (0.1 - (5-q)(0.08 + (5-q)0.02)).
//   q=5: 100   q=4: 0   q=3: 100 - 2*(80+40) = -140
int easeDelta(Grade g) {
    switch (g) {
        case Grade::Easy:
            return 100;
        case Grade::Good:
            return 0;
        case Grade::Hard:
            return -140;
        case Grade::Again:
            return 0;  // a lapse leaves EF alone
    }
    return 0;
}

}  // namespace

SchedulerState schedule(const SchedulerState& before, Grade grade, Seconds now) {
    SchedulerState s = before;
    s.reviews += 1;
    s.lastReview = now;
    if (grade == Grade::Again) {
        s.reps = 0;
        s.lapses += 1;
        s.interval = 1;
    } else {
        s.reps += 1;
        if (s.reps == 1) {
            s.interval = 1;
        } else if (s.reps == 2) {
            s.interval = 6;
        } else {
            // Integer round-half-up of interval * EF / 1000; 64-bit so long intervals can't wrap.
            const std::int64_t scaled = static_cast<std::int64_t>(before.interval) * before.ease;
            const std::int64_t next = (scaled + 500) / 1000;
            // Cap at 100 years: beyond that the number is meaningless and could overflow `due`.
            s.interval = static_cast<int>(std::clamp<std::int64_t>(next, 1, 36500));
        }
        s.ease = std::max(kMinimumEase, before.ease + easeDelta(grade));
    }
    s.due = dayOf(now) + s.interval;
    return s;
}

Grade gradeFromCorrect(bool correct) {
    return correct ? Grade::Good : Grade::Again;
}

std::optional<Grade> gradeFromChecklist(int ticked, int total) {
    if (total <= 0 || ticked < 0 || ticked > total) return std::nullopt;
    if (2 * ticked < total) return Grade::Again;
    if (4 * ticked < 3 * total) return Grade::Hard;
    if (ticked < total) return Grade::Good;
    return Grade::Easy;
}

}  // namespace sb::core::quiz
