#pragma once

#include <cstdint>
#include <limits>
#include <vector>

#include "sim/time.h"

namespace sb::core::cap {

// A linearizability checker for one read/write register (Wing & Gong 1993, with Lowe's 2017
// memoisation of (linearized set, register value) and the minimal-operation rule: only an
// operation invoked before every pending operation's response can go next). Linearizability is
// local (Herlihy & Wing 1990), so a key-value store is checked one key at a time.
//
// Operations whose outcome is unknown (a timed-out write) get complete = kOpen: they may take
// effect at any point after their invocation, or never. Failed operations must not be passed in.
//
// Scaling: the history is cut into segments at instants where every definite operation so far
// has completed; only the reachable (value, unapplied open writes) states cross a cut, pruned to
// the dominant ones. Memory and recursion depth follow the widest burst of concurrency, not the
// length of the history. Open writes whose value no read returned are dropped up front.

inline constexpr Time kOpen = std::numeric_limits<Time>::max();

struct LinOp {
    std::int64_t id = 0;
    bool write = false;
    std::vector<std::int64_t> values;  // write: {value}; read: the acceptable values (siblings)
    Time invoke = 0;
    Time complete = kOpen;             // kOpen: unknown outcome (writes only)

    bool operator==(const LinOp&) const = default;
};

struct LinResult {
    bool linearizable = true;
    bool exhausted = false;             // gave up after `budget` states: unknown (linearizable is false)
    std::vector<std::int64_t> order;    // a witness order of the ops that took effect
    std::uint64_t explored = 0;         // distinct states visited
    // How far it got: the ops of the segments proven before it stopped (all of them when
    // linearizable), out of `total`, and the ids of the segment where it stopped (broken, or
    // where the budget ran out), so "unknown" and "broken" can say where.
    std::size_t checked = 0;
    std::size_t total = 0;
    std::vector<std::int64_t> stuck;
};

LinResult checkRegister(const std::vector<LinOp>& input, std::int64_t initial,
                        std::uint64_t budget = 2'000'000);

// Serializability of single-operation transactions on one register: is there any one-at-a-time
// order of the operations, real time ignored, that explains every result? The same search, run
// with every operation stretched over one common interval so that none precedes another. With
// real time put back (strict serializability) this is exactly linearizability. exhausted: unknown.
LinResult checkSerializable(const std::vector<LinOp>& ops, std::int64_t initial, std::uint64_t budget = 200'000);

// A subset of a non-linearizable history that is still non-linearizable but becomes
// linearizable if any single removable operation is dropped (1-minimal, by a deletion filter).
// A write is not removable while it is the only source of a value some kept read returned
// (see supportsRead), so the set always shows where each read value came from. Returns ids.
// Every check inside shares `budget` states: the search stops when it runs out and returns the
// smallest set it has proven broken so far, with stats->minimal (when given) false. An empty
// result means the history could not be shown broken within the budget (unknown).
inline constexpr std::uint64_t kCulpritBudget = 4'000'000;
struct CulpritStats {
    bool minimal = false;        // every survivor was shown to be needed
    std::uint64_t explored = 0;  // states visited by all the checks together
    std::size_t checks = 0;      // sub-histories checked
    std::size_t size = 0;        // ops in the history searched
};
std::vector<std::int64_t> minimalViolation(const std::vector<LinOp>& ops, std::int64_t initial,
                                           std::uint64_t budget = kCulpritBudget, CulpritStats* stats = nullptr);
bool supportsRead(const std::vector<LinOp>& ops, std::size_t i, std::int64_t initial);

}  // namespace sb::core::cap
