#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "sim/params.h"
#include "sim/result.h"

namespace sb::core {

// A finite model of a protocol that can be explored exhaustively, breadth first, as TLC or
// DSLabs do: every interleaving of a small configuration, not one run per seed. A topic offers
// one through builtinExploreSupport(). States are byte strings the topic encodes canonically
// (equal states give equal strings), so the kernel can deduplicate them without knowing them.
class StateSpace {
public:
    virtual ~StateSpace() = default;

    struct Step {
        std::string action;  // "RMPrepare(2)": the spec's name for the action and its argument
        std::string next;
    };
    virtual std::vector<std::string> initial() const = 0;
    // Every step enabled in `state`, in a fixed order (the exploration must be deterministic).
    virtual void next(const std::string& state, std::vector<Step>& out) const = 0;
    // The first invariant `state` breaks ("TCConsistent"), or empty when it keeps them all.
    virtual std::string broken(const std::string& state) const = 0;
    // A human line for a state ("rm1 prepared, rm2 committed, tm committed").
    virtual std::string describe(const std::string& state) const = 0;
};

struct ExploreResult {
    std::size_t states = 0;       // distinct states reached
    std::size_t transitions = 0;  // steps taken, including those to already-seen states
    int depth = 0;                // the longest shortest path from an initial state
    bool complete = true;         // false: stopped at max_states, so "no violation" is unknown
    std::string invariant;        // the invariant broken, empty if none was found
    // The shortest path to the first violation found: the actions and the states after each
    // (path has one more entry: the initial state first).
    std::vector<std::string> actions;
    std::vector<std::string> path;
};

// A topic's offer of a state space for `splitbrain-sim explore`: built from a scenario's params
// and a size (participants, steps: the topic says which). An error says why not.
struct ExploreSupport {
    std::string topic;
    std::string sizeMeaning;  // "participants (2 to 6)"
    std::function<Result<std::shared_ptr<const StateSpace>>(const ParamValues&, int size)> build;
};

// The topics that support explore: one line per topic in topics/builtin_topics.cpp, beside
// registerBuiltinTopics().
std::vector<ExploreSupport> builtinExploreSupport();

// Breadth first from every initial state; stops at the first state that breaks an invariant
// (BFS makes its path a shortest one) or when `maxStates` distinct states have been seen.
ExploreResult explore(const StateSpace& space, std::size_t maxStates);

}  // namespace sb::core
