#pragma once
// Shared by the trace-checker tests: run a scenario and write its trace as `splitbrain-sim run
// --trace` does, then check it.
#include <catch2/catch.hpp>

#include <functional>
#include <sstream>
#include <string>

#include "fault_script.h"
#include "sim/scenario.h"
#include "sim/simulation.h"
#include "sim/trace.h"
#include "verify/verify.h"

using namespace sb::core;
namespace core = sb::core;
using sb::core::verify::Finding;
using sb::core::verify::Report;
using sb::core::verify::Verdict;

inline const TopicRegistry& registry() { return sb::test::builtinRegistry(); }

inline core::Scenario faulty(const std::string& topic, std::uint64_t seed) {
    core::Scenario sc = sb::test::faultyScenario(topic, seed);
    REQUIRE(sc.topic == topic);
    return sc;
}

// Runs the scenario and writes its trace as `splitbrain-sim run --trace` does.
// `prepare` may switch on a broken variant before the run starts.
inline std::string traceOf(const Scenario& sc, Time until = fromMs(4000),
                           const std::function<void(Model&)>& prepare = {}) {
    auto sim = Simulation::create(registry(), sc);
    INFO(sc.topic << ": " << (sim.ok() ? "" : sim.error().text()));
    REQUIRE(sim.ok());
    if (prepare) prepare(sim.value().model());
    std::ostringstream out;
    out << traceHeader(sc.topic, sc.seed, sim.value().model().nodeNames(), sim.value().params()) << '\n';
    std::size_t i = 0;
    while (auto next = sim.value().nextTime()) {
        if (*next > until) break;
        auto e = sim.value().step();
        if (!e) break;
        out << traceLine(i++, *e, sim.value().model().nodeNames()) << '\n';
    }
    return out.str();
}

inline Report check(const std::string& text) {
    std::istringstream in(text);
    auto trace = verify::readTrace(in, "trace");
    REQUIRE(trace.ok());
    return verify::verifyTrace(trace.value());
}

inline const Finding& finding(const Report& r, const std::string& property) {
    for (const Finding& f : r.findings)
        if (f.property == property) return f;
    FAIL("no finding " << property);
    return r.findings.front();
}

inline std::string describe(const Report& r) {
    std::string out;
    for (const Finding& f : r.findings) out += f.property + ": " + verify::verdictName(f.verdict) + " " + f.detail + "\n";
    return out;
}
