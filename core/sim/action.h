#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sim/result.h"
#include "sim/time.h"

namespace sb::core {

// A change from outside the protocol: crash a node, cut a link, send a client request, add a ring
// node. One vocabulary for lesson scripts, UI gestures, saved sessions and the CLI.
//
// JSON form: {"at_ms": 120, "do": "crash", "node": "n1"}. Arguments other than "at_ms" and "do"
// live in `args` untouched, so a topic can add its own actions without changing this type.
struct Action {
    static constexpr Time kAsap = -1;  // "when the action is issued": the runner fills in a time

    Time at = kAsap;
    std::string kind;
    nlohmann::json args = nlohmann::json::object();
    bool byUser = false;  // recorded from a gesture (kept in sessions, dropped on branch)

    std::string str(const char* key, const std::string& fallback = {}) const;
    std::int64_t integer(const char* key, std::int64_t fallback = 0) const;
    double real(const char* key, double fallback = 0) const;
    bool has(const char* key) const { return args.contains(key); }

    bool operator==(const Action& other) const = default;
};

enum class ArgType { Node, Nodes, Groups, Int, Real, String, Message, Bool };

struct ArgSpec {
    std::string name;
    ArgType type = ArgType::Node;
    bool required = true;
    std::string description;
};

// Describes one action kind a topic accepts, for validation, the CLI and context menus.
inline ArgSpec arg(std::string name, ArgType type, bool required = true) {
    return ArgSpec{std::move(name), type, required, {}};
}

struct ActionSpec {
    std::string kind;
    std::string description;
    std::vector<ArgSpec> args;
    std::string label = {};  // for menus and dialogs; empty: made from the kind (sim/labels.h)
};

// The actions every networked topic understands (handled by the shared Engine).
std::vector<ActionSpec> genericActionSpecs();

nlohmann::json toJson(const Action& action);
// `where` is a JSON pointer prefix used in error messages, e.g. "/actions/3". The rvalue form
// keeps `j`'s storage as the action's arguments instead of copying them (a long session loads
// each action once, not twice).
Result<Action> actionFromJson(nlohmann::json&& j, const std::string& where);
Result<Action> actionFromJson(const nlohmann::json& j, const std::string& where);

// Checks kind and argument types against the specs and node names against `nodes`.
Status validateAction(const Action& action, const std::vector<ActionSpec>& specs,
                      const std::vector<std::string>& nodes, const std::string& where);

}  // namespace sb::core
