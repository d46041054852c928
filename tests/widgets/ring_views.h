#pragma once
// Hand-made hash-ring views for the scene tests: `count` nodes, n1 upwards, laid out round a ring
// the test then gives its points and keys.

#include <string>

#include "sim/view.h"

namespace sb::test {

inline core::View ringOfNodes(int count) {
    core::View v;
    v.layout = core::Layout::Ring;
    for (int i = 0; i < count; ++i) {
        core::NodeView n;
        n.id = i;
        n.name = "n" + std::to_string(i + 1);
        v.nodes.push_back(n);
    }
    return v;
}

}  // namespace sb::test
