// Invariants and the per-expiry accounting, checked as things happen and after every step.
#include <algorithm>
#include <cmath>
#include <functional>

#include "topics/cache/cache_model.h"

namespace sb::core::cache {

void Histogram::add(Time t) {
    const double ms = static_cast<double>(t) / static_cast<double>(kMillisecond);
    int bucket = ms <= 0.1 ? 0 : static_cast<int>(std::log(ms / 0.1) / std::log(1.1));
    bucket = std::clamp(bucket, 0, kBuckets - 1);
    ++m_counts[static_cast<std::size_t>(bucket)];
    ++m_count;
}

double Histogram::quantileMs(double q) const {
    if (m_count == 0) return 0;
    const auto rank = std::max<std::int64_t>(1, static_cast<std::int64_t>(std::ceil(q * static_cast<double>(m_count))));
    std::int64_t seen = 0;
    for (int i = 0; i < kBuckets; ++i) {
        seen += m_counts[static_cast<std::size_t>(i)];
        if (seen >= rank) return 0.1 * std::pow(1.1, i + 0.5);
    }
    return 0.1 * std::pow(1.1, kBuckets);
}

void RecentLatency::add(Time answeredAt, Time latency) {
    // Kept while a moment at or after this answer can still see it in its window.
    while (!m_answers.empty() && m_answers.front().first <= answeredAt - kWindow) m_answers.pop_front();
    m_answers.emplace_back(answeredAt, latency);
}

double RecentLatency::quantileMs(double q, Time t, const std::multiset<Time>& waitingSince) const {
    // The answers in the window are a run of the deque (oldest first), found by bisection. The
    // plot samples every event and each sample reads this twice: copying a second's answers
    // each time was three quarters of the cost of cache-cold-start's sampling.
    using Answer = std::pair<Time, Time>;
    const auto from = std::partition_point(m_answers.begin(), m_answers.end(), [&](const Answer& a) { return a.first <= t - kWindow; });
    const auto to = std::partition_point(from, m_answers.end(), [&](const Answer& a) { return a.first <= t; });
    const auto answered = static_cast<std::size_t>(to - from);
    const std::size_t total = answered + waitingSince.size();
    if (total == 0) return 0;
    // The nearest rank, as Histogram's, but exact. It is the k-th largest of all, so it is among
    // the k largest of each part: of the waiting, the k who started first.
    const auto rank = std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(q * static_cast<double>(total))));
    const std::size_t k = total - rank + 1;
    // Only the values at or above a floor can be the k-th largest once k of them are: the floor
    // is the last answer (the p99 moves little from one event to the next), and where fewer than
    // k reach it, none is left out (floor 0). The result is the same either way.
    std::vector<Time> seen;
    for (const Time floor : {m_lastAnswer, Time{0}}) {
        seen.clear();
        for (auto it = from; it != to; ++it)
            if (it->second >= floor) seen.push_back(it->second);
        std::size_t taken = 0;
        for (auto it = waitingSince.begin(); it != waitingSince.end() && taken < k; ++it, ++taken) {
            const Time age = std::max<Time>(0, t - *it);
            if (age < floor) break;  // the rest started later: younger still
            seen.push_back(age);
        }
        if (seen.size() >= k) break;
    }
    const auto nth = seen.begin() + static_cast<std::ptrdiff_t>(k - 1);
    std::nth_element(seen.begin(), nth, seen.end(), std::greater<>());
    m_lastAnswer = *nth;
    return static_cast<double>(*nth) / static_cast<double>(kMillisecond);
}

std::array<std::int64_t, Recent::kSeries>& Recent::bucket(Time now) {
    const std::int64_t second = now / kSecond;
    const auto i = static_cast<std::size_t>(second % 10);
    if (m_second[i] != second) {
        m_second[i] = second;
        m_buckets[i] = {};
    }
    return m_buckets[i];
}

void Recent::add(Time now, Series s, std::int64_t n) { bucket(now)[static_cast<std::size_t>(s)] += n; }

void Recent::max(Time now, Series s, std::int64_t value) {
    auto& b = bucket(now)[static_cast<std::size_t>(s)];
    b = std::max(b, value);
}

std::int64_t Recent::total(Time now, Series s) const {
    const std::int64_t second = now / kSecond;
    std::int64_t out = 0;
    for (std::size_t i = 0; i < m_buckets.size(); ++i) {
        if (m_second[i] < 0 || m_second[i] <= second - 10) continue;
        const std::int64_t v = m_buckets[i][static_cast<std::size_t>(s)];
        out = s == QueuePeak ? std::max(out, v) : out + v;
    }
    return out;
}

void CacheModel::violation(std::string invariant, std::string detail, std::vector<NodeId> nodes) {
    if (m_violations.size() >= 100) return;  // the first ones tell the story; keep copies cheap
    m_violations.push_back(Violation{std::move(invariant), std::move(detail), now(), std::move(nodes)});
}

// Counts the recompute in its key's expiry cycle and checks the mutual exclusion the mitigation
// promises, before the new recompute joins the ones in flight.
void CacheModel::countRecompute(const Recompute& r, const Payload& seen) {
    const auto id = std::make_pair(r.key, r.replaces);
    auto [it, added] = m_cycleOf.try_emplace(id, m_cycles.size());
    if (added) m_cycles.push_back(Cycle{r.key, r.replaces, r.replaces == 0 ? 0 : seen.expiry, now(), 0});
    ++m_cycles[it->second].recomputes;
    if (m_cfg.mitigation == Mitigation::Lock && !r.background) {
        for (const auto& [q, other] : m_recomputes)
            if (other.key == r.key && other.lockExpiry > now())
                violation("one recompute under the lock", keyName(r.key) + ": query " + std::to_string(q) +
                          " still holds an unexpired lock while another starts", {r.app, other.app});
    }
    if (m_cfg.mitigation == Mitigation::SingleFlight && r.flight) {
        for (const auto& [q, other] : m_recomputes)
            if (other.key == r.key && other.app == r.app && other.flight)
                violation("one flight per key per server", keyName(r.key) + " on " + name(r.app) +
                          ": query " + std::to_string(q) + " is still in flight", {r.app});
    }
}

// A served value may be no older than its TTL plus the staleness the mitigation allows.
void CacheModel::checkServed(const Payload& p, Outcome outcome) {
    if (outcome != Outcome::Hit && outcome != Outcome::StaleServed) return;
    const Time age = p.lookedUp - p.setAt;
    const Time pastTtl = p.lookedUp - p.expiry;
    if (pastTtl > keep() || age > m_maxTtl + keep())
        violation("staleness bound", keyName(p.key) + " v" + std::to_string(p.version) + " served " +
                  formatMs(pastTtl) + " past its TTL (allowed " + formatMs(keep()) + ")", {cacheNode()});
    if (outcome == Outcome::StaleServed && m_cfg.mitigation != Mitigation::Lock && m_cfg.mitigation != Mitigation::Swr)
        violation("staleness bound", "a stale value was served without a mitigation that allows it", {cacheNode()});
}

void CacheModel::checkAccounting() {
    const Counters& c = m_c;
    const auto open = static_cast<std::int64_t>(m_attempts.size());
    if (c.attempts != c.hits + c.missServed + c.staleServed + c.errors + c.timeouts + open)
        violation("request accounting", "attempts do not add up: " + std::to_string(c.attempts) + " started", {kClients});
    if (c.logical != c.ok + c.failed + open)
        violation("request accounting", "requests do not add up: " + std::to_string(c.logical) + " started", {kClients});
    if (c.attempts != c.logical + c.retries)
        violation("request accounting", "attempts are not requests plus retries", {kClients});
    if (static_cast<int>(m_dbQueue.size()) > m_cfg.dbQueueLimit || static_cast<int>(m_dbBusy.size()) > m_cfg.dbSlots)
        violation("database bounds", "more queries queued or running than the database allows", {dbNode()});
}

}  // namespace sb::core::cache
