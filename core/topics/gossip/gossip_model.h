#pragma once

#include <vector>

#include "sim/networked_model.h"

namespace sb::core::gossip {

// A rumor carries the number of hops it has travelled from the node that first heard it.
struct Rumor {
    int hops = 0;
};

// What a message puts into its send event (docs/formats.md, "Messages: gossip"), so a checker
// reading only the trace sees what it said. Found by the engine through argument-dependent lookup.
void traceFields(const Rumor& m, Event& e);


struct Config : ClusterConfig {
    int fanout = 1;     // peers told per round
    Time round = 0;     // round_ms
    int stopAfter = 0;  // rounds a node keeps telling (0: forever)
};

// The "gossip" topic, a small example of the topic kit: rumor mongering by push gossip, as in
// Demers et al., "Epidemic Algorithms for Replicated Database Maintenance" (PODC 1987), with the
// "blind, counter" way of losing interest. At t = 0 node n1 knows a rumor. Every round each node
// that knows it and is still interested tells `fanout` peers picked at random; after
// `stop_after` rounds it stops. With no stop the rumor reaches every connected node in about
// log N rounds; with an early stop some nodes may never hear it (the residue).
//
// Simplifications: one rumor; a node that crashes keeps what it knew and, if it was still
// telling, goes on after its restart; peers are picked uniformly with no membership view.
//
// Invariant (checked after every step): every node that knows the rumor, except the origin,
// heard it from a node that knew it, one hop further from the origin ("rumor provenance").
class GossipModel final : public NetworkedModel<Rumor, Config> {
public:
    static const TopicInfo& topicInfo();

    std::unique_ptr<Model> clone() const override { return std::make_unique<GossipModel>(*this); }
    const TopicInfo& info() const override { return topicInfo(); }
    View view(Time t) const override;
    std::vector<Metric> metrics() const override;
    std::vector<Violation> violations() const override { return m_violations; }
    ProbeValue probe(const std::string& name, NodeId node) const override;
    std::string describe(const Event& event) const override;
    std::vector<InspectRow> inspectNode(NodeId node) const override;

private:
    struct NodeState {
        bool knows = false;
        int hops = -1;         // from the origin; -1 while it does not know
        NodeId heardFrom = kNoNode;
        int roundsLeft = 0;    // rounds it still tells; < 0 forever
    };

    const ParamBinding<Config>& binding() const override;
    Status start(std::uint64_t seed) override;
    void onDeliver(const Message<Rumor>& m) override;
    void onTimer(NodeId node, int tag) override;
    void onRestart(NodeId node, Event& out) override;
    Status applyOwn(const Action& a, Event& out) override;
    void afterStep() override { checkProvenance(); }
    void learn(NodeId node, NodeId from, int hops);
    void checkProvenance();
    bool telling(NodeId node) const;
    std::int64_t informed() const;
    const std::string& name(NodeId n) const { return m_engine.names()[static_cast<std::size_t>(n)]; }

    std::vector<NodeState> m_nodes;
    std::vector<NodeId> m_changed;  // learned since the last check
    std::int64_t m_told = 0;
    std::int64_t m_redundant = 0;   // deliveries to a node that already knew
    std::vector<Violation> m_violations;
};

}  // namespace sb::core::gossip
