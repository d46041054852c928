#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace sb::app {

// Exit codes of splitbrain-sim, documented in --help and the README.
inline constexpr int kExitOk = 0;
inline constexpr int kExitViolation = 1;  // a run broke an invariant, or a lesson check failed
inline constexpr int kExitBadInput = 2;   // wrong flag, unreadable or invalid file
inline constexpr int kExitUnknown = 3;    // verify: nothing violated, but not every property decided

// Runs `splitbrain-sim` with `args` (without the program name). Everything goes through the
// two streams so tests can drive every path without spawning a process.
int runSimCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace sb::app
