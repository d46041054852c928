// The clients node: Poisson arrivals per key, attempts with a timeout, immediate retries.
#include <cmath>

#include "topics/cache/cache_model.h"
#include "topics/cache/cache_tags.h"

namespace sb::core::cache {

void CacheModel::scheduleArrival(int key) {
    const double rate = m_keyRate[static_cast<std::size_t>(key)];
    if (rate <= 0 || !m_engine.up(kClients)) {
        m_engine.cancelTimer(kClients, key);
        return;
    }
    // Exponential gaps make the arrivals of each key a Poisson process of its Zipf rate.
    const double u = 1.0 - m_engine.rng().uniform();  // (0, 1]
    const auto gap = static_cast<Time>(std::llround(-std::log(u) / rate * static_cast<double>(kSecond)));
    m_engine.setTimer(kClients, key, std::max<Time>(gap, 1), "arrival");
}

void CacheModel::onArrival(int key) {
    ++m_c.logical;
    startAttempt(m_nextLogical++, key, 1, now());
    scheduleArrival(key);
}

void CacheModel::startAttempt(std::int64_t logical, int key, int number, Time logicalStart) {
    const std::int64_t req = m_nextReq++;
    // Round robin, as a load balancer that does not look at the servers would.
    const auto app = static_cast<NodeId>(1 + (req % m_cfg.servers));
    m_attempts.emplace(req, Attempt{logical, key, number, now(), logicalStart, app});
    m_openSince.insert(logicalStart);
    ++m_c.attempts;
    Payload p;
    p.req = req;
    p.key = key;
    p.deadline = now() + m_cfg.clientTimeout;
    m_engine.send(kClients, app, "Get", p);
    m_engine.setTimer(kClients, attemptTag(req), m_cfg.clientTimeout, "client timeout");
}

void CacheModel::endAttempt(std::int64_t req, Outcome outcome, Time /*setAt*/) {
    auto it = m_attempts.find(req);
    const Attempt a = it->second;
    m_attempts.erase(it);
    m_openSince.erase(m_openSince.find(a.logicalStart));
    if (outcome != Outcome::TimedOut) m_recent.add(now(), Recent::Answered);
    switch (outcome) {
        case Outcome::Hit:
            ++m_c.hits;
            m_recent.add(now(), Recent::Hits);
            break;
        case Outcome::MissServed: ++m_c.missServed; break;
        case Outcome::StaleServed: ++m_c.staleServed; break;
        case Outcome::Error: ++m_c.errors; break;
        case Outcome::TimedOut: ++m_c.timeouts; break;
        case Outcome::Open: break;
    }
    if (outcome == Outcome::Error || outcome == Outcome::TimedOut) {
        if (a.number <= m_cfg.retries && m_engine.up(kClients)) {
            ++m_c.retries;
            emitKey("retry", kClients, a.key).with("req", req).with("attempt", a.number + 1);
            startAttempt(a.logical, a.key, a.number + 1, a.logicalStart);
        } else {
            ++m_c.failed;
            emitKey("error", kClients, a.key).with("req", req).with("attempts", a.number);
        }
        return;
    }
    ++m_c.ok;
    m_clientLatency.add(now() - a.logicalStart);
    m_recentLatency.add(now(), now() - a.logicalStart);
}

void CacheModel::onReply(const Payload& p) {
    if (!m_attempts.contains(p.req)) {
        ++m_c.late;  // the client gave up on this attempt; the work was wasted
        return;
    }
    m_engine.cancelTimer(kClients, attemptTag(p.req));
    endAttempt(p.req, p.outcome, p.setAt);
}

void CacheModel::onAttemptTimeout(std::int64_t req) {
    if (!m_attempts.contains(req)) return;
    emitKey("timeout", kClients, m_attempts.at(req).key).with("req", req);
    endAttempt(req, Outcome::TimedOut, 0);
}

}  // namespace sb::core::cache
