#include "topics/cap/register_history.h"

#include <algorithm>
#include <limits>
#include <set>

namespace sb::core::cap {

namespace {
constexpr std::size_t kClean = std::numeric_limits<std::size_t>::max();
}  // namespace

RegisterHistory::RegisterHistory(std::int64_t initial, std::uint64_t budget)
    : m_initial(initial), m_budget(budget) {
    m_cuts.push_back(Cut{0, 0, std::numeric_limits<Time>::min(), {lin_detail::Frontier{initial, {}, {}}}, 0, false});
    m_dirty = kClean;
}

bool RegisterHistory::active(const Entry& e) const {
    if (!e.included) return false;
    if (!e.op.write || e.op.complete != kOpen) return true;
    auto it = m_readsOf.find(e.op.values.front());
    return it != m_readsOf.end() && it->second > 0;  // an open write nobody read is left out
}

void RegisterHistory::invoked(std::int64_t id, bool write, std::int64_t value, Time invoke) {
    Entry e;
    e.op.id = id;
    e.op.write = write;
    if (write) e.op.values = {value};
    e.op.invoke = invoke;
    e.included = write;  // a pending write may already have taken effect; a pending read says nothing
    m_index[id] = m_all.size();
    if (write) m_writesOf[value].push_back(m_all.size());
    m_all.push_back(std::move(e));
    if (active(m_all.back())) touch(m_all.size() - 1);
}

void RegisterHistory::completed(std::int64_t id, OpEnd end, Time complete, const std::vector<std::int64_t>& values) {
    auto found = m_index.find(id);
    if (found == m_index.end()) return;
    const std::size_t index = found->second;
    Entry& e = m_all[index];
    const bool wasActive = active(e);
    if (e.op.write) {
        if (end == OpEnd::Ok) {
            e.op.complete = complete;
            touch(index);
        } else if (end == OpEnd::Failed) {
            e.included = false;
            if (wasActive) touch(index);
        }
        return;  // a timed-out write stays open
    }
    if (end != OpEnd::Ok) return;
    e.op.values = values;
    e.op.complete = complete;
    e.included = true;
    touch(index);
    // A value read for the first time brings the open writes of that value into the search.
    for (const std::int64_t v : std::set<std::int64_t>(values.begin(), values.end())) {
        if (m_readsOf[v]++ > 0) continue;
        if (auto writes = m_writesOf.find(v); writes != m_writesOf.end())
            for (const std::size_t i : writes->second)
                if (m_all[i].included && m_all[i].op.complete == kOpen) touch(i);
    }
}

bool RegisterHistory::usable(const Cut& cut) const {
    return cut.active == 0 || cut.active >= m_ops.size() || m_ops[cut.active].invoke > cut.reachBefore;
}

void RegisterHistory::rebuildFrom(const Cut& cut) {
    m_ops.resize(cut.active);
    m_opEntry.resize(cut.active);
    for (std::size_t i = cut.all; i < m_all.size(); ++i) {
        if (!active(m_all[i])) continue;
        m_ops.push_back(m_all[i].op);
        m_opEntry.push_back(i);
    }
}

LinResult RegisterHistory::check() {
    if (m_dirty == kClean) return m_result;
    const bool wasBroken = !m_cuts.back().exhausted && m_cuts.back().frontier.empty();
    std::size_t dropped = 0;
    while (m_cuts.size() > 1 && m_cuts.back().all > m_dirty) {
        m_cuts.pop_back();
        ++dropped;
    }
    rebuildFrom(m_cuts.back());
    while (m_cuts.size() > 1 && !usable(m_cuts.back())) {
        m_cuts.pop_back();
        ++dropped;
        rebuildFrom(m_cuts.back());
    }
    m_dirty = kClean;
    for (std::size_t first = m_cuts.back().active;
         first < m_ops.size() && !m_cuts.back().exhausted && !m_cuts.back().frontier.empty();) {
        const Cut& from = m_cuts.back();
        std::uint64_t left = m_budget - from.spent;
        lin_detail::SegmentRun run = lin_detail::runSegment(m_ops, first, from.frontier, left, false);
        m_work += m_budget - left - from.spent;
        Cut next{m_opEntry[run.end - 1] + 1, run.end, run.reach, std::move(run.next), m_budget - left, run.exhausted};
        m_cuts.push_back(std::move(next));
        first = run.end;
    }
    const Cut& last = m_cuts.back();
    const bool isBroken = !last.exhausted && last.frontier.empty();
    if (isBroken != wasBroken || (wasBroken && dropped > 0)) ++m_brokenGeneration;
    m_result = LinResult{};
    m_result.exhausted = last.exhausted;
    m_result.linearizable = !last.exhausted && !last.frontier.empty();
    m_result.explored = last.spent;
    m_result.total = m_ops.size();
    m_result.checked = m_result.linearizable ? m_ops.size() : m_cuts[m_cuts.size() - 2].active;
    if (!m_result.linearizable) m_result.stuck = lin_detail::stuckIds(m_ops, m_result.checked, last.active, m_cuts[m_cuts.size() - 2].frontier);
    return m_result;
}

std::vector<LinOp> RegisterHistory::ops() const {
    std::vector<LinOp> out;
    for (const Entry& e : m_all)
        if (e.included) out.push_back(e.op);
    return out;
}

std::vector<LinOp> RegisterHistory::brokenPrefix() {
    const LinResult r = check();
    if (r.linearizable || r.exhausted) return {};
    return std::vector<LinOp>(m_ops.begin(), m_ops.begin() + static_cast<std::ptrdiff_t>(m_cuts.back().active));
}

}  // namespace sb::core::cap
