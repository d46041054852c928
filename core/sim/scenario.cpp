#include "sim/scenario.h"

#include <cmath>

#include "sim/json_io.h"
#include "sim/model_capabilities.h"
#include "sim/run_budget.h"
#include "sim/scenario_nodes.h"

namespace sb::core {

Result<double> paramFromJson(const ParamSet& params, const std::string& name,
                             const nlohmann::json& value, const std::string& where) {
    const ParamSpec* spec = params.find(name);
    if (!spec) {
        std::string known;
        for (const auto& s : params.specs()) known += (known.empty() ? "" : ", ") + s.name;
        return makeError("unknown parameter '" + name + "' (known: " + known + ")", where);
    }
    Result<double> parsed = makeError("", "");
    if (value.is_boolean()) parsed = params.parse(name, value.get<bool>() ? "true" : "false");
    else if (value.is_string()) parsed = params.parse(name, value.get<std::string>());
    else if (value.is_number()) {
        const double v = value.get<double>();
        if (Status s = params.check(name, v); !s) return makeError(s.error().message, where);
        return v;
    } else {
        return makeError("expected a number, true/false or a choice name", where);
    }
    if (!parsed) return makeError(parsed.error().message, where);
    return parsed.value();
}

nlohmann::json paramToJson(const ParamSet& params, const std::string& name, double value) {
    const ParamSpec* spec = params.find(name);
    if (spec && spec->type == ParamType::Choice) {
        const auto i = static_cast<std::size_t>(value);
        if (i < spec->choices.size()) return spec->choices[i];
    }
    if (spec && spec->type == ParamType::Bool) return value != 0;
    if (spec && spec->type == ParamType::Int) return static_cast<std::int64_t>(std::llround(value));
    return value;
}

Status validateActions(const std::vector<Action>& actions, const TopicInfo& topic,
                       const std::vector<std::string>& nodes, const std::string& where) {
    for (std::size_t i = 0; i < actions.size(); ++i) {
        const std::string at = where + "/" + std::to_string(i);
        if (Status s = validateAction(actions[i], topic.actions, nodes, at); !s) return s;
        if (actions[i].kind == "set") {
            const std::string name = actions[i].str("param");
            if (Status s = topic.params.check(name, actions[i].real("value")); !s)
                return makeError(s.error().message, at);
        }
    }
    return {};
}

namespace {

Result<std::vector<std::string>> nodeNamesFor(const TopicRegistry& registry,
                                              const Scenario& scenario) {
    auto model = registry.create(scenario.topic);
    const TopicInfo& info = model->info();
    auto params = info.params.complete(scenario.params);
    if (!params) return params.error();
    // Checking names needs no run where the topic can say them from its params.
    if (const auto* cheap = dynamic_cast<const NamesFromParams*>(model.get())) return cheap->namesFor(params.value());
    if (Status s = model->reset(params.value(), scenario.seed); !s) return s.error();
    return model->nodeNames();
}

}  // namespace

Result<Scenario> scenarioFromJson(nlohmann::json j, const TopicRegistry& registry,
                                  const std::string& where) {
    std::vector<std::string> nodes;
    return scenarioFromJson(std::move(j), registry, where, nodes);
}

Result<Scenario> scenarioFromJson(nlohmann::json j, const TopicRegistry& registry,
                                  const std::string& where, std::vector<std::string>& nodes) {
    if (!j.is_object()) return makeError("a scenario must be a JSON object", where.empty() ? "/" : where);
    Scenario sc;
    for (auto it = j.begin(); it != j.end(); ++it) {
        const std::string at = where + "/" + it.key();
        const auto& v = it.value();
        if (it.key() == "version") {
            if (!v.is_number_integer()) return makeError("expected a whole number", at);
            if (v.get<std::int64_t>() > kScenarioVersion)
                return makeError("this file is scenario version " + v.dump() +
                                     ", newer than this Splitbrain understands (" +
                                     std::to_string(kScenarioVersion) + "); please update",
                                 at);
        } else if (it.key() == "topic") {
            if (!v.is_string()) return makeError("expected a topic id string", at);
            sc.topic = v.get<std::string>();
        } else if (it.key() == "title") {
            if (!v.is_string()) return makeError("expected a string", at);
            sc.title = v.get<std::string>();
        } else if (it.key() == "lesson") {
            if (!v.is_string()) return makeError("expected a lesson id string", at);
            sc.lesson = v.get<std::string>();
        } else if (it.key() == "position") {
            if (!v.is_number_unsigned()) return makeError("expected a non-negative whole number of events", at);
            sc.position = v.get<std::size_t>();
            // A session is a file people send each other: opening one must not run for hours.
            if (sc.position > kScenarioBudget.events)
                return makeError("position " + groupedNumber(static_cast<std::int64_t>(std::min<std::size_t>(sc.position, INT64_MAX))) +
                                     " is past the limit of " + groupedNumber(static_cast<std::int64_t>(kScenarioBudget.events)) +
                                     " events a session may be replayed to",
                                 at);
        } else if (it.key() == "seed") {
            if (!v.is_number_unsigned()) return makeError("expected a non-negative whole number", at);
            sc.seed = v.get<std::uint64_t>();
        } else if (it.key() != "params" && it.key() != "actions") {
            return makeError("unknown field '" + it.key() + "'", at);
        }
    }
    const std::string topicAt = where + "/topic";
    if (sc.topic.empty()) return makeError("a scenario needs a \"topic\"", where.empty() ? "/" : where);
    const TopicInfo* info = registry.find(sc.topic);
    if (!info) {
        std::string known;
        for (const auto& id : registry.ids()) known += (known.empty() ? "" : ", ") + id;
        return makeError("unknown topic '" + sc.topic + "' (known: " + known + ")", topicAt);
    }
    if (auto p = j.find("params"); p != j.end()) {
        if (!p->is_object()) return makeError("expected an object of parameters", where + "/params");
        for (auto it = p->begin(); it != p->end(); ++it) {
            auto value = paramFromJson(info->params, it.key(), it.value(), where + "/params/" + it.key());
            if (!value) return value.error();
            sc.params[it.key()] = value.value();
        }
    }
    if (auto a = j.find("actions"); a != j.end()) {
        if (!a->is_array()) return makeError("expected a list of actions", where + "/actions");
        sc.actions.reserve(a->size());
        for (std::size_t i = 0; i < a->size(); ++i) {
            auto action = actionFromJson(std::move((*a)[i]), where + "/actions/" + std::to_string(i));
            if (!action) return action.error();
            sc.actions.push_back(std::move(action.value()));
        }
    }
    auto names = nodeNamesFor(registry, sc);
    if (!names) return makeError(names.error().message, where + "/params");
    if (Status s = validateActions(sc.actions, *info, names.value(), where + "/actions"); !s)
        return s.error();
    nodes = std::move(names.value());
    return sc;
}

Result<Scenario> loadScenarioText(std::string_view text, const TopicRegistry& registry,
                                  const std::string& file) {
    auto j = parseJsonText(text, file);
    if (!j) return j.error();
    auto sc = scenarioFromJson(std::move(j.value()), registry);
    if (!sc) return makeError(sc.error().message, file + ":" + sc.error().where);
    return sc;
}

Result<Scenario> loadScenarioFile(const std::string& path, const TopicRegistry& registry) {
    auto text = readTextFile(path, JsonLimits{}.maxBytes);
    if (!text) return text.error();
    return loadScenarioText(text.value(), registry, path);
}

nlohmann::json toJson(const Scenario& sc, const TopicRegistry& registry) {
    nlohmann::json j;
    j["version"] = kScenarioVersion;
    j["topic"] = sc.topic;
    if (!sc.title.empty()) j["title"] = sc.title;
    if (!sc.lesson.empty()) j["lesson"] = sc.lesson;
    j["seed"] = sc.seed;
    if (sc.position > 0) j["position"] = sc.position;
    nlohmann::json params = nlohmann::json::object();
    const TopicInfo* info = registry.find(sc.topic);
    for (const auto& [name, value] : sc.params)
        params[name] = info ? paramToJson(info->params, name, value) : nlohmann::json(value);
    j["params"] = params;
    nlohmann::json actions = nlohmann::json::array();
    for (const auto& a : sc.actions) actions.push_back(toJson(a));
    j["actions"] = actions;
    return j;
}

}  // namespace sb::core
