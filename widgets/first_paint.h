#pragma once

#include <functional>

class QWidget;

namespace sb::widgets {

// Calls `done` once, right after `window`'s first frame has been painted: after the first
// Expose of its platform window, whose handling paints and flushes the backing store. (The first
// UpdateRequest comes before the window is exposed, so it is too early to mean "on screen".)
// Call it before the window is first shown, or from its first Show event. Qt only, no other
// Splitbrain code, so the bare-window startup probe compiles it too.
void afterFirstPaint(QWidget* window, std::function<void()> done);

// CPU time this process has used so far, in ms (all its threads, loading its libraries
// included). The startup probes print it beside "first-paint": on a machine shared with other
// jobs, wall time includes waiting for a core and this does not.
double processCpuMs();

}  // namespace sb::widgets
