#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "lesson/lesson_check.h"

namespace sb::core {

// What the lesson pane shows for the cursor: the step, and its claims as they stand at the
// moment shown. A claim is decided at the end of its step, so while the step runs it is "not
// yet reached"; once the step is done it holds or fails with the value found at the end.
enum class ClaimMark { NotYet, Holds, Fails };

struct ShownClaim {
    std::string text;    // "max_term equals 0"
    ClaimMark mark = ClaimMark::NotYet;
    std::string actual;  // the value at the end of the step (empty while not yet reached)
};

struct ShownStep {
    std::size_t step = 0;  // 1-based; 0 = the lesson's start
    StepPhase phase = StepPhase::Start;
    bool explored = false;
    bool pastEnd = false;
    std::vector<ShownClaim> claims;
    const Step* lessonStep = nullptr;  // the step's narration and highlights; null at the start

    std::size_t holding() const;
};

ShownStep shownStep(const LessonRun& run);

}  // namespace sb::core
