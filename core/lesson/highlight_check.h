#pragma once

#include <cstddef>
#include <vector>

#include "lesson/lesson.h"
#include "sim/result.h"
#include "sim/timeline.h"

namespace sb::core {

// What a step's narration points at must be on screen (issue 15). For step `index` (0-based),
// just run from `startPosition` to the timeline's position, each named highlight must be one the
// scene can show: a message kind sent during the step, a key drawn on the ring at its end, a
// history operation present at its end. A narration that says something "is highlighted" needs
// a highlight: one the step names, or one the model marks itself (a looked-up key).
std::vector<Error> highlightProblems(const Lesson& lesson, std::size_t index, const Timeline& timeline,
                                     std::size_t startPosition, Time endTime);

}  // namespace sb::core
