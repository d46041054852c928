#include "topics/ping/ping_model.h"

#include <algorithm>

namespace sb::core::ping {
namespace {

constexpr int kHeartbeatTimer = 0;

std::vector<ActionSpec> pingActions() { return genericActionSpecs(); }

const ParamBinding<Config>& pingBinding() {
    static const ParamBinding<Config> binding = [] {
        ParamBinding<Config> b;
        b.integer("nodes", "nodes", 2, 9, 4, "How many nodes exchange heartbeats", &Config::nodes);
        b.millis("heartbeat_ms", 10, 1000, 100, "Time between two heartbeats from a node", &Config::interval);
        b.millis("timeout_ms", 20, 5000, 350, "Silence after which a peer is suspected", &Config::timeout);
        bindLink(b, 5, 20, true);
        return b;
    }();
    return binding;
}

}  // namespace

const ParamBinding<Config>& PingModel::binding() const { return pingBinding(); }

const TopicInfo& PingModel::topicInfo() {
    static const TopicInfo info = [] {
        TopicInfo t;
        t.id = "ping";
        t.title = "Heartbeats and failure detection";
        t.summary = "Nodes exchange heartbeats and suspect peers that fall silent.";
        t.params = pingBinding().paramSet();
        t.actions = pingActions();
        t.probes = {
            {"suspect_count", true, "How many peers this node suspects", false, "Peers {node} suspects"},
            {"up", true, "Whether the node is running", false, "{node} is up"},
            {"partitioned", false, "Whether any partition or cut is in place", false, "The network is partitioned"},
            {"suspicions", false, "Suspicions raised since the start", false, "Suspicions raised"},
            {"heartbeats_delivered_per_second", false, "Heartbeats that arrived in the last second, at all nodes together",
             false, "Heartbeats delivered in the last second"},
        };
        t.eventKinds = {"send", "deliver", "drop", "timer", "suspect", "trust", "action"};
        return t;
    }();
    return info;
}

Status PingModel::start(std::uint64_t seed) {
    const int n = m_cfg.nodes;
    resetCluster(seed);
    m_nodes.assign(static_cast<std::size_t>(n),
                   NodeState{std::vector<Time>(static_cast<std::size_t>(n), 0),
                             std::vector<bool>(static_cast<std::size_t>(n), false)});
    m_suspicions = m_heartbeats = 0;
    m_heard.clear();
    m_violations.clear();
    // Stagger the first heartbeats so the nodes do not tick in lockstep.
    for (NodeId i = 0; i < n; ++i)
        m_engine.setTimer(i, kHeartbeatTimer, m_engine.rng().range(1, m_cfg.interval), "heartbeat");
    return {};
}

void PingModel::onTimer(NodeId node, int) {
    auto& self = m_nodes[static_cast<std::size_t>(node)];
    for (NodeId peer = 0; peer < m_engine.nodeCount(); ++peer) {
        if (peer == node) continue;
        m_engine.send(node, peer, "Heartbeat", Heartbeat{});
        ++m_heartbeats;
        const auto p = static_cast<std::size_t>(peer);
        if (!self.suspects[p] && now() - self.lastHeard[p] > m_cfg.timeout) {
            self.suspects[p] = true;
            ++m_suspicions;
            m_engine.emit("suspect", node).peer = peer;
        }
    }
    m_engine.setTimer(node, kHeartbeatTimer, m_cfg.interval, "heartbeat");
}

void PingModel::onDeliver(const Message<Heartbeat>& m) {
    auto& self = m_nodes[static_cast<std::size_t>(m.to)];
    const auto p = static_cast<std::size_t>(m.from);
    self.lastHeard[p] = now();
    // The last second's deliveries, for the rate the plot shows (a cut halves it at once).
    while (!m_heard.empty() && m_heard.front() <= now() - kSecond) m_heard.pop_front();
    m_heard.push_back(now());
    if (self.suspects[p]) {
        self.suspects[p] = false;
        m_engine.emit("trust", m.to).peer = m.from;
    }
}

void PingModel::onRestart(NodeId node, Event&) {
    auto& self = m_nodes[static_cast<std::size_t>(node)];
    std::fill(self.lastHeard.begin(), self.lastHeard.end(), now());  // volatile state is lost
    std::fill(self.suspects.begin(), self.suspects.end(), false);
    m_engine.setTimer(node, kHeartbeatTimer, m_cfg.interval, "heartbeat");
}

void PingModel::checkInvariants() {
    for (NodeId i = 0; i < m_engine.nodeCount(); ++i) {
        if (!m_engine.up(i)) continue;
        const auto& self = m_nodes[static_cast<std::size_t>(i)];
        for (NodeId j = 0; j < m_engine.nodeCount(); ++j) {
            const auto p = static_cast<std::size_t>(j);
            if (i == j && self.suspects[p]) {
                m_violations.push_back({"no self-suspicion", m_engine.names()[p] + " suspects itself", now(), {i}});
            } else if (i != j && !self.suspects[p] && now() - self.lastHeard[p] > m_cfg.timeout + m_cfg.interval) {
                m_violations.push_back({"timely suspicion",
                                        m_engine.names()[static_cast<std::size_t>(i)] + " still trusts " +
                                            m_engine.names()[p] + " after a long silence",
                                        now(), {i, j}});
            }
        }
    }
}

int PingModel::suspectCount(NodeId node) const {
    const auto& s = m_nodes[static_cast<std::size_t>(node)].suspects;
    return static_cast<int>(std::count(s.begin(), s.end(), true));
}

}  // namespace sb::core::ping
