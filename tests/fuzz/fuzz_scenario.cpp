// Scenario and saved-session files are opened from disk (File > Open, `splitbrain-sim run`) and
// may come from anyone. A scenario that loads must run deterministically, come back to the
// same state after a seek back and forth, and save as JSON that loads again to the same
// scenario.
#include <sstream>

#include "fuzz_support.h"
#include "sim/scenario.h"
#include "sim/timeline.h"

namespace {

constexpr std::size_t kEventBudget = 3000;

// What a learner sees of the state: time, metrics, violations, and each node's view.
std::string fingerprint(const sb::core::Timeline& t) {
    std::ostringstream out;
    out << t.position() << '@' << t.now() << ';';
    for (const auto& m : t.model().metrics()) out << m.name << '=' << m.value << ';';
    out << t.model().violations().size() << ';';
    for (const auto& n : t.model().view(t.now()).nodes) out << n.name << n.role << n.value << n.zone << ';';
    return out.str();
}

void runScenario(const sb::core::Scenario& scenario) {
    const auto& registry = sb::fuzz::registry();
    auto sim = sb::core::Simulation::create(registry, scenario);
    if (!sim) return;
    sb::core::Timeline timeline(std::move(sim.value()), 64);
    timeline.runUntil({}, kEventBudget);
    const std::size_t end = timeline.position();
    const std::string atEnd = fingerprint(timeline);
    timeline.seek(end / 2);
    timeline.seek(end);
    sb::fuzz::require(timeline.position() == end, "seek returns to the recorded end");
    sb::fuzz::require(fingerprint(timeline) == atEnd, "seek back and forth restores the state");

    sb::core::Timeline again(sb::core::Simulation::create(registry, scenario).value(), 1000);
    again.runUntil({}, end);
    sb::fuzz::require(again.trace() == timeline.trace(), "the same scenario gives the same trace");
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
