// Raft event throughput, headless. DESIGN.md budget: at least 1,000,000 simulated events per
// second for a 5-node cluster.
#include <benchmark/benchmark.h>

#include "sim/registry.h"
#include "sim/simulation.h"

using namespace sb::core;

namespace {

Simulation makeSim(int nodes, double loss) {
    static TopicRegistry registry = [] {
        TopicRegistry r;
        registerBuiltinTopics(r);
        return r;
    }();
    Scenario sc;
    sc.topic = "raft";
    sc.seed = 1;
    sc.params = {{"nodes", nodes}, {"loss", loss}};
    return Simulation::create(registry, sc).value();
}

// Heartbeats and elections only (loss makes followers time out now and then).
void raftIdleEventsPerSecond(benchmark::State& state) {
    std::int64_t events = 0;
    for (auto _ : state) {
        state.PauseTiming();
        Simulation sim = makeSim(static_cast<int>(state.range(0)), 0.01);
        state.ResumeTiming();
        for (int i = 0; i < 100000; ++i) benchmark::DoNotOptimize(sim.step());
        events += 100000;
    }
    state.counters["events/s"] = benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
}
BENCHMARK(raftIdleEventsPerSecond)->Arg(5)->Arg(9)->Unit(benchmark::kMillisecond);

// A client writes to the leader every 2 ms of simulated time: appends, replication, commits.
void raftWriteEventsPerSecond(benchmark::State& state) {
    std::int64_t events = 0;
    std::int64_t commits = 0;
    for (auto _ : state) {
        state.PauseTiming();
        Simulation sim = makeSim(5, 0.01);
        state.ResumeTiming();
        Time nextWrite = 0;
        std::int64_t value = 0;
        for (int i = 0; i < 100000; ++i) {
            if (sim.now() >= nextWrite) {
                nextWrite = sim.now() + 2 * kMillisecond;
                const ProbeValue leader = sim.model().probe("leader", kNoNode);
                if (const auto* name = std::get_if<std::string>(&leader); name && *name != "none") {
                    Action a;
                    a.kind = "client_write";
                    a.args = {{"node", *name}, {"key", value % 3}, {"value", ++value % 100}};
                    (void)sim.schedule(a);
                }
            }
            auto e = sim.step();
            if (e && e->is("commit")) ++commits;
        }
        events += 100000;
    }
    state.counters["events/s"] = benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
    state.counters["commits"] = static_cast<double>(commits);
}
BENCHMARK(raftWriteEventsPerSecond)->Unit(benchmark::kMillisecond);

}  // namespace
