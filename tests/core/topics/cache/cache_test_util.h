#pragma once

#include <sstream>
#include <string>

#include "sim/registry.h"
#include "sim/simulation.h"
#include "sim/trace.h"
#include "test_registry.h"
#include "topics/cache/cache_model.h"

namespace cachetest {

using namespace sb::core;

inline const TopicRegistry& registry() { return sb::test::builtinRegistry(); }

inline Simulation start(ParamValues params, std::uint64_t seed = 1) {
    auto sim = Simulation::create(registry(), sb::test::scenario("cache", std::move(params), seed));
    REQUIRE(sim.ok());
    return std::move(sim.value());
}

inline const cache::CacheModel& model(const Simulation& s) { return dynamic_cast<const cache::CacheModel&>(s.model()); }

// Runs to time `end`; returns how many events that took.
inline std::size_t runUntil(Simulation& s, Time end) {
    std::size_t events = 0;
    for (auto next = s.nextTime(); next && *next <= end; next = s.nextTime()) {
        s.step();
        ++events;
    }
    return events;
}

inline double metric(const Simulation& s, const std::string& name) {
    for (const Metric& m : s.model().metrics())
        if (m.name == name) return m.value;
    FAIL("no metric " << name);
    return 0;
}

inline double choice(const char* name) {
    const ParamSpec* spec = cache::CacheModel::topicInfo().params.find("mitigation");
    for (std::size_t i = 0; i < spec->choices.size(); ++i)
        if (spec->choices[i] == name) return static_cast<double>(i);
    FAIL("no mitigation " << name);
    return 0;
}

}  // namespace cachetest
