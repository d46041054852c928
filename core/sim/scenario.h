#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "sim/action.h"
#include "sim/params.h"
#include "sim/registry.h"
#include "sim/result.h"

namespace sb::core {

inline constexpr int kScenarioVersion = 1;

// A topic, its parameters, a seed and timed actions: everything needed to reproduce a run.
// Lessons embed one; a saved session is one whose actions include the learner's gestures.
struct Scenario {
    std::string topic;
    std::string title;
    std::uint64_t seed = 1;
    ParamValues params;  // only the overrides; defaults come from the topic
    std::vector<Action> actions;
    std::string lesson;  // lesson id a session came from (may be empty)
    // A saved session: how many trace events had been applied when it was saved, so reopening
    // shows the same moment. 0 for a plain scenario (start at the beginning).
    std::size_t position = 0;

    bool operator==(const Scenario&) const = default;
};

// Validates against the registry: topic exists, parameters known and in range, actions known
// with arguments naming real nodes. `where` prefixes JSON pointers in errors. Takes `j` by value
// so that a caller done with its document can move it in: the actions keep its storage.
Result<Scenario> scenarioFromJson(nlohmann::json j, const TopicRegistry& registry,
                                  const std::string& where = "");
Result<Scenario> loadScenarioText(std::string_view text, const TopicRegistry& registry,
                                  const std::string& file);
Result<Scenario> loadScenarioFile(const std::string& path, const TopicRegistry& registry);
nlohmann::json toJson(const Scenario& scenario, const TopicRegistry& registry);

// Checks actions of a scenario against a topic (used by the lesson loader as well).
Status validateActions(const std::vector<Action>& actions, const TopicInfo& topic,
                       const std::vector<std::string>& nodes, const std::string& where);

// Parses one parameter value from JSON (number, bool, or a choice's name).
Result<double> paramFromJson(const ParamSet& params, const std::string& name,
                             const nlohmann::json& value, const std::string& where);
nlohmann::json paramToJson(const ParamSet& params, const std::string& name, double value);

}  // namespace sb::core
