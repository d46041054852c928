#include "topics/cap/cap_types.h"

#include <algorithm>

namespace sb::core::cap {

VvOrder compareVv(const std::vector<std::int32_t>& a, const std::vector<std::int32_t>& b) {
    bool less = false;
    bool greater = false;
    const std::size_t n = std::max(a.size(), b.size());
    for (std::size_t i = 0; i < n; ++i) {
        const std::int32_t x = i < a.size() ? a[i] : 0;
        const std::int32_t y = i < b.size() ? b[i] : 0;
        less = less || x < y;
        greater = greater || x > y;
    }
    if (less && greater) return VvOrder::Concurrent;
    if (less) return VvOrder::Before;
    if (greater) return VvOrder::After;
    return VvOrder::Equal;
}

std::vector<std::int32_t> joinVv(const std::vector<std::int32_t>& a, const std::vector<std::int32_t>& b) {
    std::vector<std::int32_t> out(std::max(a.size(), b.size()), 0);
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i] = std::max(i < a.size() ? a[i] : 0, i < b.size() ? b[i] : 0);
    return out;
}

const char* outcomeName(Outcome outcome) {
    switch (outcome) {
        case Outcome::Pending: return "pending";
        case Outcome::Ok: return "ok";
        case Outcome::Failed: return "failed";
        case Outcome::Timeout: return "timeout";
    }
    return "?";
}

}  // namespace sb::core::cap
