#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <utility>
#include <vector>

#include "sim/event.h"
#include "sim/rng.h"
#include "sim/time.h"

namespace sb::core {

enum class LatencyKind { Fixed, Uniform, LongTail };

// How long a message takes and how it can go wrong on one link.
struct LinkConfig {
    LatencyKind latency = LatencyKind::Uniform;
    Time minLatency = fromMs(5);
    Time maxLatency = fromMs(15);  // Uniform: upper bound; LongTail: the cap of the tail
    double drop = 0;       // probability a message is lost
    double duplicate = 0;  // probability it arrives twice
    double reorder = 0;    // probability it is held back long enough to be overtaken
};

// Where each sent copy of a message goes: a delivery time, and whether the network has already
// decided to lose it (it still travels, and vanishes on arrival, so the learner sees it die).
struct Fate {
    Time deliver = 0;
    bool lost = false;
};

// Links, latency and faults, plus partitions as zones and one-way cuts. Plain value: copied with
// the model for checkpoints. Reachability is checked when a message arrives, so a partition that
// forms while a message is in flight catches it.
class Network {
public:
    void resize(int nodes);
    int size() const { return static_cast<int>(m_zoneOf.size()); }

    LinkConfig& defaults() { return m_default; }
    const LinkConfig& defaults() const { return m_default; }
    void setLink(NodeId from, NodeId to, const LinkConfig& config);
    const LinkConfig& link(NodeId from, NodeId to) const;

    // Draws the copies of one message (one, or two when duplicated). Draw order is fixed so the
    // Rng stream is identical for identical runs.
    std::vector<Fate> send(NodeId from, NodeId to, Time now, Rng& rng) const;
    bool reachable(NodeId from, NodeId to) const;

    int zoneOf(NodeId node) const { return m_zoneOf[static_cast<std::size_t>(node)]; }
    void moveToZone(NodeId node, int zone) { m_zoneOf[static_cast<std::size_t>(node)] = zone; }
    // Groups become zones 1..k in order; nodes not named stay in zone 0.
    void partition(const std::vector<std::vector<NodeId>>& groups);
    void cut(NodeId from, NodeId to) { m_cuts.insert({from, to}); }
    void uncut(NodeId from, NodeId to) { m_cuts.erase({from, to}); }
    void heal();
    bool partitioned() const;
    const std::set<std::pair<NodeId, NodeId>>& cuts() const { return m_cuts; }
    // Zone ids in use, ascending.
    std::vector<int> zones() const;

private:
    Time drawLatency(const LinkConfig& config, Rng& rng) const;

    LinkConfig m_default;
    std::map<std::pair<NodeId, NodeId>, LinkConfig> m_links;
    std::vector<int> m_zoneOf;
    std::set<std::pair<NodeId, NodeId>> m_cuts;
};

}  // namespace sb::core
