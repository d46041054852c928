#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/model.h"
#include "sim/registry.h"
#include "sim/scenario.h"

namespace sb::core {

// A model plus the script of timed actions that drives it. The script is merged with the
// model's own events in time order. At one instant: first the remaining reports of a handler
// that already ran (Model::reporting()), then due actions in script order, then the model's
// events scheduled for that instant. So an action never lands between the events of one handler.
// A copy is a full checkpoint (the model is cloned). The scenario and the script are shared
// between copies until one of them changes its script: a timeline keeps a checkpoint every few
// hundred events, and a saved session can hold 64k actions, which each checkpoint copied.
class Simulation {
public:
    static Result<Simulation> create(const TopicRegistry& registry, const Scenario& scenario);

    Simulation(const Simulation& other);
    Simulation& operator=(const Simulation& other);
    Simulation(Simulation&&) noexcept = default;
    Simulation& operator=(Simulation&&) noexcept = default;
    ~Simulation() = default;

    // One event: the next due scripted action, or the model's next event. nullopt when idle.
    std::optional<Event> step();
    std::optional<Time> nextTime() const;
    Time now() const { return m_model->now(); }

    // Adds an action to the script. Kind and arguments are validated; an action without a time
    // is scheduled one microsecond after now, so it runs after everything already due now (and
    // a replay of the saved script puts it at exactly the same place).
    Status schedule(Action action);
    // Checks an action's kind and arguments against the topic and its nodes.
    Status validate(const Action& action) const;
    // Removes learner actions that have not been applied yet (the future of an abandoned branch).
    void dropPendingUserActions();
    // Takes `other`'s script. Valid when both runs share the applied prefix of the script, as
    // a checkpoint and the live run of one timeline do.
    void adoptScript(const Simulation& other) { m_script = other.m_script; }
    // Whether this run and `other` share one script (not copies): for tests of the sharing.
    bool sharesScriptWith(const Simulation& other) const { return m_script == other.m_script; }

    const Model& model() const { return *m_model; }
    Model& model() { return *m_model; }
    const Scenario& scenario() const { return *m_scenario; }
    // The scenario plus every scheduled action, in the order they run: what a saved session holds.
    Scenario session() const;
    const ParamValues& params() const { return m_params; }
    // Actions that could not be applied when their time came ("message 7 is not in flight").
    const std::vector<Error>& rejected() const { return m_rejected; }

private:
    Simulation() = default;
    // The script for changing: copied first if another run shares it.
    std::vector<Action>& ownScript();

    std::shared_ptr<const Scenario> m_scenario;  // never changed after create
    ParamValues m_params;
    std::unique_ptr<Model> m_model;
    std::shared_ptr<std::vector<Action>> m_script;  // sorted by time, stable; shared until changed (ownScript)
    std::size_t m_next = 0;        // first action not yet applied
    std::vector<Error> m_rejected;
};

}  // namespace sb::core
