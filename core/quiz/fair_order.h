#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "quiz/progress.h"

namespace sb::core::quiz {

// Fairness of what a sitting shows, kept apart from scheduling so both stay simple.

// The order to present a multiple-choice item's `count` options in: entry p is the index of
// the option shown at position p. A permutation drawn from a generator seeded by the item id
// and the sitting, so the same item in the same sitting always looks the same (tests stay
// exact), while authors' habit of writing the right answer first no longer gives it away.
// `sitting` is any number that tells sittings apart (the workspace uses the start time).
std::vector<std::size_t> optionOrder(std::string_view itemId, std::uint64_t sitting,
                                     std::size_t count);

// The items in round-robin order over their topics (topics in order of first appearance, each
// topic's items in their own order), so a sitting over several topics introduces each of them
// from the start instead of working through the first topic's items before the next.
std::vector<ItemRef> interleaveByTopic(const std::vector<ItemRef>& items);

}  // namespace sb::core::quiz
