#include "cli/run_scenario.h"

#include <nlohmann/json.hpp>
#include <ostream>

#include "sim/simulation.h"
#include "sim/trace.h"

namespace sb::app {

core::Result<RunSummary> runScenario(const core::TopicRegistry& registry,
                                     const core::Scenario& scenario, const RunLimits& limits,
                                     std::ostream* trace) {
    auto sim = core::Simulation::create(registry, scenario);
    if (!sim) return sim.error();
    const core::Time until =
        limits.untilUs ? *limits.untilUs : (limits.maxEvents ? INT64_MAX : kDefaultUntilUs);
    const std::uint64_t cap = limits.maxEvents ? *limits.maxEvents : kEventCap;
    const auto names = sim->model().nodeNames();
    RunSummary summary;
    if (trace) *trace << core::traceHeader(scenario.topic, scenario.seed, names, sim->params()) << '\n';
    while (summary.events < cap) {
        auto next = sim->nextTime();
        if (!next || *next > until) break;
        auto event = sim->step();
        if (!event) break;
        if (trace) *trace << core::traceLine(summary.events, *event, names) << '\n';
        ++summary.events;
        // A broken run can report a violation every step; a hundred is enough to read.
        if (sim->model().violations().size() > 100) break;
    }
    summary.simTime = sim->now();
    summary.metrics = sim->model().metrics();
    summary.violations = sim->model().violations();
    summary.rejected = sim->rejected();
    return summary;
}

std::string summaryJson(const core::Scenario& scenario, const RunSummary& s) {
    nlohmann::ordered_json j;
    j["topic"] = scenario.topic;
    j["seed"] = scenario.seed;
    j["events"] = s.events;
    j["sim_time_ms"] = static_cast<double>(s.simTime) / 1000.0;
    nlohmann::ordered_json metrics = nlohmann::ordered_json::object();
    for (const auto& m : s.metrics) metrics[m.name] = m.value;
    j["metrics"] = metrics;
    nlohmann::ordered_json violations = nlohmann::ordered_json::array();
    for (const auto& v : s.violations) {
        violations.push_back({{"invariant", v.invariant},
                              {"detail", v.detail},
                              {"t_ms", static_cast<double>(v.time) / 1000.0}});
    }
    j["violations"] = violations;
    nlohmann::ordered_json rejected = nlohmann::ordered_json::array();
    for (const auto& r : s.rejected) rejected.push_back(r.text());
    j["rejected_actions"] = rejected;
    return j.dump();
}

}  // namespace sb::app
