// Node actions (crash, restart, failover, lag spike) and promotion with lost-write accounting.
#include <algorithm>
#include <string_view>

#include "sim/labels.h"
#include "topics/replication/replication_model.h"
#include "topics/replication/replication_tags.h"

namespace sb::core::replication {

void ReplicationModel::promote(NodeId n, bool chosen) {
    const NodeId old = m_leader;
    ++m_epoch;
    ++m_failovers;
    Replica& r = R(n);
    r.role = Role::Leader;
    r.epoch = m_epoch;
    r.heard = m_epoch;
    r.waiting.clear();
    r.buffer.clear();
    r.held.clear();
    std::fill(r.ackedBy.begin(), r.ackedBy.end(), 0);
    m_leader = n;
    refreshLinks(n);
    refreshLinks(old);
    if (m_crashedAt >= 0) m_recovery = now() - m_crashedAt;
    m_crashedAt = -1;
    m_engine.cancelTimer(m_monitor, kDetectTimer);
    // Acknowledged writes the new leader never received are gone: every replica will adopt its log.
    m_lastLost = 0;
    for (ClientOp& op : m_ops) {
        if (op.kind != OpKind::Write || !op.acked || (op.anomalies & kLostWrite) || r.posOf.count(op.id)) continue;
        ++m_lastLost;
        ++m_lost;
        m_sessions[idx(op.client)].lost.push_back(op.id);
        flag(op, kLostWrite, "acknowledged, but " + name(n) + " never received it before it was promoted",
             {op.client, old, n});
        m_engine.emit("lost_write", n).with("op", op.id).with("pos", op.version);
        if ((op.heldAtAck >> rep(n)) & 1u)
            violate("sync keeps acknowledged writes", "w#" + std::to_string(op.id) + " was acknowledged in sync mode while " +
                                                          name(n) + " held it, but " + name(n) + " lacks it", {n, old});
    }
    for (std::size_t k = 0; k < m_ackedPos.size(); ++k) m_ackedPos[k] = std::min(m_ackedPos[k], r.latest[k]);
    m_engine.emit("promote", n, chosen ? "chosen" : "most caught up")
        .with("epoch", m_epoch).with("pos", static_cast<std::int64_t>(r.log.size())).with("lost", m_lastLost);
    // Counted for this promotion only: "0 lost" beside a table of earlier losses read as a
    // contradiction, so a clean promotion says what it kept.
    banner(name(n) + " promoted (epoch " + std::to_string(m_epoch) + ")" +
           (m_lastLost == 0 ? std::string(" with every acknowledged write")
                            : ": " + countOf(m_lastLost, "acknowledged write", "acknowledged writes") + " lost"));
    for (int i = 0; i < m_replicas; ++i) {
        const NodeId f = m_firstReplica + i;
        if (f == n) continue;
        Payload sync;
        sync.epoch = m_epoch;
        sync.log = r.log;
        m_engine.send(n, f, "Sync", std::move(sync));
    }
    for (NodeId c = 0; c < m_clients; ++c) {
        Payload p;
        p.epoch = m_epoch;
        m_engine.send(n, c, "Announce", p);
    }
}

Status ReplicationModel::applyNodeAction(const Action& a, Event& out) {
    const NodeId node = m_engine.nodeId(a.str("node"));
    out.node = node;
    out.detail = a.kind == "crash" ? "crash" : a.kind == "restart" ? "restart" : a.kind == "failover" ? "failover" : "lag_spike";
    if (a.kind == "failover") {
        NodeId pick = node;
        if (!a.has("node")) {
            for (NodeId f : liveFollowers(m_leader))
                if (pick == kNoNode || R(f).log.size() > R(pick).log.size()) pick = f;
            if (pick == kNoNode) return makeError("no live follower to promote", "/node");
        }
        if (!isReplica(pick) || pick == m_leader || !m_engine.up(pick))
            return makeError(name(pick) + " is not a live follower", "/node");
        out.node = pick;
        promote(pick, a.has("node"));
        return {};
    }
    if (!isReplica(node)) return makeError(a.str("node") + " is not a replica (only replicas crash or lag)", "/node");
    if (a.kind == "lag_spike") {
        const auto extra = a.integer("extra_ms");
        const auto duration = a.integer("duration_ms");
        if (extra < 0 || extra > 600000 || duration <= 0 || duration > 3600000)
            return makeError("extra_ms must be 0..600000 and duration_ms 1..3600000", "/extra_ms");
        R(node).extraLag = fromMs(extra);
        refreshLinks(node);
        m_engine.setTimer(m_monitor, kSpikeTimer + static_cast<int>(rep(node)), fromMs(duration), "spike over");
        return {};
    }
    if (a.kind == "crash") {
        if (!m_engine.up(node)) return makeError(a.str("node") + " is already down", "/node");
        m_engine.crash(node);
        R(node).held.clear();
        // A follower's lag is time an entry spends in the leader's outgoing stream: what the
        // leader had not yet shipped dies with it.
        std::vector<MsgId> unsent;
        for (const auto& [id, m] : m_engine.inFlight())
            if (m.from == node && std::string_view(m.kind) == "Replicate") unsent.push_back(id);
        for (const MsgId id : unsent) {
            Action drop;
            drop.kind = "drop";
            drop.args["msg"] = id;
            (void)m_engine.applyNetworkAction(drop);
        }
        if (node == m_leader) {
            m_crashedAt = now();
            if (m_autoFailover) m_engine.setTimer(m_monitor, kDetectTimer, std::max<Time>(m_detect, 1), "detect");
            banner(name(node) + " (leader) crashed");
        }
        return {};
    }
    if (m_engine.up(node)) return makeError(a.str("node") + " is already running", "/node");
    m_engine.restart(node);
    if (node == m_leader) {  // back before anyone was promoted: it carries on, and the
        m_crashedAt = -1;       // followers resume the stream from where they are
        m_engine.cancelTimer(m_monitor, kDetectTimer);
        for (int i = 0; i < m_replicas; ++i) {
            if (m_firstReplica + i == node) continue;
            Payload sync;
            sync.epoch = m_epoch;
            sync.log = R(node).log;
            m_engine.send(node, m_firstReplica + i, "Sync", std::move(sync));
        }
    } else if (R(node).role == Role::Leader) {
        announce(node);  // a deposed leader that does not know it yet
        banner(name(node) + " returns, still believing it leads epoch " + std::to_string(R(node).epoch));
    } else if (m_engine.up(m_leader)) {
        Payload sync;
        sync.epoch = m_epoch;
        sync.log = R(m_leader).log;
        m_engine.send(m_leader, node, "Sync", std::move(sync));
    }
    return {};
}

}  // namespace sb::core::replication
