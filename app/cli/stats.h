#pragma once

#include <vector>

namespace sb::app {

struct Distribution {
    double mean = 0, stddev = 0, min = 0, p10 = 0, p50 = 0, p90 = 0, p99 = 0, max = 0;
    std::size_t count = 0;
};

// Summary statistics; percentiles by the nearest-rank method on the sorted values.
Distribution describe(std::vector<double> values);

}  // namespace sb::app
