#pragma once

#include <span>
#include <vector>

#include "panels/line_thinning.h"

namespace sb::widgets {

// Where the time axis starts, so that a burst after a long quiet stretch reads: a stampede in the
// last 300 ms of a 10 s run drawn over the whole run is a vertical line against the right edge.
// Quiet means no line moves by more than 2% of its range. When the lines were quiet for at least
// a quarter of the run and then moved again and again (8 moves or more: one step reads at any
// scale), less than half the run ago and not only at `now`,
// the axis starts as far before that burst as the burst has lasted, so the burst takes about half
// the plot and the quiet level before it shows too; the span is at least a twentieth of the run. As
// the burst goes on, the start moves back smoothly and reaches 0 when the burst has lasted as long
// as the quiet before it. Otherwise 0: the whole run.
double recentStart(const std::vector<std::span<const LinePoint>>& lines, double now);

// Where the time axis starts while a lesson shows a step that began at `stepStart` and ends at
// `stepEnd` (or, still open, at the moment shown): the step takes the right half of the axis or
// more, with as much of the run before it as the step lasts (the two at least a twentieth of the run), so
// what the step is about is drawn at a readable scale beside the level it left. A start within a
// tenth of the run from 0 is 0: the axis starts at a step's context or at the lesson's start,
// never at an arbitrary moment close to it.
double stepWindowStart(double stepStart, double stepEnd, double now);

}  // namespace sb::widgets
