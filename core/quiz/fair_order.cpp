#include "quiz/fair_order.h"

#include <algorithm>
#include <numeric>
#include <string>

#include "sim/rng.h"
#include "sim/stable_hash.h"

namespace sb::core::quiz {

std::vector<std::size_t> optionOrder(std::string_view itemId, std::uint64_t sitting,
                                     std::size_t count) {
    std::vector<std::size_t> order(count);
    std::iota(order.begin(), order.end(), std::size_t{0});
    // Rng seeds through splitmix64, which spreads nearby sittings over unrelated streams.
    Rng rng(fnv1a64(itemId) ^ (sitting * 0x9e3779b97f4a7c15ULL));
    for (std::size_t i = count; i > 1; --i) {
        const auto j = static_cast<std::size_t>(rng.range(0, static_cast<std::int64_t>(i) - 1));
        std::swap(order[i - 1], order[j]);
    }
    return order;
}

std::vector<ItemRef> interleaveByTopic(const std::vector<ItemRef>& items) {
    std::vector<std::string> topics;
    std::vector<std::vector<const ItemRef*>> byTopic;
    for (const ItemRef& ref : items) {
        const auto it = std::find(topics.begin(), topics.end(), ref.topic);
        const auto t = static_cast<std::size_t>(it - topics.begin());
        if (it == topics.end()) {
            topics.push_back(ref.topic);
            byTopic.emplace_back();
        }
        byTopic[t].push_back(&ref);
    }
    std::vector<ItemRef> out;
    out.reserve(items.size());
    for (std::size_t round = 0; out.size() < items.size(); ++round)
        for (const auto& list : byTopic)
            if (round < list.size()) out.push_back(*list[round]);
    return out;
}

}  // namespace sb::core::quiz
