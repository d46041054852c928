#pragma once

// Private to the linearizability checker: one segment of the search, shared by the whole-history
// check (checkRegister) and the incremental one (RegisterHistory).

#include <cstdint>
#include <vector>

#include "topics/cap/linearizability.h"

namespace sb::core::cap::lin_detail {

// Where the search may stand between two segments: the register value, the unknown-outcome
// writes that have not taken effect yet (they still may), and how we got here (when a witness
// is wanted).
struct Frontier {
    std::int64_t value = 0;
    std::vector<std::size_t> open;     // indices into the sorted history, ascending
    std::vector<std::int64_t> order;   // witness so far (empty when not tracked)
};

// One segment: ops[first, end) overlap in time, and every definite op before them finished
// before any of them began, so only the reachable frontiers cross the boundary.
struct SegmentRun {
    std::size_t end = 0;
    Time reach = 0;                 // the latest completion of a definite op in the segment
    std::vector<Frontier> next;     // empty: no linearization gets through (unless exhausted)
    bool exhausted = false;         // the state budget ran out inside this segment
};

// Explores the segment that starts at `first` from every frontier in `from`. `budget` is what
// is left of the search's state budget and is decreased by the states visited.
SegmentRun runSegment(const std::vector<LinOp>& ops, std::size_t first, const std::vector<Frontier>& from,
                      std::uint64_t& budget, bool withOrder);

// The ids of where a search stopped: the segment's ops [first, end) and the open writes carried
// into it, in history order.
std::vector<std::int64_t> stuckIds(const std::vector<LinOp>& ops, std::size_t first, std::size_t end,
                                   const std::vector<Frontier>& from);

}  // namespace sb::core::cap::lin_detail
