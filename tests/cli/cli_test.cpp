#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/cli.h"

using sb::app::runSimCli;

namespace {

struct Run {
    int code;
    std::string out;
    std::string err;
};

Run sim(std::vector<std::string> args) {
    std::ostringstream out, err;
    const int code = runSimCli(args, out, err);
    return {code, out.str(), err.str()};
}

const std::string kScenario = std::string(SPLITBRAIN_SOURCE_DIR) + "/tests/core/data/ping_partition.json";

std::string lastLine(const std::string& text) {
    auto end = text.find_last_not_of('\n');
    auto start = text.rfind('\n', end);
    return text.substr(start == std::string::npos ? 0 : start + 1, end - (start == std::string::npos ? 0 : start + 1) + 1);
}

}  // namespace

TEST_CASE("help and version", "[cli]") {
    CHECK(sim({"--help"}).code == 0);
    CHECK_THAT(sim({"--help"}).out, Catch::Contains("sweep SCENARIO.json"));
    CHECK_THAT(sim({"--version"}).out, Catch::StartsWith("splitbrain-sim "));
    auto none = sim({});
    CHECK(none.code == 2);
    CHECK_THAT(none.err, Catch::Contains("Usage"));
}

TEST_CASE("a command's --help prints the help and succeeds", "[cli]") {
    for (const char* command : {"run", "sweep", "explore", "check-lessons"}) {
        INFO(command);
        auto r = sim({command, "--help"});
        CHECK(r.code == 0);
        CHECK_THAT(r.out, Catch::StartsWith("Usage: splitbrain-sim"));
        CHECK(r.err.empty());
    }
    CHECK(sim({"run", kScenario, "-h"}).code == 0);
}

TEST_CASE("a folder or a binary file given as a scenario says what it is", "[cli]") {
    const std::string folder = std::string(SPLITBRAIN_SOURCE_DIR) + "/tests/core/data";
    auto dir = sim({"run", folder});
    CHECK(dir.code == 2);
    CHECK(dir.err == "splitbrain-sim: " + folder + ": this is a folder, not a file; give the path of a .json file\n");
    const std::string png = std::string(SPLITBRAIN_SOURCE_DIR) + "/docs/screenshot.png";
    auto image = sim({"run", png});
    CHECK(image.code == 2);
    CHECK(image.err == "splitbrain-sim: " + png + ": this file is a PNG image, not a JSON text file\n");
    // Bytes that are not UTF-8 are quoted as \xNN, never passed through as a garbled character.
    const std::string path = "cli_test_latin1.json";
    std::ofstream(path, std::ios::binary) << "{\"topic\": \"caf\xe9\"}";
    auto latin1 = sim({"run", path});
    CHECK(latin1.code == 2);
    CHECK_THAT(latin1.err, Catch::Contains(path + ":"));
    CHECK_THAT(latin1.err, Catch::Contains("\\xe9"));
    CHECK(std::none_of(latin1.err.begin(), latin1.err.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; }));
    std::remove(path.c_str());
    const std::string nul = "cli_test_nul.json";
    std::ofstream(nul, std::ios::binary) << std::string("{\n  \"a\0\": 1}", 12);
    auto zero = sim({"run", nul});
    CHECK(zero.code == 2);
    CHECK(zero.err == "splitbrain-sim: " + nul + ":2:5: a NUL byte: this is binary data, not JSON text\n");
    std::remove(nul.c_str());
}

TEST_CASE("topics lists every topic with its parameters", "[cli]") {
    auto r = sim({"topics"});
    REQUIRE(r.code == 0);
    auto j = nlohmann::json::parse(r.out);
    REQUIRE(j.is_array());
    auto ping = std::find_if(j.begin(), j.end(), [](const auto& t) { return t["id"] == "ping"; });
    REQUIRE(ping != j.end());
    CHECK((*ping)["params"][0]["name"] == "nodes");
    CHECK((*ping)["params"][0]["min"] == 2);
}

TEST_CASE("run prints a JSON summary and can write the trace", "[cli]") {
    auto r = sim({"run", kScenario, "--until-ms", "2000", "--trace", "-"});
    REQUIRE(r.code == 0);
    auto summary = nlohmann::json::parse(lastLine(r.out));
    CHECK(summary["topic"] == "ping");
    CHECK(summary["seed"] == 7);
    CHECK(summary["violations"].empty());
    CHECK(summary["sim_time_ms"].get<double>() <= 2000.0);
    const auto events = summary["events"].get<std::size_t>();
    std::istringstream lines(r.out);
    std::string line;
    std::size_t count = 0;
    while (std::getline(lines, line)) {
        auto e = nlohmann::json::parse(line);
        if (e.contains("i")) {
            CHECK(e["i"] == count);
            ++count;
        }
    }
    CHECK(count == events);
}

TEST_CASE("the same run twice writes byte-identical traces", "[cli][determinism]") {
    auto a = sim({"run", kScenario, "--events", "3000", "--trace", "-"});
    auto b = sim({"run", kScenario, "--events", "3000", "--trace", "-"});
    CHECK(a.out == b.out);
    auto c = sim({"run", kScenario, "--events", "3000", "--trace", "-", "--seed", "99"});
    CHECK(a.out != c.out);
}

TEST_CASE("run error paths exit 2 and name the problem", "[cli]") {
    struct Case {
        std::vector<std::string> args;
        const char* message;
    };
    const std::vector<Case> cases = {
        {{"run"}, "needs a scenario file"},
        {{"run", "/no/such/file.json"}, "/no/such/file.json: cannot open file"},
        {{"run", kScenario, "--seed", "-3"}, "--seed: expected a non-negative"},
        {{"run", kScenario, "--until-ms", "soon"}, "--until-ms: expected a time"},
        {{"run", kScenario, "--events", "0"}, "--events: expected a positive"},
        {{"run", kScenario, "--param", "nodes"}, "--param: expected name=value"},
        {{"run", kScenario, "--param", "nodes=99"}, "--param nodes: value 99 is out of range"},
        {{"run", kScenario, "--param", "colour=blue"}, "--param colour: unknown parameter"},
        {{"run", kScenario, "--trace"}, "--trace: needs a value"},
        {{"run", kScenario, "--trace", "/no/such/dir/t.jsonl"}, "cannot write the trace file"},
        {{"run", kScenario, "--wat", "1"}, "--wat: unknown option"},
        {{"run", kScenario, "extra.json"}, "unexpected argument 'extra.json'"},
        {{"frobnicate"}, "unknown command 'frobnicate'"},
        {{"topics", "x"}, "takes no arguments"},
        {{"sweep", kScenario}, "needs --seeds A..B"},
        {{"sweep", kScenario, "--seeds", "5..2"}, "--seeds: expected a seed range"},
        {{"sweep", kScenario, "--seeds", "1..3", "--metric", "nonsense"}, "no metric 'nonsense'"},
        {{"sweep", kScenario, "--seeds", "1..2", "--trace", "-"}, "--trace: unknown option"},
    };
    for (const auto& c : cases) {
        INFO(c.args[0] << " " << (c.args.size() > 1 ? c.args.back() : ""));
        auto r = sim(c.args);
        CHECK(r.code == 2);
        CHECK_THAT(r.err, Catch::Contains(c.message));
        CHECK(r.out.empty());
    }
}

TEST_CASE("a scenario with a bad field is refused before running", "[cli]") {
    const std::string path = "cli_test_bad_scenario.json";
    {
        std::ofstream f(path);
        f << R"({"topic": "ping", "actions": [{"at_ms": 10, "do": "crash", "node": "n42"}]})";
    }
    auto r = sim({"run", path});
    CHECK(r.code == 2);
    CHECK_THAT(r.err, Catch::Contains(path + ":/actions/0/node: unknown node \"n42\""));
    std::remove(path.c_str());
}

TEST_CASE("sweep reports distributions per metric", "[cli]") {
    auto r = sim({"sweep", kScenario, "--seeds", "1..20", "--until-ms", "1000", "--metric", "suspicions", "--quiet"});
    REQUIRE(r.code == 0);
    auto j = nlohmann::json::parse(r.out);
    CHECK(j["runs"] == 20);
    CHECK(j["runs_with_violations"] == 0);
    const auto& m = j["metrics"]["suspicions"];
    CHECK(m["min"].get<double>() <= m["p10"].get<double>());
    CHECK(m["p10"].get<double>() <= m["p50"].get<double>());
    CHECK(m["p50"].get<double>() <= m["p90"].get<double>());
    CHECK(m["p99"].get<double>() <= m["max"].get<double>());
    CHECK(j["metrics"].size() == 1);
}

TEST_CASE("sweep shows progress on stderr unless quiet", "[cli]") {
    auto r = sim({"sweep", kScenario, "--seeds", "1..40", "--until-ms", "200"});
    CHECK(r.code == 0);
    CHECK_THAT(r.err, Catch::Contains("sweep: 40/40 runs"));
}
