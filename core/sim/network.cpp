#include "sim/network.h"

#include <algorithm>
#include <cmath>

namespace sb::core {

void Network::resize(int nodes) { m_zoneOf.resize(static_cast<std::size_t>(nodes), 0); }

void Network::setLink(NodeId from, NodeId to, const LinkConfig& config) {
    m_links[{from, to}] = config;
}

const LinkConfig& Network::link(NodeId from, NodeId to) const {
    auto it = m_links.find({from, to});
    return it == m_links.end() ? m_default : it->second;
}

Time Network::drawLatency(const LinkConfig& config, Rng& rng) const {
    switch (config.latency) {
        case LatencyKind::Fixed:
            return config.minLatency;
        case LatencyKind::Uniform:
            return rng.range(config.minLatency, std::max(config.minLatency, config.maxLatency));
        case LatencyKind::LongTail: {
            // Pareto with shape 2 above the minimum: most messages are quick, a few are very
            // slow, capped at maxLatency so a run cannot stall on one draw.
            const double u = 1.0 - rng.uniform();  // (0, 1]
            const double factor = 1.0 / std::sqrt(u);
            const double raw = static_cast<double>(config.minLatency) * factor;
            return std::min(config.maxLatency, static_cast<Time>(raw));
        }
    }
    return config.minLatency;
}

std::vector<Fate> Network::send(NodeId from, NodeId to, Time now, Rng& rng) const {
    const LinkConfig& config = link(from, to);
    std::vector<Fate> fates;
    Fate first;
    first.deliver = now + drawLatency(config, rng);
    first.lost = rng.chance(config.drop);
    if (rng.chance(config.reorder)) first.deliver += 2 * std::max<Time>(config.maxLatency, 1);
    fates.push_back(first);
    if (rng.chance(config.duplicate)) {
        Fate copy;
        copy.deliver = now + drawLatency(config, rng);
        fates.push_back(copy);
    }
    return fates;
}

bool Network::reachable(NodeId from, NodeId to) const {
    if (from == to) return true;
    if (zoneOf(from) != zoneOf(to)) return false;
    return !m_cuts.contains({from, to});
}

void Network::partition(const std::vector<std::vector<NodeId>>& groups) {
    std::fill(m_zoneOf.begin(), m_zoneOf.end(), 0);
    int zone = 1;
    for (const auto& group : groups) {
        for (NodeId node : group) m_zoneOf[static_cast<std::size_t>(node)] = zone;
        ++zone;
    }
}

void Network::heal() {
    std::fill(m_zoneOf.begin(), m_zoneOf.end(), 0);
    m_cuts.clear();
}

bool Network::partitioned() const {
    if (!m_cuts.empty()) return true;
    return std::adjacent_find(m_zoneOf.begin(), m_zoneOf.end(), std::not_equal_to<>()) !=
           m_zoneOf.end();
}

std::vector<int> Network::zones() const {
    std::vector<int> ids(m_zoneOf.begin(), m_zoneOf.end());
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
}

}  // namespace sb::core
