#include "cli/stats.h"

#include <algorithm>
#include <cmath>

namespace sb::app {

Distribution describe(std::vector<double> values) {
    Distribution d;
    d.count = values.size();
    if (values.empty()) return d;
    std::sort(values.begin(), values.end());
    double sum = 0;
    for (double v : values) sum += v;
    d.mean = sum / static_cast<double>(values.size());
    double sq = 0;
    for (double v : values) sq += (v - d.mean) * (v - d.mean);
    d.stddev = values.size() > 1 ? std::sqrt(sq / static_cast<double>(values.size() - 1)) : 0;
    auto rank = [&](double p) {
        const auto n = static_cast<double>(values.size());
        auto i = static_cast<std::size_t>(std::ceil(p * n));
        return values[std::clamp<std::size_t>(i, 1, values.size()) - 1];
    };
    d.min = values.front();
    d.max = values.back();
    d.p10 = rank(0.10);
    d.p50 = rank(0.50);
    d.p90 = rank(0.90);
    d.p99 = rank(0.99);
    return d;
}

}  // namespace sb::app
