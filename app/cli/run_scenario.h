#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "sim/model.h"
#include "sim/registry.h"
#include "sim/scenario.h"

namespace sb::app {

struct RunLimits {
    std::optional<core::Time> untilUs;
    std::optional<std::uint64_t> maxEvents;
};

struct RunSummary {
    std::uint64_t events = 0;
    core::Time simTime = 0;
    std::vector<core::Metric> metrics;
    std::vector<core::Violation> violations;
    std::vector<core::Error> rejected;
};

// Defaults when neither limit is given: 10 simulated seconds, and never more than 10 million
// events, so a run always ends.
inline constexpr core::Time kDefaultUntilUs = 10 * core::kSecond;
inline constexpr std::uint64_t kEventCap = 10'000'000;

// Runs a scenario headless; streams the trace as JSON Lines to `trace` when given.
core::Result<RunSummary> runScenario(const core::TopicRegistry& registry,
                                     const core::Scenario& scenario, const RunLimits& limits,
                                     std::ostream* trace);

std::string summaryJson(const core::Scenario& scenario, const RunSummary& summary);

}  // namespace sb::app
