#pragma once
// Shared helpers for the Raft tests: build a timeline from JSON actions, read probes, and find
// events in the trace.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "sim/registry.h"
#include "sim/simulation.h"
#include "sim/timeline.h"
#include "topics/raft/raft_model.h"

namespace raft_test {

using namespace sb::core;

inline Action act(const std::string& json) { return actionFromJson(nlohmann::json::parse(json), "").value(); }

inline Scenario scenario(std::vector<Action> actions, ParamValues params = {}, std::uint64_t seed = 1) {
    Scenario sc;
    sc.topic = "raft";
    sc.seed = seed;
    sc.params = std::move(params);
    sc.actions = std::move(actions);
    return sc;
}

inline Simulation simulation(const Scenario& sc) {
    static const TopicRegistry registry = [] {
        TopicRegistry r;
        registerBuiltinTopics(r);
        return r;
    }();
    auto sim = Simulation::create(registry, sc);
    if (!sim) FAIL(sim.error().message);
    return std::move(sim).value();
}

inline Timeline start(std::vector<Action> actions, ParamValues params = {}, std::uint64_t seed = 1) {
    return Timeline(simulation(scenario(std::move(actions), std::move(params), seed)));
}

inline const raft::RaftModel& model(const Timeline& t) {
    return dynamic_cast<const raft::RaftModel&>(t.model());
}

inline std::string str(const Timeline& t, const char* probe, NodeId n = kNoNode) {
    return probeToString(t.model().probe(probe, n));
}

inline std::int64_t num(const Timeline& t, const char* probe, NodeId n = kNoNode) {
    return std::get<std::int64_t>(t.model().probe(probe, n));
}

// Events in the recorded trace (up to the current position) matching kind and optional detail.
inline std::vector<Event> events(const Timeline& t, const char* kind, const char* detail = nullptr) {
    std::vector<Event> out;
    for (std::size_t i = 0; i < t.position(); ++i) {
        const Event& e = t.trace()[i];
        if (e.is(kind) && (!detail || std::string(e.detail) == detail)) out.push_back(e);
    }
    return out;
}

// Runs until an event matches, or fails the test after maxEvents.
template <class Pred>
inline Event runTo(Timeline& t, Pred pred, std::size_t maxEvents = 200000) {
    Event found;
    bool hit = false;
    t.runUntil([&](const Event& e) {
        if (pred(e)) {
            found = e;
            hit = true;
        }
        return hit;
    }, maxEvents);
    REQUIRE(hit);
    return found;
}

inline bool noViolations(const Timeline& t) {
    for (const auto& v : t.model().violations()) UNSCOPED_INFO(v.invariant << ": " << v.detail);
    return t.model().violations().empty();
}

}  // namespace raft_test
