#include "sim/topology.h"

namespace sb::core {

const char* nodeKindName(NodeKind kind) {
    switch (kind) {
        case NodeKind::Peer: return "peer";
        case NodeKind::Client: return "client";
        case NodeKind::Server: return "server";
        case NodeKind::Replica: return "replica";
        case NodeKind::Cache: return "cache";
        case NodeKind::Database: return "database";
        case NodeKind::Service: return "service";
        case NodeKind::Orchestrator: return "orchestrator";
        case NodeKind::Broker: return "broker";
        case NodeKind::Coordinator: return "coordinator";
    }
    return "peer";
}

std::vector<std::string> Topology::names() const {
    std::vector<std::string> out;
    out.reserve(nodes.size());
    for (const auto& n : nodes) out.push_back(n.name);
    return out;
}

Topology Topology::cluster(int n, const std::string& prefix) {
    Topology t;
    for (int i = 1; i <= n; ++i) t.add(prefix + std::to_string(i), NodeKind::Peer);
    return t;
}

NodeId Topology::add(std::string name, NodeKind kind, int tier, int count) {
    nodes.push_back(NodeSpec{std::move(name), kind, tier, count});
    return static_cast<NodeId>(nodes.size() - 1);
}

}  // namespace sb::core
