#pragma once

#include <compare>
#include <cstddef>
#include <vector>

#include "sim/time.h"

namespace sb::core {

// One moment of a run: the state after `position` events, shown at simulated time `time`
// (never earlier than that state's own clock). Two moments can share a position: a step that
// waits ("after_ms": 100) with nothing happening ends at the same position, 100 ms later.
// Ordering is chronological: by position, then by time.
struct Moment {
    std::size_t position = 0;
    Time time = 0;

    auto operator<=>(const Moment&) const = default;
};

enum class StepPhase {
    Start,    // the lesson's beginning, before step 1 (step == 0)
    Running,  // inside `step`: its claims are not reached yet
    Done,     // at (or, after the last step, past) the end of `step`: its claims are decided
};

// Where a lesson is: the one value the lesson pane, the step list, the status bar, the export
// caption and the scene all read, so they always describe the same moment. LessonRun keeps it
// in step with its timeline through every navigation.
struct LessonCursor {
    std::size_t step = 0;  // 1-based; 0 = the start
    StepPhase phase = StepPhase::Start;
    Moment moment;              // the moment shown
    std::vector<Moment> ends;   // ends[k] = end of step k on the lesson's path; ends[0] = start
    std::size_t stepCount = 0;
    // The learner changed the run (a gesture): the moment is off the lesson's own path, on the
    // learner's branch. The step stays the one the change was made in.
    bool explored = false;

    std::size_t knownSteps() const { return ends.empty() ? 0 : ends.size() - 1; }
    bool running() const { return phase == StepPhase::Running; }
    bool done() const { return phase == StepPhase::Done; }
    // Played on past the end of the last step.
    bool pastEnd() const { return done() && step == stepCount && step > 0 && moment > ends.back(); }
};

// The cursor for moment `m` on the lesson's path: the step whose span holds it. A moment equal
// to the end of step k is "step k done", unless `keep` is already running step k + 1 from that
// very moment (it was just begun). Moments past the last known end belong to the last step.
LessonCursor locate(const LessonCursor& keep, Moment m);

}  // namespace sb::core
