#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "sim/time.h"

namespace sb::core {

// The one budget for every run Splitbrain makes on a user's behalf. Lessons, scenarios and
// sessions are files people send each other: whatever a file says, the work it can cause is
// bounded here, and hitting a bound is a clear refusal that names the limit.
struct RunBudget {
    std::size_t events = 0;  // events one run may process
    Time time = 0;           // simulated time one run may reach (or, for a lesson, one step span)
};

// A scenario or saved session run: `splitbrain-sim run`/`sweep` (per seed), the GUI opening a
// session at its saved position, and the headless export's --events and --at-ms.
inline constexpr RunBudget kScenarioBudget{10'000'000, 3'600 * kSecond};

// A lesson: all its steps together may run `events` events (each predict item gets the same
// again on its scratch copy), and one step may span at most `time` of simulated time. The
// shipped lessons use under 10,000 events and 10 simulated seconds in all.
inline constexpr RunBudget kLessonBudget{500'000, 600 * kSecond};

// 86400000 -> "86,400,000": limits and the values that break them, as people read numbers.
std::string groupedNumber(std::int64_t n);

}  // namespace sb::core
