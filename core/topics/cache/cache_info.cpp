// What the cache topic declares: parameters, actions, probes and event kinds.
#include "topics/cache/cache_model.h"

namespace sb::core::cache {
namespace {

std::vector<ProbeSpec> cacheProbes() {
    return {
        {"mitigation", false, "The mitigation in use"},
        {"requests", false, "Client requests started (not counting retries)", false, "Requests started"},
        {"attempts", false, "Attempts sent, retries included", false, "Attempts sent"},
        {"hits", false, "Attempts answered from a fresh cached value"},
        {"miss_served", false, "Attempts answered after a recompute (their own, or one they waited for)", false, "Answers after a recompute"},
        {"stale_served", false, "Attempts answered with an expired value", false, "Answers served stale"},
        {"errors", false, "Attempts answered with an error", false, "Answers with an error"},
        {"timeouts", false, "Attempts the client gave up on", false, "Attempts the client gave up on"},
        {"retries", false, "Retries sent"},
        {"failed", false, "Requests that failed after their last retry", false, "Failed requests"},
        {"open", false, "Attempts still waiting", false, "Attempts still waiting"},
        {"hit_ratio", false, "Hits as a share of answered attempts (0..1)"},
        {"hit_ratio_10s", false, "Hit ratio over the last ten seconds", false, "Hit ratio in the last 10 s"},
        {"lookup_hit_ratio", false, "Lookups that found a fresh value, of all lookups so far (0..1): a miss counts when the cache is asked, not when it is answered"},
        {"db_queries_10s", false, "Queries that reached the database in the last ten seconds", false, "Database queries in the last 10 s"},
        {"db_queue_peak_10s", false, "Longest database queue in the last ten seconds", false, "Longest database queue in the last 10 s"},
        {"error_rate", false, "Failed requests as a share of finished ones (0..1)"},
        {"recomputes", false, "Recomputes started"},
        {"early_recomputes", false, "XFetch recomputes started before the expiry", false, "Early (XFetch) recomputes"},
        {"locks_taken", false, "Locks won", false, "Locks won"},
        {"locks_refused", false, "Lock attempts refused because another reader holds it", false, "Lock attempts refused"},
        {"coalesced", false, "Requests that joined another request's flight", false, "Requests that joined another's recompute"},
        {"db_queries", false, "Queries that reached the database", false, "Queries that reached the database"},
        {"db_queue", false, "Queries waiting at the database now", false, "Queries waiting at the database"},
        {"db_queue_peak", false, "Longest the database queue has been", false, "Longest database queue"},
        {"db_busy", false, "Queries running at the database now", false, "Database queries running now"},
        {"db_timeouts", false, "Queries cancelled by the statement timeout", false, "Database queries timed out"},
        {"db_refused", false, "Queries refused by a full queue"},
        {"db_qps_peak", false, "Most queries that arrived at the database within one second"},
        {"db_p50_ms", false, "Median database latency (queue wait plus delta)"},
        {"db_p99_ms", false, "99th percentile database latency"},
        {"client_p50_ms", false, "Median latency of successful requests, retries included"},
        {"client_p99_ms", false, "99th percentile latency of successful requests", false, "Client latency, 99th percentile (ms)"},
        {"client_p99_last_second_ms", false,
         "99th percentile latency over the last second: the requests answered in it, and those still waiting at their wait so far",
         false, "Client latency now, 99th percentile (ms)"},
        {"expiry_cycles", false, "Expiry cycles that started at least one recompute (cold starts excluded)", false, "Expiries that started a recompute"},
        {"max_recomputes_per_expiry", false, "Most recomputes one expiry cycle started", false, "Most recomputes at one expiry"},
        {"last_recomputes_per_expiry", false, "Recomputes the latest expiry cycle started", false, "Recomputes at the latest expiry"},
        {"violations", false, "Invariant violations so far", false, "Invariant violations"},
        {"version", false, "The cached version of a key (0: not cached)", true, "Cached version of {key}"},
        {"ttl_left_ms", false, "Time until a key's TTL runs out (negative: expired, still kept)", true, "Time to live left for {key} (ms)"},
        {"cached", false, "Whether the cache holds a key", true, "{key} is cached"},
        {"key_recomputes", false, "Recomputes started for a key", true},
        {"in_flight", false, "Recomputes in flight for a key", true, "Recomputes in flight for {key}"},
        {"last_outcome", false, "hit, miss, stale or error: how a key's latest answer was made", true},
        {"up", true, "Whether the node is running"},
    };
}

}  // namespace

// Each parameter once, bound to its field of Config; the live ones change with "set" (the
// mitigation from the next read on, the rate at once).
const ParamBinding<Config>& CacheModel::binding() {
    static const ParamBinding<Config> binding = [] {
        ParamBinding<Config> b;
        b.choice("mitigation", {"none", "lock", "single_flight", "xfetch", "swr", "refresh_ahead"}, 0,
                 "What readers do when the hot key expires", &Config::mitigation).live();
        b.real("rate", "req/s", 0, 5000, 200, "Requests per second from all clients together (Poisson)", &Config::rate).live();
        b.millis("ttl_ms", 100, 3600000, 60000, "How long a cached value is fresh", &Config::ttl).live();
        b.millis("recompute_ms", 1, 60000, 2000, "Delta: the database's time for the query behind a value", &Config::recompute).live();
        b.real("beta", "", 0.1, 10, 1, "XFetch: above 1 recomputes earlier, below 1 later", &Config::beta).live();
        b.integer("keys", "keys", 1, 1000, 1, "How many keys the clients read (k1 is the hottest)", &Config::keys);
        b.real("zipf", "", 0, 3, 1, "Zipf exponent of key popularity (0: all keys equally popular)", &Config::zipf);
        b.real("ttl_jitter", "", 0, 1, 0, "Each write's TTL is stretched by a random share up to this", &Config::jitter).live();
        b.integer("clients", "clients", 1, 100000, 200, "How many clients the aggregate node stands for", &Config::clients);
        b.integer("servers", "servers", 1, 4, 2, "Application servers behind the load balancer", &Config::servers);
        b.integer("db_slots", "queries", 1, 256, 8, "Queries the database runs at once (the c of M/D/c)", &Config::dbSlots);
        b.integer("db_queue_limit", "queries", 1, 100000, 2000, "Queued queries beyond this are refused", &Config::dbQueueLimit);
        b.millis("db_timeout_ms", 0, 600000, 10000, "A query still queued after this is cancelled (0: never)", &Config::dbTimeout);
        b.millis("client_timeout_ms", 10, 600000, 5000, "A client gives up on an attempt after this", &Config::clientTimeout).live();
        b.integer("retries", "", 0, 10, 2, "Retries after a timeout or an error, sent at once", &Config::retries).live();
        b.millis("stale_ms", 0, 3600000, 10000, "Lock and stale-while-revalidate: how long an expired value may be served",
                 &Config::stale).live();
        b.millis("lock_ttl_ms", 10, 600000, 10000, "Lock: the lock's expiry (PX), in case its holder dies", &Config::lockTtl).live();
        b.millis("lock_poll_ms", 1, 10000, 50, "Lock: how often a waiter looks again", &Config::lockPoll);
        b.real("refresh_factor", "", 0.05, 0.95, 0.75, "Refresh-ahead: a read after this share of the TTL reloads early",
               &Config::refreshFactor);
        b.flag("prewarm", true, "Start with every key cached at t = 0 (off: a cold start)", &Config::prewarm);
        b.millis("hop_ms", 0, 1000, 2, "One-way delay of every link", &Config::hop);
        return b;
    }();
    return binding;
}

const TopicInfo& CacheModel::topicInfo() {
    static const TopicInfo info = [] {
        TopicInfo t;
        t.id = "cache";
        t.title = "Cache stampede and its mitigations";
        t.summary = "A hot key expires and every reader recomputes it at once; locks, single flight, "
                    "probabilistic early expiration and stale serving, measured on the same load.";
        t.params = binding().paramSet();
        t.actions = genericActionSpecs();
        t.actions.push_back({"flush", "Empty the cache (a cold start)", {}, "Empty the cache"});
        t.actions.push_back({"expire", "End a key's TTL now", {arg("key", ArgType::String, false)}, "Expire a key now"});
        t.probes = cacheProbes();
        t.eventKinds = {"send", "deliver", "drop", "timer", "action", "hit", "miss", "stale", "recompute_start",
                        "recompute_done", "early_recompute", "refresh_ahead", "lock_taken", "lock_refused",
                        "coalesced", "cache_set", "expire", "db_queued", "db_served", "db_timeout", "db_refused",
                        "timeout", "retry", "error"};
        return t;
    }();
    return info;
}

}  // namespace sb::core::cache
