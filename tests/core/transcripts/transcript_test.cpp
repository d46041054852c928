// Golden transcripts: a protocol scenario is a data file, not C++. Each cases/<name>.json holds
// {"scenario": {...a scenario...}, "until_ms": N}; the test runs it and compares the described
// events (one line each: time, then the topic's sentence) with cases/<name>.txt. A new scenario
// is a new .json file: run once with SPLITBRAIN_UPDATE_TRANSCRIPTS=1 to write its .txt, read
// the .txt, and commit both. A changed .txt in review is a changed behaviour, line by line.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <sstream>

#include "sim/registry.h"
#include "sim/scenario.h"
#include "sim/simulation.h"
#include "sim/timeline.h"
#include "test_registry.h"

using namespace sb::core;
namespace fs = std::filesystem;

namespace {

const fs::path kCases = fs::path(SPLITBRAIN_TEST_DATA) / "transcripts" / "cases";

std::string readFile(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string transcript(const fs::path& file) {
    const TopicRegistry& registry = sb::test::builtinRegistry();
    const auto j = nlohmann::json::parse(readFile(file));
    auto scenario = scenarioFromJson(j.at("scenario"), registry, "/scenario");
    INFO(file.filename().string() << ": " << (scenario.ok() ? "" : scenario.error().message));
    REQUIRE(scenario.ok());
    auto sim = Simulation::create(registry, scenario.value());
    REQUIRE(sim.ok());
    Timeline t(std::move(sim.value()), 256);
    t.seekTime(fromMs(j.at("until_ms").get<std::int64_t>()));
    std::ostringstream out;
    for (std::size_t i = t.firstKept(); i < t.position(); ++i) {
        const Event& e = t.event(i);
        out << std::setw(10) << std::fixed << std::setprecision(3) << static_cast<double>(e.time) / 1000.0
            << " ms  " << t.model().describe(e) << "\n";
    }
    return out.str();
}

}  // namespace

TEST_CASE("golden transcripts: every case's described events match its .txt", "[transcripts]") {
    std::vector<fs::path> cases;
    for (const auto& entry : fs::directory_iterator(kCases))
        if (entry.path().extension() == ".json") cases.push_back(entry.path());
    std::sort(cases.begin(), cases.end());
    REQUIRE_FALSE(cases.empty());
    const bool update = std::getenv("SPLITBRAIN_UPDATE_TRANSCRIPTS") != nullptr;
    for (const fs::path& c : cases) {
        fs::path expected = c;
        expected.replace_extension(".txt");
        const std::string got = transcript(c);
        INFO("case " << c.filename().string() << " (rerun with SPLITBRAIN_UPDATE_TRANSCRIPTS=1 to accept)");
        CHECK_FALSE(got.empty());
        if (update) {
            std::ofstream(expected, std::ios::binary) << got;
            continue;
        }
        REQUIRE(fs::exists(expected));
        CHECK(got == readFile(expected));
    }
}
