#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <set>
#include <utility>
#include <vector>

#include "sim/event.h"
#include "sim/time.h"

namespace sb::core::cache {

// The mitigation choice, in the order of the "mitigation" parameter.
enum class Mitigation { None, Lock, SingleFlight, XFetch, Swr, RefreshAhead };

// What the cache found for a key at lookup time.
enum class EntryState : std::uint8_t { Missing, Fresh, Stale };

// How a client attempt ended. Every attempt ends as exactly one of these (or is still open).
enum class Outcome : std::uint8_t { Open, Hit, MissServed, StaleServed, Error, TimedOut };

// Why an app server asked the cache: the first lookup, a lock waiter's poll, a single-flight
// leader's re-check (groupcache looks again inside the flight), or a lock holder's re-check.
enum class Purpose : std::uint8_t { Lookup, Poll, FlightCheck };

// One message's contents; which fields matter depends on the message kind.
struct Payload {
    std::int64_t req = 0;      // client attempt id
    std::int64_t query = 0;    // database query id
    std::int64_t token = 0;    // lock token (the holder's query id)
    int key = 0;
    std::int64_t version = 0;  // cache entry version (0: never written)
    EntryState state = EntryState::Missing;
    Purpose purpose = Purpose::Lookup;
    Outcome outcome = Outcome::Open;
    bool ok = true;            // lock taken / query served / reply is a value
    bool claim = false;        // refresh-ahead: this reader won the entry's one reload
    bool missed = false;       // the attempt missed before it was served
    Time setAt = 0;            // when the served version was written
    Time expiry = 0;           // the version's (soft) expiry
    Time delta = 0;            // XFetch: how long the version took to recompute
    Time deadline = 0;         // the client attempt gives up at this time
    Time lookedUp = 0;         // when the cache looked the key up
    Time lockExpiry = 0;       // when the lock the reply grants runs out
};

// What a message puts into its send event (docs/formats.md, "Messages: cache"), so a checker
// reading only the trace sees what it said. Found by the engine through argument-dependent lookup.
void traceFields(const Payload& m, Event& e);


// Log-spaced latency histogram (10% per bucket, from 0.1 ms to past 15 minutes), a fixed
// array so a checkpoint copy stays cheap however long the run.
class Histogram {
public:
    static constexpr int kBuckets = 170;
    void add(Time t);
    std::int64_t count() const { return m_count; }
    // The q-quantile (0..1) in milliseconds; 0 when empty. Geometric middle of the bucket.
    double quantileMs(double q) const;

private:
    std::array<std::int64_t, kBuckets> m_counts{};
    std::int64_t m_count = 0;
};

// The latency clients see now: the requests answered in the last second (with their latency)
// and, through `quantileMs`, those still waiting at their wait so far. A whole-run histogram
// hides a stampede: the herd's few hundred slow answers come after thousands of fast hits, and
// they come only once their clients time out and retry, seconds after the herd began.
class RecentLatency {
public:
    static constexpr Time kWindow = kSecond;
    void add(Time answeredAt, Time latency);
    // The q-quantile (0..1) in ms over the answers in (t - kWindow, t] and the `waiting` requests'
    // ages at t (their start times); 0 when there are neither.
    // Costs the window's answers plus the slowest share of the waiting, not every open request.
    double quantileMs(double q, Time t, const std::multiset<Time>& waitingSince) const;

private:
    std::deque<std::pair<Time, Time>> m_answers;  // (answered at, latency), oldest first
    // The last quantile found (in µs): a floor the next one's candidates are filtered by, a hint
    // only (quantileMs gives the same value whatever it holds).
    mutable Time m_lastAnswer = 0;
};

// XFetch decisions by x = (expiry - now) / (delta * beta), in bins of 0.25 from 0 to 4. The
// paper's rule recomputes with probability exp(-x); `expected` sums that per decision so a test
// can compare it with what the run's Rng actually decided.
struct XFetchBins {
    static constexpr int kBins = 16;
    std::array<std::int64_t, kBins> reads{};
    std::array<std::int64_t, kBins> early{};
    std::array<double, kBins> expected{};
};

// The last ten seconds in one-second buckets, for "what is happening now" probes: database
// queries, hits, answered attempts and the longest database queue.
class Recent {
public:
    enum Series { Queries, Hits, Answered, QueuePeak, kSeries };
    void add(Time now, Series s, std::int64_t n = 1);
    void max(Time now, Series s, std::int64_t value);
    // Sum (or, for QueuePeak, maximum) over the ten seconds up to `now`.
    std::int64_t total(Time now, Series s) const;

private:
    std::array<std::int64_t, kSeries>& bucket(Time now);
    std::array<std::array<std::int64_t, kSeries>, 10> m_buckets{};
    std::array<std::int64_t, 10> m_second{-1, -1, -1, -1, -1, -1, -1, -1, -1, -1};
};

// One expiry cycle of a key: a version whose reads started at least one recompute.
struct Cycle {
    int key = 0;
    std::int64_t version = 0;  // the version the recomputes replace (0: cold start)
    Time expiry = 0;           // its soft expiry (0 for a cold start)
    Time firstStart = 0;       // when its first recompute began
    std::int64_t recomputes = 0;
};

}  // namespace sb::core::cache
