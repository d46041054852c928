#include <catch2/catch.hpp>

#include "sim/json_io.h"
#include "sim/registry.h"
#include "sim/scenario.h"

using namespace sb::core;

namespace {
TopicRegistry registry() {
    TopicRegistry r;
    registerBuiltinTopics(r);
    return r;
}
const std::string kData = std::string(SPLITBRAIN_TEST_DATA) + "/data/";
}  // namespace

TEST_CASE("a scenario file loads and round-trips exactly", "[scenario]") {
    const auto reg = registry();
    auto sc = loadScenarioFile(kData + "ping_partition.json", reg);
    REQUIRE(sc.ok());
    CHECK(sc->topic == "ping");
    CHECK(sc->seed == 7);
    CHECK(sc->params.at("loss") == 0.05);
    REQUIRE(sc->actions.size() == 5);
    CHECK(sc->actions[0].at == fromMs(500));

    const auto json = toJson(sc.value(), reg);
    auto again = scenarioFromJson(json, reg);
    REQUIRE(again.ok());
    CHECK(again.value() == sc.value());
    CHECK(toJson(again.value(), reg).dump() == json.dump());
}

TEST_CASE("scenario errors say what is wrong and where", "[scenario]") {
    const auto reg = registry();
    auto load = [&](const char* text) { return loadScenarioText(text, reg, "s.json"); };
    struct Case {
        const char* text;
        const char* where;
        const char* message;
    };
    const Case cases[] = {
        {R"({"topic": "paxos"})", "s.json:/topic", "unknown topic 'paxos' (known: ping"},
        {R"({"seed": 1})", "s.json:/", "needs a \"topic\""},
        {R"({"topic": "ping", "params": {"nodes": 40}})", "s.json:/params/nodes", "out of range [2, 9]"},
        {R"({"topic": "ping", "params": {"colour": 1}})", "s.json:/params/colour", "unknown parameter"},
        {R"({"topic": "ping", "seed": -4})", "s.json:/seed", "non-negative"},
        {R"({"topic": "ping", "actions": [{"do": "crash", "node": "n9"}]})", "s.json:/actions/0/node", "unknown node"},
        {R"({"topic": "ping", "actions": {}})", "s.json:/actions", "list of actions"},
        {R"({"topic": "ping", "version": 99})", "s.json:/version", "newer than this Splitbrain"},
        {R"({"topic": "ping", "speed": 3})", "s.json:/speed", "unknown field"},
        {R"({"topic": "ping", "actions": [{"do": "set", "param": "loss", "value": 2}]})", "s.json:/actions/0", "out of range"},
        {"{\"topic\": \"ping\",\n \"seed\": }", "s.json:2:10", "syntax error"},
    };
    for (const auto& c : cases) {
        INFO(c.text);
        auto r = load(c.text);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().where == c.where);
        CHECK_THAT(r.error().message, Catch::Contains(c.message));
    }
}

TEST_CASE("a missing scenario file is reported by path", "[scenario]") {
    const auto reg = registry();
    auto r = loadScenarioFile("/nonexistent/x.json", reg);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().where == "/nonexistent/x.json");
}

TEST_CASE("a session keeps its lesson and the position it was saved at", "[scenario]") {
    const auto reg = registry();
    auto sc = loadScenarioFile(kData + "ping_partition.json", reg);
    REQUIRE(sc.ok());
    CHECK(sc->position == 0);
    CHECK_FALSE(toJson(sc.value(), reg).contains("position"));  // plain scenarios stay as they were
    sc->lesson = "ping-silence";
    sc->position = 412;
    const auto json = toJson(sc.value(), reg);
    CHECK(json.at("position") == 412);
    auto again = scenarioFromJson(json, reg);
    REQUIRE(again.ok());
    CHECK(again.value() == sc.value());
    auto bad = loadScenarioText(R"({"topic": "ping", "position": -3})", reg, "s.json");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().text() == "s.json:/position: expected a non-negative whole number of events");
    // Issue 25: a session from a stranger must not replay for hours.
    auto far = loadScenarioText(R"({"topic": "ping", "seed": 1, "position": 1000000000000})", reg, "s.json");
    REQUIRE_FALSE(far.ok());
    CHECK(far.error().text() ==
          "s.json:/position: position 1,000,000,000,000 is past the limit of 10,000,000 events a session may be replayed to");
}
