// The journeys the view draws after a change of ownership: each moved key travels along the ring
// from the point that led to its old owner to the one that leads to its new owner. Only the
// picture takes time; ownership changed at once (hashring_rebalance.cpp).
#include <algorithm>

#include "topics/hashring/hash_functions.h"
#include "topics/hashring/hashring_model.h"

namespace sb::core::hashring {
namespace {

constexpr std::size_t kDrawnMoves = 240;  // journeys drawn per change; the other keys just recolour

// The ring point a lookup of `hash` lands on (the first at or after it, wrapping), as a fraction,
// or the key's own place when the ring has no points (modulo, rendezvous, jump).
double landing(const std::vector<std::uint64_t>& sorted, std::uint64_t hash) {
    if (sorted.empty()) return ringFraction(hash);
    auto it = std::lower_bound(sorted.begin(), sorted.end(), hash);
    return ringFraction(it == sorted.end() ? sorted.front() : *it);
}

}  // namespace

void HashringModel::beginTransit() {
    // Several changes in one instant (recover, then more points) make one journey, from where
    // the keys were before the first of them.
    if (m_transitFrom && m_transitStart == m_now) return;
    m_transitStart = m_now;
    m_transitFrom = m_owners;
    m_transitRing = std::make_shared<const std::vector<std::uint64_t>>(m_place.ringPositions());
}

void HashringModel::recordTransit() {
    m_transit.clear();
    if (!m_transitFrom || m_transitFrom->size() != m_owners->size()) return;
    const auto& from = *m_transitFrom;
    const auto& to = *m_owners;
    std::vector<std::size_t> moved;
    for (std::size_t i = 0; i < to.size(); ++i)
        if (from[i] != to[i] && from[i] != kNoOwner && to[i] != kNoOwner) moved.push_back(i);
    const std::size_t stride = std::max<std::size_t>(1, (moved.size() + kDrawnMoves - 1) / kDrawnMoves);
    for (std::size_t j = 0; j < moved.size(); j += stride) {
        const std::size_t i = moved[j];
        const std::uint64_t h = m_keys->hash(i);
        m_transit.push_back({i, from[i], to[i], landing(*m_transitRing, h), landing(m_place.ringPositions(), h)});
    }
}

void HashringModel::endTransit() {
    m_transitStart = -1;
    m_transitFrom.reset();
    m_transitRing.reset();
    m_transit.clear();
}

std::vector<RingMove> HashringModel::transitView(Time t, bool keyDots, double& progress) const {
    progress = 1;
    std::vector<RingMove> out;
    if (m_transit.empty() || t >= m_transitStart + kHandover) return out;
    progress = static_cast<double>(std::max<Time>(0, t - m_transitStart)) / static_cast<double>(kHandover);
    out.reserve(m_transit.size());
    for (const Transit& m : m_transit)
        out.push_back({keyDots ? m.key : SIZE_MAX, m.from, m.to, m.fromPosition, m.toPosition});
    return out;
}

}  // namespace sb::core::hashring
