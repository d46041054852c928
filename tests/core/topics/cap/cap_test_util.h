#pragma once

#include <sstream>
#include <string>
#include <vector>

#include "sim/registry.h"
#include "sim/simulation.h"
#include "sim/timeline.h"
#include "sim/trace.h"
#include "test_registry.h"
#include "topics/cap/cap_model.h"

namespace captest {

using namespace sb::core;

inline const TopicRegistry& registry() { return sb::test::builtinRegistry(); }

using sb::test::act;

inline Timeline start(std::vector<Action> actions, ParamValues params = {}, std::uint64_t seed = 1,
                      std::size_t every = 256) {
    auto sim = Simulation::create(registry(), sb::test::scenario("cap", std::move(params), seed, std::move(actions)));
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
