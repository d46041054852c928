#pragma once

#include <sstream>
#include <string>
#include <vector>

#include "sim/registry.h"
#include "sim/simulation.h"
#include "sim/trace.h"
#include "test_registry.h"
#include "topics/saga/saga_model.h"

namespace sagatest {

using namespace sb::core;

inline const TopicRegistry& registry() { return sb::test::builtinRegistry(); }

using sb::test::act;

inline Simulation start(ParamValues params, std::uint64_t seed = 1, std::vector<Action> actions = {}) {
    auto sim = Simulation::create(registry(), sb::test::scenario("saga", std::move(params), seed, std::move(actions)));
    REQUIRE(sim.ok());
    return std::move(sim.value());
}

inline const saga::SagaModel& model(const Simulation& s) { return dynamic_cast<const saga::SagaModel&>(s.model()); }

// Runs until idle (or the cap), collecting events.
inline std::vector<Event> runAll(Simulation& sim, std::size_t cap = 200000) {
    std::vector<Event> out;
    while (out.size() < cap) {
        auto e = sim.step();
        if (!e) break;
        out.push_back(*e);
    }
    return out;
}

// The effects the services applied, read from the trace alone: "T1 T2 C2 C1".
inline std::string effectTrace(const std::vector<Event>& events, int order = 1) {
    std::string out;
    for (const Event& e : events) {
        if (!e.is("apply") || e.field("ok").value_or(0) != 1 || e.field("saga").value_or(0) != order) continue;
        out += (out.empty() ? "" : " ") + std::string(e.field("comp").value_or(0) ? "C" : "T") + std::to_string(*e.field("step"));
    }
    return out;
}

inline std::int64_t num(const Simulation& s, const char* probe, NodeId node = kNoNode) {
    return std::get<std::int64_t>(s.model().probe(probe, node));
}
inline bool flag(const Simulation& s, const char* probe, NodeId node = kNoNode) {
    return std::get<bool>(s.model().probe(probe, node));
}
inline std::string text(const Simulation& s, const char* probe, const std::string& key = {}) {
    const ProbeValue v = s.model().probeKey(probe, kNoNode, key);
    return std::holds_alternative<std::string>(v) ? std::get<std::string>(v) : probeToString(v);
}

inline std::string traceText(const std::vector<Event>& events, const Model& m) {
    std::ostringstream out;
    writeTrace(out, events, m.nodeNames());
    return out.str();
}

}  // namespace sagatest
