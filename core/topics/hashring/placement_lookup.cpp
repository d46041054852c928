// Single-key lookups and preference lists for each placement scheme.
#include <algorithm>
#include <utility>

#include "topics/hashring/hash_functions.h"
#include "topics/hashring/placement.h"

namespace sb::core::hashring {
namespace {

constexpr int kJumpRetries = 32;

}  // namespace

std::size_t Placement::ringIndex(std::uint64_t hash, int* cost) const {
    // Binary search for the first vnode at or after the key, counting comparisons.
    std::size_t lo = 0;
    std::size_t hi = m_ringPos.size();
    int steps = 0;
    while (lo < hi) {
        const std::size_t mid = lo + (hi - lo) / 2;
        ++steps;
        if (m_ringPos[mid] < hash) lo = mid + 1;
        else hi = mid;
    }
    if (cost) *cost = steps;
    if (lo == m_ringPos.size()) lo = 0;  // past the last vnode: wrap around to the first
    if (m_broken.lookupSkipsVnode && lo == 0 && m_ringPos.size() > 1) lo = 1;  // the mistake
    return lo;
}

Lookup Placement::lookupRing(std::uint64_t hash) const {
    Lookup out;
    if (m_ringPos.empty()) return out;
    out.owner = m_ringOwner[ringIndex(hash, &out.cost)];
    return out;
}

double Placement::rendezvousScore(std::uint64_t hash, int slot) const {
    return weightedScore(pairScore(hash, member(slot).seedHash), member(slot).weight);
}

Lookup Placement::lookupRendezvous(std::uint64_t hash) const {
    // Every live node scores the key; the highest wins (ties: lowest slot). Equal weights
    // compare raw scores, which orders exactly like the weighted score but needs no logarithm.
    Lookup out;
    out.cost = static_cast<int>(m_live.size());
    const bool equal = weightsEqual();
    std::uint64_t bestRaw = 0;
    double best = 0;
    for (int s : m_live) {
        const std::uint64_t raw = pairScore(hash, member(s).seedHash);
        bool wins = out.owner == kNoOwner;
        if (!wins && equal) {
            wins = raw > bestRaw;
        } else if (!wins) {
            const double w = weightedScore(raw, member(s).weight);
            wins = w > best || (w == best && raw > bestRaw);
        }
        if (wins) {
            out.owner = static_cast<std::uint8_t>(s);
            bestRaw = raw;
            best = equal ? 0 : weightedScore(raw, member(s).weight);
        }
    }
    return out;
}

Lookup Placement::lookupJump(std::uint64_t hash) const {
    Lookup out;
    const auto buckets = static_cast<std::int32_t>(m_buckets.size());
    if (buckets == 0 || m_live.empty()) return out;
    // A dead bucket sends the key on to a rehash of itself: the retry sequence depends only on
    // the key, so keys of live buckets never move and a dead bucket's keys spread evenly.
    std::uint64_t h = hash;
    std::int32_t b = 0;
    for (int attempt = 0; attempt < kJumpRetries; ++attempt) {
        int steps = 0;
        b = jumpHash(h, buckets, &steps);
        out.cost += steps;
        const std::uint8_t s = m_buckets[static_cast<std::size_t>(b)];
        if (member(s).state == MemberState::Live) {
            out.owner = s;
            return out;
        }
        h = remix(h ^ static_cast<std::uint64_t>(attempt + 1));
    }
    for (std::int32_t k = 1; k <= buckets; ++k) {  // nearly every bucket is dead: walk on
        ++out.cost;
        const std::uint8_t s = m_buckets[static_cast<std::size_t>((b + k) % buckets)];
        if (member(s).state == MemberState::Live) {
            out.owner = s;
            break;
        }
    }
    return out;
}

Lookup Placement::lookup(std::uint64_t hash) const {
    if (m_live.empty()) return {};
    switch (m_mode) {
        case Mode::Modulo:
            return {static_cast<std::uint8_t>(m_live[static_cast<std::size_t>(hash % m_live.size())]), 1};
        case Mode::Ring: return lookupRing(hash);
        case Mode::Rendezvous: return lookupRendezvous(hash);
        case Mode::Jump: return lookupJump(hash);
    }
    return {};
}

std::vector<std::uint8_t> Placement::replicas(std::uint64_t hash) const {
    std::vector<std::uint8_t> out;
    const std::size_t want = std::min<std::size_t>(m_replication, m_live.size());
    if (want == 0) return out;
    if (m_mode == Mode::Ring) {
        const std::size_t j = ringIndex(hash, nullptr);
        out.assign(m_prefs.begin() + static_cast<std::ptrdiff_t>(j * m_prefWidth),
                   m_prefs.begin() + static_cast<std::ptrdiff_t>((j + 1) * m_prefWidth));
        return out;
    }
    if (m_mode == Mode::Rendezvous) {
        // The R highest scores, in order.
        std::vector<std::pair<double, int>> scored;
        for (int s : m_live) scored.emplace_back(rendezvousScore(hash, s), s);
        out.push_back(lookup(hash).owner);  // the exact winner, tie rules included
        std::stable_sort(scored.begin(), scored.end(),
                         [](const auto& a, const auto& b) { return a.first > b.first; });
        for (const auto& [score, s] : scored) {
            if (out.size() == want) break;
            if (s != out.front()) out.push_back(static_cast<std::uint8_t>(s));
        }
        return out;
    }
    const std::uint8_t owner = lookup(hash).owner;
    if (m_mode == Mode::Modulo) {
        const std::size_t first = static_cast<std::size_t>(std::find(m_live.begin(), m_live.end(), owner) - m_live.begin());
        for (std::size_t i = 0; i < want; ++i)
            out.push_back(static_cast<std::uint8_t>(m_live[(first + i) % m_live.size()]));
        return out;
    }
    // Jump: the owner's bucket, then the next live buckets.
    const std::size_t buckets = m_buckets.size();
    const auto start = static_cast<std::size_t>(member(owner).bucket);
    for (std::size_t k = 0; k < buckets && out.size() < want; ++k) {
        const std::uint8_t s = m_buckets[(start + k) % buckets];
        if (member(s).state == MemberState::Live && std::find(out.begin(), out.end(), s) == out.end())
            out.push_back(s);
    }
    return out;
}

}  // namespace sb::core::hashring
