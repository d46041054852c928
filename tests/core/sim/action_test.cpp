#include <catch2/catch.hpp>

#include "sim/action.h"

using namespace sb::core;

TEST_CASE("actions round-trip through JSON", "[action]") {
    const auto j = nlohmann::json::parse(R"({"at_ms": 12.5, "do": "crash", "node": "n2"})");
    auto a = actionFromJson(j, "/actions/0");
    REQUIRE(a.ok());
    CHECK(a->at == 12500);
    CHECK(a->kind == "crash");
    CHECK(a->str("node") == "n2");
    CHECK(toJson(a.value()) == j);
    auto again = actionFromJson(toJson(a.value()), "");
    CHECK(again.value() == a.value());
}

TEST_CASE("malformed actions name the offending field", "[action]") {
    CHECK(actionFromJson(nlohmann::json::array(), "/a").error().where == "/a");
    CHECK(actionFromJson(nlohmann::json{{"do", 3}}, "/a").error().where == "/a/do");
    CHECK(actionFromJson(nlohmann::json{{"do", "x"}, {"at_ms", -1}}, "/a").error().where == "/a/at_ms");
    CHECK_THAT(actionFromJson(nlohmann::json{{"node", "n1"}}, "/a").error().message,
               Catch::Contains("needs \"do\""));
}

TEST_CASE("validation checks kind, arguments and node names", "[action]") {
    const auto specs = genericActionSpecs();
    const std::vector<std::string> nodes{"n1", "n2", "n3"};
    auto make = [](const char* text) { return actionFromJson(nlohmann::json::parse(text), "/x").value(); };
    CHECK(validateAction(make(R"({"do":"crash","node":"n1"})"), specs, nodes, "/x").ok());
    CHECK(validateAction(make(R"({"do":"partition","groups":[["n1"],["n2","n3"]]})"), specs, nodes, "/x").ok());
    auto unknownKind = validateAction(make(R"({"do":"explode"})"), specs, nodes, "/x");
    CHECK(unknownKind.error().where == "/x/do");
    auto unknownNode = validateAction(make(R"({"do":"crash","node":"n9"})"), specs, nodes, "/x");
    CHECK(unknownNode.error().where == "/x/node");
    CHECK_THAT(unknownNode.error().message, Catch::Contains("n1, n2, n3"));
    auto missing = validateAction(make(R"({"do":"cut","from":"n1"})"), specs, nodes, "/x");
    CHECK_THAT(missing.error().message, Catch::Contains("needs \"to\""));
    auto extra = validateAction(make(R"({"do":"heal","node":"n1"})"), specs, nodes, "/x");
    CHECK(extra.error().where == "/x/node");
    auto badGroup = validateAction(make(R"({"do":"partition","groups":[["n1"],["n7"]]})"), specs, nodes, "/x");
    CHECK(badGroup.error().where == "/x/groups");
}
