#pragma once

#include <string>
#include <utility>
#include <vector>

#include "sim/event.h"
#include "sim/network.h"

namespace sb::core {

// What a node is in the system being taught. The widgets pick a shape per kind; a topic never
// draws. Not every topic is a cluster of identical peers: a cache stampede is tiers of clients,
// servers, a cache and a database; a saga is an orchestrator with services around it.
enum class NodeKind { Peer, Client, Server, Replica, Cache, Database, Service, Orchestrator, Broker, Coordinator };

const char* nodeKindName(NodeKind kind);  // "client", "database"...

struct NodeSpec {
    std::string name;           // "n1", "clients", "db"
    NodeKind kind = NodeKind::Peer;
    int tier = 0;               // column for the Tiers layout (0 = leftmost); 0 = centre for Star
    int count = 1;              // > 1: an aggregate ("200 clients") drawn as one stacked node
};

// One undirected link, with its own latency and loss when `config` is set.
struct EdgeSpec {
    NodeId a = kNoNode;
    NodeId b = kNoNode;
    bool custom = false;        // use `config` instead of the network's default link
    LinkConfig config{};
};

// The nodes of a run and the links between them. No edges listed means a full mesh; with edges,
// messages still travel between any two nodes (the kernel does not route), but views draw only
// the listed edges, so 200 clients do not become 40,000 lines.
struct Topology {
    std::vector<NodeSpec> nodes;
    std::vector<EdgeSpec> edges;

    bool fullMesh() const { return edges.empty(); }
    std::vector<std::string> names() const;
    // n1..nN, all peers: the cluster of identical nodes the first topics use.
    static Topology cluster(int n, const std::string& prefix = "n");
    // Adds a node and returns its id.
    NodeId add(std::string name, NodeKind kind, int tier = 0, int count = 1);
    void connect(NodeId a, NodeId b) { edges.push_back(EdgeSpec{a, b, false, {}}); }
    void connect(NodeId a, NodeId b, const LinkConfig& config) { edges.push_back(EdgeSpec{a, b, true, config}); }
};

}  // namespace sb::core
