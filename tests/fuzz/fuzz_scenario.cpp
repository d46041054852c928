// Scenario and saved-session files are opened from disk (File > Open, `splitbrain-sim run`) and
// may come from anyone. A scenario that loads must run, survive a seek back, and save as JSON
// that loads again to the same scenario.
#include "fuzz_support.h"
#include "sim/scenario.h"
#include "sim/timeline.h"

namespace {

constexpr std::size_t kEventBudget = 3000;

void runScenario(const sb::core::Scenario& scenario) {
    auto sim = sb::core::Simulation::create(sb::fuzz::registry(), scenario);
    if (!sim) return;
    sb::core::Timeline timeline(std::move(sim.value()), 64);
    timeline.runUntil({}, kEventBudget);
    const std::size_t end = timeline.position();
    timeline.seek(end / 2);
    timeline.seek(end);
    sb::fuzz::require(timeline.position() == end, "seek returns to the recorded end");
    (void)timeline.sim().session();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto& registry = sb::fuzz::registry();
    auto loaded = sb::core::loadScenarioText(sb::fuzz::asText(data, size), registry, "fuzz.json");
    if (!loaded) return 0;
    const auto again = sb::core::scenarioFromJson(sb::core::toJson(*loaded, registry), registry);
    sb::fuzz::require(again.ok(), "a saved scenario loads again");
    sb::fuzz::require(again.value() == loaded.value(), "a saved scenario round-trips");
    runScenario(*loaded);
    return 0;
}
