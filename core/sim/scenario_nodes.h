#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sim/registry.h"
#include "sim/scenario.h"

namespace sb::core {

// scenarioFromJson, also handing back the run's node names it had to find to check the
// actions: a loader that needs them (the lesson loader) then does not reset a second model.
Result<Scenario> scenarioFromJson(nlohmann::json j, const TopicRegistry& registry,
                                  const std::string& where, std::vector<std::string>& nodes);

}  // namespace sb::core
