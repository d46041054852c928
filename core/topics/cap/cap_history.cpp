// The client history as the checker and the widgets see it.
#include <algorithm>

#include "topics/cap/cap_model.h"

namespace sb::core::cap {

const CapModel::CulpritCache& CapModel::culprit(int key) const {
    const auto k = static_cast<std::size_t>(key);
    RegisterHistory& checker = m_checkers[k];
    CulpritCache& cache = m_culprits[k];
    if (cache.generation == checker.brokenGeneration()) return cache;
    // Searched once per broken prefix: later ops do not change which ops cannot be ordered.
    std::vector<LinOp> prefix = checker.brokenPrefix();
    if (prefix != cache.prefix || cache.generation == ~std::uint64_t{0}) {
        cache.ids = prefix.empty() ? std::vector<std::int64_t>{} : minimalViolation(prefix, 0, kCulpritBudget, &cache.minimal);
        cache.prefix = std::move(prefix);
    }
    cache.generation = checker.brokenGeneration();
    return cache;
}

CapModel::KeyVerdict CapModel::verdict(int key) const {
    const LinResult r = m_checkers[static_cast<std::size_t>(key)].check();
    KeyVerdict v;
    v.linearizable = r.linearizable;
    v.unknown = r.exhausted;  // a search that ran out of budget proves nothing either way
    if (!r.linearizable && !r.exhausted) {
        const CulpritCache& c = culprit(key);
        v.culprit = c.ids;
        v.minimal = c.minimal;
    }
    return v;
}

bool CapModel::linearizable() const {
    for (int k = 0; k < m_cfg.keys; ++k)
        if (!verdict(k).linearizable) return false;
    return true;
}

std::optional<bool> CapModel::serializable() const {
    for (int k = 0; k < m_cfg.keys; ++k) {
        const LinResult r = checkSerializable(m_checkers[static_cast<std::size_t>(k)].ops(), 0);
        if (r.exhausted) return std::nullopt;
        if (!r.linearizable) return false;
    }
    return true;
}

std::vector<ClientOp> CapModel::history() const {
    std::vector<ClientOp> out = m_history;
    for (int k = 0; k < m_cfg.keys; ++k)
        for (std::int64_t id : verdict(k).culprit) out[static_cast<std::size_t>(id - 1)].linearizable = false;
    return out;
}

int CapModel::divergentKeys() const {
    int count = 0;
    for (std::size_t k = 0; k < static_cast<std::size_t>(m_cfg.keys); ++k) {
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
