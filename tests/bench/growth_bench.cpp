// Costs that must grow linearly (DESIGN.md §7: "a run's cost per simulated second stays flat as
// the run grows", "loading a file costs the same per action at 4k and at 64k actions"). Each
// benchmark reports its cost per unit, so a flat column is the pass; the "whole history"
// variants measure, in the same run, what the old design cost (a full linearizability check
// whenever the history changes; the JSON parser with a depth callback).
#include <benchmark/benchmark.h>

#include <nlohmann/json.hpp>

#include "sim/json_io.h"
#include "sim/registry.h"
#include "sim/scenario.h"
#include "sim/simulation.h"
#include "test_registry.h"
#include "topics/cap/cap_model.h"

using namespace sb::core;

namespace {

const TopicRegistry& registry() { return sb::test::builtinRegistry(); }

// Wall time per unit of work in 1/scale seconds (1e3: ms, 1e6: us), as a counter.
benchmark::Counter perUnit(double units, double scale) {
    return benchmark::Counter(units / scale, benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

// CP, 5 replicas, every client issuing 10 ops/s, a partition for the middle of the run; checked
// after every step as splitbrain-sim run does.
Simulation cpRun(Time seconds) {
    Scenario sc;
    sc.topic = "cap";
    sc.seed = 3;
    sc.params = {{"mode", 0}, {"client_rate", 10}, {"nodes", 5}};
    Action cut;
    cut.kind = "partition";
    cut.args = {{"groups", nlohmann::json::array({nlohmann::json::array({"n1", "n2"}), nlohmann::json::array({"n3", "n4", "n5"})})}};
    cut.at = seconds * kSecond / 3;
    Action heal;
    heal.kind = "heal";
    heal.at = 2 * seconds * kSecond / 3;
    sc.actions = {cut, heal};
    return Simulation::create(registry(), sc).value();
}

void capCpRunPerSimSecond(benchmark::State& state) {
    const Time seconds = state.range(0);
    std::size_t events = 0;
    for (auto _ : state) {
        Simulation sim = cpRun(seconds);
        for (auto next = sim.nextTime(); next && *next <= seconds * kSecond; next = sim.nextTime()) {
            sim.step();
            ++events;
            benchmark::DoNotOptimize(sim.model().violations());
        }
    }
    state.counters["events"] = static_cast<double>(events) / static_cast<double>(state.iterations());
    state.counters["ms_per_sim_s"] = perUnit(static_cast<double>(seconds) * static_cast<double>(state.iterations()), 1e3);
}
BENCHMARK(capCpRunPerSimSecond)->Arg(10)->Arg(20)->Arg(40)->Arg(80)->Arg(160)->Unit(benchmark::kMillisecond);

// The old cost model, for comparison: the whole history re-checked whenever it changed.
void capCpRunWholeHistoryRecheck(benchmark::State& state) {
    const Time seconds = state.range(0);
    for (auto _ : state) {
        Simulation sim = cpRun(seconds);
        std::size_t seen = 0;
        for (auto next = sim.nextTime(); next && *next <= seconds * kSecond; next = sim.nextTime()) {
            const auto e = sim.step();
            if (!e || (!e->is("invoke") && !e->is("complete"))) continue;
            const auto& model = dynamic_cast<const cap::CapModel&>(sim.model());
            std::vector<cap::LinOp> ops;
            for (const cap::ClientOp& op : model.history()) {
                if (op.outcome == cap::Outcome::Ok)
                    ops.push_back({op.id, op.kind == cap::OpKind::Write,
                                   op.kind == cap::OpKind::Write ? std::vector<std::int64_t>{op.value} : op.values, op.invoke, op.complete});
                else if (op.kind == cap::OpKind::Write && op.outcome != cap::Outcome::Failed)
                    ops.push_back({op.id, true, {op.value}, op.invoke, cap::kOpen});
            }
            benchmark::DoNotOptimize(cap::checkRegister(ops, 0));
            ++seen;
        }
        benchmark::DoNotOptimize(seen);
    }
    state.counters["ms_per_sim_s"] = perUnit(static_cast<double>(seconds) * static_cast<double>(state.iterations()), 1e3);
}
BENCHMARK(capCpRunWholeHistoryRecheck)->Arg(10)->Arg(20)->Arg(40)->Arg(80)->Unit(benchmark::kMillisecond);

// A saved session: a ping scenario whose actions alternate partition and heal.
std::string sessionText(std::size_t actions) {
    std::string s = R"({"version": 1, "topic": "ping", "seed": 1, "position": 100, "actions": [)";
    for (std::size_t i = 0; i < actions; ++i) {
        s += i ? ",\n" : "\n";
        s += i % 2 ? R"({"at_ms": )" + std::to_string(i) + R"(, "do": "heal"})"
                   : R"({"at_ms": )" + std::to_string(i) + R"(, "do": "partition", "groups": [["n1"], ["n2", "n3", "n4"]]})";
    }
    return s + "]}";
}

void sessionLoadPerAction(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    const std::string text = sessionText(n);
    for (auto _ : state) {
        auto sc = loadScenarioText(text, registry(), "session.json");
        if (!sc) state.SkipWithError(sc.error().text().c_str());
        benchmark::DoNotOptimize(sc);
    }
    state.counters["us_per_action"] = perUnit(static_cast<double>(n) * static_cast<double>(state.iterations()), 1e6);
}
BENCHMARK(sessionLoadPerAction)->Arg(4096)->Arg(8192)->Arg(16384)->Arg(32768)->Arg(65536)->Unit(benchmark::kMillisecond);

// The parser as it was called before: with a depth-limit callback (nlohmann 3.11 then rescans
// the parent array after every element).
void jsonParseWithDepthCallback(benchmark::State& state) {
    const std::string text = sessionText(static_cast<std::size_t>(state.range(0)));
    for (auto _ : state) {
        int depth = 0;
        auto callback = [&depth](int d, nlohmann::json::parse_event_t, nlohmann::json&) {
            depth = std::max(depth, d);
            return depth <= 64;
        };
        benchmark::DoNotOptimize(nlohmann::json::parse(text, callback, true, false));
    }
}
BENCHMARK(jsonParseWithDepthCallback)->Arg(4096)->Arg(32768)->Unit(benchmark::kMillisecond);

void jsonParseWithPrescan(benchmark::State& state) {
    const std::string text = sessionText(static_cast<std::size_t>(state.range(0)));
    for (auto _ : state) benchmark::DoNotOptimize(parseJsonText(text, "session.json"));
}
BENCHMARK(jsonParseWithPrescan)->Arg(4096)->Arg(32768)->Unit(benchmark::kMillisecond);

}  // namespace
