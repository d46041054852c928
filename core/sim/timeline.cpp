#include "sim/timeline.h"

#include <algorithm>

#include "sim/run_budget.h"

namespace sb::core {

Timeline::Timeline(Simulation start, std::size_t checkpointEvery, TimelineLimits limits)
    : m_sim(std::move(start)), m_every(std::max<std::size_t>(checkpointEvery, 1)), m_limits(limits) {
    m_limits.keptEvents = std::max<std::size_t>(m_limits.keptEvents, 1);
    m_limits.maxCheckpoints = std::max<std::size_t>(m_limits.maxCheckpoints, 2);
    m_checkpoints.push_back(m_sim);
}

bool Timeline::stepForward() {
    auto event = m_sim.step();
    if (!event) return false;
    if (m_position == recorded()) {
        record(*event);
        return true;
    }
    ++m_position;
    return true;
}

void Timeline::record(const Event& event) {
    // Grow by doubling as usual, but never past the bound: doubling from 2^18 would otherwise
    // reserve room for 2^19 events that forgetOldest() never lets the trace use.
    const std::size_t most = m_limits.keptEvents + m_limits.keptEvents / 4;
    if (m_trace.size() == m_trace.capacity())
        m_trace.reserve(std::min(std::max<std::size_t>(m_trace.capacity() * 2, 64), most));
    m_trace.push_back(event);
    ++m_position;
    const std::size_t offset = m_position - m_first;
    if (offset % m_every == 0 && offset / m_every == m_checkpoints.size()) {
        m_checkpoints.push_back(m_sim);
        if (m_checkpoints.size() > m_limits.maxCheckpoints) thinCheckpoints();
    }
    if (m_trace.size() >= m_limits.keptEvents + m_limits.keptEvents / 4) forgetOldest();
}

void Timeline::forgetOldest() {
    // Whole checkpoint intervals only, so the first kept event still has a checkpoint. At least
    // one interval, and never the interval the current state is in (the last checkpoint stays).
    const std::size_t intervals =
        std::min(std::max<std::size_t>(m_limits.keptEvents / 4 / m_every, 1), m_checkpoints.size() - 1);
    const std::size_t drop = intervals * m_every;
    if (intervals == 0 || drop > m_trace.size()) return;
    m_trace.erase(m_trace.begin(), m_trace.begin() + static_cast<std::ptrdiff_t>(drop));
    m_checkpoints.erase(m_checkpoints.begin(),
                        m_checkpoints.begin() + static_cast<std::ptrdiff_t>(intervals));
    m_first += drop;
}

void Timeline::thinCheckpoints() {
    // Keep the even ones: they are exactly the checkpoints of twice the interval.
    // The first stays where it is: moving it onto itself would empty its script and scenario.
    std::size_t kept = 1;
    for (std::size_t k = 2; k < m_checkpoints.size(); k += 2) m_checkpoints[kept++] = std::move(m_checkpoints[k]);
    m_checkpoints.erase(m_checkpoints.begin() + static_cast<std::ptrdiff_t>(kept), m_checkpoints.end());
    m_every *= 2;
}

bool Timeline::stepBack() {
    if (m_position <= m_first) return false;
    seek(m_position - 1);
    return true;
}

std::size_t Timeline::nearestCheckpoint(std::size_t index) const {
    const std::size_t offset = index < m_first ? 0 : index - m_first;
    return std::min(offset / m_every, m_checkpoints.size() - 1);
}

void Timeline::restore(std::size_t index) {
    const std::size_t k = nearestCheckpoint(index);
    m_sim = m_checkpoints[k];
    m_position = m_first + k * m_every;
}

std::optional<Timeline::Checkpoint> Timeline::checkpointAtOrBefore(std::size_t index) const {
    if (index < m_first) return std::nullopt;
    const std::size_t k = nearestCheckpoint(index);
    return Checkpoint{m_first + k * m_every, m_checkpoints[k]};
}

void Timeline::seek(std::size_t index) {
    // Beyond the recording, a seek records at most one run's budget of new events (and seekTime
    // below likewise): a session or an export flag cannot make one call run for hours.
    index = std::min(std::max(index, m_first), recorded() + kScenarioBudget.events);
    // Going forward from the current state is cheaper than restoring when the target is close.
    if (index < m_position || index - m_position > m_every) restore(index);
    while (m_position < index && stepForward()) {
    }
}

void Timeline::seekTime(Time t) {
    // The recorded trace is in time order: find the first event after t.
    auto it = std::upper_bound(m_trace.begin(), m_trace.end(), t,
                               [](Time value, const Event& e) { return value < e.time; });
    const auto index = m_first + static_cast<std::size_t>(it - m_trace.begin());
    if (index < recorded()) {
        seek(index);
        return;
    }
    seek(recorded());
    for (std::size_t n = 0; n < kScenarioBudget.events; ++n) {
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
        if (done && done(event(m_position - 1))) break;
    }
    return count;
}

void Timeline::truncateFuture() {
    m_trace.resize(m_position - m_first);
    const std::size_t keep = (m_position - m_first) / m_every + 1;
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

void Timeline::discardFuture() {
    truncateFuture();
    for (auto& checkpoint : m_checkpoints) checkpoint.adoptScript(m_sim);
}

}  // namespace sb::core
