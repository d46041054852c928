#include "topics/gossip/gossip_model.h"

#include <algorithm>

namespace sb::core::gossip {

void traceFields(const Rumor& m, Event& e) { e.with("hops", m.hops); }
namespace {

constexpr int kRoundTimer = 0;
constexpr NodeId kOrigin = 0;

const ParamBinding<Config>& gossipBinding() {
    static const ParamBinding<Config> binding = [] {
        ParamBinding<Config> b;
        b.integer("nodes", "nodes", 2, 24, 12, "How many nodes gossip", &Config::nodes);
        b.integer("fanout", "peers", 1, 8, 1, "Peers a node tells each round", &Config::fanout).live();
        b.millis("round_ms", 10, 5000, 100, "Time between two rounds of a node", &Config::round);
        b.integer("stop_after", "rounds", 0, 100, 0, "Rounds a node keeps telling before it loses interest (0: forever)",
                  &Config::stopAfter);
        bindLink(b, 5, 20, true);
        return b;
    }();
    return binding;
}

std::vector<ActionSpec> gossipActions() {
    auto specs = genericActionSpecs();
    specs.push_back({"tell", "A node hears the rumor from outside and (again) starts telling it", {arg("node", ArgType::Node)}, "Start a rumor"});
    return specs;
}

}  // namespace

const ParamBinding<Config>& GossipModel::binding() const { return gossipBinding(); }

const TopicInfo& GossipModel::topicInfo() {
    static const TopicInfo info = [] {
        TopicInfo t;
        t.id = "gossip";
        t.title = "Gossip: spreading a rumor";
        t.summary = "Each node that knows a rumor tells a few random peers every round, until it loses interest.";
        t.params = gossipBinding().paramSet();
        t.actions = gossipActions();
        t.probes = {
            {"informed", false, "How many nodes know the rumor", false, "Nodes that know the rumor"},
            {"residue", false, "Running nodes that do not know it", false, "Running nodes that have not heard it"},
            {"spreading", false, "Nodes still telling it"},
            {"max_hops", false, "The longest path the rumor took from where it started", false, "Longest path of the rumor (hops)"},
            {"messages", false, "Rumors sent since the start"},
            {"partitioned", false, "Whether any partition or cut is in place", false, "The network is partitioned"},
            {"knows", true, "Whether the node knows the rumor", false, "{node} knows the rumor"},
            {"hops", true, "How many hops the rumor took to reach the node (-1: not yet)"},
            {"up", true, "Whether the node is running", false, "{node} is up"},
        };
        t.eventKinds = {"send", "deliver", "drop", "timer", "learn", "stop", "action"};
        return t;
    }();
    return info;
}

Status GossipModel::start(std::uint64_t seed) {
    resetCluster(seed);
    m_nodes.assign(static_cast<std::size_t>(m_cfg.nodes), NodeState{});
    m_changed.clear();
    m_told = m_redundant = 0;
    m_violations.clear();
    learn(kOrigin, kNoNode, 0);
    return {};
}

bool GossipModel::telling(NodeId node) const { return m_nodes[static_cast<std::size_t>(node)].roundsLeft != 0; }

void GossipModel::learn(NodeId node, NodeId from, int hops) {
    NodeState& s = m_nodes[static_cast<std::size_t>(node)];
    s.knows = true;
    s.hops = hops;
    s.heardFrom = from;
    s.roundsLeft = m_cfg.stopAfter == 0 ? -1 : m_cfg.stopAfter;
    m_changed.push_back(node);
    Event& e = m_engine.emit("learn", node);
    e.peer = from;
    e.with("hops", hops);
    // The first round starts at a random point so the nodes do not tick in lockstep.
    m_engine.setTimer(node, kRoundTimer, m_engine.rng().range(1, m_cfg.round), "round");
}

void GossipModel::onTimer(NodeId node, int) {
    NodeState& s = m_nodes[static_cast<std::size_t>(node)];
    // Pick `fanout` distinct peers: a partial Fisher-Yates shuffle of the others.
    std::vector<NodeId> peers;
    for (NodeId p = 0; p < m_engine.nodeCount(); ++p)
        if (p != node) peers.push_back(p);
    const auto picks = std::min(static_cast<std::size_t>(m_cfg.fanout), peers.size());
    for (std::size_t i = 0; i < picks; ++i) {
        const auto j = static_cast<std::size_t>(
            m_engine.rng().range(static_cast<std::int64_t>(i), static_cast<std::int64_t>(peers.size()) - 1));
        std::swap(peers[i], peers[j]);
        m_engine.send(node, peers[i], "Rumor", Rumor{s.hops + 1});
        ++m_told;
    }
    if (s.roundsLeft > 0) --s.roundsLeft;
    if (s.roundsLeft == 0) {
        m_engine.emit("stop", node);
        return;
    }
    m_engine.setTimer(node, kRoundTimer, m_cfg.round, "round");
}

void GossipModel::onDeliver(const Message<Rumor>& m) {
    if (m_nodes[static_cast<std::size_t>(m.to)].knows) {
        ++m_redundant;
        return;
    }
    learn(m.to, m.from, m.payload.hops);
}

void GossipModel::onRestart(NodeId node, Event&) {
    const NodeState& s = m_nodes[static_cast<std::size_t>(node)];
    if (s.knows && telling(node)) m_engine.setTimer(node, kRoundTimer, m_cfg.round, "round");
}

Status GossipModel::applyOwn(const Action& a, Event& out) {
    if (a.kind != "tell") return makeError("unknown action '" + a.kind + "'", "/do");
    const NodeId node = m_engine.nodeId(a.str("node"));
    if (node == kNoNode) return makeError("unknown node '" + a.str("node") + "'", "/node");
    out.node = node;
    if (!m_engine.up(node)) return makeError(a.str("node") + " is down", "/node");
    NodeState& s = m_nodes[static_cast<std::size_t>(node)];
    if (!s.knows) {
        learn(node, kNoNode, 0);
        return {};
    }
    // Hearing it again from outside makes a node that lost interest tell it again.
    s.roundsLeft = m_cfg.stopAfter == 0 ? -1 : m_cfg.stopAfter;
    if (!m_engine.timerDeadline(node, kRoundTimer)) m_engine.setTimer(node, kRoundTimer, m_cfg.round, "round");
    return {};
}

void GossipModel::checkProvenance() {
    for (const NodeId n : m_changed) {
        const NodeState& s = m_nodes[static_cast<std::size_t>(n)];
        if (s.heardFrom == kNoNode) continue;  // the origin, or told from outside
        const NodeState& from = m_nodes[static_cast<std::size_t>(s.heardFrom)];
        if (!from.knows || s.hops != from.hops + 1)
            m_violations.push_back({"rumor provenance",
                                    name(n) + " heard the rumor from " + name(s.heardFrom) + ", which did not know it",
                                    now(), {n, s.heardFrom}});
    }
    m_changed.clear();
}

std::int64_t GossipModel::informed() const {
    return std::count_if(m_nodes.begin(), m_nodes.end(), [](const NodeState& s) { return s.knows; });
}

}  // namespace sb::core::gossip
