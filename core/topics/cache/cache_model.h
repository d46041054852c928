#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/engine.h"
#include "sim/model.h"
#include "sim/model_capabilities.h"
#include "sim/param_binding.h"
#include "topics/cache/cache_state.h"

namespace sb::core::cache {

// The "cache" topic: a cache stampede and its mitigations on one request stream.
//
// Tiers: "clients" (one aggregate node standing for `clients` clients), app servers app1..appS,
// one cache node, one database. Requests arrive as a Poisson process per key (the keys' rates
// follow Zipf with exponent `zipf` and sum to `rate`); each goes client -> app -> cache and, on a
// miss, app -> database -> app -> cache (cache-aside). Every write sets a TTL (stretched by up to
// `ttl_jitter`). The database is a FIFO queue in front of `db_slots` parallel workers, each query
// taking exactly `recompute_ms` (delta): an M/D/c queue when arrivals are Poisson, so a query's
// latency is its wait plus delta, and the wait grows linearly with the queue ahead of it (about
// queue / c * delta). Queued queries past `db_timeout_ms` are cancelled (statement timeout); a
// full queue refuses. Clients give up after `client_timeout_ms` and retry at once, up to
// `retries` times; the abandoned work stays queued, which is the stampede's feedback loop.
//
// Mitigations, each as its source defines it:
// - none: plain TTL; every request that misses recomputes.
// - lock: SET lock:key token NX PX lock_ttl_ms (Redis). The winner re-reads the cache (its answer
//   rides on the lock reply), recomputes, writes the value and deletes the lock only if it still
//   holds its token. Losers get the expired value while it is within `stale_ms`, else poll every
//   `lock_poll_ms`.
// - single_flight: golang groupcache's singleflight.Group per app server: one load per key in
//   flight per server, the others wait for its result; the load re-checks the cache first, as
//   groupcache's load() does. With S servers, up to S recomputes per expiry.
// - xfetch: Vattani, Chierichetti, Lowenstein, "Optimal Probabilistic Cache Stampede Prevention",
//   VLDB 2015: a reader recomputes (and waits for it) when now - delta * beta * ln(rand()) >=
//   expiry, with delta the stored measured recompute time and rand from the run's Rng in (0, 1].
// - swr: RFC 5861 stale-while-revalidate=`stale_ms`: after the TTL an app serves the stale value
//   and revalidates in the background, one revalidation per stale version per server (the RFC
//   leaves collapsing to the cache; proxies collapse); past the window it is an ordinary miss.
// - refresh_ahead: Oracle Coherence's refresh-ahead factor f: a read of a version older than
//   f * TTL (but not expired) is served and schedules one asynchronous reload of the entry.
//
// Simplifications: one cache node without memory limit or eviction other than TTL; the value
// never changes at the source (a recompute produces the next version); links have a fixed hop
// delay and never lose messages unless the learner partitions or crashes something.
//
// Invariants, after every step: no client is served a version older than its TTL plus the
// staleness its mitigation allows (stale_ms for lock and swr, nothing for the others); with a
// lock, at most one recompute per key in flight while holding an unexpired lock; with single
// flight, at most one per key per server; every attempt and request is accounted for.
class CacheModel final : public Model, public ProbesAtTime {
public:
    static const TopicInfo& topicInfo();
    static const ParamBinding<Config>& binding();

    std::unique_ptr<Model> clone() const override { return std::make_unique<CacheModel>(*this); }
    const TopicInfo& info() const override { return topicInfo(); }
    Status reset(const ParamValues& params, std::uint64_t seed) override;
    Status apply(const Action& action, Event& out) override;
    std::optional<Event> step() override;
    Time now() const override { return m_engine.now(); }
    std::optional<Time> nextTime() const override { return m_engine.nextTime(); }
    bool reporting() const override { return m_engine.reporting(); }
    std::vector<std::string> nodeNames() const override { return m_engine.names(); }
    View view(Time t) const override;
    std::vector<Metric> metrics() const override { return metricsAt(now()); }
    std::vector<Metric> metricsAt(Time t) const override;
    std::vector<Violation> violations() const override { return m_violations; }
    ProbeValue probe(const std::string& name, NodeId node) const override;
    ProbeValue probeKey(const std::string& name, NodeId node, const std::string& key) const override;
    // TTLs, "cached" and the 10-second windows read the clock: after a wait, the values shown then.
    ProbeValue probeAt(const std::string& name, NodeId node, const std::string& key, Time t) const override;
    std::string describe(const Event& event) const override;
    std::vector<InspectRow> inspectNode(NodeId node) const override;

    // Deliberately broken variant ("lock_two_holders": SET NX grants a lock someone holds) for
    // tests that show the invariants catch it; not a parameter, so no lesson or session can
    // reach it. Call after reset; lasts until the next reset.
    std::vector<std::string> brokenVariants() const;
    Status breakOnPurpose(const std::string& variant);

    const Config& config() const { return m_cfg; }
    const Counters& counters() const { return m_c; }
    const std::vector<Cycle>& cycles() const { return m_cycles; }
    const XFetchBins& xfetchBins() const { return m_xfetch; }
    const Histogram& clientLatency() const { return m_clientLatency; }
    const Histogram& dbLatency() const { return m_dbLatency; }
    std::size_t dbQueueLength() const { return m_dbQueue.size(); }
    std::size_t openAttempts() const { return m_attempts.size(); }
    std::string keyName(int key) const { return "k" + std::to_string(key + 1); }

private:
    static constexpr NodeId kClients = 0;
    NodeId cacheNode() const { return static_cast<NodeId>(m_cfg.servers + 1); }
    NodeId dbNode() const { return static_cast<NodeId>(m_cfg.servers + 2); }
    // Probes of the whole system (or of a node), read at time t.
    ProbeValue systemProbe(const std::string& name, NodeId node, Time t) const;
    // Lookups that found a fresh value, of all lookups so far (nullopt before the first): a miss
    // counts when the cache is asked, so a stampede shows at once, unlike hit_ratio's answers.
    std::optional<double> lookupHitRatio() const;
    // The 99th percentile latency at t of the last second's answers and the requests still open
    // (at their wait so far): what the clients see now, a stampede included while it waits.
    double recentClientP99Ms(Time t) const;
    bool isApp(NodeId n) const { return n >= 1 && n <= m_cfg.servers; }
    std::string name(NodeId n) const;
    Event& emitKey(const char* kind, NodeId node, int key);
    // How long past its TTL the cache keeps a value that may be served stale.
    Time keep() const {
        return m_cfg.mitigation == Mitigation::Lock || m_cfg.mitigation == Mitigation::Swr ? m_cfg.stale : 0;
    }

    // cache_client.cpp: arrivals, attempts, timeouts, retries and accounting.
    void scheduleArrival(int key);
    void onArrival(int key);
    void startAttempt(std::int64_t logical, int key, int number, Time logicalStart);
    void onReply(const Payload& p);
    void onAttemptTimeout(std::int64_t req);
    void endAttempt(std::int64_t req, Outcome outcome, Time setAt);
    // cache_app.cpp: cache-aside with each mitigation.
    void onGet(NodeId app, const Payload& p);
    void onCacheReply(NodeId app, const Payload& p);
    void onLockReply(NodeId app, const Payload& p);
    void onResult(NodeId app, const Payload& p);
    void onPoll(NodeId app, std::int64_t req);
    void lookup(NodeId app, const Payload& p, Purpose purpose);
    void serve(NodeId app, const Payload& from, std::int64_t req, Outcome outcome);
    void joinFlight(NodeId app, const Payload& p);
    bool xfetchEarly(NodeId app, const Payload& p);
    void waitForLock(NodeId app, const Payload& p);
    std::int64_t recompute(NodeId app, const Payload& p, std::vector<std::int64_t> waiters, bool background);
    // cache_store.cpp: the cache node and the database.
    void onCacheGet(const Payload& p, NodeId from);
    void onCacheSet(const Payload& p);
    void onLock(const Payload& p, NodeId from);
    void onUnlock(const Payload& p);
    void onHardExpiry(int key);
    Payload entryPayload(int key, const Payload& request) const;
    void write(int key, Time delta);
    void onQuery(const Payload& p, NodeId from);
    void startService();
    void onServiceDone(std::int64_t query);
    void onStatementTimeout(std::int64_t query);
    // cache_check.cpp: invariants and cycles.
    void countRecompute(const Recompute& r, const Payload& seen);
    void checkServed(const Payload& p, Outcome outcome);
    void checkAccounting();
    void violation(std::string invariant, std::string detail, std::vector<NodeId> nodes);

    void onDeliver(const Message<Payload>& m);
    void onTimer(NodeId node, int tag);
    Status applySet(const Action& a);
    void failDbCalls();
    void failCacheCalls();

    Engine<Payload> m_engine;
    Config m_cfg;
    bool m_lockIgnoresHolder = false;     // broken: SET NX succeeds over an unexpired lock
    std::vector<double> m_keyRate;        // per key, requests per second
    std::vector<Entry> m_store;           // the cache node's contents, by key
    std::vector<Lock> m_locks;
    std::vector<KeyStats> m_keys;
    std::map<std::int64_t, Attempt> m_attempts;    // open attempts
    std::vector<AppState> m_apps;                  // index 0 = app1
    std::map<std::int64_t, Recompute> m_recomputes;  // in flight, by query id
    std::deque<DbQuery> m_dbQueue;
    std::map<std::int64_t, DbQuery> m_dbBusy;
    std::vector<Cycle> m_cycles;
    std::map<std::pair<int, std::int64_t>, std::size_t> m_cycleOf;  // (key, version) -> cycle
    XFetchBins m_xfetch;
    Histogram m_clientLatency;
    std::multiset<Time> m_openSince;  // the open attempts' requests' start times
    RecentLatency m_recentLatency;  // the last second's answers, for the latency clients see now
    Histogram m_dbLatency;
    Recent m_recent;
    Counters m_c;
    Time m_maxTtl = 0;  // the longest TTL any write got, for the staleness bound
    std::int64_t m_nextReq = 1, m_nextLogical = 1, m_nextQuery = 1;
    std::vector<Violation> m_violations;
};

}  // namespace sb::core::cache
