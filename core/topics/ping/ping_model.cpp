#include "topics/ping/ping_model.h"

#include <algorithm>

namespace sb::core::ping {
namespace {

constexpr int kHeartbeatTimer = 0;

std::vector<ActionSpec> pingActions() { return genericActionSpecs(); }

}  // namespace

const TopicInfo& PingModel::topicInfo() {
    static const TopicInfo info = [] {
        TopicInfo t;
        t.id = "ping";
        t.title = "Heartbeats and failure detection";
        t.summary = "Nodes exchange heartbeats and suspect peers that fall silent.";
        t.params = ParamSet({
            {"nodes", ParamType::Int, "nodes", 2, 9, 4, "How many nodes exchange heartbeats", {}},
            {"heartbeat_ms", ParamType::Int, "ms", 10, 1000, 100, "Time between two heartbeats from a node", {}},
            {"timeout_ms", ParamType::Int, "ms", 20, 5000, 350, "Silence after which a peer is suspected", {}},
            {"latency_min_ms", ParamType::Int, "ms", 0, 1000, 5, "Fastest one-way message delay", {}},
            {"latency_max_ms", ParamType::Int, "ms", 0, 2000, 20, "Slowest one-way message delay", {}},
            {"loss", ParamType::Real, "", 0, 0.9, 0, "Probability that a message is lost", {}},
            {"duplicate", ParamType::Real, "", 0, 0.9, 0, "Probability that a message arrives twice", {}},
        });
        t.actions = pingActions();
        t.probes = {
            {"suspect_count", true, "How many peers this node suspects"},
            {"up", true, "Whether the node is running"},
            {"partitioned", false, "Whether any partition or cut is in place"},
            {"suspicions", false, "Suspicions raised since the start"},
        };
        t.eventKinds = {"send", "deliver", "drop", "timer", "suspect", "trust", "action"};
        return t;
    }();
    return info;
}

Status PingModel::reset(const ParamValues& p, std::uint64_t seed) {
    const int n = static_cast<int>(p.at("nodes"));
    m_engine.resetCluster(p, seed);
    m_interval = fromMs(static_cast<std::int64_t>(p.at("heartbeat_ms")));
    m_timeout = fromMs(static_cast<std::int64_t>(p.at("timeout_ms")));
    m_nodes.assign(static_cast<std::size_t>(n),
                   NodeState{std::vector<Time>(static_cast<std::size_t>(n), 0),
                             std::vector<bool>(static_cast<std::size_t>(n), false)});
    m_suspicions = m_heartbeats = 0;
    m_violations.clear();
    // Stagger the first heartbeats so the nodes do not tick in lockstep.
    for (NodeId i = 0; i < n; ++i)
        m_engine.setTimer(i, kHeartbeatTimer, m_engine.rng().range(1, m_interval), "heartbeat");
    return {};
}

void PingModel::onTimer(NodeId node) {
    auto& self = m_nodes[static_cast<std::size_t>(node)];
    for (NodeId peer = 0; peer < m_engine.nodeCount(); ++peer) {
        if (peer == node) continue;
        m_engine.send(node, peer, "Heartbeat", Heartbeat{});
        ++m_heartbeats;
        const auto p = static_cast<std::size_t>(peer);
        if (!self.suspects[p] && now() - self.lastHeard[p] > m_timeout) {
            self.suspects[p] = true;
            ++m_suspicions;
            m_engine.emit("suspect", node).peer = peer;
        }
    }
    m_engine.setTimer(node, kHeartbeatTimer, m_interval, "heartbeat");
}

void PingModel::onDeliver(const Message<Heartbeat>& m) {
    auto& self = m_nodes[static_cast<std::size_t>(m.to)];
    const auto p = static_cast<std::size_t>(m.from);
    self.lastHeard[p] = now();
    if (self.suspects[p]) {
        self.suspects[p] = false;
        m_engine.emit("trust", m.to).peer = m.from;
    }
}

std::optional<Event> PingModel::step() {
    auto event = m_engine.step([this](const Message<Heartbeat>& m) { onDeliver(m); },
                               [this](NodeId node, int) { onTimer(node); });
    if (event) checkInvariants();
    return event;
}

Status PingModel::apply(const Action& a, Event& out) {
    m_engine.advanceTo(a.at);
    out.time = now();
    if (auto handled = m_engine.applyNetworkAction(a)) {
        out.detail = a.kind == "partition" ? "partition" : a.kind == "heal" ? "heal"
                   : a.kind == "move" ? "move" : a.kind == "cut" ? "cut"
                   : a.kind == "uncut" ? "uncut" : a.kind == "drop" ? "drop" : "delay";
        if (a.has("node")) out.node = m_engine.nodeId(a.str("node"));
        if (a.has("from")) out.node = m_engine.nodeId(a.str("from"));
        if (a.has("to")) out.peer = m_engine.nodeId(a.str("to"));
        if (a.has("msg")) out.msg = static_cast<MsgId>(a.integer("msg"));
        return *handled;
    }
    const NodeId node = m_engine.nodeId(a.str("node"));
    out.node = node;
    if (a.kind == "crash") {
        if (!m_engine.up(node)) return makeError(a.str("node") + " is already down", "/node");
        m_engine.crash(node);
        out.detail = "crash";
        return {};
    }
    if (a.kind == "restart") {
        if (m_engine.up(node)) return makeError(a.str("node") + " is already running", "/node");
        m_engine.restart(node);
        auto& self = m_nodes[static_cast<std::size_t>(node)];
        std::fill(self.lastHeard.begin(), self.lastHeard.end(), now());  // volatile state is lost
        std::fill(self.suspects.begin(), self.suspects.end(), false);
        m_engine.setTimer(node, kHeartbeatTimer, m_interval, "heartbeat");
        out.detail = "restart";
        return {};
    }
    if (a.kind == "set") {
        const std::string name = a.str("param");
        const double v = a.real("value");
        out.detail = "set";
        if (name == "loss") m_engine.net().defaults().drop = v;
        else if (name == "duplicate") m_engine.net().defaults().duplicate = v;
        else return makeError("parameter '" + name + "' cannot change during a run", "/param");
        return {};
    }
    return makeError("unknown action '" + a.kind + "'", "/do");
}

void PingModel::checkInvariants() {
    for (NodeId i = 0; i < m_engine.nodeCount(); ++i) {
        if (!m_engine.up(i)) continue;
        const auto& self = m_nodes[static_cast<std::size_t>(i)];
        for (NodeId j = 0; j < m_engine.nodeCount(); ++j) {
            const auto p = static_cast<std::size_t>(j);
            if (i == j && self.suspects[p]) {
                m_violations.push_back({"no self-suspicion", m_engine.names()[p] + " suspects itself", now(), {i}});
            } else if (i != j && !self.suspects[p] && now() - self.lastHeard[p] > m_timeout + m_interval) {
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
