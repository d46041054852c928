// Metrics for sweeps and probes for lessons.
#include <algorithm>

#include "topics/cache/cache_model.h"

namespace sb::core::cache {
namespace {

const char* mitigationName(Mitigation m) {
    static const char* const kNames[] = {"none", "lock", "single_flight", "xfetch", "swr", "refresh_ahead"};
    return kNames[static_cast<int>(m)];
}

double ratio(std::int64_t part, std::int64_t whole) {
    return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}

struct CycleStats {
    std::int64_t cycles = 0, cold = 0, max = 0, last = 0;
    double mean = 0, leadMs = 0;
};

// Expiry cycles (a version that started at least one recompute); cold starts counted apart.
CycleStats cycleStats(const std::vector<Cycle>& cycles) {
    CycleStats s;
    double sum = 0, lead = 0;
    for (const Cycle& c : cycles) {
        if (c.version == 0) {
            s.cold += c.recomputes;
            continue;
        }
        ++s.cycles;
        sum += static_cast<double>(c.recomputes);
        lead += static_cast<double>(c.expiry - c.firstStart) / static_cast<double>(kMillisecond);
        s.max = std::max(s.max, c.recomputes);
        s.last = c.recomputes;
    }
    if (s.cycles > 0) {
        s.mean = sum / static_cast<double>(s.cycles);
        s.leadMs = lead / static_cast<double>(s.cycles);
    }
    return s;
}

}  // namespace

std::vector<Metric> CacheModel::metricsAt(Time t) const {
    const Counters& c = m_c;
    const CycleStats cs = cycleStats(m_cycles);
    const std::int64_t answered = c.hits + c.missServed + c.staleServed + c.errors;
    const double seconds = std::max(1.0, static_cast<double>(std::max(t, now())) / static_cast<double>(kSecond));
    // The first four are plotted by default: the ones every cache lesson is about.
    return {
        {"lookup_hit_ratio", lookupHitRatio().value_or(0.0)},
        {"db_queue", static_cast<double>(m_dbQueue.size())},
        {"recomputes", static_cast<double>(c.recomputes)},
        {"client_p99_last_second_ms", recentClientP99Ms(std::max(t, now()))},
        {"recomputes_per_expiry", cs.mean},
        {"recomputes_per_expiry_max", static_cast<double>(cs.max)},
        {"first_recompute_lead_ms", cs.leadMs},
        {"expiry_cycles", static_cast<double>(cs.cycles)},
        {"cold_start_recomputes", static_cast<double>(cs.cold)},
        {"early_recomputes", static_cast<double>(c.early)},
        {"db_qps_peak", static_cast<double>(c.qpsPeak)},
        {"db_queue_peak", static_cast<double>(c.queuePeak)},
        {"db_p50_ms", m_dbLatency.quantileMs(0.5)},
        {"db_p99_ms", m_dbLatency.quantileMs(0.99)},
        {"db_timeouts", static_cast<double>(c.dbTimeouts)},
        {"client_p50_ms", m_clientLatency.quantileMs(0.5)},
        {"client_p99_ms", m_clientLatency.quantileMs(0.99)},
        {"hit_ratio", ratio(c.hits, answered)},
        {"db_qps", static_cast<double>(c.dbQueued) / seconds},
        {"stale_ratio", ratio(c.staleServed, answered)},
        {"error_rate", ratio(c.failed, c.ok + c.failed)},
        {"requests", static_cast<double>(c.logical)},
        {"retries", static_cast<double>(c.retries)},
        {"violations", static_cast<double>(m_violations.size())},
    };
}

ProbeValue CacheModel::probe(const std::string& name, NodeId node) const { return probeAt(name, node, {}, now()); }

ProbeValue CacheModel::probeKey(const std::string& name, NodeId node, const std::string& key) const {
    return probeAt(name, node, key, now());
}

double CacheModel::recentClientP99Ms(Time t) const {
    return m_recentLatency.quantileMs(0.99, t, m_openSince);
}

std::optional<double> CacheModel::lookupHitRatio() const {
    std::int64_t hits = 0, lookups = 0;
    for (const KeyStats& ks : m_keys) {
        hits += ks.hits;
        lookups += ks.hits + ks.misses;
    }
    if (lookups == 0) return std::nullopt;
    return ratio(hits, lookups);
}

ProbeValue CacheModel::systemProbe(const std::string& name, NodeId node, Time t) const {
    const Counters& c = m_c;
    const CycleStats cs = cycleStats(m_cycles);
    const std::int64_t answered = c.hits + c.missServed + c.staleServed + c.errors;
    if (name == "mitigation") return std::string(mitigationName(m_cfg.mitigation));
    if (name == "up") return node == kNoNode ? ProbeValue{} : ProbeValue{m_engine.up(node)};
    const std::pair<const char*, std::int64_t> counts[] = {
        {"requests", c.logical},     {"attempts", c.attempts},        {"hits", c.hits},
        {"miss_served", c.missServed}, {"stale_served", c.staleServed}, {"errors", c.errors},
        {"timeouts", c.timeouts},    {"retries", c.retries},          {"failed", c.failed},
        {"open", static_cast<std::int64_t>(m_attempts.size())},       {"recomputes", c.recomputes},
        {"early_recomputes", c.early}, {"locks_taken", c.locksTaken},   {"locks_refused", c.locksRefused},
        {"coalesced", c.coalesced},  {"db_queries", c.dbQueued},      {"db_timeouts", c.dbTimeouts},
        {"db_queue", static_cast<std::int64_t>(m_dbQueue.size())},    {"db_queue_peak", c.queuePeak},
        {"db_busy", static_cast<std::int64_t>(m_dbBusy.size())},      {"db_refused", c.dbRefused},
        {"db_qps_peak", c.qpsPeak},  {"expiry_cycles", cs.cycles},    {"max_recomputes_per_expiry", cs.max},
        {"last_recomputes_per_expiry", cs.last}, {"violations", static_cast<std::int64_t>(m_violations.size())},
    };
    for (const auto& [probeName, value] : counts)
        if (name == probeName) return value;
    if (name == "hit_ratio") return ratio(c.hits, answered);
    if (name == "lookup_hit_ratio") return lookupHitRatio().value_or(0.0);
    if (name == "db_queries_10s") return m_recent.total(t, Recent::Queries);
    if (name == "db_queue_peak_10s") return m_recent.total(t, Recent::QueuePeak);
    if (name == "hit_ratio_10s") return ratio(m_recent.total(t, Recent::Hits), m_recent.total(t, Recent::Answered));
    if (name == "error_rate") return ratio(c.failed, c.ok + c.failed);
    if (name == "db_p50_ms") return m_dbLatency.quantileMs(0.5);
    if (name == "db_p99_ms") return m_dbLatency.quantileMs(0.99);
    if (name == "client_p50_ms") return m_clientLatency.quantileMs(0.5);
    if (name == "client_p99_ms") return m_clientLatency.quantileMs(0.99);
    if (name == "client_p99_last_second_ms") return recentClientP99Ms(t);
    return {};
}

ProbeValue CacheModel::probeAt(const std::string& name, NodeId node, const std::string& key, Time t) const {
    int k = -1;
    for (int i = 0; i < m_cfg.keys; ++i)
        if (keyName(i) == key) k = i;
    if (k < 0) return systemProbe(name, node, t);
    const Entry& e = m_store[static_cast<std::size_t>(k)];
    const KeyStats& ks = m_keys[static_cast<std::size_t>(k)];
    const bool cached = e.present && t < e.hard;
    if (name == "version") return cached ? e.version : std::int64_t{0};
    if (name == "cached") return cached;
    if (name == "ttl_left_ms") return cached ? static_cast<double>(e.soft - t) / static_cast<double>(kMillisecond) : 0.0;
    if (name == "key_recomputes") return ks.recomputes;
    if (name == "in_flight") return static_cast<std::int64_t>(ks.inFlight);
    if (name == "last_outcome") return std::string(ks.last);
    return systemProbe(name, node, t);
}

}  // namespace sb::core::cache
