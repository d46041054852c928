#pragma once

#include <cstdint>
#include <map>
#include <vector>

#include "topics/cap/lin_segment.h"
#include "topics/cap/linearizability.h"

namespace sb::core::cap {

// How an operation ended, as the checker needs it.
enum class OpEnd { Ok, Failed, Timeout };

// One register's history as it grows, checked incrementally: the verdict is always exactly
// checkRegister's on the same history (same segments, same state budget, so the same
// "unknown" too), but a check searches again only from the last segment boundary before the
// earliest change. Operations arrive in invocation order and change only at their end, so a
// run pays for the ops still in flight and the open writes carried across, not for the whole
// history at every step. The search state at every boundary is kept (no witness order).
//
// The same rules as CapModel's history: a pending or failed read constrains nothing, a pending
// or timed-out write may take effect at any time after its invocation or never, a failed write
// had no effect, and an open write whose value no read returned is left out (checkRegister
// drops those up front; here they join when a read first returns their value).
class RegisterHistory {
public:
    explicit RegisterHistory(std::int64_t initial = 0, std::uint64_t budget = 2'000'000);

    // `invoke` must not be earlier than the previous op's.
    void invoked(std::int64_t id, bool write, std::int64_t value, Time invoke);
    // `values`: what a read returned (any of them is acceptable). Unknown ids are ignored.
    void completed(std::int64_t id, OpEnd end, Time complete, const std::vector<std::int64_t>& values = {});

    LinResult check();
    // The history as checkRegister would be given it, in invocation order.
    std::vector<LinOp> ops() const;
    // The ops up to the end of the first segment that no linearization gets through (empty when
    // the history is linearizable or unknown): what the culprit search needs to look at.
    std::vector<LinOp> brokenPrefix();
    // Bumped whenever a check had to search again before the broken segment: a culprit found
    // for an earlier value of this counter may describe another prefix.
    std::uint64_t brokenGeneration() const { return m_brokenGeneration; }
    // States visited by every check so far, searches again included: what the checking cost.
    std::uint64_t work() const { return m_work; }

private:
    struct Entry {
        LinOp op;
        bool included = false;  // a definite op, or a write whose outcome is unknown
    };
    struct Cut {
        std::size_t all = 0;      // entries before this index are in earlier segments
        std::size_t active = 0;   // m_ops before this index likewise
        Time reachBefore = 0;     // the previous segment's reach: the next op must start later
        std::vector<lin_detail::Frontier> frontier;  // empty: the history is broken here
        std::uint64_t spent = 0;  // states the search had used up to here
        bool exhausted = false;
    };

    bool active(const Entry& e) const;
    void touch(std::size_t index) { m_dirty = std::min(m_dirty, index); }
    bool usable(const Cut& cut) const;
    void rebuildFrom(const Cut& cut);

    std::int64_t m_initial;
    std::uint64_t m_budget;
    std::vector<Entry> m_all;                      // every op, invocation order
    std::map<std::int64_t, std::size_t> m_index;   // id -> index in m_all
    std::map<std::int64_t, int> m_readsOf;         // value -> included reads that accept it
    std::map<std::int64_t, std::vector<std::size_t>> m_writesOf;  // value -> its writes in m_all
    std::vector<LinOp> m_ops;                      // what the search sees (the active entries)
    std::vector<std::size_t> m_opEntry;            // m_ops[i] is m_all[m_opEntry[i]]
    std::vector<Cut> m_cuts;
    std::size_t m_dirty = 0;                       // earliest m_all index changed since the last check
    LinResult m_result;
    std::uint64_t m_brokenGeneration = 0;
    std::uint64_t m_work = 0;
};

}  // namespace sb::core::cap
