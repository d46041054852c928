#include "sim/explore.h"

#include <algorithm>
#include <deque>
#include <unordered_map>

namespace sb::core {
namespace {

struct Node {
    std::string state;
    std::size_t parent = 0;  // index into the node list; the root points at itself
    std::string action;
    int depth = 0;
};

void pathTo(const std::vector<Node>& nodes, std::size_t at, ExploreResult& r) {
    std::vector<std::size_t> chain;
    for (std::size_t i = at;; i = nodes[i].parent) {
        chain.push_back(i);
        if (nodes[i].parent == i) break;
    }
    std::reverse(chain.begin(), chain.end());
    for (std::size_t k = 0; k < chain.size(); ++k) {
        if (k > 0) r.actions.push_back(nodes[chain[k]].action);
        r.path.push_back(nodes[chain[k]].state);
    }
}

}  // namespace

ExploreResult explore(const StateSpace& space, std::size_t maxStates) {
    ExploreResult r;
    std::vector<Node> nodes;
    // Membership only: the order of work comes from `frontier`, never from hashing.
    std::unordered_map<std::string, std::size_t> seen;
    std::deque<std::size_t> frontier;
    auto visit = [&](std::string state, std::size_t parent, std::string action, int depth) -> bool {
        if (seen.count(state)) return false;
        if (nodes.size() >= maxStates) {
            r.complete = false;
            return false;
        }
        const std::size_t id = nodes.size();
        seen.emplace(state, id);
        nodes.push_back(Node{std::move(state), parent == SIZE_MAX ? id : parent, std::move(action), depth});
        r.depth = std::max(r.depth, depth);
        frontier.push_back(id);
        if (std::string bad = space.broken(nodes[id].state); !bad.empty()) {
            r.invariant = std::move(bad);
            pathTo(nodes, id, r);
            return true;
        }
        return false;
    };
    for (std::string& s : space.initial())
        if (visit(std::move(s), SIZE_MAX, {}, 0)) return r.states = nodes.size(), r;
    std::vector<StateSpace::Step> steps;
    while (!frontier.empty()) {
        const std::size_t at = frontier.front();
        frontier.pop_front();
        steps.clear();
        space.next(nodes[at].state, steps);
        for (StateSpace::Step& st : steps) {
            ++r.transitions;
            if (visit(std::move(st.next), at, std::move(st.action), nodes[at].depth + 1)) return r.states = nodes.size(), r;
        }
    }
    r.states = nodes.size();
    return r;
}

}  // namespace sb::core
