#pragma once

#include <algorithm>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include "sim/registry.h"
#include "test_registry.h"
#include "sim/simulation.h"
#include "sim/trace.h"
#include "topics/replication/replication_model.h"

namespace repltest {

using namespace sb::core;
using replication::ClientOp;
using replication::ReplicationModel;

inline const TopicRegistry& registry() { return sb::test::builtinRegistry(); }

using sb::test::act;

inline Action at(Time t, const std::string& json) {
    Action a = act(json);
    a.at = t;
    return a;
}

inline Simulation make(ParamValues params, std::uint64_t seed = 1, std::vector<Action> actions = {}) {
    auto sim = Simulation::create(registry(), sb::test::scenario("replication", std::move(params), seed,
                                                                 std::move(actions)));
    REQUIRE(sim.ok());
    return std::move(sim.value());
}

inline const ReplicationModel& model(const Simulation& s) { return dynamic_cast<const ReplicationModel&>(s.model()); }

// Runs every event due at or before t.
inline void runUntil(Simulation& s, Time t) {
    while (auto next = s.nextTime()) {
        if (*next > t) break;
        s.step();
    }
}

// Runs until op `id` has completed (or nothing is left, or `limit` passes).
inline const ClientOp& runUntilDone(Simulation& s, std::int64_t id, Time limit = 600 * kSecond) {
    while (true) {
        const auto& h = model(s).history();
        if (static_cast<std::int64_t>(h.size()) >= id &&
            h[static_cast<std::size_t>(id - 1)].outcome != replication::Outcome::Pending)
            return h[static_cast<std::size_t>(id - 1)];
        const auto next = s.nextTime();
        REQUIRE(next.has_value());
        REQUIRE(*next <= limit);
        s.step();
    }
}

// Schedules an action at `t`, runs up to it, and returns the id of the op it invoked. An action
// at or before now runs one microsecond after now (Simulation::schedule).
inline std::int64_t doAt(Simulation& s, Time t, const std::string& json) {
    REQUIRE(s.schedule(at(t, json)).ok());
    const auto before = model(s).history().size();
    runUntil(s, std::max(t, s.now() + 1));
    for (const auto& e : s.rejected()) INFO(e.text());
    if (!s.rejected().empty()) FAIL(s.rejected().back().text());
    REQUIRE(model(s).history().size() == before + 1);
    return static_cast<std::int64_t>(before + 1);
}

inline NodeId id(const Simulation& s, const std::string& name) {
    const auto names = s.model().nodeNames();
    const auto it = std::find(names.begin(), names.end(), name);
    REQUIRE(it != names.end());
    return static_cast<NodeId>(it - names.begin());
}

inline std::int64_t num(const Simulation& s, const char* probe, NodeId node = kNoNode) {
    return std::get<std::int64_t>(s.model().probe(probe, node));
}

inline std::string traceText(Simulation s, Time until) {
    std::ostringstream out;
    while (auto next = s.nextTime()) {
        if (*next > until) break;
        auto e = s.step();
        REQUIRE(e.has_value());
        out << s.model().describe(*e) << '|' << e->time << '|' << e->kind << '\n';
    }
    return out.str();
}

// REPLICATION_SOAK=N multiplies the randomized runs.
inline int soak() {
    const char* v = std::getenv("REPLICATION_SOAK");
    const int n = v ? std::atoi(v) : 1;
    return n > 0 ? n : 1;
}

}  // namespace repltest
