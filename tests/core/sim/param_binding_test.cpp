#include <catch2/catch.hpp>

#include "sim/cluster_config.h"
#include "sim/param_binding.h"

using namespace sb::core;

namespace {

enum class Shape { Round, Square, Star };

struct Config : ClusterConfig {
    Time period = 0;
    double share = 0;
    bool fast = false;
    Shape shape = Shape::Round;
    std::size_t batch = 0;
};

const ParamBinding<Config>& binding() {
    static const ParamBinding<Config> b = [] {
        ParamBinding<Config> p;
        p.integer("nodes", "nodes", 1, 9, 3, "How many nodes", &Config::nodes);
        p.millis("period_ms", 10, 1000, 100, "Time between two ticks", &Config::period).live();
        p.real("share", "", 0, 1, 0.25, "Share of reads", &Config::share);
        p.flag("fast", true, "Skip the slow path", &Config::fast).live();
        p.choice("shape", {"round", "square", "star"}, 1, "How it looks", &Config::shape);
        p.integer("batch", "entries", 1, 64, 8, "Most entries at once", &Config::batch);
        bindLink(p, 5, 15, false);
        return p;
    }();
    return b;
}

}  // namespace

TEST_CASE("a parameter is declared once: the spec the CLI lists comes from the binding", "[param_binding]") {
    const ParamSet set = binding().paramSet();
    REQUIRE(set.specs().size() == 9);
    const ParamSpec* period = set.find("period_ms");
    REQUIRE(period);
    CHECK(period->type == ParamType::Int);
    CHECK(period->unit == "ms");
    CHECK(period->defaultValue == 100);
    const ParamSpec* shape = set.find("shape");
    REQUIRE(shape);
    CHECK(shape->type == ParamType::Choice);
    CHECK(shape->max == 2);
    CHECK(set.find("fast")->type == ParamType::Bool);
    CHECK(set.find("fast")->defaultValue == 1);
    CHECK(set.find("duplicate") == nullptr);  // bindLink without duplication
    CHECK(set.find("loss") != nullptr);
}

TEST_CASE("load fills every field from the given values or the defaults", "[param_binding]") {
    Config c;
    REQUIRE(binding().load({{"nodes", 7}, {"shape", 2}, {"latency_max_ms", 40}}, c).ok());
    CHECK(c.nodes == 7);
    CHECK(c.period == fromMs(100));
    CHECK(c.share == 0.25);
    CHECK(c.fast);
    CHECK(c.shape == Shape::Star);
    CHECK(c.batch == 8);
    CHECK(c.latencyMin == fromMs(5));
    CHECK(c.latencyMax == fromMs(40));
    LinkConfig link;
    link.drop = 0.5;
    c.applyTo(link);
    CHECK(link.maxLatency == fromMs(40));
    CHECK(link.drop == 0);
}

TEST_CASE("load refuses unknown names and values out of range instead of throwing", "[param_binding]") {
    Config c;
    CHECK_FALSE(binding().load({{"nodez", 3}}, c).ok());
    CHECK_FALSE(binding().load({{"nodes", 10}}, c).ok());
    CHECK_FALSE(binding().load({{"nodes", 2.5}}, c).ok());
    CHECK_FALSE(binding().load({{"shape", 3}}, c).ok());
    CHECK_FALSE(binding().load({{"fast", 2}}, c).ok());
}

TEST_CASE("set changes only live parameters, inside their range", "[param_binding]") {
    Config c;
    REQUIRE(binding().load({}, c).ok());
    REQUIRE(binding().set("period_ms", 250, c).ok());
    CHECK(c.period == fromMs(250));
    REQUIRE(binding().set("fast", 0, c).ok());
    CHECK_FALSE(c.fast);
    REQUIRE(binding().set("loss", 0.5, c).ok());
    CHECK(c.loss == 0.5);

    const Status notLive = binding().set("nodes", 4, c);
    REQUIRE_FALSE(notLive.ok());
    CHECK(notLive.error().message.find("cannot change during a run") != std::string::npos);
    CHECK(c.nodes == 3);
    const Status outside = binding().set("period_ms", 5, c);
    REQUIRE_FALSE(outside.ok());
    CHECK(outside.error().where == "/value");
    CHECK(c.period == fromMs(250));
    CHECK_FALSE(binding().set("nope", 1, c).ok());
    CHECK(binding().isLive("loss"));
    CHECK_FALSE(binding().isLive("share"));
}

TEST_CASE("a cluster link never has its slowest delay below its fastest", "[param_binding]") {
    Config c;
    REQUIRE(binding().load({{"latency_min_ms", 50}, {"latency_max_ms", 10}}, c).ok());
    LinkConfig link;
    c.applyTo(link);
    CHECK(link.minLatency == fromMs(50));
    CHECK(link.maxLatency == fromMs(50));
}
