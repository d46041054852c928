// The client history as the checker and the widgets see it.
#include <algorithm>

#include "topics/cap/cap_model.h"

namespace sb::core::cap {

std::vector<LinOp> CapModel::linOps(int key) const {
    std::vector<LinOp> ops;
    for (const ClientOp& op : m_history) {
        if (op.key != key) continue;
        LinOp l;
        l.id = op.id;
        l.write = op.kind == OpKind::Write;
        l.invoke = op.invoke;
        if (op.outcome == Outcome::Ok) {
            l.complete = op.complete;
            l.values = l.write ? std::vector<std::int64_t>{op.value} : op.values;
        } else if (l.write && (op.outcome == Outcome::Pending || op.outcome == Outcome::Timeout)) {
            l.values = {op.value};  // may land at any time, or never
        } else {
            continue;  // failed ops had no effect; unanswered reads constrain nothing
        }
        ops.push_back(std::move(l));
    }
    return ops;
}

CapModel::KeyVerdict CapModel::verdict(int key) const {
    const auto k = static_cast<std::size_t>(key);
    if (m_verdicts.size() != static_cast<std::size_t>(m_keys)) m_verdicts.assign(static_cast<std::size_t>(m_keys), {~std::uint64_t{0}, {}});
    if (m_verdicts[k].first == m_revision) return m_verdicts[k].second;
    const std::vector<LinOp> ops = linOps(key);
    KeyVerdict v;
    const LinResult r = checkRegister(ops, 0);
    // A search that ran out of budget proves nothing either way; report no violation.
    v.linearizable = r.linearizable || r.exhausted;
    if (!v.linearizable) v.culprit = minimalViolation(ops, 0);
    m_verdicts[k] = {m_revision, v};
    return v;
}

bool CapModel::linearizable() const {
    for (int k = 0; k < m_keys; ++k)
        if (!verdict(k).linearizable) return false;
    return true;
}

std::optional<bool> CapModel::serializable() const {
    for (int k = 0; k < m_keys; ++k) {
        const LinResult r = checkSerializable(linOps(k), 0);
        if (r.exhausted) return std::nullopt;
        if (!r.linearizable) return false;
    }
    return true;
}

std::vector<ClientOp> CapModel::history() const {
    std::vector<ClientOp> out = m_history;
    for (int k = 0; k < m_keys; ++k)
        for (std::int64_t id : verdict(k).culprit) out[static_cast<std::size_t>(id - 1)].linearizable = false;
    return out;
}

int CapModel::divergentKeys() const {
    int count = 0;
    for (std::size_t k = 0; k < static_cast<std::size_t>(m_keys); ++k) {
        const Siblings* first = nullptr;
        for (NodeId n = 0; n < m_engine.nodeCount(); ++n) {
            if (!m_engine.up(n)) continue;
            const Siblings& s = m_nodes[idx(n)].store[k];
            if (!first) first = &s;
            else if (s.size() != first->size() ||
                     !std::equal(s.begin(), s.end(), first->begin(),
                                 [](const Version& a, const Version& b) { return a.writeId == b.writeId; })) {
                ++count;
                break;
            }
        }
    }
    return count;
}

double CapModel::meanLatencyMs(OpKind kind) const {
    double sum = 0;
    int count = 0;
    for (const ClientOp& op : m_history) {
        if (op.kind != kind || op.outcome != Outcome::Ok) continue;
        sum += static_cast<double>(op.complete - op.invoke);
        ++count;
    }
    return count == 0 ? 0.0 : sum / static_cast<double>(count) / 1000.0;
}

}  // namespace sb::core::cap
