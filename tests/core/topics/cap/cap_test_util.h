#pragma once

#include <sstream>
#include <string>
#include <vector>

#include "sim/registry.h"
#include "sim/simulation.h"
#include "sim/timeline.h"
#include "sim/trace.h"
#include "topics/cap/cap_model.h"

namespace captest {

using namespace sb::core;

inline const TopicRegistry& registry() {
    static const TopicRegistry r = [] {
        TopicRegistry reg;
        registerBuiltinTopics(reg);
        return reg;
    }();
    return r;
}

inline Action act(const std::string& json) { return actionFromJson(nlohmann::json::parse(json), "").value(); }

inline Timeline start(std::vector<Action> actions, ParamValues params = {}, std::uint64_t seed = 1,
                      std::size_t every = 256) {
    Scenario sc;
    sc.topic = "cap";
    sc.seed = seed;
    sc.params = std::move(params);
    sc.actions = std::move(actions);
    auto sim = Simulation::create(registry(), sc);
    REQUIRE(sim.ok());
    return Timeline(std::move(sim.value()), every);
}

inline const cap::CapModel& capModel(const Timeline& t) { return dynamic_cast<const cap::CapModel&>(t.model()); }

inline std::int64_t num(const Timeline& t, const char* probe, NodeId node = kNoNode) {
    return std::get<std::int64_t>(t.model().probe(probe, node));
}
inline bool flag(const Timeline& t, const char* probe, NodeId node = kNoNode) {
    return std::get<bool>(t.model().probe(probe, node));
}

inline std::string traceText(const Timeline& t) {
    std::ostringstream out;
    writeTrace(out, t.trace(), t.model().nodeNames());
    return out.str();
}

}  // namespace captest
