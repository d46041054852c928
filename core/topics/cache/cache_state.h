#pragma once

#include <deque>
#include <map>
#include <set>
#include <vector>

#include "sim/event.h"
#include "topics/cache/cache_types.h"

namespace sb::core::cache {

// The parameters of a run, converted once at reset.
struct Config {
    int clients = 200;
    int servers = 2;
    double rate = 200;         // requests per second, all keys together
    int keys = 1;
    double zipf = 1;
    Time ttl = 0;
    double jitter = 0;         // each write's TTL is stretched by up to this fraction
    Time recompute = 0;        // delta: the database's service time for the query
    int dbSlots = 8;
    int dbQueueLimit = 2000;
    Time dbTimeout = 0;        // statement timeout while queued (0: none)
    Time clientTimeout = 0;
    int retries = 2;
    Mitigation mitigation = Mitigation::None;
    double beta = 1;
    Time stale = 0;            // how long an expired value may still be served (lock, swr)
    Time lockTtl = 0;
    Time lockPoll = 0;
    double refreshFactor = 0.75;
    bool prewarm = true;
    Time hop = 0;
};

// One key in the cache node. `soft` is the TTL; the value is kept until `hard` so that the
// lock and stale-while-revalidate mitigations can serve it stale.
struct Entry {
    bool present = false;
    std::int64_t version = 0;
    Time setAt = 0;
    Time soft = 0;
    Time hard = 0;
    Time delta = 0;
    bool reloading = false;  // refresh-ahead: a reload of this version is scheduled
};

// SET lock:<key> <token> NX PX <lock_ttl>: gone once `expiry` has passed.
struct Lock {
    std::int64_t token = 0;
    Time expiry = 0;
};

struct Attempt {
    std::int64_t logical = 0;
    int key = 0;
    int number = 1;        // 1 = first try
    Time start = 0;
    Time logicalStart = 0;
    NodeId app = kNoNode;
};

// A recompute an app server started: who waits for it and what it replaces.
struct Recompute {
    NodeId app = kNoNode;
    int key = 0;
    std::vector<std::int64_t> waiters;  // attempts to answer with the result
    Time start = 0;
    bool background = false;            // swr / refresh-ahead: nobody waits
    bool flight = false;                // single flight: the app's flight for the key
    std::int64_t replaces = 0;          // version whose cycle it counts in
    Time lockExpiry = 0;                // lock mode: the lock it holds runs out then
    std::int64_t token = 0;             // lock mode: the token it set, to delete only its own lock
};

struct Flight {
    std::int64_t query = 0;  // 0 while the leader re-checks the cache
    std::vector<std::int64_t> waiters;
};

struct Poll {
    int key = 0;
    Time deadline = 0;
};

struct AppState {
    std::map<int, Flight> flights;      // single flight, by key
    std::set<int> revalidating;         // swr, by key: a revalidation in flight
    std::map<int, std::int64_t> revalidated;  // swr, by key: the last version revalidated
    std::map<std::int64_t, Poll> polls; // lock waiters, by attempt
};

struct DbQuery {
    std::int64_t id = 0;
    NodeId app = kNoNode;
    Time arrived = 0;
    int key = 0;
};

// The herd's accounting. Every attempt ends as hit, miss-served, stale-served, error or
// timed out; every logical request (first try plus retries) as ok or failed.
struct Counters {
    std::int64_t attempts = 0, hits = 0, missServed = 0, staleServed = 0, errors = 0, timeouts = 0;
    std::int64_t logical = 0, ok = 0, failed = 0, retries = 0, late = 0;
    std::int64_t recomputes = 0, recomputesDone = 0, early = 0, locksTaken = 0, locksRefused = 0;
    std::int64_t coalesced = 0, dbQueued = 0, dbServed = 0, dbTimeouts = 0, dbRefused = 0;
    std::int64_t expirations = 0, queuePeak = 0, qpsPeak = 0;
    std::int64_t qpsSecond = -1, qpsCount = 0;  // the current one-second window of arrivals
};

// What the view shows per key: the last outcome and how busy it is.
struct KeyStats {
    const char* last = "";
    std::int64_t hits = 0, misses = 0, recomputes = 0;
    int inFlight = 0;       // recomputes in flight
    std::int64_t lastVersion = 0;  // the latest version ever written, survives eviction
    Time lastExpiry = 0;           // and its soft expiry
};

}  // namespace sb::core::cache
