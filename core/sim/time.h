#pragma once

#include <cstdint>
#include <string>

namespace sb::core {

// Simulated time in integer microseconds. Never a double, never the wall clock: integer time is
// what makes a run reproducible byte for byte on every machine.
using Time = std::int64_t;

inline constexpr Time kMicrosecond = 1;
inline constexpr Time kMillisecond = 1000;
inline constexpr Time kSecond = 1000 * kMillisecond;

constexpr Time fromMs(std::int64_t ms) { return ms * kMillisecond; }

// Milliseconds as the user reads them: "1234.5 ms" trimmed to the precision that matters.
std::string formatMs(Time t);

}  // namespace sb::core
