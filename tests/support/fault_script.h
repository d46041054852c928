#pragma once
// A random fault script for any topic: crashes, restarts, a partition and heals at random times,
// plus client writes where the topic has them and joins and removals where it has membership.
// Shared by the trace-checker and broken-protocol tests so both drive the same kind of run.
#include "sim/rng.h"
#include "sim/scenario.h"
#include "sim/simulation.h"
#include "test_registry.h"

namespace sb::test {

inline bool declares(const core::TopicInfo& info, const std::string& kind) {
    for (const core::ActionSpec& a : info.actions)
        if (a.kind == kind) return true;
    return false;
}

inline core::Action makeAction(core::Time at, const char* kind, nlohmann::json args = nlohmann::json::object()) {
    core::Action a;
    a.at = at;
    a.kind = kind;
    a.args = std::move(args);
    return a;
}

// Topics whose client_write takes a node, a key and a value (Raft's).
inline bool writesKeyValue(const core::TopicInfo& info) {
    for (const core::ActionSpec& a : info.actions) {
        if (a.kind != "client_write" || a.args.size() != 3) continue;
        return a.args[0].name == "node" && a.args[1].name == "key" && a.args[1].type == core::ArgType::Int &&
               a.args[2].name == "value";
    }
    return false;
}

// Returns an empty-topic scenario if the topic does not start with its defaults.
inline core::Scenario faultyScenario(const std::string& topic, std::uint64_t seed, core::ParamValues params = {},
                                     core::Time until = core::fromMs(3000)) {
    core::Scenario sc;
    sc.topic = topic;
    sc.seed = seed;
    sc.params = std::move(params);
    auto probe = core::Simulation::create(builtinRegistry(), sc);
    if (!probe.ok()) return {};
    const core::TopicInfo& info = probe.value().model().info();
    const auto names = probe.value().model().nodeNames();
    core::Rng rng(seed * 7919 + 1);
    auto node = [&] { return names[static_cast<std::size_t>(rng.range(0, static_cast<std::int64_t>(names.size()) - 1))]; };
    for (core::Time at = core::fromMs(50); at < until; at += rng.range(core::fromMs(20), core::fromMs(200))) {
        const auto pick = rng.range(0, 9);
        if (pick < 2 && declares(info, "crash")) {
            sc.actions.push_back(makeAction(at, "crash", {{"node", node()}}));
        } else if (pick < 4 && declares(info, "restart")) {
            sc.actions.push_back(makeAction(at, "restart", {{"node", node()}}));
        } else if (pick == 4 && declares(info, "partition") && names.size() >= 3) {
            sc.actions.push_back(makeAction(at, "partition", {{"groups", {{names[0]}, {names[1], names[2]}}}}));
        } else if (pick == 5 && declares(info, "heal")) {
            sc.actions.push_back(makeAction(at, "heal"));
        } else if (pick >= 6 && declares(info, "add_node") && declares(info, "remove_node")) {
            // Membership changes (the hash ring): a join of the next free node, or a removal.
            if (pick < 9) sc.actions.push_back(makeAction(at, "add_node"));
            else sc.actions.push_back(makeAction(at, "remove_node", {{"node", node()}}));
        } else if (writesKeyValue(info)) {
            // To every node: the leader (if any) takes it and the others redirect.
            const auto key = rng.range(0, 3), value = rng.range(1, 99);
            for (const std::string& n : names)
                sc.actions.push_back(makeAction(at, "client_write", {{"node", n}, {"key", key}, {"value", value}}));
        }
    }
    return sc;
}

}  // namespace sb::test
