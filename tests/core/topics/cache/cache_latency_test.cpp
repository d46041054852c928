// The latency clients see now (client_p99_last_second_ms) against the whole run's: the
// stampede lesson's herd shows while it waits, and the line comes back down once it is over.
#include <catch2/catch.hpp>

#include "cache_test_util.h"

using namespace sb::core;
using namespace cachetest;

namespace {

// cache-stampede's scenario: 200 requests a second, a 10 s TTL, a 2 s query, 8 database slots.
ParamValues stampede() {
    return {{"rate", 200},          {"ttl_ms", 10000}, {"recompute_ms", 2000}, {"db_slots", 8},
            {"db_timeout_ms", 10000}, {"client_timeout_ms", 5000}, {"retries", 2}};
}

}  // namespace

TEST_CASE("the last second's p99 rises with the herd's wait while the whole run's stays at the hits'", "[cache][latency]") {
    Simulation s = start(stampede(), 1);
    runUntil(s, fromMs(9900));
    const double warm = metric(s, "client_p99_last_second_ms");
    CHECK(warm < 50);  // hits: a few hops
    // Nobody who missed at 10 s has an answer by 12 s: the whole run's p99 still reads the hits',
    // while the requests still waiting have waited up to 2 s.
    runUntil(s, fromMs(12000));
    CHECK(metric(s, "client_p99_ms") < 50);
    const double herd = metric(s, "client_p99_last_second_ms");
    CHECK(herd >= 1500);
    CHECK(herd <= 2100);
    // Between events the wait goes on: the model reads the clock.
    const auto& m = model(s);
    const auto at = [&](Time t) {
        for (const Metric& x : m.metricsAt(t))
            if (x.name == "client_p99_last_second_ms") return x.value;
        FAIL("no metric");
        return 0.0;
    };
    CHECK(at(s.now() + fromMs(1)) > at(s.now()));
    // The herd's clients give up at 5 s and their retries hit: answered after about 5 s each.
    runUntil(s, fromMs(16000));
    CHECK(metric(s, "client_p99_last_second_ms") >= 4500);
    // Once the last of them is a second behind, the line is back at the hits'; the whole run's
    // p99 never comes down.
    runUntil(s, fromMs(19000));
    CHECK(metric(s, "client_p99_last_second_ms") < 50);
    CHECK(metric(s, "client_p99_ms") >= 4500);
    CHECK(s.model().violations().empty());
}

TEST_CASE("the last second's p99 is exact over the answers in the window and the requests still open", "[cache][latency]") {
    cache::RecentLatency recent;
    CHECK(recent.quantileMs(0.99, fromMs(100), {}) == 0);
    for (int i = 1; i <= 100; ++i) recent.add(fromMs(1000 + i), fromMs(i));  // answered 1..100 ms
    CHECK(recent.quantileMs(0.99, fromMs(1100), {}) == Approx(99));
    CHECK(recent.quantileMs(0.5, fromMs(1100), {}) == Approx(50));
    // One request open since t = 0: its 1100 ms so far is the slowest.
    CHECK(recent.quantileMs(1.0, fromMs(1100), {0}) == Approx(1100));
    // A second later the first half of the answers has left the window.
    CHECK(recent.quantileMs(0.0, fromMs(2050), {}) == Approx(51));
    CHECK(recent.quantileMs(0.99, fromMs(2101), {}) == 0);
}
