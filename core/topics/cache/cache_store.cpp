// The cache node (GET, SET with TTL, SET NX locks, expiry) and the database (an M/D/c queue).
#include <algorithm>
#include <cmath>

#include "topics/cache/cache_model.h"

namespace sb::core::cache {

Payload CacheModel::entryPayload(int key, const Payload& request) const {
    Payload r = request;
    const Entry& e = m_store[static_cast<std::size_t>(key)];
    const KeyStats& ks = m_keys[static_cast<std::size_t>(key)];
    const bool present = e.present && now() < e.hard;
    r.lookedUp = now();
    r.state = !present ? EntryState::Missing : now() < e.soft ? EntryState::Fresh : EntryState::Stale;
    r.version = present ? e.version : ks.lastVersion;
    r.setAt = present ? e.setAt : 0;
    r.expiry = present ? e.soft : ks.lastExpiry;
    r.delta = present ? e.delta : 0;
    r.claim = false;
    return r;
}

void CacheModel::onCacheGet(const Payload& p, NodeId from) {
    Payload r = entryPayload(p.key, p);
    Entry& e = m_store[static_cast<std::size_t>(p.key)];
    // Refresh-ahead: the first read past f * TTL schedules the entry's one reload.
    if (m_cfg.mitigation == Mitigation::RefreshAhead && r.state == EntryState::Fresh && !e.reloading &&
        static_cast<double>(now() - e.setAt) >= m_cfg.refreshFactor * static_cast<double>(e.soft - e.setAt)) {
        e.reloading = true;
        r.claim = true;
    }
    m_engine.send(cacheNode(), from, "CacheReply", r);
}

void CacheModel::write(int key, Time delta) {
    Entry& e = m_store[static_cast<std::size_t>(key)];
    KeyStats& ks = m_keys[static_cast<std::size_t>(key)];
    Time ttl = m_cfg.ttl;
    // Jitter spreads keys written together: each TTL is stretched by a uniform share of `jitter`.
    if (m_cfg.jitter > 0)
        ttl += static_cast<Time>(std::llround(static_cast<double>(ttl) * m_cfg.jitter * m_engine.rng().uniform()));
    e.present = true;
    e.version = ++ks.lastVersion;
    e.setAt = now();
    e.soft = now() + ttl;
    e.hard = e.soft + keep();
    e.delta = delta;
    e.reloading = false;
    ks.lastExpiry = e.soft;
    m_maxTtl = std::max(m_maxTtl, ttl);
    m_engine.setTimer(cacheNode(), key, e.hard - now(), "expiry");
}

void CacheModel::onCacheSet(const Payload& p) {
    write(p.key, p.delta);
    emitKey("cache_set", cacheNode(), p.key).with("version", m_store[static_cast<std::size_t>(p.key)].version);
    onUnlock(p);
}

// SET lock:key token NX PX lock_ttl: succeeds only if no unexpired lock exists.
void CacheModel::onLock(const Payload& p, NodeId from) {
    Lock& lock = m_locks[static_cast<std::size_t>(p.key)];
    Payload r = entryPayload(p.key, p);
    r.ok = lock.token == 0 || now() >= lock.expiry || m_lockIgnoresHolder;  // (the broken variant)
    if (r.ok) {
        lock = Lock{p.req, now() + m_cfg.lockTtl};
        r.token = p.req;
        r.lockExpiry = lock.expiry;
        ++m_c.locksTaken;
        emitKey("lock_taken", cacheNode(), p.key).with("req", p.req).with("until_us", lock.expiry);
    } else {
        ++m_c.locksRefused;
        emitKey("lock_refused", cacheNode(), p.key).with("req", p.req).with("holder", lock.token);
    }
    m_engine.send(cacheNode(), from, "LockReply", r);
}

// Delete the lock only if it is still ours (the compare-and-delete Redis recommends): a holder
// whose lock expired must not delete the next holder's.
void CacheModel::onUnlock(const Payload& p) {
    if (p.token == 0) return;
    Lock& lock = m_locks[static_cast<std::size_t>(p.key)];
    if (lock.token == p.token) lock = Lock{};
}

void CacheModel::onHardExpiry(int key) {
    Entry& e = m_store[static_cast<std::size_t>(key)];
    if (!e.present || now() < e.hard) return;
    ++m_c.expirations;
    emitKey("expire", cacheNode(), key).with("version", e.version);
    e = Entry{};
}

void CacheModel::onQuery(const Payload& p, NodeId from) {
    if (static_cast<int>(m_dbQueue.size()) >= m_cfg.dbQueueLimit) {
        ++m_c.dbRefused;
        emitKey("db_refused", dbNode(), p.key).with("query", p.query);
        Payload r = p;
        r.ok = false;
        m_engine.send(dbNode(), from, "Result", r);
        return;
    }
    m_dbQueue.push_back(DbQuery{p.query, from, now(), p.key});
    ++m_c.dbQueued;
    const std::int64_t second = now() / kSecond;
    if (second != m_c.qpsSecond) {
        m_c.qpsSecond = second;
        m_c.qpsCount = 0;
    }
    m_c.qpsPeak = std::max(m_c.qpsPeak, ++m_c.qpsCount);
    emitKey("db_queued", dbNode(), p.key).with("query", p.query).with("queue", static_cast<std::int64_t>(m_dbQueue.size()));
    if (m_cfg.dbTimeout > 0) m_engine.setTimer(dbNode(), static_cast<int>(2 * p.query + 1), m_cfg.dbTimeout, "statement timeout");
    startService();
    m_c.queuePeak = std::max(m_c.queuePeak, static_cast<std::int64_t>(m_dbQueue.size()));
    m_recent.add(now(), Recent::Queries);
    m_recent.max(now(), Recent::QueuePeak, static_cast<std::int64_t>(m_dbQueue.size()));
}

// FIFO into the first free worker; each query takes exactly delta (deterministic service).
void CacheModel::startService() {
    while (static_cast<int>(m_dbBusy.size()) < m_cfg.dbSlots && !m_dbQueue.empty()) {
        const DbQuery q = m_dbQueue.front();
        m_dbQueue.pop_front();
        m_engine.cancelTimer(dbNode(), static_cast<int>(2 * q.id + 1));
        m_dbBusy.emplace(q.id, q);
        m_engine.setTimer(dbNode(), static_cast<int>(2 * q.id), m_cfg.recompute, "query");
    }
}

void CacheModel::onServiceDone(std::int64_t query) {
    auto it = m_dbBusy.find(query);
    if (it == m_dbBusy.end()) return;
    const DbQuery q = it->second;
    m_dbBusy.erase(it);
    ++m_c.dbServed;
    m_dbLatency.add(now() - q.arrived);
    emitKey("db_served", dbNode(), q.key).with("query", q.id).with("latency_us", now() - q.arrived);
    Payload r;
    r.query = q.id;
    r.key = q.key;
    m_engine.send(dbNode(), q.app, "Result", r);
    startService();
}

void CacheModel::onStatementTimeout(std::int64_t query) {
    auto it = std::find_if(m_dbQueue.begin(), m_dbQueue.end(), [&](const DbQuery& q) { return q.id == query; });
    if (it == m_dbQueue.end()) return;
    const DbQuery q = *it;
    m_dbQueue.erase(it);
    ++m_c.dbTimeouts;
    emitKey("db_timeout", dbNode(), q.key).with("query", q.id).with("waited_us", now() - q.arrived);
    Payload r;
    r.query = q.id;
    r.key = q.key;
    r.ok = false;
    m_engine.send(dbNode(), q.app, "Result", r);
}

}  // namespace sb::core::cache
