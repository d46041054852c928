#pragma once

#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/action.h"
#include "sim/event.h"
#include "sim/event_queue.h"
#include "sim/network.h"
#include "sim/params.h"
#include "sim/rng.h"
#include "sim/topology.h"
#include "sim/view.h"

namespace sb::core {

// A message in flight. Payload is the topic's own struct (RequestVote arguments, a write...).
template <class Payload>
struct Message {
    MsgId id = 0;
    NodeId from = kNoNode;
    NodeId to = kNoNode;
    const char* kind = "";
    Payload payload{};
    Time sent = 0;
    Time deliver = 0;
    bool lost = false;       // the network decided to lose it; it vanishes on arrival
    bool duplicate = false;  // a second copy made by the network
    std::uint32_t version = 0;  // bumped by "delay" so the old queue entry goes stale
};

// The discrete-event kernel every networked topic shares: the clock, the queue, the network,
// timers, messages in flight, up/down state of nodes, and the queue of events still to report.
//
// One handler run (a delivery, a timer) can cause several visible things (a role change and four
// RequestVotes). They are queued and handed out one per step(), so the trace, the timeline and
// single-stepping all see exactly one event per step.
//
// Timers are keyed by (node, tag): any number per node, so a topic can keep one per key, per
// request or per saga instance. Tags are the topic's own non-negative integers.
//
// A plain value: copying an Engine copies the whole simulation state for a checkpoint.
template <class Payload>
class Engine {
public:
    // A full mesh of peers with these names.
    void reset(std::vector<std::string> names, std::uint64_t seed);
    // Nodes with kinds, tiers and aggregate counts, and the links between them (custom links get
    // their own latency and loss).
    void reset(Topology topology, std::uint64_t seed);
    // The reset every networked topic starts with: nodes n1..nN from the "nodes" parameter and
    // the default link from "latency_min_ms", "latency_max_ms", "loss" and, when the topic has
    // it, "duplicate".
    void resetCluster(const ParamValues& params, std::uint64_t seed);

    Time now() const { return m_now; }
    Rng& rng() { return m_rng; }
    Network& net() { return m_net; }
    const Network& net() const { return m_net; }
    int nodeCount() const { return static_cast<int>(m_names.size()); }
    const std::vector<std::string>& names() const { return m_names; }
    NodeId nodeId(const std::string& name) const;
    bool up(NodeId n) const { return m_up[idx(n)]; }
    const Topology& topology() const { return m_topology; }
    // A node's view with what the kernel knows filled in: id, name, kind, tier, count, crashed,
    // zone. The topic adds role, value, badges and the rest.
    NodeView nodeView(NodeId n) const;

    // --- used by topic handlers --------------------------------------------------------------
    // Reports an event at the current time (queued behind any still unreported).
    Event& emit(const char* kind, NodeId node, const char* detail = "");
    MsgId send(NodeId from, NodeId to, const char* kind, Payload payload);
    // Sets (or resets) the timer (node, tag). Tags are >= 0.
    void setTimer(NodeId node, int tag, Time delay, const char* kind);
    void cancelTimer(NodeId node, int tag);
    std::optional<Time> timerDeadline(NodeId node, int tag) const;
    // Remaining fraction of a running timer at time t (1 = just set, 0 = due), for the view.
    std::optional<double> timerLeft(NodeId node, int tag, Time t) const;
    // Marks a node down: cancels its timers. Messages to it are lost on arrival.
    void crash(NodeId node);
    void restart(NodeId node) { m_up[idx(node)] = true; }

    // --- driving -----------------------------------------------------------------------------
    // Processes one event. Calls onDeliver(const Message&) or onTimer(NodeId, int tag) when a
    // live delivery or timer comes due, after reporting it. Returns nullopt when idle.
    template <class OnDeliver, class OnTimer>
    std::optional<Event> step(OnDeliver&& onDeliver, OnTimer&& onTimer);
    std::optional<Time> nextTime() const;
    bool reporting() const { return !m_pending.empty(); }
    // Advances the clock for an action applied at time `at` (never backwards).
    void advanceTo(Time at) {
        if (at > m_now) m_now = at;
    }
    // Handles the network actions every topic shares (partition, heal, move, cut, uncut, drop,
    // delay). Returns nullopt when the action is not one of them.
    std::optional<Status> applyNetworkAction(const Action& action);

    const std::map<MsgId, Message<Payload>>& inFlight() const { return m_inFlight; }
    const Message<Payload>* message(MsgId id) const;
    // Messages, links and zones for the view at time t (t >= now()). Links are the topology's
    // edges in both directions, or every ordered pair for a full mesh.
    void fillNetworkView(View& view, Time t) const;

private:
    enum class ItemType : std::uint8_t { Deliver, Timer };
    struct Item {
        ItemType type;
        std::uint64_t ref;      // message id, or the packed timer key
        std::uint64_t version;  // must match to be live
    };
    struct Timer {
        std::uint64_t version = 0;
        bool armed = false;
        Time setAt = 0;
        Time deadline = 0;
        const char* kind = "";
    };

    static std::size_t idx(NodeId n) { return static_cast<std::size_t>(n); }
    static std::uint64_t timerKey(NodeId n, int tag) {
        return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(n)) << 32) | static_cast<std::uint32_t>(tag);
    }
    const Timer* findTimer(std::uint64_t key) const;
    bool live(const Item& item) const;
    void prune();

    Time m_now = 0;
    Rng m_rng;
    Network m_net;
    std::vector<std::string> m_names;
    std::vector<bool> m_up;
    Topology m_topology;
    // Timers by packed (node, tag). Versions come from one counter, so a cancelled timer's queue
    // entry never matches a later timer with the same key.
    std::map<std::uint64_t, Timer> m_timers;
    std::uint64_t m_timerVersion = 0;
    EventQueue<Item> m_queue;
    std::map<MsgId, Message<Payload>> m_inFlight;
    std::deque<Event> m_pending;
    MsgId m_nextMsg = 1;
};

}  // namespace sb::core

#include "sim/engine_impl.h"
