#pragma once

#include <deque>
#include <vector>

#include "sim/networked_model.h"

namespace sb::core::ping {

// A heartbeat carries nothing but its sender.
struct Heartbeat {};

struct Config : ClusterConfig {
    Time interval = 0;  // heartbeat_ms
    Time timeout = 0;   // timeout_ms
};

// The "ping" demo topic: every node sends a heartbeat to every other node each heartbeat
// interval, and suspects a peer it has not heard from within the suspicion timeout. It is the
// smallest topic that exercises the whole kernel (timers, messages, loss, partitions, crashes,
// actions, views, probes) and it teaches one idea: a timeout-based failure detector cannot tell
// a crashed node from a partitioned or slow one.
//
// Simplifications: heartbeats carry nothing but the sender; suspicion is checked when a node's
// own heartbeat timer fires, so it is noticed up to one interval late.
//
// Invariant (checked after every step): an up node that does not suspect a peer has heard from
// it within timeout + interval ("timely suspicion"); a node never suspects itself.
class PingModel final : public NetworkedModel<Heartbeat, Config> {
public:
    static const TopicInfo& topicInfo();

    std::unique_ptr<Model> clone() const override { return std::make_unique<PingModel>(*this); }
    const TopicInfo& info() const override { return topicInfo(); }
    View view(Time t) const override;
    std::vector<Metric> metrics() const override;
    std::vector<Violation> violations() const override { return m_violations; }
    ProbeValue probe(const std::string& name, NodeId node) const override;
    std::string describe(const Event& event) const override;
    std::vector<InspectRow> inspectNode(NodeId node) const override;

private:
    struct NodeState {
        std::vector<Time> lastHeard;
        std::vector<bool> suspects;
    };

    const ParamBinding<Config>& binding() const override;
    Status start(std::uint64_t seed) override;
    void onTimer(NodeId node, int tag) override;
    void onDeliver(const Message<Heartbeat>& m) override;
    void afterStep() override { checkInvariants(); }
    void onRestart(NodeId node, Event& out) override;
    void checkInvariants();
    int suspectCount(NodeId node) const;
    std::int64_t heardLastSecond() const;  // heartbeats delivered in the last second

    std::vector<NodeState> m_nodes;
    std::int64_t m_suspicions = 0;
    std::int64_t m_heartbeats = 0;
    std::deque<Time> m_heard;  // when heartbeats were delivered in the last second, oldest first
    std::vector<Violation> m_violations;
};

}  // namespace sb::core::ping
