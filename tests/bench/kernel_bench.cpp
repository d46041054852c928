// Kernel throughput and timeline seek cost, on the ping topic (the kernel's own demo topic).
// DESIGN.md budgets: seek to any event of a 100,000-event trace under 16 ms.
#include <benchmark/benchmark.h>

#include "sim/registry.h"
#include "sim/rng.h"
#include "sim/simulation.h"
#include "sim/timeline.h"

using namespace sb::core;

namespace {

Simulation makeSim(int nodes) {
    static TopicRegistry registry = [] {
        TopicRegistry r;
        registerBuiltinTopics(r);
        return r;
    }();
    Scenario sc;
    sc.topic = "ping";
    sc.seed = 1;
    sc.params = {{"nodes", nodes}, {"loss", 0.01}};
    return Simulation::create(registry, sc).value();
}

void kernelEventsPerSecond(benchmark::State& state) {
    std::int64_t events = 0;
    for (auto _ : state) {
        state.PauseTiming();
        Simulation sim = makeSim(static_cast<int>(state.range(0)));
        state.ResumeTiming();
        for (int i = 0; i < 100000; ++i) benchmark::DoNotOptimize(sim.step());
        events += 100000;
    }
    state.counters["events/s"] = benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
}
BENCHMARK(kernelEventsPerSecond)->Arg(5)->Arg(9)->Unit(benchmark::kMillisecond);

void timelineRecordEventsPerSecond(benchmark::State& state) {
    std::int64_t events = 0;
    for (auto _ : state) {
        Timeline t(makeSim(5));
        t.runUntil(nullptr, 100000);
        events += 100000;
    }
    state.counters["events/s"] = benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
}
BENCHMARK(timelineRecordEventsPerSecond)->Unit(benchmark::kMillisecond);

void seekInto100kTrace(benchmark::State& state) {
    Timeline t(makeSim(5));
    t.runUntil(nullptr, 100000);
    Rng rng(1);
    for (auto _ : state) {
        t.seek(static_cast<std::size_t>(rng.range(0, 100000)));
        benchmark::DoNotOptimize(t.position());
    }
    state.counters["checkpoints"] = static_cast<double>(t.checkpointCount());
}
BENCHMARK(seekInto100kTrace)->Unit(benchmark::kMicrosecond);

}  // namespace
