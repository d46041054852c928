// `splitbrain-sim explore`: state counts for 2PC, the violation the broken switch allows, and
// clear refusals for topics or sizes it cannot explore.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/cli.h"

namespace {

struct Out {
    int code = 0;
    std::string out, err;
};

Out sim(const std::vector<std::string>& args) {
    std::ostringstream out, err;
    const int code = sb::app::runSimCli(args, out, err);
    return {code, out.str(), err.str()};
}

const std::string kData = std::string(SPLITBRAIN_SOURCE_DIR) + "/tests/cli/data/";

}  // namespace

TEST_CASE("explore counts the TwoPhase states for 3 and 6 participants", "[cli][explore]") {
    for (const auto& [size, states] : {std::pair{"3", 288}, std::pair{"6", 50816}}) {
        const Out r = sim({"explore", kData + "saga_2pc.json", "--size", size});
        INFO(r.err);
        REQUIRE(r.code == 0);
        const auto j = nlohmann::json::parse(r.out);
        CHECK(j["states"] == states);
        CHECK(j["complete"] == true);
        CHECK(j["verdict"] == "ok");
        CHECK(j["violation"].is_null());
    }
}

TEST_CASE("explore finds the shortest trace to the violation when a participant decides alone", "[cli][explore]") {
    const Out r = sim({"explore", kData + "saga_2pc_decide_alone.json", "--size", "3"});
    REQUIRE(r.code == 1);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j["verdict"] == "violated");
    CHECK(j["violation"]["invariant"] == "TCConsistent");
    const auto& trace = j["violation"]["trace"];
    REQUIRE(trace.size() == 10);  // the initial state and nine actions
    bool alone = false;
    for (const auto& s : trace) alone = alone || s["action"].get<std::string>().rfind("RMDecideAlone", 0) == 0;
    CHECK(alone);
}

TEST_CASE("explore says unknown at the state cap and refuses what it cannot explore", "[cli][explore]") {
    const Out capped = sim({"explore", kData + "saga_2pc.json", "--size", "6", "--max-states", "100"});
    REQUIRE(capped.code == 0);
    CHECK(nlohmann::json::parse(capped.out)["verdict"] == "unknown (stopped at --max-states)");
    CHECK(sim({"explore", kData + "saga_2pc.json", "--size", "9"}).code == 2);
    CHECK(sim({"explore", kData + "saga_2pc.json", "--param", "mode=saga"}).code == 2);
    const Out ping = sim({"explore", std::string(SPLITBRAIN_SOURCE_DIR) + "/tests/core/data/ping_partition.json"});
    CHECK(ping.code == 2);
    CHECK(ping.err.find("does not support explore") != std::string::npos);
    CHECK(sim({"explore"}).code == 2);
}
