// The ping topic's presentation: view, metrics, probes and inspector text.
#include <algorithm>

#include "topics/ping/ping_model.h"

namespace sb::core::ping {

View PingModel::view(Time t) const {
    View v;
    v.time = t;
    v.layout = Layout::Circle;
    for (NodeId i = 0; i < m_engine.nodeCount(); ++i) {
        NodeView n;
        n.id = i;
        n.name = m_engine.names()[static_cast<std::size_t>(i)];
        n.crashed = !m_engine.up(i);
        n.role = n.crashed ? "crashed" : "node";
        n.zone = m_engine.net().zoneOf(i);
        n.timer = m_engine.timerLeft(i, 0, t);
        const int suspects = suspectCount(i);
        n.value = suspects == 0 ? "trusts all" : "suspects " + std::to_string(suspects);
        const auto& self = m_nodes[static_cast<std::size_t>(i)];
        for (NodeId j = 0; j < m_engine.nodeCount(); ++j)
            if (self.suspects[static_cast<std::size_t>(j)])
                n.badges.push_back({"? " + m_engine.names()[static_cast<std::size_t>(j)], Tone::Warning});
        // The silence a node is waiting out before it suspects a peer: from one and a half
        // heartbeat intervals of quiet (a heartbeat is late, not just in flight) until it does.
        for (NodeId j = 0; j < m_engine.nodeCount() && !n.crashed; ++j) {
            const auto p = static_cast<std::size_t>(j);
            const Time quiet = t - self.lastHeard[p];
            if (j == i || self.suspects[p] || 2 * quiet < 3 * m_cfg.interval) continue;
            n.badges.push_back({m_engine.names()[p] + " quiet " + std::to_string(quiet / kMillisecond) + " ms", Tone::Muted});
        }
        v.nodes.push_back(std::move(n));
    }
    m_engine.fillNetworkView(v, t);
    for (auto& m : v.messages) m.summary = "I am alive";
    return v;
}

std::vector<Metric> PingModel::metrics() const {
    std::vector<Metric> out;
    // The first four are plotted by default. Heartbeats as a rate, not the running total: a total
    // in the hundreds on the suspicions' count axis drew them flat along 0 (a rate has its own
    // axis), and the rate shows the cut (a node cut off from three halves it, from 120 to 60 a
    // second with four nodes).
    out.push_back({"heartbeats_delivered_per_second", static_cast<double>(heardLastSecond())});
    out.push_back({"suspicions", static_cast<double>(m_suspicions)});
    int suspected = 0;
    for (NodeId i = 0; i < m_engine.nodeCount(); ++i)
        if (m_engine.up(i)) suspected += suspectCount(i);
    out.push_back({"current_suspicions", static_cast<double>(suspected)});
    out.push_back({"in_flight", static_cast<double>(m_engine.inFlight().size())});
    out.push_back({"heartbeats", static_cast<double>(m_heartbeats)});
    return out;
}

std::int64_t PingModel::heardLastSecond() const {
    return std::count_if(m_heard.begin(), m_heard.end(), [&](Time t) { return t > now() - kSecond; });
}

ProbeValue PingModel::probe(const std::string& name, NodeId node) const {
    if (name == "suspect_count" && node >= 0) return std::int64_t{suspectCount(node)};
    if (name == "up" && node >= 0) return m_engine.up(node);
    if (name == "partitioned") return m_engine.net().partitioned();
    if (name == "suspicions") return m_suspicions;
    if (name == "heartbeats_delivered_per_second") return heardLastSecond();
    return std::monostate{};
}

std::string PingModel::describe(const Event& e) const {
    const auto& names = m_engine.names();
    auto name = [&](NodeId n) { return n >= 0 ? names[static_cast<std::size_t>(n)] : std::string("?"); };
    if (e.is("suspect")) return name(e.node) + " has not heard from " + name(e.peer) + " in time and suspects it";
    if (e.is("trust")) return name(e.node) + " hears from " + name(e.peer) + " again and trusts it";
    if (e.is("timer")) return name(e.node) + " sends its heartbeats";
    return Model::describe(e);
}

std::vector<InspectRow> PingModel::inspectNode(NodeId node) const {
    std::vector<InspectRow> rows;
    rows.push_back({"state", m_engine.up(node) ? "up" : "crashed"});
    rows.push_back({"zone", std::to_string(m_engine.net().zoneOf(node))});
    const auto& self = m_nodes[static_cast<std::size_t>(node)];
    for (NodeId j = 0; j < m_engine.nodeCount(); ++j) {
        if (j == node) continue;
        const auto p = static_cast<std::size_t>(j);
        rows.push_back({"last heard " + m_engine.names()[p],
                        formatMs(self.lastHeard[p]) + (self.suspects[p] ? " (suspected)" : "")});
    }
    return rows;
}

}  // namespace sb::core::ping
