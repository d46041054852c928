#pragma once

#include <cstdint>
#include <vector>

#include "topics/hashring/key_table.h"

namespace sb::core::hashring {

// How evenly a ring of `nodes` equal nodes splits the keys, for one vnode count.
struct SpreadPoint {
    std::uint32_t vnodes = 1;
    double relativeStddev = 0;  // stddev of keys per node over the mean
    double maxOverMean = 0;     // the busiest node's keys over the mean
};

// The curve the vnodes lesson talks about: spread falls roughly as 1/sqrt(vnodes). Computed on
// the caller's own keys and seed so the plot matches the run on screen.
std::vector<SpreadPoint> spreadByVnodes(int nodes, const KeyTable& keys, std::uint64_t seed,
                                        const std::vector<std::uint32_t>& vnodeCounts);

// 1, 2, 5, 10, 20, 50, ... up to `max`.
std::vector<std::uint32_t> standardVnodeCounts(std::uint32_t max = 1000);

}  // namespace sb::core::hashring
