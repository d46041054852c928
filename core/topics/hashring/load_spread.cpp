#include "topics/hashring/load_spread.h"

#include <algorithm>
#include <cmath>

#include "topics/hashring/placement.h"

namespace sb::core::hashring {

std::vector<SpreadPoint> spreadByVnodes(int nodes, const KeyTable& keys, std::uint64_t seed,
                                        const std::vector<std::uint32_t>& vnodeCounts) {
    std::vector<SpreadPoint> out;
    if (nodes < 1 || keys.size() == 0) return out;
    nodes = std::min(nodes, kMaxSlots);
    std::vector<std::uint8_t> owners;
    for (const std::uint32_t v : vnodeCounts) {
        Placement ring;
        ring.reset(Mode::Ring, seed, 1);
        for (int slot = 0; slot < nodes; ++slot) ring.join(slot, std::max<std::uint32_t>(v, 1), 1.0);
        ring.rebuild();
        ring.assignAll(keys.hashes(), owners);
        std::vector<double> perNode(static_cast<std::size_t>(nodes), 0.0);
        for (const std::uint8_t o : owners)
            if (o < nodes) perNode[o] += 1;
        const double mean = static_cast<double>(keys.size()) / nodes;
        double sq = 0;
        for (const double k : perNode) sq += (k - mean) * (k - mean);
        const double stddev = std::sqrt(sq / nodes);
        out.push_back({v, stddev / mean, *std::max_element(perNode.begin(), perNode.end()) / mean});
    }
    return out;
}

std::vector<std::uint32_t> standardVnodeCounts(std::uint32_t max) {
    std::vector<std::uint32_t> out;
    for (std::uint32_t base = 1; base <= max; base *= 10)
        for (const std::uint32_t k : {1u, 2u, 5u})
            if (base * k <= max) out.push_back(base * k);
    return out;
}

}  // namespace sb::core::hashring
