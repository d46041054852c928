#pragma once
// Runs a topic broken on purpose (the model's breakOnPurpose) over random fault seeds and reports
// the first seed whose run the model's own invariants flag. Shared by every topic's
// broken-variant test, so each measures "caught within N seeds" the same way.
#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <vector>

#include "fault_script.h"

namespace sb::test {

struct Caught {
    std::uint64_t seed = 0;  // 0: no seed in the range was flagged
    std::string invariant;
    std::string detail;
    std::string error;  // the run could not start, or the variant is unknown
};

// Steps `scenario` (with `variant` switched on, unless empty) until the first violation or
// `until`; returns the first violation as a Caught with `seed` set to the scenario's seed.
template <class TopicModel>
Caught runOnce(const core::Scenario& scenario, const std::string& variant, core::Time until) {
    Caught out;
    auto sim = core::Simulation::create(builtinRegistry(), scenario);
    if (!sim.ok()) {
        out.error = sim.error().message;
        return out;
    }
    auto* model = dynamic_cast<TopicModel*>(&sim.value().model());
    if (!model) {
        out.error = "not the expected model type";
        return out;
    }
    if (!variant.empty()) {
        if (const core::Status s = model->breakOnPurpose(variant); !s.ok()) {
            out.error = s.error().message;
            return out;
        }
    }
    while (auto next = sim.value().nextTime()) {
        if (*next > until || !sim.value().model().violations().empty()) break;
        if (!sim.value().step()) break;
    }
    const auto v = sim.value().model().violations();
    if (v.empty()) return out;
    out.seed = scenario.seed;
    out.invariant = v.front().invariant;
    out.detail = v.front().detail;
    return out;
}

// The first of seeds 1..`seeds` whose faulty run (faultyScenario with `params`) is flagged.
template <class TopicModel>
Caught firstCaught(const std::string& topic, const core::ParamValues& params, const std::string& variant,
                   std::uint64_t seeds, core::Time until = core::fromMs(3500)) {
    for (std::uint64_t seed = 1; seed <= seeds; ++seed) {
        const core::Scenario sc = faultyScenario(topic, seed, params);
        if (sc.topic.empty()) return Caught{0, {}, {}, "topic " + topic + " does not start with these params"};
        Caught c = runOnce<TopicModel>(sc, variant, until);
        if (c.seed != 0 || !c.error.empty()) return c;
    }
    return {};
}

// The correct protocol: none of seeds 1..`seeds` is flagged.
template <class TopicModel>
void requireNeverFlagged(const std::string& topic, const core::ParamValues& params, std::uint64_t seeds,
                         core::Time until = core::fromMs(3500)) {
    for (std::uint64_t seed = 1; seed <= seeds; ++seed) {
        const core::Scenario sc = faultyScenario(topic, seed, params);
        REQUIRE(sc.topic == topic);
        const Caught c = runOnce<TopicModel>(sc, "", until);
        INFO(topic << " seed " << seed << ": " << c.invariant << ": " << c.detail << c.error);
        CHECK(c.error.empty());
        CHECK(c.seed == 0);
    }
}

struct BrokenCase {
    std::string variant;
    std::set<std::string> expected;  // the invariants that may catch it first
};

// Each variant: some seed in 1..`seeds` is flagged, first by one of the expected invariants.
// The seed and invariant are printed (WARN) for the note.
template <class TopicModel>
void requireEachCaught(const std::string& topic, const core::ParamValues& params, const std::vector<BrokenCase>& cases,
                       std::uint64_t seeds, core::Time until = core::fromMs(3500)) {
    for (const BrokenCase& c : cases) {
        const Caught caught = firstCaught<TopicModel>(topic, params, c.variant, seeds, until);
        INFO(topic << " " << c.variant << ": " << caught.error << " caught at seed " << caught.seed << " by "
                   << caught.invariant << ": " << caught.detail);
        REQUIRE(caught.error.empty());
        REQUIRE(caught.seed > 0);
        CHECK(c.expected.count(caught.invariant) == 1);
        WARN(topic << " " << c.variant << " caught at seed " << caught.seed << " of " << seeds << " by \""
                   << caught.invariant << "\"");
    }
}

}  // namespace sb::test
