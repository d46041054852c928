#include "topics/cache/cache_model.h"

#include <cmath>
#include <string_view>

#include "topics/cache/cache_tags.h"

namespace sb::core::cache {

Status CacheModel::reset(const ParamValues& p, std::uint64_t seed) {
    Config config;
    if (Status s = binding().load(p, config); !s) return s;
    m_cfg = config;

    Topology t;
    const NodeId clients = t.add("clients", NodeKind::Client, 0, m_cfg.clients);
    std::vector<NodeId> apps;
    for (int i = 1; i <= m_cfg.servers; ++i) apps.push_back(t.add("app" + std::to_string(i), NodeKind::Server, 1));
    const NodeId cacheId = t.add("cache", NodeKind::Cache, 2);
    const NodeId db = t.add("db", NodeKind::Database, 3);
    LinkConfig link;
    link.latency = LatencyKind::Fixed;
    link.minLatency = link.maxLatency = m_cfg.hop;
    for (const NodeId a : apps) {
        t.connect(clients, a, link);
        t.connect(a, cacheId, link);
        t.connect(a, db, link);
    }
    m_engine.reset(std::move(t), seed);
    m_engine.net().defaults() = link;

    // Zipf: the key of rank r gets a share proportional to 1 / r^s.
    m_keyRate.assign(static_cast<std::size_t>(m_cfg.keys), 0);
    double sum = 0;
    for (int r = 1; r <= m_cfg.keys; ++r) sum += 1.0 / std::pow(r, m_cfg.zipf);
    for (int r = 1; r <= m_cfg.keys; ++r)
        m_keyRate[static_cast<std::size_t>(r - 1)] = m_cfg.rate / std::pow(r, m_cfg.zipf) / sum;

    m_store.assign(static_cast<std::size_t>(m_cfg.keys), Entry{});
    m_locks.assign(static_cast<std::size_t>(m_cfg.keys), Lock{});
    m_keys.assign(static_cast<std::size_t>(m_cfg.keys), KeyStats{});
    m_attempts.clear();
    m_apps.assign(static_cast<std::size_t>(m_cfg.servers), AppState{});
    m_recomputes.clear();
    m_dbQueue.clear();
    m_dbBusy.clear();
    m_cycles.clear();
    m_cycleOf.clear();
    m_xfetch = {};
    m_clientLatency = {};
    m_recentLatency = {};
    m_openSince.clear();
    m_dbLatency = {};
    m_recent = {};
    m_c = {};
    m_nextReq = m_nextLogical = m_nextQuery = 1;
    m_maxTtl = 0;
    m_violations.clear();
    m_lockIgnoresHolder = false;
    // Prewarmed: every key written at t = 0, so without jitter they all expire together.
    if (m_cfg.prewarm)
        for (int k = 0; k < m_cfg.keys; ++k) write(k, m_cfg.recompute);
    for (int k = 0; k < m_cfg.keys; ++k) scheduleArrival(k);
    return {};
}

std::string CacheModel::name(NodeId n) const {
    return n >= 0 && static_cast<std::size_t>(n) < m_engine.names().size() ? m_engine.names()[static_cast<std::size_t>(n)]
                                                                            : std::string("?");
}

Event& CacheModel::emitKey(const char* kind, NodeId node, int key) {
    return m_engine.emit(kind, node).with("key", key);
}

void CacheModel::onDeliver(const Message<Payload>& m) {
    const std::string_view kind = m.kind;
    const Payload& p = m.payload;
    if (kind == "Get") onGet(m.to, p);
    else if (kind == "Reply") onReply(p);
    else if (kind == "CacheGet") onCacheGet(p, m.from);
    else if (kind == "CacheReply") onCacheReply(m.to, p);
    else if (kind == "CacheSet") onCacheSet(p);
    else if (kind == "Lock") onLock(p, m.from);
    else if (kind == "LockReply") onLockReply(m.to, p);
    else if (kind == "Unlock") onUnlock(p);
    else if (kind == "Query") onQuery(p, m.from);
    else if (kind == "Result") onResult(m.to, p);
}

void CacheModel::onTimer(NodeId node, int tag) {
    if (node == kClients) {
        if (tag < kAttemptTagBase) onArrival(tag);
        else onAttemptTimeout(tag - kAttemptTagBase);
    } else if (isApp(node)) {
        onPoll(node, tag);
    } else if (node == cacheNode()) {
        onHardExpiry(tag);
    } else if (node == dbNode()) {
        if (tag % 2 == 0) onServiceDone(tag / 2);
        else onStatementTimeout(tag / 2);
    }
}

std::optional<Event> CacheModel::step() {
    auto e = m_engine.step([this](const Message<Payload>& m) { onDeliver(m); },
                           [this](NodeId node, int tag) { onTimer(node, tag); });
    if (e) checkAccounting();
    return e;
}

Status CacheModel::apply(const Action& a, Event& out) {
    m_engine.advanceTo(a.at);
    out.time = now();
    out.kind = "action";
    if (auto handled = m_engine.applyNetworkAction(a)) {
        static const char* const kKinds[] = {"partition", "heal", "move", "cut", "uncut", "drop", "delay"};
        for (const char* k : kKinds)
            if (a.kind == k) out.detail = k;
        return *handled;
    }
    if (a.kind == "set") {
        out.detail = "set";
        return applySet(a);
    }
    if (a.kind == "flush") {
        out.detail = "flush";
        out.node = cacheNode();
        for (int k = 0; k < m_cfg.keys; ++k) {
            m_store[static_cast<std::size_t>(k)] = Entry{};
            m_engine.cancelTimer(cacheNode(), k);
        }
        return {};
    }
    if (a.kind == "expire") {
        out.detail = "expire";
        out.node = cacheNode();
        const std::string key = a.str("key", keyName(0));
        for (int k = 0; k < m_cfg.keys; ++k) {
            if (keyName(k) != key) continue;
            out.with("key", k);
            Entry& e = m_store[static_cast<std::size_t>(k)];
            if (e.present && e.soft > now()) {
                // The TTL ends now; a stale copy stays as long as the mitigation keeps one.
                e.soft = now();
                e.hard = now() + keep();
                m_engine.setTimer(cacheNode(), k, keep(), "hard expiry");
            }
            return {};
        }
        return makeError("no key '" + key + "' (keys are k1..k" + std::to_string(m_cfg.keys) + ")", "/key");
    }
    const NodeId node = m_engine.nodeId(a.str("node"));
    out.node = node;
    if (a.kind == "crash") {
        if (!m_engine.up(node)) return makeError(a.str("node") + " is already down", "/node");
        m_engine.crash(node);
        out.detail = "crash";
        if (node == cacheNode()) {
            for (auto& e : m_store) e = Entry{};  // a cache node restarts empty: a cold start
            for (auto& l : m_locks) l = Lock{};
            // The locks died with the node: their holders no longer exclude anyone.
            for (auto& [q, r] : m_recomputes) r.lockExpiry = 0;
            failCacheCalls();
        } else if (node == dbNode()) {
            m_dbQueue.clear();
            m_dbBusy.clear();
            failDbCalls();
        } else if (isApp(node)) {
            m_apps[static_cast<std::size_t>(node - 1)] = AppState{};
            for (auto it = m_recomputes.begin(); it != m_recomputes.end();)
                if (it->second.app == node) {
                    --m_keys[static_cast<std::size_t>(it->second.key)].inFlight;
                    it = m_recomputes.erase(it);
                } else {
                    ++it;
                }
        }
        return {};
    }
    if (a.kind == "restart") {
        if (m_engine.up(node)) return makeError(a.str("node") + " is already running", "/node");
        m_engine.restart(node);
        out.detail = "restart";
        if (node == kClients)
            for (int k = 0; k < m_cfg.keys; ++k) scheduleArrival(k);
        return {};
    }
    return makeError("unknown action '" + a.kind + "'", "/do");
}

// The app servers see their connections drop: every recompute waiting on the database fails.
void CacheModel::failDbCalls() {
    std::vector<std::int64_t> ids;
    for (const auto& [id, r] : m_recomputes) ids.push_back(id);
    for (const std::int64_t id : ids) {
        Payload f;
        f.query = id;
        f.ok = false;
        onResult(m_recomputes.at(id).app, f);
    }
}

// Single-flight leaders still re-checking the cache get an error, and so do their followers.
void CacheModel::failCacheCalls() {
    for (NodeId app = 1; app <= m_cfg.servers; ++app) {
        auto& flights = m_apps[static_cast<std::size_t>(app - 1)].flights;
        for (auto it = flights.begin(); it != flights.end();) {
            if (it->second.query != 0) {
                ++it;
                continue;
            }
            Payload f;
            f.key = it->first;
            const std::vector<std::int64_t> waiters = std::move(it->second.waiters);
            it = flights.erase(it);
            for (const std::int64_t w : waiters) serve(app, f, w, Outcome::Error);
        }
    }
}

Status CacheModel::applySet(const Action& a) {
    const std::string param = a.str("param");
    if (Status s = binding().set(param, a.real("value"), m_cfg); !s) return s;
    if (param == "rate") {
        double sum = 0;
        for (int r = 1; r <= m_cfg.keys; ++r) sum += 1.0 / std::pow(r, m_cfg.zipf);
        for (int r = 1; r <= m_cfg.keys; ++r)
            m_keyRate[static_cast<std::size_t>(r - 1)] = m_cfg.rate / std::pow(r, m_cfg.zipf) / sum;
        for (int k = 0; k < m_cfg.keys; ++k) scheduleArrival(k);
    }
    return {};
}

}  // namespace sb::core::cache
