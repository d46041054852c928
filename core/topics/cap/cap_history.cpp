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
        cache.stats = CulpritStats{};
        cache.ids = prefix.empty() ? std::vector<std::int64_t>{} : minimalViolation(prefix, 0, kCulpritBudget, &cache.stats);
        cache.prefix = std::move(prefix);
    }
    cache.generation = checker.brokenGeneration();
    return cache;
}

CapModel::KeyVerdict CapModel::verdict(int key) const {
    // check() returns the kept result until the history changes: one search per change.
    const LinResult r = m_checkers[static_cast<std::size_t>(key)].check();
    KeyVerdict v;
    v.linearizable = r.linearizable;
    v.unknown = r.exhausted;  // a search that ran out of budget proves nothing either way
    v.checked = r.checked;
    v.total = r.total;
    v.stuck = r.stuck;
    v.explored = r.explored;
    return v;
}

CapModel::KeyVerdict CapModel::explain(int key) const {
    KeyVerdict v = verdict(key);
    if (v.linearizable || v.unknown) return v;
    const CulpritCache& c = culprit(key);
    v.culprit = c.ids;
    v.search = c.stats;
    v.minimal = c.stats.minimal;
    return v;
}

HistoryExplanation CapModel::explainHistory() const {
    HistoryExplanation out;
    for (int k = 0; k < m_cfg.keys; ++k) {
        const KeyVerdict v = explain(k);
        std::string line;
        if (v.unknown) {
            line = "Linearizability of " + keyName(k) + " is unknown: the checker gave up after " +
                   std::to_string(v.explored) + " states, with " + std::to_string(v.checked) + " of " +
                   std::to_string(v.total) + " operations ordered.";
        } else if (!v.linearizable && v.culprit.empty()) {
            line = "The operations on " + keyName(k) + " cannot be ordered, but the search for the smallest such set gave up after " +
                   std::to_string(v.search.explored) + " states: unknown which.";
        } else if (!v.linearizable) {
            line = std::to_string(v.culprit.size()) + " operations on " + keyName(k) +
                   " cannot be put in any order that respects real time and explains every read" +
                   (v.minimal ? "." : " (not the smallest set: the search ran out of states).");
            out.ops.insert(out.ops.end(), v.culprit.begin(), v.culprit.end());
        }
        if (!line.empty()) out.summary += (out.summary.empty() ? "" : " ") + line;
    }
    std::sort(out.ops.begin(), out.ops.end());
    return out;
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
        for (std::int64_t id : explain(k).culprit) out[static_cast<std::size_t>(id - 1)].linearizable = false;
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
