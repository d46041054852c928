#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "sim/action.h"
#include "topics/hashring/hashring_model.h"

namespace sb::core::hashring::test {

// A reset model with `params` over the topic defaults.
inline HashringModel makeModel(const ParamValues& params, std::uint64_t seed = 1) {
    HashringModel m;
    ParamValues p = HashringModel::topicInfo().params.complete(params).value();
    REQUIRE(m.reset(p, seed));
    return m;
}

// Applies one action (JSON as in a scenario) and drains the events it causes.
inline Status act(HashringModel& m, const std::string& json) {
    Action a = actionFromJson(nlohmann::json::parse(json), "").value();
    a.at = m.now();
    Event e;
    Status s = m.apply(a, e);
    while (m.nextTime() && *m.nextTime() <= m.now()) m.step();
    return s;
}

inline std::int64_t probeInt(const HashringModel& m, const char* name, NodeId n = kNoNode) {
    return std::get<std::int64_t>(m.probe(name, n));
}
inline double probeReal(const HashringModel& m, const char* name, NodeId n = kNoNode) {
    return std::get<double>(m.probe(name, n));
}
inline std::string probeText(const HashringModel& m, const char* name, NodeId n = kNoNode) {
    return std::get<std::string>(m.probe(name, n));
}

}  // namespace sb::core::hashring::test
