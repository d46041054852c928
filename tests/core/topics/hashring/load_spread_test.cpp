#include <catch2/catch.hpp>
#include <cmath>

#include "topics/hashring/load_spread.h"

using namespace sb::core::hashring;

TEST_CASE("standard vnode counts go 1, 2, 5 per decade", "[hashring][spread]") {
    CHECK(standardVnodeCounts(100) == std::vector<std::uint32_t>{1, 2, 5, 10, 20, 50, 100});
    CHECK(standardVnodeCounts(1000).back() == 1000);
}

TEST_CASE("load spread falls roughly as one over the square root of the vnode count", "[hashring][spread]") {
    // Each node's share of the ring is a sum of V arcs, so its relative stddev is about
    // 1/sqrt(V); averaged over seeds, V = 1, 10, 100 and 1000 land near 1, 0.32, 0.1 and 0.03.
    const std::vector<std::uint32_t> counts{1, 10, 100, 1000};
    std::vector<double> mean(counts.size(), 0.0);
    const int seeds = 6;
    for (int seed = 1; seed <= seeds; ++seed) {
        const KeyTable keys(200000, static_cast<std::uint64_t>(seed));
        const auto curve = spreadByVnodes(8, keys, static_cast<std::uint64_t>(seed), counts);
        REQUIRE(curve.size() == counts.size());
        for (std::size_t i = 0; i < counts.size(); ++i) {
            CHECK(curve[i].vnodes == counts[i]);
            CHECK(curve[i].maxOverMean >= 1.0);
            mean[i] += curve[i].relativeStddev / seeds;
        }
    }
    for (std::size_t i = 0; i < counts.size(); ++i) {
        const double expected = 1.0 / std::sqrt(static_cast<double>(counts[i]));
        CHECK(mean[i] > expected * 0.5);
        CHECK(mean[i] < expected * 1.6);
    }
    CHECK(mean[3] < mean[2]);
    CHECK(mean[2] < mean[1]);
    CHECK(mean[1] < mean[0]);
}

TEST_CASE("no keys or no nodes give an empty curve", "[hashring][spread]") {
    CHECK(spreadByVnodes(0, KeyTable(100, 1), 1, {1, 10}).empty());
    CHECK(spreadByVnodes(4, KeyTable(0, 1), 1, {1, 10}).empty());
}
