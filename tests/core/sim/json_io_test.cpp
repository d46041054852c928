#include <catch2/catch.hpp>

#include "sim/json_io.h"

using namespace sb::core;

TEST_CASE("syntax errors carry file, line and column", "[json]") {
    auto r = parseJsonText("{\n  \"a\": 1,\n  \"b\": ]\n}", "x.json");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().where == "x.json:3:8");
    CHECK_THAT(r.error().message, Catch::StartsWith("JSON syntax error"));
}

TEST_CASE("oversized and too deeply nested input is refused", "[json]") {
    CHECK_THAT(parseJsonText(std::string(100, ' '), "f", JsonLimits{10, 64}).error().message,
               Catch::Contains("limit is 10"));
    const std::string deep = std::string(100, '[') + std::string(100, ']');
    auto r = parseJsonText(deep, "deep.json", JsonLimits{1 << 20, 64});
    REQUIRE_FALSE(r.ok());
    CHECK_THAT(r.error().message, Catch::Contains("deeper than 64"));
    CHECK(parseJsonText(std::string(10, '[') + std::string(10, ']'), "ok.json").ok());
}

TEST_CASE("invalid UTF-8 is a syntax error, not a crash", "[json]") {
    auto r = parseJsonText("{\"a\": \"\xff\xfe\"}", "bad.json");
    REQUIRE_FALSE(r.ok());
    CHECK_THAT(r.error().where, Catch::StartsWith("bad.json:1:"));
}

TEST_CASE("strings are escaped for JSON", "[json]") {
    std::string out;
    appendJsonString(out, "a\"b\\c\nd\x01");
    CHECK(out == "\"a\\\"b\\\\c\\nd\\u0001\"");
}
