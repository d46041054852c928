#include "sim/simulation.h"

#include <algorithm>
#include <cmath>

namespace sb::core {
namespace {

// A "set" names what it changed: a field keyed by the parameter's own name (the topic's
// static TopicInfo owns the string) holding the new value. Fields are integers, so a real
// value is given in millionths, which the field "scale" (1000000) says.
void noteSet(const TopicInfo& info, const Action& a, Event& e) {
    if (!a.has("param") || !a.has("value")) return;
    const ParamSpec* p = info.params.find(a.str("param"));
    if (!p) return;
    const double v = a.real("value");
    if (p->type == ParamType::Real) e.with(p->name.c_str(), std::llround(v * 1e6)).with("scale", 1000000);
    else e.with(p->name.c_str(), std::llround(v));
}

}  // namespace

Result<Simulation> Simulation::create(const TopicRegistry& registry, const Scenario& scenario) {
    Simulation sim;
    sim.m_scenario = std::make_shared<const Scenario>(scenario);
    sim.m_model = registry.create(scenario.topic);
    if (!sim.m_model) return makeError("unknown topic '" + scenario.topic + "'", "/topic");
    auto params = sim.m_model->info().params.complete(scenario.params);
    if (!params) return makeError(params.error().message, "/params/" + params.error().where);
    sim.m_params = params.value();
    if (Status s = sim.m_model->reset(sim.m_params, scenario.seed); !s) return s.error();
    const auto names = sim.m_model->nodeNames();
    if (Status s = validateActions(scenario.actions, sim.m_model->info(), names, "/actions"); !s)
        return s.error();
    std::vector<Action> script = scenario.actions;
    for (Action& a : script)
        if (a.at == Action::kAsap) a.at = 0;
    std::stable_sort(script.begin(), script.end(), [](const Action& a, const Action& b) { return a.at < b.at; });
    sim.m_script = std::make_shared<std::vector<Action>>(std::move(script));
    return sim;
}

Simulation::Simulation(const Simulation& other)
    : m_scenario(other.m_scenario),
      m_params(other.m_params),
      m_model(other.m_model ? other.m_model->clone() : nullptr),
      m_script(other.m_script),
      m_next(other.m_next),
      m_rejected(other.m_rejected) {}

Simulation& Simulation::operator=(const Simulation& other) {
    if (this != &other) {
        Simulation copy(other);
        *this = std::move(copy);
    }
    return *this;
}

std::vector<Action>& Simulation::ownScript() {
    // Shared scripts are never changed in place; the sole owner may change its own.
    if (m_script.use_count() > 1) m_script = std::make_shared<std::vector<Action>>(*m_script);
    return *m_script;
}

std::optional<Time> Simulation::nextTime() const {
    auto modelNext = m_model->nextTime();
    if (m_next < m_script->size()) {
        const Time at = std::max((*m_script)[m_next].at, m_model->now());
        if (!modelNext || at <= *modelNext) return at;
    }
    return modelNext;
}

std::optional<Event> Simulation::step() {
    const auto modelNext = m_model->nextTime();
    // Same-instant order: the reports of a handler that already ran, then due actions in script
    // order, then the model's events due at that instant in the order they were scheduled.
    if (m_next < m_script->size() && !m_model->reporting()) {
        const Action& action = (*m_script)[m_next];
        if (!modelNext || action.at <= *modelNext) {
            ++m_next;
            Action applied = action;
            applied.at = std::max(applied.at, m_model->now());
            Event event;
            event.time = applied.at;
            event.kind = "action";
            if (Status s = m_model->apply(applied, event); !s) {
                m_rejected.push_back(makeError(s.error().message, applied.kind));
                event = Event{};
                event.time = applied.at;
                event.kind = "action";
                event.detail = "rejected";
            } else if (applied.kind == "set") {
                noteSet(m_model->info(), applied, event);
            }
            return event;
        }
    }
    return m_model->step();
}

Status Simulation::validate(const Action& action) const {
    return validateActions({action}, m_model->info(), m_model->nodeNames(), "/action");
}

Status Simulation::schedule(Action action) {
    if (Status s = validate(action); !s) return s;
    if (action.at == Action::kAsap || action.at <= m_model->now()) action.at = m_model->now() + 1;
    // Insert after every action due at the same time or earlier, keeping the script sorted and
    // never before an action that has already been applied.
    std::vector<Action>& script = ownScript();
    auto pos = std::upper_bound(script.begin() + static_cast<std::ptrdiff_t>(m_next), script.end(),
                                action, [](const Action& a, const Action& b) { return a.at < b.at; });
    script.insert(pos, std::move(action));
    return {};
}

void Simulation::dropPendingUserActions() {
    const auto first = m_script->begin() + static_cast<std::ptrdiff_t>(m_next);
    if (std::none_of(first, m_script->end(), [](const Action& a) { return a.byUser; })) return;
    std::vector<Action>& script = ownScript();
    script.erase(std::remove_if(script.begin() + static_cast<std::ptrdiff_t>(m_next), script.end(),
                                [](const Action& a) { return a.byUser; }),
                 script.end());
}

Scenario Simulation::session() const {
    Scenario s = *m_scenario;
    s.actions = *m_script;
    return s;
}

}  // namespace sb::core
