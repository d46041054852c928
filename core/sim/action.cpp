#include "sim/action.h"

#include <algorithm>
#include <cmath>

namespace sb::core {

std::string Action::str(const char* key, const std::string& fallback) const {
    auto it = args.find(key);
    return it != args.end() && it->is_string() ? it->get<std::string>() : fallback;
}

std::int64_t Action::integer(const char* key, std::int64_t fallback) const {
    auto it = args.find(key);
    return it != args.end() && it->is_number() ? it->get<std::int64_t>() : fallback;
}

double Action::real(const char* key, double fallback) const {
    auto it = args.find(key);
    return it != args.end() && it->is_number() ? it->get<double>() : fallback;
}

std::vector<ActionSpec> genericActionSpecs() {
    return {
        {"crash", "Crash a node: it stops and loses its volatile state", {arg("node", ArgType::Node)}},
        {"restart", "Restart a crashed node from its durable state", {arg("node", ArgType::Node)}},
        {"partition", "Split the network into groups that cannot reach each other",
         {arg("groups", ArgType::Groups)}},
        {"heal", "Remove every partition and one-way cut", {}},
        {"move", "Move a node into a zone (0 is the main zone); zones cannot reach each other",
         {arg("node", ArgType::Node), arg("zone", ArgType::Int)}},
        {"cut", "Cut the link one way: messages from 'from' to 'to' are lost",
         {arg("from", ArgType::Node), arg("to", ArgType::Node)}},
        {"uncut", "Restore a one-way cut link", {arg("from", ArgType::Node), arg("to", ArgType::Node)}},
        {"drop", "Drop one message in flight", {arg("msg", ArgType::Message)}},
        {"delay", "Delay one message in flight",
         {arg("msg", ArgType::Message), arg("by_ms", ArgType::Real)}},
        {"set", "Change a parameter while the run goes on",
         {arg("param", ArgType::String), arg("value", ArgType::Real)}},
    };
}

nlohmann::json toJson(const Action& action) {
    nlohmann::json j = nlohmann::json::object();
    if (action.at != Action::kAsap) {
        if (action.at % kMillisecond == 0) j["at_ms"] = action.at / kMillisecond;
        else j["at_ms"] = static_cast<double>(action.at) / 1000.0;
    }
    j["do"] = action.kind;
    for (auto it = action.args.begin(); it != action.args.end(); ++it) j[it.key()] = it.value();
    if (action.byUser) j["by_user"] = true;
    return j;
}

Result<Action> actionFromJson(nlohmann::json&& j, const std::string& where) {
    if (!j.is_object()) return makeError("an action must be an object", where);
    Action action;
    for (auto it = j.begin(); it != j.end(); ++it) {
        const std::string& key = it.key();
        if (key == "do") {
            if (!it->is_string()) return makeError("\"do\" must be a string", where + "/do");
            action.kind = it->get<std::string>();
        } else if (key == "at_ms") {
            if (!it->is_number()) return makeError("\"at_ms\" must be a number", where + "/at_ms");
            const double ms = it->get<double>();
            if (!std::isfinite(ms) || ms < 0 || ms > 1e12)
                return makeError("\"at_ms\" must be between 0 and 1e12", where + "/at_ms");
            action.at = static_cast<Time>(std::llround(ms * 1000.0));
        } else if (key == "by_user") {
            action.byUser = it->is_boolean() && it->get<bool>();
        }
    }
    if (action.kind.empty()) return makeError("an action needs \"do\"", where);
    // What is left are the arguments: the object itself, its three own fields taken out.
    j.erase("do");
    j.erase("at_ms");
    j.erase("by_user");
    action.args = std::move(j);
    return action;
}

Result<Action> actionFromJson(const nlohmann::json& j, const std::string& where) {
    return actionFromJson(nlohmann::json(j), where);
}

namespace {

bool isNodeName(const nlohmann::json& v, const std::vector<std::string>& nodes) {
    return v.is_string() &&
           std::find(nodes.begin(), nodes.end(), v.get<std::string>()) != nodes.end();
}

Status checkArg(const ArgSpec& spec, const nlohmann::json& v,
                const std::vector<std::string>& nodes, const std::string& at) {
    auto unknownNode = [&](const nlohmann::json& n) {
        std::string list;
        for (const auto& name : nodes) list += (list.empty() ? "" : ", ") + name;
        return makeError("unknown node " + n.dump() + " (nodes are " + list + ")", at);
    };
    switch (spec.type) {
        case ArgType::Node:
            if (!isNodeName(v, nodes)) return unknownNode(v);
            return {};
        case ArgType::Nodes:
            if (!v.is_array()) return makeError("expected a list of node names", at);
            for (const auto& n : v)
                if (!isNodeName(n, nodes)) return unknownNode(n);
            return {};
        case ArgType::Groups:
            if (!v.is_array()) return makeError("expected a list of node groups", at);
            for (const auto& g : v) {
                if (!g.is_array()) return makeError("each group must be a list of nodes", at);
                for (const auto& n : g)
                    if (!isNodeName(n, nodes)) return unknownNode(n);
            }
            return {};
        case ArgType::Int:
            if (!v.is_number_integer()) return makeError("expected a whole number", at);
            return {};
        case ArgType::Real:
            if (!v.is_number()) return makeError("expected a number", at);
            return {};
        case ArgType::String:
            if (!v.is_string()) return makeError("expected a string", at);
            return {};
        case ArgType::Message:
            if (!v.is_number_integer() || v.get<std::int64_t>() < 0)
                return makeError("expected a message id", at);
            return {};
        case ArgType::Bool:
            if (!v.is_boolean()) return makeError("expected true or false", at);
            return {};
    }
    return {};
}

}  // namespace

Status validateAction(const Action& action, const std::vector<ActionSpec>& specs,
                      const std::vector<std::string>& nodes, const std::string& where) {
    auto spec = std::find_if(specs.begin(), specs.end(),
                             [&](const ActionSpec& s) { return s.kind == action.kind; });
    if (spec == specs.end()) {
        std::string list;
        for (const auto& s : specs) list += (list.empty() ? "" : ", ") + s.kind;
        return makeError("unknown action \"" + action.kind + "\" (known: " + list + ")",
                         where + "/do");
    }
    for (const auto& arg : spec->args) {
        auto it = action.args.find(arg.name);
        if (it == action.args.end()) {
            if (arg.required)
                return makeError("action \"" + action.kind + "\" needs \"" + arg.name + "\"",
                                 where);
            continue;
        }
        if (Status s = checkArg(arg, *it, nodes, where + "/" + arg.name); !s) return s;
    }
    for (auto it = action.args.begin(); it != action.args.end(); ++it) {
        bool known = std::any_of(spec->args.begin(), spec->args.end(),
                                 [&](const ArgSpec& a) { return a.name == it.key(); });
        if (!known)
            return makeError("action \"" + action.kind + "\" has no argument \"" + it.key() + "\"",
                             where + "/" + it.key());
    }
    return {};
}

}  // namespace sb::core
