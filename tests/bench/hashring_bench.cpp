// Consistent-hashing benchmarks: single lookups per scheme, and recomputing the owners of
// 1,000,000 keys after a node joins (goal: under 100 ms). They report; they never assert.
#include <benchmark/benchmark.h>

#include "sim/action.h"
#include "topics/hashring/hash_functions.h"
#include "topics/hashring/hashring_model.h"
#include "topics/hashring/key_table.h"
#include "topics/hashring/placement.h"

using namespace sb::core;
using namespace sb::core::hashring;

namespace {

constexpr std::uint32_t kMillionKeys = 1000000;

Placement cluster(Mode mode, int nodes, std::uint32_t vnodes) {
    Placement p;
    p.reset(mode, 1, 1);
    for (int s = 0; s < nodes; ++s) p.join(s, vnodes, 1.0);
    p.rebuild();
    return p;
}

const KeyTable& millionKeys() {
    static const KeyTable keys(kMillionKeys, 1);
    return keys;
}

// One lookup on 64 nodes; arg 0 = mode, arg 1 = vnodes per node.
void BM_Lookup(benchmark::State& state) {
    const auto mode = static_cast<Mode>(state.range(0));
    const Placement p = cluster(mode, 64, static_cast<std::uint32_t>(state.range(1)));
    std::uint64_t h = 12345;
    long cost = 0;
    for (auto _ : state) {
        h = remix(h);
        const Lookup l = p.lookup(h);
        cost += l.cost;
        benchmark::DoNotOptimize(l.owner);
    }
    state.SetLabel(modeName(mode));
    state.counters["cost"] = static_cast<double>(cost) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_Lookup)->Args({1, 1})->Args({1, 100})->Args({1, 1000})->Args({0, 1})->Args({2, 1})->Args({3, 1});

// Rebuild + owners of 1,000,000 keys after n64 joins 63 nodes (full bulk pass; arg = mode).
void BM_RecomputeAfterAdd(benchmark::State& state) {
    const auto mode = static_cast<Mode>(state.range(0));
    const KeyTable& keys = millionKeys();
    std::vector<std::uint8_t> owners;
    for (auto _ : state) {
        state.PauseTiming();
        Placement p = cluster(mode, 63, 100);
        p.assignAll(keys.hashes(), owners);
        state.ResumeTiming();
        p.join(63, 100, 1.0);
        p.rebuild();
        p.assignAfterGain(63, keys.hashes(), owners);
        benchmark::DoNotOptimize(owners.data());
    }
    state.SetLabel(modeName(mode));
    state.counters["keys/s"] = benchmark::Counter(static_cast<double>(kMillionKeys) * static_cast<double>(state.iterations()),
                                                  benchmark::Counter::kIsRate);
}
BENCHMARK(BM_RecomputeAfterAdd)->Arg(1)->Arg(0)->Arg(2)->Arg(3)->Unit(benchmark::kMillisecond);

// The whole model action: add a node to 63 x 100 vnodes holding 1,000,000 keys, including the
// move accounting, load counts and invariant checks (arg = mode).
void BM_ModelAddNodeMillionKeys(benchmark::State& state) {
    HashringModel model;
    ParamValues p = HashringModel::topicInfo().params.complete(
        {{"mode", static_cast<double>(state.range(0))}, {"nodes", 63}, {"vnodes", 100}, {"keys", kMillionKeys}}).value();
    (void)model.reset(p, 1);
    Action add = actionFromJson(nlohmann::json::parse(R"({"do": "add_node", "node": "n64"})"), "").value();
    Action remove = actionFromJson(nlohmann::json::parse(R"({"do": "remove_node", "node": "n64"})"), "").value();
    Event e;
    for (auto _ : state) {
        add.at = model.now();
        (void)model.apply(add, e);
        state.PauseTiming();
        while (model.step()) {}
        remove.at = model.now();
        (void)model.apply(remove, e);
        while (model.step()) {}
        state.ResumeTiming();
    }
    state.SetLabel(modeName(static_cast<Mode>(state.range(0))));
    state.counters["moved"] = static_cast<double>(std::get<std::int64_t>(model.probe("moved_keys", kNoNode)));
}
BENCHMARK(BM_ModelAddNodeMillionKeys)->Arg(1)->Arg(0)->Arg(2)->Arg(3)->Unit(benchmark::kMillisecond);

// Building the view of a 1,000,000-key ring (density band), as a frame would.
void BM_ViewMillionKeys(benchmark::State& state) {
    HashringModel model;
    ParamValues p = HashringModel::topicInfo().params.complete({{"nodes", 16}, {"vnodes", 100}, {"keys", kMillionKeys}}).value();
    (void)model.reset(p, 1);
    for (auto _ : state) benchmark::DoNotOptimize(model.view(0));
}
BENCHMARK(BM_ViewMillionKeys)->Unit(benchmark::kMicrosecond);

}  // namespace
