#pragma once

#include <functional>
#include <optional>
#include <vector>

#include "sim/simulation.h"

namespace sb::core {

// How much of a run a Timeline keeps. A learner can leave a run playing for hours, and the CLI
// and tests run millions of events, so history is bounded (see docs/formats.md, "Memory"):
//  - events: at most keptEvents + keptEvents / 4 are stored. When the trace reaches that, the
//    oldest quarter is forgotten in one go (whole checkpoint intervals), so the cost is
//    amortised and the newest keptEvents events always stay.
//  - checkpoints: at most maxCheckpoints + 1. When there would be more, every other one is
//    dropped and the interval doubles, so spacing stays uniform and a seek replays at most
//    checkpointEvery() events (fewer than 2 * keptEvents / maxCheckpoints once thinned).
// Within the kept range seeking and stepping back stay exact; before it, seek() stops at the
// oldest kept event (firstKept()). The defaults store at most 327,680 events (about 52 MB at
// 160 bytes an event; a lesson step stops at 200,000) and 1,025 checkpoints (the interval
// settles at 512 events, so a seek replays at most 512).
struct TimelineLimits {
    std::size_t keptEvents = std::size_t{1} << 18;
    std::size_t maxCheckpoints = 1024;
};

// The recorded run: the trace, plus checkpoints of the simulation every K events so that any
// event can be reached by restoring the nearest earlier checkpoint and replaying fewer than K
// steps. Because the simulation is deterministic, replay regenerates exactly the recorded events,
// so stepping back then forward returns identical state and an identical trace.
//
// A new action at an earlier position starts a new branch: the recorded future is discarded.
// Positions and event indexes are absolute (counted from the start of the run), even after
// old history has been forgotten.
class Timeline {
public:
    explicit Timeline(Simulation start, std::size_t checkpointEvery = 256, TimelineLimits limits = {});

    std::size_t position() const { return m_position; }  // events applied to the current state
    std::size_t recorded() const { return m_first + m_trace.size(); }  // end of the recording
    // Index of the oldest event still kept: trace()[0] is event firstKept().
    std::size_t firstKept() const { return m_first; }
    // The kept events, firstKept() .. recorded() - 1.
    const std::vector<Event>& trace() const { return m_trace; }
    // Event `index` (absolute); firstKept() <= index < recorded().
    const Event& event(std::size_t index) const { return m_trace[index - m_first]; }
    const Simulation& sim() const { return m_sim; }
    const Model& model() const { return m_sim.model(); }
    Time now() const { return m_sim.now(); }

    // Applies one more event (replaying the recorded one, or recording a new one).
    bool stepForward();
    bool stepBack();
    // Moves to the state after `index` events (index <= recorded(), or further: it records).
    // An index before firstKept() lands on firstKept().
    void seek(std::size_t index);
    // Moves to the state after the last event with time <= t (recording further if needed).
    void seekTime(Time t);
    // Steps until `done(event)` is true, the run goes idle, or `maxEvents` have passed.
    // Returns how many events were applied.
    std::size_t runUntil(const std::function<bool(const Event&)>& done, std::size_t maxEvents);

    // A learner's or a lesson's action at the current position. Discards the recorded future.
    Status act(Action action);
    // Discards the recorded future and the learner's actions not yet applied: going back to a
    // lesson's own path from a learner's branch.
    void discardFuture();

    // A checkpoint: the state after `position` events of this run.
    struct Checkpoint {
        std::size_t position;
        Simulation state;
    };
    // A copy of the nearest checkpoint at or before event `index`, nullopt when index is before
    // firstKept(). Stepping its state replays this run's events exactly (as seek() does), so a
    // reader can rebuild the states in between without moving the cursor; it is at most
    // checkpointEvery() - 1 events before `index` when index <= recorded().
    std::optional<Checkpoint> checkpointAtOrBefore(std::size_t index) const;

    std::size_t checkpointEvery() const { return m_every; }
    std::size_t checkpointCount() const { return m_checkpoints.size(); }
    const TimelineLimits& limits() const { return m_limits; }

private:
    // The index into m_checkpoints of the nearest checkpoint at or before event `index` (the
    // first one when index is before it).
    std::size_t nearestCheckpoint(std::size_t index) const;
    void restore(std::size_t index);
    void truncateFuture();
    void record(const Event& event);
    void forgetOldest();
    void thinCheckpoints();

    Simulation m_sim;
    std::vector<Event> m_trace;             // events m_first .. recorded() - 1
    std::vector<Simulation> m_checkpoints;  // m_checkpoints[k] = state after m_first + k * m_every
    std::size_t m_first = 0;
    std::size_t m_position = 0;
    std::size_t m_every;
    TimelineLimits m_limits;
};

}  // namespace sb::core
