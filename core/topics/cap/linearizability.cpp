#include "topics/cap/linearizability.h"

#include "topics/cap/lin_segment.h"

#include <algorithm>
#include <limits>
#include <map>
#include <set>
#include <utility>

namespace sb::core::cap {

using lin_detail::Frontier;
using lin_detail::SegmentRun;

namespace {

bool accepts(const LinOp& read, std::int64_t value) {
    return std::find(read.values.begin(), read.values.end(), value) != read.values.end();
}

bool byInvoke(const LinOp& a, const LinOp& b) { return a.invoke < b.invoke; }

// One segment: a run of operations that overlap in time. Every definite operation before the
// segment finished before any operation in it began, so segments are linearized one after the
// other and only the set of reachable (value, open writes left) states crosses the boundary.
// This keeps memory and recursion proportional to the widest burst of concurrency, not to the
// length of the history.
class Segment {
public:
    Segment(const std::vector<LinOp>& ops, std::vector<std::size_t> local, std::uint64_t& budget, bool withOrder)
        : m_ops(ops), m_local(std::move(local)), m_budget(budget), m_withOrder(withOrder) {
        m_done.assign((m_local.size() + 63) / 64, 0);
        for (const std::size_t index : m_local)
            if (ops[index].complete != kOpen) ++m_required;
    }

    // Explores from one entry state; exits are collected into `exits`, keyed by what matters
    // for the future (value, open writes left), keeping the first witness found for each.
    bool explore(const Frontier& entry, std::map<std::pair<std::int64_t, std::vector<std::size_t>>, Frontier>& exits) {
        std::fill(m_done.begin(), m_done.end(), 0);
        for (std::size_t i = 0; i < m_local.size(); ++i) {
            const std::size_t g = m_local[i];
            const bool carried = m_ops[g].complete == kOpen && g < m_first;
            if (carried && !std::binary_search(entry.open.begin(), entry.open.end(), g)) flip(i);
        }
        m_entry = &entry;
        m_exits = &exits;
        m_path.clear();
        dfs(entry.value, 0);
        return !m_exhausted;
    }
    void setFirst(std::size_t first) { m_first = first; }
    bool exhausted() const { return m_exhausted; }

private:
    bool isDone(std::size_t i) const { return (m_done[i / 64] >> (i % 64)) & 1U; }
    void flip(std::size_t i) { m_done[i / 64] ^= std::uint64_t{1} << (i % 64); }

    void exit(std::int64_t value) {
        std::vector<std::size_t> open;
        for (std::size_t i = 0; i < m_local.size(); ++i)
            if (!isDone(i)) open.push_back(m_local[i]);  // only open writes can be left
        std::sort(open.begin(), open.end());
        auto key = std::make_pair(value, open);
        if (m_exits->count(key)) return;
        Frontier f{value, std::move(open), {}};
        if (m_withOrder) {
            f.order = m_entry->order;
            for (std::size_t i : m_path) f.order.push_back(m_ops[m_local[i]].id);
        }
        m_exits->emplace(std::move(key), std::move(f));
    }

    void take(std::size_t i, std::int64_t value, std::size_t doneRequired) {
        const LinOp& op = m_ops[m_local[i]];
        flip(i);
        m_path.push_back(i);
        dfs(op.write ? op.values.front() : value, doneRequired + (op.complete != kOpen ? 1 : 0));
        flip(i);
        m_path.pop_back();
    }

    void dfs(std::int64_t value, std::size_t doneRequired) {
        if (m_exhausted || !m_seen.insert({m_done, value}).second) return;
        if (m_budget == 0) {
            m_exhausted = true;
            return;
        }
        --m_budget;
        if (doneRequired == m_required) exit(value);  // open writes may still land, later or never
        // Only an op invoked no later than every remaining response can be next.
        Time minComplete = kOpen;
        for (std::size_t i = 0; i < m_local.size(); ++i)
            if (!isDone(i)) minComplete = std::min(minComplete, m_ops[m_local[i]].complete);
        // A read that can go now should go now: it changes nothing and only removes a
        // constraint, so every state reachable without taking it first is reachable with it.
        for (std::size_t i = 0; i < m_local.size(); ++i) {
            const LinOp& op = m_ops[m_local[i]];
            if (!isDone(i) && !op.write && op.invoke <= minComplete && accepts(op, value))
                return take(i, value, doneRequired);
        }
        for (std::size_t i = 0; i < m_local.size(); ++i) {
            const LinOp& op = m_ops[m_local[i]];
            if (!isDone(i) && op.write && op.invoke <= minComplete) take(i, value, doneRequired);
        }
    }

    const std::vector<LinOp>& m_ops;
    std::vector<std::size_t> m_local;  // indices into m_ops: this segment's ops, then carried open writes
    std::uint64_t& m_budget;
    bool m_withOrder = true;
    std::size_t m_first = 0;
    std::size_t m_required = 0;
    std::vector<std::uint64_t> m_done;
    std::vector<std::size_t> m_path;
    std::set<std::pair<std::vector<std::uint64_t>, std::int64_t>> m_seen;
    const Frontier* m_entry = nullptr;
    std::map<std::pair<std::int64_t, std::vector<std::size_t>>, Frontier>* m_exits = nullptr;
    bool m_exhausted = false;
};

// Keeps, per value, only the states with the most open writes still unapplied: a state that can
// still apply a write dominates one that already has (it can do everything the other can).
std::vector<Frontier> dominant(std::map<std::pair<std::int64_t, std::vector<std::size_t>>, Frontier>& exits) {
    std::vector<Frontier> out;
    for (auto it = exits.begin(); it != exits.end(); ++it) {
        const auto& key = it->first;  // a named reference: clang 14 cannot capture bindings
        const bool covered = std::any_of(exits.begin(), exits.end(), [&](const auto& other) {
            return other.first.first == key.first && other.first.second.size() > key.second.size() &&
                   std::includes(other.first.second.begin(), other.first.second.end(), key.second.begin(), key.second.end());
        });
        if (!covered) out.push_back(std::move(it->second));
    }
    return out;
}

}  // namespace

SegmentRun lin_detail::runSegment(const std::vector<LinOp>& ops, std::size_t first, const std::vector<Frontier>& from,
                                  std::uint64_t& budget, bool withOrder) {
    SegmentRun run;
    // The segment grows while the next op starts before some definite op in it has finished.
    // An open write alone never holds a segment open: it is carried forward instead.
    std::size_t end = first + 1;
    Time reach = ops[first].complete == kOpen ? std::numeric_limits<Time>::min() : ops[first].complete;
    for (; end < ops.size() && ops[end].invoke <= reach; ++end)
        if (ops[end].complete != kOpen) reach = std::max(reach, ops[end].complete);
    run.end = end;
    run.reach = reach;
    std::vector<std::size_t> local;
    for (std::size_t i = first; i < end; ++i) local.push_back(i);
    std::set<std::size_t> carried;
    for (const Frontier& f : from) carried.insert(f.open.begin(), f.open.end());
    local.insert(local.end(), carried.begin(), carried.end());
    Segment segment(ops, std::move(local), budget, withOrder);
    segment.setFirst(first);
    std::map<std::pair<std::int64_t, std::vector<std::size_t>>, Frontier> exits;
    for (const Frontier& f : from)
        if (!segment.explore(f, exits)) break;
    run.exhausted = segment.exhausted();
    if (!run.exhausted) run.next = dominant(exits);
    return run;
}

std::vector<std::int64_t> lin_detail::stuckIds(const std::vector<LinOp>& ops, std::size_t first, std::size_t end,
                                               const std::vector<Frontier>& from) {
    std::set<std::size_t> at;
    for (std::size_t i = first; i < end; ++i) at.insert(i);
    for (const Frontier& f : from) at.insert(f.open.begin(), f.open.end());
    std::vector<std::int64_t> ids;
    for (const std::size_t i : at) ids.push_back(ops[i].id);
    return ids;
}

LinResult checkRegister(const std::vector<LinOp>& input, std::int64_t initial, std::uint64_t budget) {
    // An unknown-outcome write whose value no read returned may as well never have happened:
    // dropping it from any linearization leaves one. Removing such writes up front keeps the
    // search from trying every place they could have landed.
    std::vector<LinOp> ops;
    for (const LinOp& op : input) {
        const bool unseen = op.write && op.complete == kOpen &&
                            std::none_of(input.begin(), input.end(), [&](const LinOp& r) { return !r.write && accepts(r, op.values.front()); });
        if (!unseen) ops.push_back(op);
    }
    std::stable_sort(ops.begin(), ops.end(), byInvoke);
    const std::uint64_t start = budget;
    std::vector<Frontier> frontier{Frontier{initial, {}, {}}};
    LinResult result;
    result.total = ops.size();
    for (std::size_t first = 0; first < ops.size();) {
        SegmentRun run = lin_detail::runSegment(ops, first, frontier, budget, true);
        if (run.exhausted || run.next.empty()) {
            result.exhausted = run.exhausted;
            result.linearizable = false;
            result.explored = start - budget;
            result.checked = first;
            result.stuck = lin_detail::stuckIds(ops, first, run.end, frontier);
            return result;
        }
        frontier = std::move(run.next);
        first = run.end;
    }
    result.checked = ops.size();
    result.explored = start - budget;
    result.order = frontier.front().order;
    return result;
}

LinResult checkSerializable(const std::vector<LinOp>& ops, std::int64_t initial, std::uint64_t budget) {
    std::vector<LinOp> timeless = ops;
    for (LinOp& op : timeless) {
        op.invoke = 0;
        if (op.complete != kOpen) op.complete = 1;  // open writes stay optional
    }
    return checkRegister(timeless, initial, budget);
}

bool supportsRead(const std::vector<LinOp>& ops, std::size_t i, std::int64_t initial) {
    const LinOp& op = ops[i];
    if (!op.write || op.values.front() == initial) return false;
    const std::int64_t v = op.values.front();
    for (std::size_t j = 0; j < ops.size(); ++j)
        if (j != i && ops[j].write && ops[j].values.front() == v) return false;  // another writer
    for (const LinOp& other : ops)
        if (!other.write && accepts(other, v)) return true;
    return false;
}

namespace {

// Every value a read in `ops` returned was written by some write in `ops` (or is the initial
// value), so a violation found in `ops` is not an artefact of cutting the history.
bool selfContained(const std::vector<LinOp>& ops, std::int64_t initial) {
    std::set<std::int64_t> written{initial};
    for (const LinOp& op : ops)
        if (op.write) written.insert(op.values.front());
    for (const LinOp& op : ops)
        if (!op.write && std::none_of(op.values.begin(), op.values.end(), [&](std::int64_t v) { return written.count(v) > 0; }))
            return false;
    return true;
}

// The culprit search runs many checks; they share one state budget. A check the budget cannot
// finish counts as "not shown broken", so only sets proven broken are ever kept.
struct Search {
    std::int64_t initial = 0;
    std::uint64_t left = 0;
    bool ranOut = false;
    CulpritStats stats;

    bool broken(const std::vector<LinOp>& ops) {
        if (left == 0) {
            ranOut = true;
            return false;
        }
        const LinResult r = checkRegister(ops, initial, left);
        ++stats.checks;
        stats.explored += r.explored;
        left -= std::min(left, r.explored);
        ranOut = ranOut || r.exhausted;
        return !r.linearizable && !r.exhausted;
    }
};

}  // namespace

std::vector<std::int64_t> minimalViolation(const std::vector<LinOp>& ops, std::int64_t initial, std::uint64_t budget,
                                           CulpritStats* stats) {
    Search search{initial, budget, false, {}};
    search.stats.size = ops.size();
    auto broken = [&search](const std::vector<LinOp>& h, std::int64_t) { return search.broken(h); };
    if (!broken(ops, initial)) {
        if (stats) *stats = search.stats;
        return {};
    }
    std::vector<LinOp> kept = ops;
    std::stable_sort(kept.begin(), kept.end(), byInvoke);
    // Narrow down before the quadratic filter: first the shortest broken prefix (bisection; not
    // strictly monotone, so it only guides and the result is verified), then the shortest tail
    // of it that is still broken on its own and explains every value it reads.
    std::size_t lo = 1;
    std::size_t hi = kept.size();
    while (lo < hi) {
        const std::size_t mid = lo + (hi - lo) / 2;
        if (broken(std::vector<LinOp>(kept.begin(), kept.begin() + static_cast<std::ptrdiff_t>(mid)), initial)) hi = mid;
        else lo = mid + 1;
    }
    kept.resize(hi);
    for (std::size_t size = 16; size < kept.size(); size *= 2) {
        std::vector<LinOp> tail(kept.end() - static_cast<std::ptrdiff_t>(size), kept.end());
        if (selfContained(tail, initial) && broken(tail, initial)) {
            kept = std::move(tail);
            break;
        }
    }
    // Deletion filter: drop any op whose removal keeps the history broken, and repeat until a
    // whole pass removes nothing, so that every survivor is needed. A write whose value a kept
    // read returned stays: "a read of a value nobody wrote" would be minimal but explains nothing.
    for (bool changed = true; changed && !search.ranOut;) {
        changed = false;
        for (std::size_t i = kept.size(); i-- > 0;) {
            if (supportsRead(kept, i, initial)) continue;
            std::vector<LinOp> without = kept;
            without.erase(without.begin() + static_cast<std::ptrdiff_t>(i));
            if (broken(without, initial)) {
                kept = std::move(without);
                changed = true;
            }
        }
    }
    search.stats.minimal = !search.ranOut;
    if (stats) *stats = search.stats;
    std::vector<std::int64_t> ids;
    ids.reserve(kept.size());
    for (const LinOp& op : kept) ids.push_back(op.id);
    std::sort(ids.begin(), ids.end());
    return ids;
}

}  // namespace sb::core::cap
