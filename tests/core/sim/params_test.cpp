#include <catch2/catch.hpp>

#include "sim/params.h"

using namespace sb::core;

namespace {
ParamSet sample() {
    return ParamSet({{"nodes", ParamType::Int, "nodes", 3, 9, 5, "cluster size", {}},
                     {"loss", ParamType::Real, "", 0, 0.5, 0, "loss", {}},
                     {"prevote", ParamType::Bool, "", 0, 1, 0, "prevote", {}},
                     {"mode", ParamType::Choice, "", 0, 0, 0, "mode", {"CP", "AP"}}});
}
}  // namespace

TEST_CASE("parameters parse from text by type", "[params]") {
    const auto p = sample();
    CHECK(p.parse("nodes", "7").value() == 7);
    CHECK(p.parse("loss", "0.25").value() == 0.25);
    CHECK(p.parse("prevote", "true").value() == 1);
    CHECK(p.parse("mode", "AP").value() == 1);
}

TEST_CASE("bad parameter values are refused with the field named", "[params]") {
    const auto p = sample();
    auto unknown = p.parse("colour", "red");
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().where == "colour");
    CHECK_THAT(p.parse("nodes", "11").error().message, Catch::Contains("out of range [3, 9]"));
    CHECK_THAT(p.parse("nodes", "4.5").error().message, Catch::Contains("whole number"));
    CHECK_THAT(p.parse("nodes", "five").error().message, Catch::Contains("expected a number"));
    CHECK_THAT(p.parse("mode", "CA").error().message, Catch::Contains("CP, AP"));
    CHECK_THAT(p.parse("prevote", "maybe").error().message, Catch::Contains("true or false"));
}

TEST_CASE("complete fills defaults and checks overrides", "[params]") {
    const auto p = sample();
    auto v = p.complete({{"nodes", 3}});
    REQUIRE(v.ok());
    CHECK(v->at("nodes") == 3);
    CHECK(v->at("loss") == 0);
    CHECK_FALSE(p.complete({{"loss", 0.9}}).ok());
}
