// Each mitigation's defining property, measured on the model.
#include <catch2/catch.hpp>

#include <cmath>

#include "cache_test_util.h"

using namespace sb::core;
using namespace cachetest;

namespace {

ParamValues load(const char* mitigation, double rate = 300, double deltaMs = 100) {
    return {{"mitigation", choice(mitigation)}, {"rate", rate}, {"ttl_ms", 2000}, {"recompute_ms", deltaMs},
            {"db_slots", 64}, {"client_timeout_ms", 10000}, {"retries", 0}};
}

// Every expiry cycle (cold starts excluded) of every seed started exactly `want` recomputes, or
// at most `want` when `atMost`.
void checkCycles(const ParamValues& p, std::int64_t want, bool atMost, std::int64_t* total = nullptr) {
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
        Simulation s = start(p, seed);
        runUntil(s, fromMs(9000));
        INFO("seed " << seed);
        REQUIRE(s.model().violations().empty());
        const auto& cycles = model(s).cycles();
        REQUIRE(cycles.size() >= 3);
        for (const cache::Cycle& c : cycles) {
            if (c.version == 0) continue;
            INFO("version " << c.version);
            if (atMost) CHECK(c.recomputes <= want);
            else CHECK(c.recomputes == want);
            if (total) *total += c.recomputes;
        }
    }
}

}  // namespace

TEST_CASE("lock (SET NX PX): exactly one recompute per expiry; the others wait", "[cache][lock]") {
    ParamValues p = load("lock");
    p["stale_ms"] = 0;
    checkCycles(p, 1, false);
    Simulation s = start(p, 1);
    runUntil(s, fromMs(5000));
    const auto& c = model(s).counters();
    CHECK(c.locksRefused > 10);      // the herd was there and was turned away
    CHECK(c.staleServed == 0);       // nothing stale to give it: it waited
    CHECK(c.missServed > 10);
    CHECK(c.errors + c.timeouts == 0);
}

TEST_CASE("lock with a stale copy: exactly one recompute per expiry; the others are served the old value", "[cache][lock]") {
    ParamValues p = load("lock");
    p["stale_ms"] = 1000;
    checkCycles(p, 1, false);
    Simulation s = start(p, 1);
    runUntil(s, fromMs(5000));
    CHECK(model(s).counters().staleServed > 10);
}

TEST_CASE("a lock that expires before its holder finishes lets a second recompute in", "[cache][lock]") {
    ParamValues p = load("lock", 300, 300);
    p["lock_ttl_ms"] = 100;  // shorter than the recompute
    p["stale_ms"] = 0;
    Simulation s = start(p, 4);
    runUntil(s, fromMs(5000));
    CHECK(s.model().violations().empty());  // the invariant holds only for unexpired locks
    CHECK(metric(s, "recomputes_per_expiry_max") >= 2);
}

TEST_CASE("single flight with one app server: exactly one recompute per expiry", "[cache][single_flight]") {
    ParamValues p = load("single_flight");
    p["servers"] = 1;
    checkCycles(p, 1, false);
}

TEST_CASE("single flight is per server: with three servers, at most three recomputes per expiry", "[cache][single_flight]") {
    ParamValues p = load("single_flight");
    p["servers"] = 3;
    std::int64_t total = 0;
    checkCycles(p, 3, true, &total);
    Simulation s = start(p, 1);
    runUntil(s, fromMs(5000));
    CHECK(model(s).counters().coalesced > 10);
    CHECK(total > 15);  // more than one per cycle on average: each server loads once
}

TEST_CASE("XFetch recomputes early with probability exp(-(expiry - now) / (delta * beta)) per request",
          "[cache][xfetch]") {
    for (const double beta : {1.0, 2.0}) {
        INFO("beta " << beta);
        cache::XFetchBins bins;
        for (std::uint64_t seed = 1; seed <= 6; ++seed) {
            // A low rate times delta, so readers decide at every distance from the expiry.
            ParamValues p = load("xfetch", 50, 100);
            p["ttl_ms"] = 500;
            p["beta"] = beta;
            Simulation s = start(p, seed);
            runUntil(s, fromMs(60000));
            REQUIRE(s.model().violations().empty());
            const auto& b = model(s).xfetchBins();
            for (std::size_t i = 0; i < static_cast<std::size_t>(cache::XFetchBins::kBins); ++i) {
                bins.reads[i] += b.reads[i];
                bins.early[i] += b.early[i];
                bins.expected[i] += b.expected[i];
            }
        }
        double observed = 0, expected = 0;
        int binsChecked = 0;
        for (std::size_t i = 0; i < static_cast<std::size_t>(cache::XFetchBins::kBins); ++i) {
            observed += static_cast<double>(bins.early[i]);
            expected += bins.expected[i];
            if (bins.expected[i] < 15) continue;
            ++binsChecked;
            const double p = bins.expected[i] / static_cast<double>(bins.reads[i]);
            const double sd = std::sqrt(bins.expected[i] * (1 - p)) + 1;
            INFO("bin " << i << ": " << bins.early[i] << " early of " << bins.reads[i] << ", expected " << bins.expected[i]);
            CHECK(std::abs(static_cast<double>(bins.early[i]) - bins.expected[i]) <= 4 * sd);
        }
        CHECK(binsChecked >= 4);
        CHECK(std::abs(observed - expected) <= 4 * std::sqrt(expected) + 2);
    }
}

TEST_CASE("XFetch starts its first recompute before the expiry, earlier with a larger beta", "[cache][xfetch]") {
    double lead[2] = {0, 0};
    for (int b = 0; b < 2; ++b) {
        for (std::uint64_t seed = 1; seed <= 4; ++seed) {
            ParamValues p = load("xfetch", 300, 100);
            p["beta"] = b == 0 ? 1.0 : 2.0;
            Simulation s = start(p, seed);
            runUntil(s, fromMs(9000));
            CHECK(metric(s, "first_recompute_lead_ms") > 0);
            // Far below plain TTL's rate x delta = 30 copies per expiry.
            CHECK(metric(s, "recomputes_per_expiry") < 10);
            // Only the early recomputers wait (the last ones may still be waiting at the end).
            const auto& c = model(s).counters();
            CHECK(c.missServed <= c.early);
            CHECK(c.missServed * 10 >= c.early * 8);
            lead[b] += metric(s, "first_recompute_lead_ms");
        }
    }
    CHECK(lead[1] > lead[0] * 1.3);
}

TEST_CASE("stale-while-revalidate: readers never wait once warm; one revalidation per server per expiry", "[cache][swr]") {
    ParamValues p = load("swr");
    p["stale_ms"] = 1000;
    checkCycles(p, 2, true);
    Simulation s = start(p, 1);
    runUntil(s, fromMs(9000));
    const auto& c = model(s).counters();
    CHECK(c.staleServed > 10);
    CHECK(c.missServed == 0);
    CHECK(metric(s, "client_p99_ms") < 50);
}

TEST_CASE("refresh-ahead: one reload per version, started before it expires, and nobody waits", "[cache][refresh_ahead]") {
    ParamValues p = load("refresh_ahead");
    checkCycles(p, 1, false);
    Simulation s = start(p, 1);
    runUntil(s, fromMs(9000));
    CHECK(model(s).counters().missServed == 0);
    CHECK(metric(s, "first_recompute_lead_ms") > 400);  // reloads start after 75% of a 2 s TTL
}

TEST_CASE("TTL jitter spreads keys written together; without it they all expire in the same instant", "[cache][jitter]") {
    const auto peak = [](double jitter) {
        ParamValues p = load("none", 2000, 100);
        p["keys"] = 40;
        p["zipf"] = 0;
        p["ttl_jitter"] = jitter;
        p["db_slots"] = 32;
        Simulation s = start(p, 7);
        runUntil(s, fromMs(3200));
        REQUIRE(s.model().violations().empty());
        return model(s).counters().queuePeak;
    };
    // 40 keys of 50 requests a second each expire in one instant: about 200 recomputes meet a
    // database that runs 32 at a time. Spread over a second, the same 200 fit.
    CHECK(peak(0.0) >= 50);
    CHECK(peak(0.5) * 3 < peak(0.0));
}
