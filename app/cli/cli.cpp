#include "cli/cli.h"

#include <algorithm>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "cli/cli_args.h"
#include "cli/cli_commands.h"
#include "cli/run_scenario.h"
#include "cli/stats.h"
#include "sim/message_text.h"
#include "sim/registry.h"
#include "version.h"

namespace sb::app {
namespace {

const char* kHelp = R"(Usage: splitbrain-sim COMMAND [OPTIONS]

Runs Splitbrain's distributed-systems models headless and prints JSON.

Commands:
  topics                         List every topic with its parameters, actions and probes.
  run SCENARIO.json [options]    Run one scenario; print a JSON summary as the last line.
      --seed N                   Override the scenario's seed.
      --until-ms T               Stop at simulated time T (default 10000 ms).
      --events N                 Stop after N events.
      --trace FILE|-             Write the JSON Lines trace to FILE, or '-' for stdout.
      --param NAME=VALUE         Override a parameter (repeatable).
  sweep SCENARIO.json --seeds A..B [options]
                                 Run seeds A to B; print statistics per metric.
      --metric NAME              Report only this metric (repeatable; default all).
      --until-ms, --events, --param as for run; --quiet hides progress.
  check-lessons [DIR|FILE...]    Load every lesson, run its steps, check every claim.
  explore SCENARIO.json [options]
                                 Search every interleaving of a small configuration breadth
                                 first (topics that support it); print the state count, the
                                 depth and the shortest trace to any invariant violation.
      --size N                   Configuration size (e.g. 2PC participants; default 3).
      --max-states N             Stop after N distinct states (verdict "unknown").
      --param NAME=VALUE         Override a parameter (repeatable).
  verify TRACE.jsonl [--topic T] Check a trace written by run --trace with an independent
                                 checker: the kernel's guarantees for every topic, and the
                                 safety properties of Raft, the hash ring, CAP, sagas, the
                                 cache and replication; prints each property's verdict.

Options:
  -h, --help                     Show this help.
  -v, --version                  Show the version.

Exit codes: 0 success; 1 an invariant was violated or a lesson check failed;
2 bad input (unknown command or flag, unreadable or invalid file); 3 verify could not decide
every property (its report says which, and why).
)";

int badInput(std::ostream& err, const core::Error& e) {
    err << "splitbrain-sim: " << core::oneLine(e) << "\n";
    return kExitBadInput;
}

}  // namespace

core::Result<core::Scenario> prepareScenario(const core::TopicRegistry& registry,
                                             const RunOptions& o) {
    auto sc = core::loadScenarioFile(o.scenarioPath, registry);
    if (!sc) return sc.error();
    if (o.seed) sc->seed = *o.seed;
    const core::TopicInfo* info = registry.find(sc->topic);
    for (const auto& [name, text] : o.params) {
        auto value = info->params.parse(name, text);
        if (!value) return core::makeError(value.error().message, "--param " + name);
        sc->params[name] = value.value();
    }
    return sc;
}

int cmdTopics(const core::TopicRegistry& registry, std::ostream& out) {
    nlohmann::ordered_json topics = nlohmann::ordered_json::array();
    for (const auto& id : registry.ids()) {
        const core::TopicInfo& t = *registry.find(id);
        nlohmann::ordered_json params = nlohmann::ordered_json::array();
        for (const auto& p : t.params.specs()) {
            nlohmann::ordered_json pj = {{"name", p.name},
                                         {"type", core::paramTypeName(p.type)},
                                         {"unit", p.unit},
                                         {"default", core::paramToJson(t.params, p.name, p.defaultValue)},
                                         {"description", p.description}};
            if (p.type == core::ParamType::Choice) pj["choices"] = p.choices;
            else if (p.type != core::ParamType::Bool) {
                pj["min"] = p.min;
                pj["max"] = p.max;
            }
            params.push_back(pj);
        }
        nlohmann::ordered_json actions = nlohmann::ordered_json::array();
        for (const auto& a : t.actions) {
            nlohmann::ordered_json args = nlohmann::ordered_json::array();
            for (const auto& arg : a.args) args.push_back(arg.name);
            actions.push_back({{"do", a.kind}, {"args", args}, {"description", a.description}});
        }
        nlohmann::ordered_json probes = nlohmann::ordered_json::array();
        for (const auto& p : t.probes)
            probes.push_back({{"name", p.name}, {"per_node", p.perNode}, {"per_key", p.perKey}, {"description", p.description}});
        topics.push_back({{"id", t.id},
                          {"title", t.title},
                          {"summary", t.summary},
                          {"params", params},
                          {"actions", actions},
                          {"probes", probes},
                          {"event_kinds", t.eventKinds}});
    }
    out << topics.dump(2) << "\n";
    return kExitOk;
}

int cmdRun(const core::TopicRegistry& registry, const std::vector<std::string>& args,
           std::ostream& out, std::ostream& err) {
    auto o = parseRunOptions(args, false);
    if (!o) return badInput(err, o.error());
    auto sc = prepareScenario(registry, o.value());
    if (!sc) return badInput(err, sc.error());
    std::ofstream file;
    std::ostream* trace = nullptr;
    if (o->tracePath) {
        if (*o->tracePath == "-") {
            trace = &out;
        } else {
            file.open(*o->tracePath, std::ios::binary | std::ios::trunc);
            if (!file) return badInput(err, core::makeError("cannot write the trace file", *o->tracePath));
            trace = &file;
        }
    }
    auto summary = runScenario(registry, sc.value(), RunLimits{o->untilUs, o->maxEvents}, trace);
    if (!summary) return badInput(err, summary.error());
    out << summaryJson(sc.value(), summary.value()) << "\n";
    return summary->violations.empty() ? kExitOk : kExitViolation;
}

int cmdSweep(const core::TopicRegistry& registry, const std::vector<std::string>& args,
             std::ostream& out, std::ostream& err) {
    auto o = parseRunOptions(args, true);
    if (!o) return badInput(err, o.error());
    auto base = prepareScenario(registry, o.value());
    if (!base) return badInput(err, base.error());
    std::map<std::string, std::vector<double>> samples;
    std::vector<std::string> order;
    std::size_t violating = 0;
    const std::uint64_t total = o->seedLast - o->seedFirst + 1;
    for (std::uint64_t seed = o->seedFirst;; ++seed) {
        core::Scenario sc = base.value();
        sc.seed = seed;
        auto s = runScenario(registry, sc, RunLimits{o->untilUs, o->maxEvents}, nullptr);
        if (!s) return badInput(err, s.error());
        if (!s->violations.empty()) ++violating;
        for (const auto& m : s->metrics) {
            if (!o->metrics.empty() &&
                std::find(o->metrics.begin(), o->metrics.end(), m.name) == o->metrics.end())
                continue;
            if (!samples.contains(m.name)) order.push_back(m.name);
            samples[m.name].push_back(m.value);
        }
        const std::uint64_t done = seed - o->seedFirst + 1;
        if (!o->quiet && total >= 20 && done % (total / 20) == 0)
            err << "sweep: " << done << "/" << total << " runs\n" << std::flush;
        if (seed == o->seedLast) break;
    }
    for (const auto& name : o->metrics) {
        if (!samples.contains(name))
            return badInput(err, core::makeError("the topic reports no metric '" + name + "'", "--metric"));
    }
    nlohmann::ordered_json j;
    j["topic"] = base->topic;
    j["seeds"] = {o->seedFirst, o->seedLast};
    j["runs"] = total;
    j["runs_with_violations"] = violating;
    nlohmann::ordered_json metrics = nlohmann::ordered_json::object();
    for (const auto& name : order) {
        const Distribution d = describe(samples[name]);
        metrics[name] = {{"mean", d.mean}, {"stddev", d.stddev}, {"min", d.min}, {"p10", d.p10}, {"p50", d.p50},
                         {"p90", d.p90},   {"p99", d.p99},       {"max", d.max}};
    }
    j["metrics"] = metrics;
    out << j.dump(2) << "\n";
    return violating == 0 ? kExitOk : kExitViolation;
}

int runSimCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    if (args.empty()) {
        err << kHelp;
        return kExitBadInput;
    }
    const std::string& cmd = args[0];
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (cmd == "-h" || cmd == "--help" || cmd == "help") {
        out << kHelp;
        return kExitOk;
    }
    if (cmd == "-v" || cmd == "--version") {
        out << "splitbrain-sim " << kVersion << "\n";
        return kExitOk;
    }
    // `splitbrain-sim run --help` asks for help, not for a value of a flag named --help.
    if (std::find_if(rest.begin(), rest.end(), [](const std::string& a) { return a == "--help" || a == "-h"; }) !=
        rest.end()) {
        out << kHelp;
        return kExitOk;
    }
    core::TopicRegistry registry;
    core::registerBuiltinTopics(registry);
    if (cmd == "topics") {
        if (!rest.empty()) return badInput(err, core::makeError("takes no arguments", "topics"));
        return cmdTopics(registry, out);
    }
    if (cmd == "run") return cmdRun(registry, rest, out, err);
    if (cmd == "sweep") return cmdSweep(registry, rest, out, err);
    if (cmd == "check-lessons") return cmdCheckLessons(registry, rest, out, err);
    if (cmd == "explore") return cmdExplore(registry, rest, out, err);
    if (cmd == "verify") return cmdVerify(rest, out, err);
    return badInput(err, core::makeError("unknown command '" + cmd + "' (see --help)"));
}

}  // namespace sb::app
