// Plain cache-aside with a TTL: the herd, its size, the database queue, accounting, determinism.
#include <catch2/catch.hpp>

#include "cache_test_util.h"

using namespace sb::core;
using namespace cachetest;

namespace {

ParamValues small(double rate, double deltaMs) {
    return {{"rate", rate}, {"ttl_ms", 2000}, {"recompute_ms", deltaMs}, {"db_slots", 256}, {"db_queue_limit", 100000},
            {"client_timeout_ms", 10000}, {"retries", 0}};
}

// Mean recomputes per expiry over a few seeds, runs of three TTLs.
double herd(double rate, double deltaMs) {
    double sum = 0;
    for (std::uint64_t seed = 1; seed <= 4; ++seed) {
        Simulation s = start(small(rate, deltaMs), seed);
        runUntil(s, fromMs(6500));
        REQUIRE(s.model().violations().empty());
        REQUIRE(model(s).cycles().size() >= 2);
        sum += metric(s, "recomputes_per_expiry");
    }
    return sum / 4;
}

}  // namespace

TEST_CASE("plain TTL: every reader in the window before the first refill recomputes, so the herd grows with rate x delta",
          "[cache][ttl]") {
    // The window is delta plus the four hops of the first miss and its write (2 ms each).
    struct Case { double rate, delta; };
    const Case cases[] = {{50, 20}, {100, 100}, {400, 200}};
    double previous = 0;
    for (const Case& c : cases) {
        const double measured = herd(c.rate, c.delta);
        const double predicted = c.rate * (c.delta + 8) / 1000.0;
        INFO("rate " << c.rate << " delta " << c.delta << ": " << measured << " recomputes, rate x window " << predicted);
        CHECK(measured > previous);
        CHECK(measured >= 0.6 * predicted);
        CHECK(measured <= 1.5 * predicted + 2);
        previous = measured;
    }
}

TEST_CASE("a herd larger than the database's slots queues, and the wait grows by delta per round of c queries",
          "[cache][ttl][db]") {
    ParamValues p = small(400, 200);
    p["db_slots"] = 4;
    Simulation s = start(p, 3);
    runUntil(s, fromMs(7000));  // long enough for the queue to drain
    const auto& m = model(s);
    // About 80 recomputes reach a database that runs 4 at a time: most of them wait, the last
    // one about queue / 4 rounds of 200 ms.
    CHECK(m.counters().queuePeak >= 40);
    CHECK(metric(s, "db_p99_ms") >= 200.0 * static_cast<double>(m.counters().queuePeak) / 4 * 0.8);
    CHECK(s.model().violations().empty());
}

TEST_CASE("a slow database with timeouts and retries feeds itself: retries and wasted queries pile up",
          "[cache][ttl][retry]") {
    ParamValues p = small(200, 500);
    p["db_slots"] = 2;
    p["client_timeout_ms"] = 1000;
    p["retries"] = 2;
    Simulation s = start(p, 5);
    runUntil(s, fromMs(4000));
    const auto& c = model(s).counters();
    CHECK(c.timeouts > 50);
    CHECK(c.retries > 50);
    CHECK(c.late + c.dbTimeouts > 0);
    CHECK(c.dbQueued > c.logical / 10);  // far more queries than one per expiry
    CHECK(s.model().violations().empty());
}

TEST_CASE("every attempt ends as exactly one outcome and every request as ok or failed", "[cache][accounting]") {
    ParamValues p = small(300, 300);
    p["db_slots"] = 2;
    p["client_timeout_ms"] = 150;  // shorter than the recompute: the herd's retries time out too
    p["retries"] = 1;
    Simulation s = start(p, 9);
    runUntil(s, fromMs(5000));
    const auto& m = model(s);
    const auto& c = m.counters();
    const auto open = static_cast<std::int64_t>(m.openAttempts());
    CHECK(c.attempts == c.hits + c.missServed + c.staleServed + c.errors + c.timeouts + open);
    CHECK(c.logical == c.ok + c.failed + open);
    CHECK(c.attempts == c.logical + c.retries);
    CHECK(c.failed > 0);
    CHECK(c.hits > 0);
}

TEST_CASE("same seed, same trace; another seed, another trace", "[cache][determinism]") {
    for (const char* mitigation : {"none", "lock", "single_flight", "xfetch", "swr", "refresh_ahead"}) {
        INFO(mitigation);
        ParamValues p = small(150, 80);
        p["mitigation"] = choice(mitigation);
        p["keys"] = 3;
        const auto trace = [&](std::uint64_t seed) {
            Simulation s = start(p, seed);
            std::vector<Event> events;
            for (auto next = s.nextTime(); next && *next <= fromMs(4500); next = s.nextTime())
                if (auto e = s.step()) events.push_back(*e);
            std::ostringstream out;
            writeTrace(out, events, s.model().nodeNames());
            return out.str();
        };
        const std::string a = trace(11);
        CHECK(a == trace(11));
        CHECK(a != trace(12));
        CHECK(a.size() > 1000);
    }
}

TEST_CASE("the view shows tiers, an aggregate client node, the hot key's row and the database gauges", "[cache][view]") {
    ParamValues p = small(400, 200);
    p["db_slots"] = 4;
    Simulation s = start(p, 2);
    runUntil(s, fromMs(2100));
    const View v = s.model().view(s.now());
    CHECK(v.layout == Layout::Tiers);
    REQUIRE(v.nodes.size() == 5);
    CHECK(v.nodes[0].kind == NodeKind::Client);
    CHECK(v.nodes[0].count == 200);
    CHECK(v.nodes[1].tier == 1);
    CHECK(v.nodes[3].kind == NodeKind::Cache);
    CHECK(v.nodes[4].kind == NodeKind::Database);
    CHECK(v.nodes[4].bars.size() == 2);
    CHECK(v.links.size() == 12);  // clients, cache and db to each of two servers, both ways
    REQUIRE(v.keys.size() == 1);
    CHECK(v.keys[0].key == "k1");
    CHECK(v.keys[0].status.find("recomputing") == 0);
    CHECK_FALSE(v.annotations.empty());
}
