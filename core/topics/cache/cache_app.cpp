// The app servers: cache-aside reads, and each mitigation's rule for what a reader does when the
// value is missing, stale or about to expire.
#include <cmath>

#include "topics/cache/cache_model.h"

namespace sb::core::cache {

void CacheModel::onGet(NodeId app, const Payload& p) { lookup(app, p, Purpose::Lookup); }

void CacheModel::lookup(NodeId app, const Payload& p, Purpose purpose) {
    Payload q = p;
    q.purpose = purpose;
    m_engine.send(app, cacheNode(), "CacheGet", q);
}

void CacheModel::serve(NodeId app, const Payload& from, std::int64_t req, Outcome outcome) {
    checkServed(from, outcome);
    Payload r = from;
    r.req = req;
    r.outcome = outcome;
    KeyStats& ks = m_keys[static_cast<std::size_t>(from.key)];
    ks.last = outcome == Outcome::Hit ? "hit" : outcome == Outcome::StaleServed ? "stale" : outcome == Outcome::Error ? "error" : "miss";
    m_engine.send(app, kClients, "Reply", r);
}

void CacheModel::onCacheReply(NodeId app, const Payload& p) {
    AppState& as = m_apps[static_cast<std::size_t>(app - 1)];
    KeyStats& ks = m_keys[static_cast<std::size_t>(p.key)];
    if (p.purpose == Purpose::FlightCheck) {
        auto it = as.flights.find(p.key);
        if (it == as.flights.end()) return;
        if (p.state == EntryState::Fresh) {  // another server refilled it while we queued up
            const std::vector<std::int64_t> waiters = std::move(it->second.waiters);
            as.flights.erase(it);
            for (const std::int64_t w : waiters) serve(app, p, w, Outcome::MissServed);
            return;
        }
        it->second.query = recompute(app, p, {}, false);
        return;
    }
    const Mitigation m = m_cfg.mitigation;
    if (p.state == EntryState::Fresh) {
        if (m == Mitigation::XFetch && xfetchEarly(app, p)) {
            recompute(app, p, {p.req}, false);
            return;
        }
        if (m == Mitigation::RefreshAhead && p.claim) {
            emitKey("refresh_ahead", app, p.key).with("version", p.version).with("age_us", p.lookedUp - p.setAt);
            recompute(app, p, {}, true);
        }
        if (!p.missed) {
            ++ks.hits;
            emitKey("hit", app, p.key).with("version", p.version).with("req", p.req);
        }
        serve(app, p, p.req, p.missed ? Outcome::MissServed : Outcome::Hit);
        return;
    }
    if (!p.missed) {
        ++ks.misses;
        emitKey("miss", app, p.key).with("version", p.version).with("req", p.req).with("stale", p.state == EntryState::Stale);
    }
    if (m == Mitigation::Lock) {
        m_engine.send(app, cacheNode(), "Lock", p);
    } else if (m == Mitigation::SingleFlight) {
        joinFlight(app, p);
    } else if (m == Mitigation::Swr && p.state == EntryState::Stale) {
        emitKey("stale", app, p.key).with("version", p.version).with("stale_us", p.lookedUp - p.expiry);
        serve(app, p, p.req, Outcome::StaleServed);
        // One revalidation per stale version per server: a stale answer that was already on
        // its way when the last revalidation landed must not start another.
        auto seen = as.revalidated.find(p.key);
        if (!as.revalidating.contains(p.key) && (seen == as.revalidated.end() || seen->second < p.version)) {
            as.revalidating.insert(p.key);
            as.revalidated[p.key] = p.version;
            recompute(app, p, {}, true);
        }
    } else {
        recompute(app, p, {p.req}, false);
    }
}

// groupcache's Do: the first caller for a key runs the load, later ones wait for its result.
void CacheModel::joinFlight(NodeId app, const Payload& p) {
    AppState& as = m_apps[static_cast<std::size_t>(app - 1)];
    auto [it, fresh] = as.flights.try_emplace(p.key);
    it->second.waiters.push_back(p.req);
    if (!fresh) {
        ++m_c.coalesced;
        emitKey("coalesced", app, p.key).with("req", p.req).with("waiting", static_cast<std::int64_t>(it->second.waiters.size()));
        return;
    }
    lookup(app, p, Purpose::FlightCheck);
}

// XFetch: recompute when now - delta * beta * ln(rand) >= expiry. -ln(rand) is exponential with
// mean 1, so at x = (expiry - now) / (delta * beta) a reader recomputes with probability exp(-x).
bool CacheModel::xfetchEarly(NodeId app, const Payload& p) {
    const double scale = static_cast<double>(p.delta) * m_cfg.beta;
    const double u = 1.0 - m_engine.rng().uniform();  // (0, 1]: ln(0) is never taken
    const double gap = static_cast<double>(p.expiry - now());
    const bool early = static_cast<double>(now()) - scale * std::log(u) >= static_cast<double>(p.expiry);
    if (scale > 0 && gap >= 0) {
        const double x = gap / scale;
        const auto bin = static_cast<std::size_t>(x / 0.25);
        if (bin < static_cast<std::size_t>(XFetchBins::kBins)) {
            ++m_xfetch.reads[bin];
            m_xfetch.expected[bin] += std::exp(-x);
            if (early) ++m_xfetch.early[bin];
        }
    }
    if (early) {
        ++m_c.early;
        emitKey("early_recompute", app, p.key).with("version", p.version).with("lead_us", p.expiry - now());
    }
    return early;
}

void CacheModel::onLockReply(NodeId app, const Payload& p) {
    if (p.ok) {
        if (p.state == EntryState::Fresh) {  // refilled between our read and our lock: use it
            m_engine.send(app, cacheNode(), "Unlock", p);
            serve(app, p, p.req, Outcome::MissServed);
            return;
        }
        recompute(app, p, {p.req}, false);
        return;
    }
    if (p.state == EntryState::Stale) {
        emitKey("stale", app, p.key).with("version", p.version).with("stale_us", p.lookedUp - p.expiry);
        serve(app, p, p.req, Outcome::StaleServed);
        return;
    }
    waitForLock(app, p);
}

void CacheModel::waitForLock(NodeId app, const Payload& p) {
    m_apps[static_cast<std::size_t>(app - 1)].polls[p.req] = Poll{p.key, p.deadline};
    m_engine.setTimer(app, static_cast<int>(p.req), m_cfg.lockPoll, "lock poll");
}

void CacheModel::onPoll(NodeId app, std::int64_t req) {
    AppState& as = m_apps[static_cast<std::size_t>(app - 1)];
    auto it = as.polls.find(req);
    if (it == as.polls.end()) return;
    const Poll poll = it->second;
    as.polls.erase(it);
    if (now() >= poll.deadline) return;  // the client has given up; so do we
    Payload p;
    p.req = req;
    p.key = poll.key;
    p.deadline = poll.deadline;
    p.missed = true;
    lookup(app, p, Purpose::Lookup);
}

std::int64_t CacheModel::recompute(NodeId app, const Payload& p, std::vector<std::int64_t> waiters, bool background) {
    Recompute r;
    r.app = app;
    r.key = p.key;
    r.waiters = std::move(waiters);
    r.start = now();
    r.background = background;
    r.flight = m_cfg.mitigation == Mitigation::SingleFlight && !background;
    r.replaces = p.version;
    r.lockExpiry = m_cfg.mitigation == Mitigation::Lock && p.ok ? p.lockExpiry : 0;
    r.token = p.token;
    const std::int64_t id = m_nextQuery++;
    countRecompute(r, p);
    m_recomputes.emplace(id, std::move(r));
    ++m_keys[static_cast<std::size_t>(p.key)].inFlight;
    ++m_keys[static_cast<std::size_t>(p.key)].recomputes;
    ++m_c.recomputes;
    emitKey("recompute_start", app, p.key).with("query", id).with("replaces", p.version).with("background", background);
    Payload q;
    q.query = id;
    q.key = p.key;
    m_engine.send(app, dbNode(), "Query", q);
    return id;
}

void CacheModel::onResult(NodeId app, const Payload& p) {
    auto it = m_recomputes.find(p.query);
    if (it == m_recomputes.end()) return;  // the app crashed and restarted meanwhile
    Recompute r = std::move(it->second);
    m_recomputes.erase(it);
    --m_keys[static_cast<std::size_t>(r.key)].inFlight;
    AppState& as = m_apps[static_cast<std::size_t>(app - 1)];
    if (r.background) {
        as.revalidating.erase(r.key);
        if (!p.ok) as.revalidated.erase(r.key);  // failed: the next stale read may try again
    }
    if (r.flight) {
        r.waiters = std::move(as.flights[r.key].waiters);
        as.flights.erase(r.key);
    }
    Payload v;
    v.key = r.key;
    v.token = r.token;
    if (p.ok) {
        ++m_c.recomputesDone;
        v.delta = now() - r.start;  // XFetch stores the measured recompute time with the value
        emitKey("recompute_done", app, r.key).with("query", p.query).with("took_us", v.delta);
        m_engine.send(app, cacheNode(), "CacheSet", v);
        v.setAt = v.lookedUp = now();
        v.expiry = now() + m_cfg.ttl;
        v.version = m_keys[static_cast<std::size_t>(r.key)].lastVersion + 1;
    } else if (r.token != 0) {
        m_engine.send(app, cacheNode(), "Unlock", v);
    }
    for (const std::int64_t w : r.waiters) serve(app, v, w, p.ok ? Outcome::MissServed : Outcome::Error);
}

}  // namespace sb::core::cache
