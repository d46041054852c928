#pragma once

#include <functional>
#include <vector>

#include "sim/simulation.h"

namespace sb::core {

// The recorded run: the trace, plus checkpoints of the simulation every K events so that any
// event can be reached by restoring the nearest earlier checkpoint and replaying fewer than K
// steps. Because the simulation is deterministic, replay regenerates exactly the recorded events,
// so stepping back then forward returns identical state and an identical trace.
//
// A new action at an earlier position starts a new branch: the recorded future is discarded.
class Timeline {
public:
    explicit Timeline(Simulation start, std::size_t checkpointEvery = 256);

    std::size_t position() const { return m_position; }  // events applied to the current state
    std::size_t recorded() const { return m_trace.size(); }
    const std::vector<Event>& trace() const { return m_trace; }
    const Simulation& sim() const { return m_sim; }
    const Model& model() const { return m_sim.model(); }
    Time now() const { return m_sim.now(); }

    // Applies one more event (replaying the recorded one, or recording a new one).
    bool stepForward();
    bool stepBack();
    // Moves to the state after `index` events (index <= recorded(), or further: it records).
    void seek(std::size_t index);
    // Moves to the state after the last event with time <= t (recording further if needed).
    void seekTime(Time t);
    // Steps until `done(event)` is true, the run goes idle, or `maxEvents` have passed.
    // Returns how many events were applied.
    std::size_t runUntil(const std::function<bool(const Event&)>& done, std::size_t maxEvents);

    // A learner's or a lesson's action at the current position. Discards the recorded future.
    Status act(Action action);

    std::size_t checkpointEvery() const { return m_every; }
    std::size_t checkpointCount() const { return m_checkpoints.size(); }

private:
    void restore(std::size_t index);
    void truncateFuture();

    Simulation m_sim;
    std::vector<Event> m_trace;
    std::vector<Simulation> m_checkpoints;  // m_checkpoints[k] = state after k * m_every events
    std::size_t m_position = 0;
    std::size_t m_every;
};

}  // namespace sb::core
