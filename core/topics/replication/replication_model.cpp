#include "topics/replication/replication_model.h"

#include <algorithm>

#include "topics/replication/replication_tags.h"

namespace sb::core::replication {
namespace {

const char* const kClientNames[] = {"alice", "bob", "carol", "dave"};
constexpr int kMaxReplicas = 6;

std::vector<ActionSpec> replicationActions() {
    auto specs = genericActionSpecs();
    specs.push_back({"client_write", "A user writes a value to a key (their own by default)",
                     {arg("node", ArgType::Node), arg("key", ArgType::String, false), arg("value", ArgType::Int, false)}});
    specs.push_back({"client_read", "A user reads a key (their own by default), routed by the read routing or sent to a named replica",
                     {arg("node", ArgType::Node), arg("key", ArgType::String, false), arg("replica", ArgType::Node, false)}});
    specs.push_back({"failover", "Promote a follower now (the most caught-up one if none is named)",
                     {arg("node", ArgType::Node, false)}, "Fail over to a follower"});
    specs.push_back({"lag_spike", "A follower falls further behind for a while",
                     {arg("node", ArgType::Node), arg("extra_ms", ArgType::Int), arg("duration_ms", ArgType::Int)}, "Slow a follower down"});
    return specs;
}

std::vector<ParamSpec> lagParams() {
    std::vector<ParamSpec> out;
    const int lags[kMaxReplicas] = {20, 20, 150, 60, 400, 1000};
    for (int i = 1; i <= kMaxReplicas; ++i) {
        const std::string r = "r" + std::to_string(i);
        out.push_back({r + "_lag_ms", ParamType::Int, "ms", 0, 60000, static_cast<double>(lags[i - 1]),
                       "How long " + r + " takes to receive and apply an entry when it follows", {}});
        out.push_back({r + "_jitter_ms", ParamType::Int, "ms", 0, 60000, 0,
                       "Extra random delay on top of " + r + "'s lag, uniform from 0 to this", {}});
    }
    return out;
}

}  // namespace

const TopicInfo& ReplicationModel::topicInfo() {
    static const TopicInfo info = [] {
        TopicInfo t;
        t.id = "replication";
        t.title = "Replication lag and failover";
        t.summary = "A leader streams its log to lagging followers; reads from them break session "
                    "guarantees, and failing over with asynchronous replication loses acknowledged writes.";
        std::vector<ParamSpec> params = {
            {"clients", ParamType::Int, "users", 1, 4, 2, "How many users (alice, bob, carol, dave), each with its own key", {}},
            {"followers", ParamType::Int, "replicas", 1, 5, 2, "How many followers beside the leader r1", {}},
            {"replication_mode", ParamType::Choice, "", 0, 2, 0,
             "When the leader acknowledges a write: at once, after one follower, after every live follower",
             {"async", "semi-sync", "sync"}},
            {"routing", ParamType::Choice, "", 0, 4, 1, "Where reads go",
             {"leader", "random follower", "sticky follower", "leader after own write", "causal token"}},
            {"leader_window_ms", ParamType::Int, "ms", 0, 60000, 1000, "How long after a user's own write its reads go to the leader", {}},
            {"causal_fallback", ParamType::Choice, "", 0, 1, 0, "A replica behind the causal token: hold the read, or send it to the leader", {"wait", "leader"}},
            {"net_ms", ParamType::Int, "ms", 0, 1000, 2, "One-way delay between users and replicas, and of follower acknowledgements", {}},
            {"client_rate", ParamType::Real, "ops/s", 0, 50, 0, "Operations per second per user (0: manual only)", {}},
            {"read_fraction", ParamType::Real, "", 0, 1, 0.7, "Share of generated operations that are reads", {}},
            {"own_key_fraction", ParamType::Real, "", 0, 1, 0.7, "Share of generated operations on the user's own key", {}},
            {"op_timeout_ms", ParamType::Int, "ms", 10, 60000, 2000, "How long a user waits for an answer", {}},
            {"detect_ms", ParamType::Int, "ms", 0, 60000, 500, "How long the monitor takes to notice a crashed leader", {}},
            {"auto_failover", ParamType::Bool, "", 0, 1, 1, "Whether the monitor promotes a follower by itself", {}},
            {"fencing", ParamType::Bool, "", 0, 1, 1, "Reject messages from an older epoch (off: a returning old leader causes split brain)", {}},
        };
        for (auto& p : lagParams()) params.push_back(std::move(p));
        t.params = ParamSet(std::move(params));
        t.actions = replicationActions();
        t.probes = probeSpecs();
        t.eventKinds = {"send", "deliver", "drop", "timer", "action", "invoke", "complete", "append", "apply",
                        "ack", "stale_read", "anomaly", "lost_write", "promote", "fenced", "violation", "spike", "hold", "split_brain"};
        return t;
    }();
    return info;
}

Status ReplicationModel::reset(const ParamValues& p, std::uint64_t seed) {
    m_clients = static_cast<int>(p.at("clients"));
    m_replicas = static_cast<int>(p.at("followers")) + 1;
    Topology topo;
    for (int i = 0; i < m_clients; ++i) topo.add(kClientNames[i], NodeKind::Client, 0);
    m_firstReplica = static_cast<NodeId>(m_clients);
    for (int i = 1; i <= m_replicas; ++i) topo.add("r" + std::to_string(i), NodeKind::Database, 1);
    m_monitor = topo.add("monitor", NodeKind::Orchestrator, 2);
    for (NodeId c = 0; c < m_clients; ++c)
        for (int i = 0; i < m_replicas; ++i) topo.connect(c, m_firstReplica + i);
    for (int i = 0; i < m_replicas; ++i) {
        for (int j = i + 1; j < m_replicas; ++j) topo.connect(m_firstReplica + i, m_firstReplica + j);
        topo.connect(m_monitor, m_firstReplica + i);
    }
    m_engine.reset(std::move(topo), seed);
    m_netLatency = fromMs(static_cast<std::int64_t>(p.at("net_ms")));
    LinkConfig& link = m_engine.net().defaults();
    link.latency = LatencyKind::Fixed;
    link.minLatency = link.maxLatency = m_netLatency;
    m_lag.assign(static_cast<std::size_t>(m_replicas), 0);
    m_jitter.assign(static_cast<std::size_t>(m_replicas), 0);
    for (int i = 1; i <= m_replicas; ++i) {
        const std::string r = "r" + std::to_string(i);
        m_lag[static_cast<std::size_t>(i - 1)] = fromMs(static_cast<std::int64_t>(p.at(r + "_lag_ms")));
        m_jitter[static_cast<std::size_t>(i - 1)] = fromMs(static_cast<std::int64_t>(p.at(r + "_jitter_ms")));
    }
    m_mode = static_cast<Mode>(static_cast<int>(p.at("replication_mode")));
    m_routing = static_cast<Routing>(static_cast<int>(p.at("routing")));
    m_causalWait = p.at("causal_fallback") == 0;
    m_fencing = p.at("fencing") != 0;
    m_autoFailover = p.at("auto_failover") != 0;
    m_window = fromMs(static_cast<std::int64_t>(p.at("leader_window_ms")));
    m_detect = fromMs(static_cast<std::int64_t>(p.at("detect_ms")));
    m_timeout = fromMs(static_cast<std::int64_t>(p.at("op_timeout_ms")));
    m_rate = p.at("client_rate");
    m_readFraction = p.at("read_fraction");
    m_ownFraction = p.at("own_key_fraction");
    m_reps.assign(static_cast<std::size_t>(m_replicas), Replica{});
    for (Replica& r : m_reps) {
        r.latest.assign(static_cast<std::size_t>(m_clients), 0);
        r.ackedBy.assign(static_cast<std::size_t>(m_replicas), 0);
    }
    m_leader = m_firstReplica;
    m_reps[0].role = Role::Leader;
    m_epoch = 1;
    m_sessions.assign(static_cast<std::size_t>(m_clients), Session{});
    for (Session& s : m_sessions) s.leader = m_leader;
    m_ops.clear();
    m_ackedPos.assign(static_cast<std::size_t>(m_clients), 0);
    m_nextValue = m_lastManual = m_lost = m_lastLost = m_failovers = m_splitBrainWrites = 0;
    m_crashedAt = m_recovery = -1;
    m_counts.clear();
    m_banners.clear();
    m_violations.clear();
    m_appliesOnArrival = false;
    for (int i = 0; i < m_replicas; ++i) refreshLinks(m_firstReplica + i);
    for (NodeId c = 0; c < m_clients; ++c) scheduleClient(c);
    return {};
}

std::string ReplicationModel::name(NodeId n) const {
    return n >= 0 && idx(n) < m_engine.names().size() ? m_engine.names()[idx(n)] : std::string("?");
}

// A follower's lag is the delay of everything streamed to it, from whichever replica leads. The
// leader's own incoming links (acknowledgements) take the plain network delay.
LinkConfig ReplicationModel::lagLink(NodeId replica) const {
    LinkConfig c;
    if (replica == m_leader) {
        c.latency = LatencyKind::Fixed;
        c.minLatency = c.maxLatency = m_netLatency;
        return c;
    }
    const Time base = m_lag[rep(replica)] + R(replica).extraLag;
    const Time jitter = m_jitter[rep(replica)];
    c.latency = jitter > 0 ? LatencyKind::Uniform : LatencyKind::Fixed;
    c.minLatency = base;
    c.maxLatency = base + jitter;
    return c;
}

void ReplicationModel::refreshLinks(NodeId replica) {
    for (int i = 0; i < m_replicas; ++i)
        if (m_firstReplica + i != replica) m_engine.net().setLink(m_firstReplica + i, replica, lagLink(replica));
}

std::vector<NodeId> ReplicationModel::liveFollowers(NodeId leader) const {
    std::vector<NodeId> out;
    for (int i = 0; i < m_replicas; ++i) {
        const NodeId n = m_firstReplica + i;
        if (n != leader && m_engine.up(n) && R(n).role == Role::Follower) out.push_back(n);
    }
    return out;
}

// How far behind the leader a replica is in time: the age of the oldest entry it lacks.
Time ReplicationModel::timeLag(NodeId replica, Time t) const {
    const auto& lead = R(m_leader).log;
    const auto applied = R(replica).log.size();
    if (replica == m_leader || applied >= lead.size()) return 0;
    return std::max<Time>(0, t - lead[applied].at);
}

void ReplicationModel::banner(std::string text) {
    m_banners.push_back(std::move(text));
    if (m_banners.size() > 3) m_banners.erase(m_banners.begin());
}

void ReplicationModel::violate(const char* invariant, std::string detail, std::vector<NodeId> nodes) {
    const NodeId first = nodes.empty() ? kNoNode : nodes.front();
    m_violations.push_back({invariant, std::move(detail), now(), std::move(nodes)});
    m_engine.emit("violation", first, invariant);
}

std::optional<Event> ReplicationModel::step() {
    return m_engine.step([this](const Message<Payload>& m) { onDeliver(m); },
                         [this](NodeId node, int tag) { onTimer(node, tag); });
}

void ReplicationModel::onTimer(NodeId node, int tag) {
    if (tag == kThinkTimer) onClientTimer(node);
    else if (tag == kOpTimer) complete(m_sessions[idx(node)].pending, Outcome::TimedOut);
    else if (tag == kDetectTimer) {
        if (m_engine.up(m_leader) || m_crashedAt < 0) return;
        NodeId best = kNoNode;
        for (NodeId f : liveFollowers(m_leader))
            if (best == kNoNode || R(f).log.size() > R(best).log.size()) best = f;
        if (best == kNoNode) banner("No live follower to promote");
        else promote(best, false);
    } else if (tag >= kSpikeTimer) {
        const NodeId r = m_firstReplica + (tag - kSpikeTimer);
        R(r).extraLag = 0;
        refreshLinks(r);
        m_engine.emit("spike", r, "over");
    }
}

}  // namespace sb::core::replication
