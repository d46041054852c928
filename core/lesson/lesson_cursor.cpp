#include "lesson/lesson_cursor.h"

#include <algorithm>

namespace sb::core {

LessonCursor locate(const LessonCursor& keep, Moment m) {
    LessonCursor c = keep;
    c.moment = m;
    if (c.ends.empty()) return c;
    // A step just begun sits at the end of the one before it; it stays running until it is left.
    if (keep.running() && keep.step >= 1 && keep.step <= c.knownSteps() + 1 && c.ends[keep.step - 1] <= m &&
        (keep.step > c.knownSteps() || m < c.ends[keep.step]))
        return c;
    if (m <= c.ends.front()) {
        c.step = 0;
        c.phase = StepPhase::Start;
        return c;
    }
    // The first end at or after m: its step holds m. Equal ends (a step that took no time) give
    // the last of them, so "done" names the furthest step that ends at this moment.
    auto it = std::lower_bound(c.ends.begin(), c.ends.end(), m);
    if (it == c.ends.end()) {
        c.step = c.knownSteps();
        c.phase = StepPhase::Done;
        return c;
    }
    if (*it == m) {
        while (std::next(it) != c.ends.end() && *std::next(it) == m) ++it;
        c.step = static_cast<std::size_t>(it - c.ends.begin());
        c.phase = StepPhase::Done;
        return c;
    }
    c.step = static_cast<std::size_t>(it - c.ends.begin());
    c.phase = StepPhase::Running;
    return c;
}

}  // namespace sb::core
