// Probes, metrics and names: what lessons and plots can read from a replication run.
#include <algorithm>

#include "topics/replication/replication_model.h"
#include "topics/replication/replication_tags.h"

namespace sb::core::replication {

const char* modeName(Mode mode) {
    static const char* const k[] = {"async", "semi-sync", "sync"};
    return k[static_cast<int>(mode)];
}
const char* routingName(Routing routing) {
    static const char* const k[] = {"leader", "random follower", "sticky follower", "leader after own write", "causal token"};
    return k[static_cast<int>(routing)];
}
const char* outcomeName(Outcome outcome) {
    static const char* const k[] = {"pending", "ok", "timed out", "rejected"};
    return k[static_cast<int>(outcome)];
}
std::string anomalyNames(std::uint8_t a) {
    static const std::pair<std::uint8_t, const char*> k[] = {
        {kStale, "stale read"}, {kReadYourWrites, "read-your-writes"}, {kMonotonicReads, "monotonic reads"},
        {kMonotonicWrites, "monotonic writes"}, {kWritesFollowReads, "writes-follow-reads"},
        {kConsistentPrefix, "consistent prefix"}, {kLostWrite, "lost write"}};
    std::string out;
    for (const auto& [bit, text] : k)
        if (a & bit) out += (out.empty() ? "" : ", ") + std::string(text);
    return out;
}

std::vector<ProbeSpec> probeSpecs() {
    return {
        {"leader", false, "The replica that leads the newest epoch"},
        {"epoch", false, "The newest leader epoch (1 until the first failover)", false, "Newest epoch"},
        {"mode", false, R"("async", "semi-sync" or "sync")"},
        {"routing", false, "How reads are routed"},
        {"writes_acked", false, "Writes acknowledged to users"},
        {"reads_ok", false, "Reads answered"},
        {"timeouts", false, "Operations that timed out"},
        {"rejected", false, "Writes refused by a replica that is not the leader"},
        {"stale_reads", false, "Reads older than a write acknowledged before they began"},
        {"stale_read_rate", false, "Stale reads as a share of answered reads (0..1)"},
        {"ryw_violations", false, "Reads that missed the user's own earlier write"},
        {"monotonic_read_violations", false, "Reads that went back to an older version than the user had read"},
        {"monotonic_write_violations", false, "Writes stored without the user's earlier write"},
        {"wfr_violations", false, "Writes stored without a write the user had read before"},
        {"consistent_prefix_violations", false, "Reads that missed a write older than one the user had seen"},
        {"lost_writes", false, "Acknowledged writes lost at failovers (or acknowledged by a deposed leader)", false, "Acknowledged writes lost"},
        {"lost_last_failover", false, "Acknowledged writes lost at the latest failover", false, "Writes lost at the last failover"},
        {"failovers", false, "Promotions so far"},
        {"time_to_recover_ms", false, "From the leader's crash to the promotion, for the latest failover (-1: none)"},
        {"leader_reads", false, "Reads the current leader has served", false, "Reads the leader served"},
        {"leader_read_share", false, "Share of answered reads served by a leader (0..1)"},
        {"read_latency_ms", false, "Mean latency of answered reads"},
        {"write_latency_ms", false, "Mean latency of acknowledged writes"},
        {"split_brain_writes", false,
         "Writes acknowledged by a deposed leader while another leads (fencing off, or it heard of no newer epoch)",
         false, "Split-brain writes"},
        {"violations", false, "Invariant violations (split brain, log mismatch, sync write lost)"},
        {"leaders_up", false, "Running replicas that believe they lead", false, "Replicas that think they lead"},
        {"last_outcome", false, "ok, timed out, rejected or pending, for the latest manual request", false, "Outcome of the last request"},
        {"last_value", false, "The value the latest manual read returned (0: never written)", false, "Value the last read returned"},
        {"last_version", false, "The log position of the latest manual request's version"},
        {"last_replica", false, "The replica that served the latest manual request", false, "Replica that served the last request"},
        {"last_stale", false, "Whether the latest manual read was stale", false, "The last read was stale"},
        {"last_flagged", false, "Whether the latest manual request broke a session guarantee", false, "The last request broke a session guarantee"},
        {"last_latency_ms", false, "How long the latest manual request took (0 while pending)", false, "Latency of the last request (ms)"},
        {"applied", true, "How many log entries the replica has applied", false, "Entries {node} has applied"},
        {"behind", true, "How many entries the replica lacks of the leader's log", false, "Entries {node} lacks"},
        {"lag_ms", true, "Age of the oldest entry the replica lacks (0 when caught up)", false, "Lag of {node} (ms)"},
        {"role", true, R"("leader", "follower" or "down")", false, "Role of {node}"},
        {"node_epoch", true, "The epoch the replica (or user) knows", false, "Epoch {node} knows"},
        {"up", true, "Whether the node is running"},
        {"reads_served", true, "Reads the replica has answered"},
        {"token", true, "A user's causal token: the position of its last acknowledged write", false, "Causal token of {node}"},
        {"value", true, "The node's value of a key (\"key\": a user's name; default the first user)", true},
    };
}

std::int64_t ReplicationModel::count(Anomaly a) const {
    const auto it = m_counts.find(a);
    return it == m_counts.end() ? 0 : it->second;
}

double ReplicationModel::meanLatencyMs(OpKind kind) const {
    double sum = 0;
    int n = 0;
    for (const ClientOp& op : m_ops)
        if (op.kind == kind && op.outcome == Outcome::Ok) {
            sum += static_cast<double>(op.complete - op.invoke) / 1000.0;
            ++n;
        }
    return n == 0 ? 0.0 : sum / n;
}

ProbeValue ReplicationModel::probe(const std::string& p, NodeId node) const { return probeAt(p, node, {}, now()); }

ProbeValue ReplicationModel::probeKey(const std::string& p, NodeId node, const std::string& key) const {
    return probeAt(p, node, key, now());
}

ProbeValue ReplicationModel::probeAt(const std::string& p, NodeId node, const std::string& key, Time t) const {
    if (p == "value") return keyValue(node, key);
    if (!key.empty()) return {};
    auto ops = [&](OpKind kind, Outcome outcome) {
        return static_cast<std::int64_t>(std::count_if(m_ops.begin(), m_ops.end(), [&](const ClientOp& o) {
            return o.kind == kind && o.outcome == outcome;
        }));
    };
    const std::int64_t readsOk = ops(OpKind::Read, Outcome::Ok);
    if (p == "leader") return name(m_leader);
    if (p == "epoch") return static_cast<std::int64_t>(m_epoch);
    if (p == "mode") return std::string(modeName(m_mode));
    if (p == "routing") return std::string(routingName(m_routing));
    if (p == "writes_acked") return ops(OpKind::Write, Outcome::Ok);
    if (p == "reads_ok") return readsOk;
    if (p == "timeouts") return ops(OpKind::Read, Outcome::TimedOut) + ops(OpKind::Write, Outcome::TimedOut);
    if (p == "rejected") return ops(OpKind::Write, Outcome::Rejected);
    if (p == "stale_reads") return count(kStale);
    if (p == "stale_read_rate") return readsOk == 0 ? 0.0 : static_cast<double>(count(kStale)) / static_cast<double>(readsOk);
    if (p == "ryw_violations") return count(kReadYourWrites);
    if (p == "monotonic_read_violations") return count(kMonotonicReads);
    if (p == "monotonic_write_violations") return count(kMonotonicWrites);
    if (p == "wfr_violations") return count(kWritesFollowReads);
    if (p == "consistent_prefix_violations") return count(kConsistentPrefix);
    if (p == "lost_writes") return m_lost;
    if (p == "lost_last_failover") return m_lastLost;
    if (p == "failovers") return m_failovers;
    if (p == "time_to_recover_ms") return m_recovery < 0 ? -1.0 : static_cast<double>(m_recovery) / 1000.0;
    if (p == "leader_reads") return R(m_leader).readsServed;
    if (p == "leader_read_share") {
        std::int64_t byLeader = 0;
        for (const ClientOp& o : m_ops)
            if (o.kind == OpKind::Read && o.outcome == Outcome::Ok && isReplica(o.replica) &&
                (o.replica == m_leader || R(o.replica).role == Role::Leader))
                ++byLeader;
        return readsOk == 0 ? 0.0 : static_cast<double>(byLeader) / static_cast<double>(readsOk);
    }
    if (p == "read_latency_ms") return meanLatencyMs(OpKind::Read);
    if (p == "write_latency_ms") return meanLatencyMs(OpKind::Write);
    if (p == "split_brain_writes") return m_splitBrainWrites;
    if (p == "violations") return static_cast<std::int64_t>(m_violations.size());
    if (p == "leaders_up") {
        std::int64_t n = 0;
        for (int i = 0; i < m_replicas; ++i)
            if (m_engine.up(m_firstReplica + i) && m_reps[static_cast<std::size_t>(i)].role == Role::Leader) ++n;
        return n;
    }
    if (p.rfind("last_", 0) == 0) {
        static const ClientOp kNone{};  // before any manual request: zeros, "none"
        const ClientOp& o = m_lastManual == 0 ? kNone : m_ops[static_cast<std::size_t>(m_lastManual - 1)];
        if (m_lastManual == 0 && (p == "last_outcome" || p == "last_replica")) return std::string("none");
        if (p == "last_outcome") return std::string(outcomeName(o.outcome));
        if (p == "last_value") return o.value;
        if (p == "last_version") return o.version;
        if (p == "last_replica") return name(o.replica);
        if (p == "last_stale") return (o.anomalies & kStale) != 0;
        if (p == "last_flagged") return (o.anomalies & ~kStale) != 0;
        if (p == "last_latency_ms") return o.complete < 0 ? 0.0 : static_cast<double>(o.complete - o.invoke) / 1000.0;
    }
    if (node < 0 || node >= m_engine.nodeCount()) return std::monostate{};
    if (p == "up") return m_engine.up(node);
    if (isClient(node)) {
        if (p == "token") return m_sessions[idx(node)].token;
        if (p == "node_epoch") return static_cast<std::int64_t>(m_sessions[idx(node)].epoch);
    }
    if (!isReplica(node)) {  // users and the monitor hold no log
        if (p == "token" || p == "node_epoch") return std::int64_t{0};
        if (p == "role") return std::string(isClient(node) ? "client" : "monitor");
        if (p == "lag_ms") return 0.0;
        if (p == "applied" || p == "behind" || p == "reads_served") return std::int64_t{0};
        return std::monostate{};
    }
    const Replica& r = R(node);
    const auto applied = static_cast<std::int64_t>(r.log.size());
    if (p == "applied") return applied;
    if (p == "behind") return std::max<std::int64_t>(0, static_cast<std::int64_t>(R(m_leader).log.size()) - applied);
    if (p == "lag_ms") return static_cast<double>(timeLag(node, t)) / 1000.0;
    if (p == "role") return std::string(!m_engine.up(node) ? "down" : r.role == Role::Leader ? "leader" : "follower");
    if (p == "node_epoch") return static_cast<std::int64_t>(r.epoch);
    if (p == "reads_served") return r.readsServed;
    return std::monostate{};
}

ProbeValue ReplicationModel::keyValue(NodeId node, const std::string& key) const {
    const NodeId k = key.empty() ? 0 : m_engine.nodeId(key);
    if (!isReplica(node) || !isClient(k)) return std::monostate{};
    const Replica& r = R(node);
    const std::int64_t pos = r.latest[idx(k)];
    return pos == 0 ? std::int64_t{0} : r.log[static_cast<std::size_t>(pos - 1)].value;
}

std::vector<Metric> ReplicationModel::metricsAt(Time t) const {
    std::vector<Metric> out;
    for (int i = 0; i < m_replicas; ++i) {
        const NodeId n = m_firstReplica + i;
        if (n == m_leader) continue;
        out.push_back({"lag_ms." + name(n), static_cast<double>(timeLag(n, t)) / 1000.0});
        out.push_back({"behind." + name(n), static_cast<double>(std::get<std::int64_t>(probeAt("behind", n, {}, t)))});
    }
    static const char* const kNumbers[] = {"stale_reads", "ryw_violations", "monotonic_read_violations",
                                           "monotonic_write_violations", "wfr_violations",
                                           "consistent_prefix_violations", "lost_writes", "failovers", "leader_reads",
                                           "split_brain_writes"};
    for (const char* k : kNumbers) out.push_back({k, static_cast<double>(std::get<std::int64_t>(probeAt(k, kNoNode, {}, t)))});
    static const char* const kReals[] = {"stale_read_rate", "read_latency_ms", "write_latency_ms", "leader_read_share",
                                         "time_to_recover_ms"};
    for (const char* k : kReals) out.push_back({k, std::get<double>(probeAt(k, kNoNode, {}, t))});
    return out;
}

}  // namespace sb::core::replication
