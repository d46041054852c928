// Random loads, mitigations and faults over many seeds, with every invariant checked after every
// step. 10,000 seeds by default; CACHE_SOAK_SEEDS=1000000 for a long soak.
#include <catch2/catch.hpp>

#include <cstdlib>

#include "cache_test_util.h"
#include "sim/rng.h"

using namespace sb::core;
using namespace cachetest;

namespace {

const std::uint64_t kSeeds = [] {
    const char* env = std::getenv("CACHE_SOAK_SEEDS");
    const std::uint64_t n = env ? std::strtoull(env, nullptr, 10) : 0;
    return n > 0 ? n : std::uint64_t{10000};
}();

Scenario randomScenario(std::uint64_t seed) {
    Rng r(seed * 104729 + 3);
    Scenario sc;
    sc.topic = "cache";
    sc.seed = seed;
    const auto pick = [&](std::int64_t lo, std::int64_t hi) { return static_cast<double>(r.range(lo, hi)); };
    sc.params = {{"mitigation", pick(0, 5)}, {"rate", pick(10, 150)},        {"ttl_ms", pick(100, 400)},
                 {"recompute_ms", pick(5, 80)}, {"db_slots", pick(1, 8)},    {"db_queue_limit", pick(3, 60)},
                 {"db_timeout_ms", pick(0, 200)}, {"client_timeout_ms", pick(30, 300)}, {"retries", pick(0, 3)},
                 {"servers", pick(1, 3)},        {"keys", pick(1, 4)},       {"zipf", pick(0, 20) / 10.0},
                 {"ttl_jitter", pick(0, 5) / 10.0}, {"stale_ms", pick(0, 200)}, {"lock_ttl_ms", pick(20, 200)},
                 {"lock_poll_ms", pick(1, 30)},  {"beta", pick(5, 30) / 10.0}, {"refresh_factor", pick(2, 9) / 10.0},
                 {"prewarm", pick(0, 1)},        {"hop_ms", pick(0, 3)}};
    // Sometimes a fault: the cache restarts empty, the database or a server crashes, a flush.
    const int fault = static_cast<int>(r.range(0, 5));
    const Time at = r.range(fromMs(50), fromMs(500));
    const auto add = [&](const std::string& json, Time when) {
        Action a = actionFromJson(nlohmann::json::parse(json), "").value();
        a.at = when;
        sc.actions.push_back(a);
    };
    if (fault == 1) add(R"({"do": "flush"})", at);
    if (fault == 2) add(R"({"do": "expire", "key": "k1"})", at);
    const char* node = fault == 3 ? "cache" : fault == 4 ? "db" : "app1";
    if (fault >= 3) {
        add(std::string(R"({"do": "crash", "node": ")") + node + "\"}", at);
        add(std::string(R"({"do": "restart", "node": ")") + node + "\"}", at + r.range(fromMs(10), fromMs(200)));
    }
    return sc;
}

}  // namespace

TEST_CASE("random loads, mitigations and faults: no invariant breaks at any step", "[cache][soak]") {
    std::uint64_t events = 0;
    std::int64_t recomputes = 0, stale = 0, retries = 0, refused = 0;
    const char* firstEnv = std::getenv("CACHE_SOAK_FIRST");
    const std::uint64_t first = firstEnv ? std::strtoull(firstEnv, nullptr, 10) : 1;
    for (std::uint64_t seed = first; seed < first + kSeeds; ++seed) {
        INFO("seed " << seed);
        const Scenario sc = randomScenario(seed);
        nlohmann::json script = nlohmann::json::array();
        for (const Action& a : sc.actions) script.push_back(toJson(a));
        INFO("params " << nlohmann::json(sc.params).dump() << " actions " << script.dump());
        Simulation s = Simulation::create(registry(), sc).value();
        std::uint64_t seedEvents = 0;
        for (auto next = s.nextTime(); next && *next <= fromMs(800); next = s.nextTime()) {
            s.step();
            ++events;
            REQUIRE(++seedEvents < 1000000);  // a short run: anything near this is a runaway
            if (const auto found = s.model().violations(); !found.empty()) {
                const Violation& v = found.front();
                FAIL("seed " << seed << ": " << v.invariant << ": " << v.detail << " at " << v.time);
            }
        }
        const auto& m = model(s);
        const auto& c = m.counters();
        const auto open = static_cast<std::int64_t>(m.openAttempts());
        REQUIRE(c.attempts == c.hits + c.missServed + c.staleServed + c.errors + c.timeouts + open);
        recomputes += c.recomputes;
        stale += c.staleServed;
        retries += c.retries;
        refused += c.dbRefused + c.dbTimeouts;
    }
    // The loads were real: herds, stale serving, retries and an overloaded database all happened.
    CHECK(recomputes > static_cast<std::int64_t>(kSeeds));
    CHECK(stale > 0);
    CHECK(retries > 0);
    CHECK(refused > 0);
    WARN(kSeeds << " seeds, " << events << " events, " << recomputes << " recomputes");
}
