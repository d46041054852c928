// The gossip topic's presentation: view, metrics, probes and event sentences.
#include "topics/gossip/gossip_model.h"

namespace sb::core::gossip {

View GossipModel::view(Time t) const {
    View v;
    v.time = t;
    v.layout = Layout::Circle;
    for (NodeId i = 0; i < m_engine.nodeCount(); ++i) {
        NodeView n = m_engine.nodeView(i);
        const NodeState& s = m_nodes[static_cast<std::size_t>(i)];
        n.role = n.crashed ? "crashed" : !s.knows ? "unaware" : telling(i) ? "spreading" : "done";
        n.value = s.knows ? "hop " + std::to_string(s.hops) : "";
        if (s.knows && telling(i)) n.timer = m_engine.timerLeft(i, 0, t);
        v.nodes.push_back(std::move(n));
    }
    m_engine.fillNetworkView(v, t);
    for (auto& m : v.messages) m.summary = "psst";
    return v;
}

std::vector<Metric> GossipModel::metrics() const {
    return {{"informed", static_cast<double>(informed())},
            {"messages", static_cast<double>(m_told)},
            {"redundant", static_cast<double>(m_redundant)}};
}

ProbeValue GossipModel::probe(const std::string& name, NodeId node) const {
    const bool perNode = node >= 0 && node < m_engine.nodeCount();
    if (name == "informed") return informed();
    if (name == "messages") return m_told;
    if (name == "partitioned") return m_engine.net().partitioned();
    if (name == "residue" || name == "spreading" || name == "max_hops") {
        std::int64_t residue = 0, spreading = 0, hops = 0;
        for (NodeId i = 0; i < m_engine.nodeCount(); ++i) {
            const NodeState& s = m_nodes[static_cast<std::size_t>(i)];
            residue += m_engine.up(i) && !s.knows ? 1 : 0;
            spreading += s.knows && telling(i) ? 1 : 0;
            hops = std::max<std::int64_t>(hops, s.hops);
        }
        return name == "residue" ? residue : name == "spreading" ? spreading : hops;
    }
    if (!perNode) return std::monostate{};
    const NodeState& s = m_nodes[static_cast<std::size_t>(node)];
    if (name == "knows") return s.knows;
    if (name == "hops") return std::int64_t{s.hops};
    if (name == "up") return m_engine.up(node);
    return std::monostate{};
}

std::string GossipModel::describe(const Event& e) const {
    if (e.is("learn") && e.peer == kNoNode) return name(e.node) + " hears the rumor from outside";
    if (e.is("learn")) return name(e.node) + " hears the rumor from " + name(e.peer) + " (hop " +
                              std::to_string(e.field("hops").value_or(0)) + ")";
    if (e.is("stop")) return name(e.node) + " loses interest and stops telling";
    if (e.is("timer")) return name(e.node) + " tells the rumor";
    return Model::describe(e);
}

std::vector<InspectRow> GossipModel::inspectNode(NodeId node) const {
    const NodeState& s = m_nodes[static_cast<std::size_t>(node)];
    std::vector<InspectRow> rows;
    rows.push_back({"state", m_engine.up(node) ? "up" : "crashed"});
    rows.push_back({"knows the rumor", s.knows ? "yes" : "no"});
    if (s.knows) rows.push_back({"heard from", s.heardFrom == kNoNode ? "outside" : name(s.heardFrom)});
    if (s.knows) rows.push_back({"rounds left", s.roundsLeft < 0 ? "no limit" : std::to_string(s.roundsLeft)});
    return rows;
}

}  // namespace sb::core::gossip
