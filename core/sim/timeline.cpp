#include "sim/timeline.h"

#include <algorithm>

namespace sb::core {

Timeline::Timeline(Simulation start, std::size_t checkpointEvery)
    : m_sim(std::move(start)), m_every(std::max<std::size_t>(checkpointEvery, 1)) {
    m_checkpoints.push_back(m_sim);
}

bool Timeline::stepForward() {
    auto event = m_sim.step();
    if (!event) return false;
    if (m_position == m_trace.size()) m_trace.push_back(*event);
    ++m_position;
    if (m_position % m_every == 0 && m_position / m_every == m_checkpoints.size())
        m_checkpoints.push_back(m_sim);
    return true;
}

bool Timeline::stepBack() {
    if (m_position == 0) return false;
    seek(m_position - 1);
    return true;
}

void Timeline::restore(std::size_t index) {
    const std::size_t k = std::min(index / m_every, m_checkpoints.size() - 1);
    m_sim = m_checkpoints[k];
    m_position = k * m_every;
}

void Timeline::seek(std::size_t index) {
    // Going forward from the current state is cheaper than restoring when the target is close.
    if (index < m_position || index - m_position > m_every) restore(index);
    while (m_position < index && stepForward()) {
    }
}

void Timeline::seekTime(Time t) {
    // The recorded trace is in time order: find the first event after t.
    auto it = std::upper_bound(m_trace.begin(), m_trace.end(), t,
                               [](Time value, const Event& e) { return value < e.time; });
    const auto index = static_cast<std::size_t>(it - m_trace.begin());
    if (index < m_trace.size()) {
        seek(index);
        return;
    }
    seek(m_trace.size());
    while (true) {
        auto next = m_sim.nextTime();
        if (!next || *next > t) break;
        stepForward();
    }
}

std::size_t Timeline::runUntil(const std::function<bool(const Event&)>& done,
                               std::size_t maxEvents) {
    std::size_t count = 0;
    while (count < maxEvents) {
        if (!stepForward()) break;
        ++count;
        if (done && done(m_trace[m_position - 1])) break;
    }
    return count;
}

void Timeline::truncateFuture() {
    m_trace.resize(m_position);
    const std::size_t keep = m_position / m_every + 1;
    if (m_checkpoints.size() > keep)
        m_checkpoints.erase(m_checkpoints.begin() + static_cast<std::ptrdiff_t>(keep), m_checkpoints.end());
    m_sim.dropPendingUserActions();
}

Status Timeline::act(Action action) {
    if (Status s = m_sim.validate(action); !s) return s;
    truncateFuture();
    if (Status s = m_sim.schedule(std::move(action)); !s) return s;
    // Checkpoints hold their own copy of the script; they must see the new action too, or a
    // later seek that restores one would replay a run without it.
    for (auto& checkpoint : m_checkpoints) checkpoint.adoptScript(m_sim);
    return {};
}

}  // namespace sb::core
