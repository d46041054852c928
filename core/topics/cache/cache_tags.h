#pragma once

#include <cstdint>

namespace sb::core::cache {

// Timer tags. The clients node keeps one arrival timer per key (tag = key) and one timeout per
// open attempt (kAttemptTagBase + attempt id); an app server one poll timer per waiting attempt
// (tag = attempt id); the cache one expiry per key (tag = key); the database two per query
// (2 * id: service done, 2 * id + 1: statement timeout).
inline constexpr int kAttemptTagBase = 1 << 16;

inline int attemptTag(std::int64_t req) { return kAttemptTagBase + static_cast<int>(req); }

}  // namespace sb::core::cache
