// Playback pacing: at 1x the key moment of a step stays on screen long enough to follow, and
// idle waits do not drag. Frames are counted, not timed: 16 ms of wall time each.
#include <catch2/catch.hpp>
#include <limits>

#include "cursor_support.h"
#include "lesson/playback_pace.h"

using namespace sb::core;
using namespace sb::test;

namespace {

// Wall milliseconds playback at 1x spends animating step n (from the end of step n - 1), or
// only the part of it shown between simulated times `from` and `to`.
double wallMsOfStep(LessonRun& run, std::size_t n, Time from = 0, Time to = std::numeric_limits<Time>::max()) {
    REQUIRE(run.beginStep(n));
    double wall = 0;
    for (int frame = 0; frame < 100000; ++frame) {
        const double pace = run.lesson().steps[n - 1].pace;
        const Time shown = run.cursor().moment.time;
        const Time ahead = pacedAdvance(run.timeline(), shown, 16.0, 1.0, pace);
        if (shown >= from && shown < to) wall += 16.0;
        if (run.advance(shown + ahead, true)) break;
    }
    return wall;
}

}  // namespace

TEST_CASE("the Raft election is slowed to be seen and the wait before it is hurried") {
    LessonRun run = startLesson("raft-election");
    REQUIRE(run.goToStep(1));
    const double timerFires = wallMsOfStep(run, 2);  // the idle countdown to the first timeout
    const Time countdown = run.cursor().moment.time - fromMs(100);
    const double election = wallMsOfStep(run, 3);  // votes and a new leader
    const Time electionSim = run.cursor().moment.time - run.cursor().ends[2].time;
    INFO("countdown " << countdown << " us in " << timerFires << " ms; election " << electionSim << " us in "
                      << election << " ms");
    // Unpaced, 1x is 100 us per wall ms: the countdown would take countdown / 100 ms.
    CHECK(timerFires < static_cast<double>(countdown) / 100.0);
    CHECK(election > 3.0 * static_cast<double>(electionSim) / 100.0);
    CHECK(election >= 1000.0);
}

TEST_CASE("pacing weighs state changes above transport, and never stalls") {
    Event send;
    send.kind = "send";
    Event role;
    role.kind = "role";
    CHECK(paceWeight(send) < paceWeight(role));
    // Every transport and timer kind is light; a kind that only starts like one is not.
    for (const char* light : {"send", "deliver", "drop", "duplicate", "timer", "action"}) {
        Event e;
        e.kind = light;
        CHECK(paceWeight(e) == paceWeight(send));
    }
    for (const char* heavy : {"role", "commit", "sender", "dropped", "tim", "", "d"}) {
        Event e;
        e.kind = heavy;
        CHECK(paceWeight(e) == paceWeight(role));
    }
    LessonRun run = startLesson("cap-cp-partition");
    for (std::size_t n = 1; n <= run.lesson().steps.size(); ++n) CHECK(wallMsOfStep(run, n) < 120000.0);
}

TEST_CASE("a run busy throughout plays near 1x and a burst above it still slows", "[cache]") {
    // Cache-aside under steady load: no bunch, so about the unpaced 100 us per wall ms.
    LessonRun steady = startLesson("cache-aside");
    const double readThrough = wallMsOfStep(steady, 1);
    const double readThroughSim = static_cast<double>(steady.cursor().moment.time) / 100.0;
    // Its first second too: at the start there is nothing before to compare with.
    const double firstSecond = wallMsOfStep(steady, 1, 0, fromMs(1000));
    // The stampede: at 10 s the TTL runs out and the herd of misses hits the database at once
    // (step 2 holds the onset). Its first 200 ms are the moment to see.
    LessonRun herd = startLesson("cache-stampede");
    REQUIRE(herd.goToStep(1));
    const double herdWall = wallMsOfStep(herd, 2, fromMs(10000), fromMs(10200));
    const double herdSim = 200.0 * 1000.0 / 100.0;
    INFO("read-through " << readThrough << " ms for " << readThroughSim << " unpaced (first second " << firstSecond
                         << " ms for 10000); herd " << herdWall << " ms for "
                         << herdSim << " unpaced");
    CHECK(readThrough < 1.5 * readThroughSim);
    CHECK(firstSecond < 1.5 * 10000.0);
    CHECK(herdWall > 1.5 * herdSim);
}
