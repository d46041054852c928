#pragma once

#include <vector>

#include "sim/engine.h"
#include "sim/model.h"

namespace sb::core::ping {

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
class PingModel final : public Model {
public:
    static const TopicInfo& topicInfo();

    std::unique_ptr<Model> clone() const override { return std::make_unique<PingModel>(*this); }
    const TopicInfo& info() const override { return topicInfo(); }
    Status reset(const ParamValues& params, std::uint64_t seed) override;
    Status apply(const Action& action, Event& out) override;
    std::optional<Event> step() override;
    Time now() const override { return m_engine.now(); }
    std::optional<Time> nextTime() const override { return m_engine.nextTime(); }
    bool reporting() const override { return m_engine.reporting(); }
    std::vector<std::string> nodeNames() const override { return m_engine.names(); }
    View view(Time t) const override;
    std::vector<Metric> metrics() const override;
    std::vector<Violation> violations() const override { return m_violations; }
    ProbeValue probe(const std::string& name, NodeId node) const override;
    std::string describe(const Event& event) const override;
    std::vector<InspectRow> inspectNode(NodeId node) const override;

private:
    struct Heartbeat {};
    struct NodeState {
        std::vector<Time> lastHeard;
        std::vector<bool> suspects;
    };

    void onTimer(NodeId node);
    void onDeliver(const Message<Heartbeat>& m);
    void checkInvariants();
    int suspectCount(NodeId node) const;

    Engine<Heartbeat> m_engine;
    std::vector<NodeState> m_nodes;
    Time m_interval = 0;
    Time m_timeout = 0;
    std::int64_t m_suspicions = 0;
    std::int64_t m_heartbeats = 0;
    std::vector<Violation> m_violations;
};

}  // namespace sb::core::ping
