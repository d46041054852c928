#pragma once
// The registry of shipped topics, built once per test binary, and the small pieces every topic's
// tests use to start a run: an action from JSON and a scenario from its parts. Shared by the
// tests so each does not write its own copy. No Catch2 here (the fuzz targets include it too):
// callers check what Simulation::create returns themselves.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "sim/action.h"
#include "sim/registry.h"
#include "sim/scenario.h"

namespace sb::test {

inline const core::TopicRegistry& builtinRegistry() {
    static const core::TopicRegistry r = [] {
        core::TopicRegistry reg;
        core::registerBuiltinTopics(reg);
        return reg;
    }();
    return r;
}

// An action written as JSON in a test; a typo in it is the test's bug, so .value() may throw.
inline core::Action act(const std::string& json) {
    return core::actionFromJson(nlohmann::json::parse(json), "").value();
}

inline core::Scenario scenario(std::string topic, core::ParamValues params = {}, std::uint64_t seed = 1,
                               std::vector<core::Action> actions = {}) {
    core::Scenario sc;
    sc.topic = std::move(topic);
    sc.seed = seed;
    sc.params = std::move(params);
    sc.actions = std::move(actions);
    return sc;
}

}  // namespace sb::test
