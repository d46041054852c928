#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sim/result.h"
#include "sim/time.h"

namespace sb::app {

// Parsed options of `run` and `sweep`. Unknown flags and malformed values are errors that name
// the flag.
struct RunOptions {
    std::string scenarioPath;
    std::optional<std::uint64_t> seed;
    std::optional<core::Time> untilUs;
    std::optional<std::uint64_t> maxEvents;
    std::optional<std::string> tracePath;  // "-" is stdout
    std::vector<std::pair<std::string, std::string>> params;  // --param name=value
    std::uint64_t seedFirst = 0;
    std::uint64_t seedLast = 0;
    bool hasSeedRange = false;
    std::vector<std::string> metrics;
    bool quiet = false;
};

core::Result<RunOptions> parseRunOptions(const std::vector<std::string>& args, bool sweep);

}  // namespace sb::app
