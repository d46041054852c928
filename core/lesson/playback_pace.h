#pragma once

#include "sim/timeline.h"

namespace sb::core {

// How fast playback runs, so that every step's key moment can be followed at 1x (README,
// "Playback speed"). 1x is `usPerWallMs` simulated microseconds per wall millisecond in an
// ordinary stretch; where events bunch up (an election, a quorum round trip) playback slows so
// that at most about `eventsPerSecond` weighted events pass per wall second; across an idle
// wait it speeds up, at most `idleBoost` times, so the wait takes about `idleWallMs`.
// Bunching is judged against what came before: a stretch no busier than the second before it
// (a cache under steady load) plays at 1x; the onset of a burst (a stampede) slows by the ratio
// of its weight to `contrast` times that earlier average, and a burst that lasts becomes the
// new ordinary within `aroundWindows` windows. Near the start of a run, with less than that
// before it, the recorded run after the window makes up the second.
struct PaceRule {
    double usPerWallMs = 100.0;
    double eventsPerSecond = 2.0;
    double slowest = 6.0;       // never fewer simulated microseconds per wall millisecond (at 1x)
    double idleWallMs = 200.0;
    double idleBoost = 6.0;
    double windowWallMs = 250.0;  // how far ahead (at the 1x rate) bunching is looked for
    int aroundWindows = 40;       // the context: this many windows (before, or after at the start)
    double contrast = 1.25;       // up to this many times the surroundings' load is ordinary
};

// Weight of one event in the bunching count: state changes (a role, a commit, a key moving)
// count fully, transport and timer events 0.05, so steady heartbeats stay near 1x.
double paceWeight(const Event& event);

// Simulated microseconds to move on from `shown` over `wallMs` of wall time, judged from the
// events the timeline has recorded ahead of its position and its next due event. `speed` is
// the playback speed (1 = 1x); `stepPace` a lesson step's own factor. At least 1.
Time pacedAdvance(const Timeline& timeline, Time shown, double wallMs, double speed, double stepPace = 1.0,
                  const PaceRule& rule = {});

}  // namespace sb::core
