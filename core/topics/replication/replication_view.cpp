// The replication topic's presentation: the scene, the history strip and inspector text.
#include <algorithm>
#include <cmath>

#include "sim/labels.h"
#include "topics/replication/replication_model.h"
#include "topics/replication/replication_tags.h"

namespace sb::core::replication {
namespace {

constexpr std::size_t kLogCells = 10;
constexpr std::size_t kHistoryOps = 400;

std::string ms(Time t) { return std::to_string(t / 1000) + " ms"; }

}  // namespace

HistoryOp ReplicationModel::historyOp(const ClientOp& o) const {
    HistoryOp h;
    h.id = o.id;
    h.node = o.client;
    const std::string key = keyName(o.key);
    if (o.kind == OpKind::Write) h.label = "w " + key + "=" + std::to_string(o.value);
    else if (o.outcome == Outcome::Ok) h.label = "r " + key + "→" + std::to_string(o.value) + " (" + name(o.replica) + ")";
    else h.label = "r " + key;
    h.start = o.invoke;
    if (o.complete >= 0) h.end = o.complete;
    h.outcome = outcomeName(o.outcome);
    h.tone = o.outcome == Outcome::Ok ? Tone::Good : o.outcome == Outcome::Pending ? Tone::Muted : Tone::Bad;
    h.flagged = o.anomalies != 0;
    if (h.flagged) {
        h.tone = (o.anomalies & kLostWrite) || (o.anomalies & ~kStale) ? Tone::Bad : Tone::Warning;
        h.note = anomalyNames(o.anomalies);
        if (!o.note.empty()) h.note += ": " + o.note;
        else if (o.anomalies & kStale)
            h.note += ": position " + std::to_string(o.version) + ", but " + std::to_string(o.mustSee) +
                      " was already acknowledged";
    }
    return h;
}

NodeView ReplicationModel::replicaView(NodeId n, Time t) const {
    const Replica& r = R(n);
    NodeView v = m_engine.nodeView(n);
    const bool deposed = r.role == Role::Leader && n != m_leader;
    v.role = v.crashed ? "down" : r.role == Role::Leader ? "leader" : "follower";
    const auto& lead = R(m_leader).log;
    const std::size_t applied = r.log.size();
    const std::size_t total = std::max(lead.size(), applied);
    // An old leader may hold entries the new leader never got: say so rather than "3 of 1".
    v.value = applied <= lead.size() ? "applied " + std::to_string(applied) + " of " + std::to_string(lead.size())
                                     : std::to_string(applied) + " entries, " + std::to_string(applied - lead.size()) +
                                           " not on " + name(m_leader);
    Bar bar;
    bar.label = "applied";
    bar.value = total == 0 ? 1.0 : static_cast<double>(applied) / static_cast<double>(total);
    bar.text = "applied up to " + std::to_string(applied) + " of " + std::to_string(lead.size());
    bar.tone = applied >= lead.size() ? Tone::Good : bar.value < 0.9 ? Tone::Warning : Tone::Normal;
    v.bars.push_back(bar);
    v.badges.push_back({"epoch " + std::to_string(r.epoch), deposed ? Tone::Bad : Tone::Normal});
    if (deposed) v.badges.push_back({m_fencing ? "deposed" : "still thinks it leads", Tone::Bad});
    // A deposed leader follows nobody: a lag behind the new leader (0 ms once its own log is the
    // longer) would read as caught up, and its badge pushed "still thinks it leads" off the node.
    if (n != m_leader && !v.crashed && !deposed) {
        const Time lag = timeLag(n, t);
        v.badges.push_back({"lag " + ms(lag), lag > 0 ? Tone::Warning : Tone::Good});
    }
    if (r.extraLag > 0) v.badges.push_back({"lag spike +" + ms(r.extraLag), Tone::Bad});
    if (!r.held.empty()) v.badges.push_back({std::to_string(r.held.size()) + (r.held.size() == 1 ? " read held" : " reads held"), Tone::Accent});
    // The last positions of the longer of the leader's log and this replica's own.
    const auto& source = applied > lead.size() ? r.log : lead;
    const std::size_t from = source.size() > kLogCells ? source.size() - kLogCells : 0;
    for (std::size_t i = from; i < source.size(); ++i) {
        const Entry& e = source[i];
        LogCell c;
        c.group = e.epoch;
        c.text = keyName(e.key) + "=" + std::to_string(e.value);
        c.applied = i < applied && r.log[i].writeId == e.writeId;
        const ClientOp& op = m_ops[static_cast<std::size_t>(e.writeId - 1)];
        c.committed = op.acked && !(op.anomalies & kLostWrite);
        c.watermark = i + 1 == applied;
        v.log.push_back(c);
    }
    return v;
}

View ReplicationModel::view(Time t) const {
    View v;
    v.time = t;
    v.layout = Layout::Tiers;
    for (NodeId c = 0; c < m_clients; ++c) {
        const Session& s = m_sessions[idx(c)];
        NodeView n = m_engine.nodeView(c);
        n.role = "client";
        n.value = s.token > 0 ? "last write: position " + std::to_string(s.token) : "no writes yet";
        n.badges.push_back({"writes to " + name(s.leader), s.leader == m_leader ? Tone::Normal : Tone::Bad});
        int flagged = 0;
        for (const ClientOp& o : m_ops)
            if (o.client == c && (o.anomalies & ~kStale)) ++flagged;
        if (flagged > 0) n.badges.push_back({std::to_string(flagged) + " anomal" + (flagged == 1 ? "y" : "ies"), Tone::Bad});
        if (s.pending) n.badges.push_back({"waiting", Tone::Muted});
        v.nodes.push_back(std::move(n));
    }
    for (int i = 0; i < m_replicas; ++i) v.nodes.push_back(replicaView(m_firstReplica + i, t));
    NodeView mon = m_engine.nodeView(m_monitor);
    mon.role = "monitor";
    mon.value = "watching " + name(m_leader);
    if (auto left = m_engine.timerLeft(m_monitor, kDetectTimer, t)) {
        mon.timer = left;
        // Not yet sure: the monitor is waiting out the silence (detect_ms) before it promotes.
        const auto ms = static_cast<std::int64_t>(std::ceil(*left * static_cast<double>(m_detect) / static_cast<double>(kMillisecond)));
        mon.value = name(m_leader) + " silent: promote in " + std::to_string(ms) + " ms";
    }
    mon.badges.push_back({modeName(m_mode), Tone::Normal});
    mon.badges.push_back({std::string("reads: ") + routingName(m_routing), Tone::Normal});
    if (!m_fencing) mon.badges.push_back({"fencing off", Tone::Bad});
    v.nodes.push_back(std::move(mon));
    m_engine.fillNetworkView(v, t);
    const std::size_t first = m_ops.size() > kHistoryOps ? m_ops.size() - kHistoryOps : 0;
    for (std::size_t i = first; i < m_ops.size(); ++i) v.history.push_back(historyOp(m_ops[i]));
    for (NodeId k = 0; k < m_clients; ++k) {
        KeyRow row;
        row.key = name(k);
        const std::int64_t pos = R(m_leader).latest[idx(k)];
        // The value with where it sits in the leader's log: the position the client's token and
        // the replicas' "applied" count are in.
        row.value = pos == 0 ? "not written" : std::to_string(R(m_leader).log[static_cast<std::size_t>(pos - 1)].value) +
                                                   " at position " + std::to_string(pos);
        int behind = 0;
        for (int i = 0; i < m_replicas; ++i)
            if (m_firstReplica + i != m_leader && m_reps[static_cast<std::size_t>(i)].latest[idx(k)] < pos) ++behind;
        row.status = pos == 0 ? "nothing to copy yet"
                     : behind == 0 ? "on every replica" : countOf(behind, "replica", "replicas") + " behind";
        row.tone = pos == 0 ? Tone::Muted : behind == 0 ? Tone::Good : Tone::Warning;
        // The key's latest acknowledged write, if a failover lost it, matters more than agreement.
        for (auto it = m_ops.rbegin(); it != m_ops.rend(); ++it)
            if (it->kind == OpKind::Write && it->key == static_cast<int>(k) && it->acked) {
                if (it->anomalies & kLostWrite) {
                    row.status = "lost: w=" + std::to_string(it->value) + " was acknowledged";
                    row.tone = Tone::Bad;
                }
                break;
            }
        v.keys.push_back(std::move(row));
    }
    v.annotations = m_banners;
    for (const Violation& bad : m_violations)
        if (v.annotations.size() < 5) v.annotations.push_back(bad.invariant + ": " + bad.detail);
    return v;
}

std::string ReplicationModel::describe(const Event& e) const {
    const auto f = [&](const char* k) { return std::to_string(e.field(k).value_or(0)); };
    const std::string who = name(e.node);
    if (e.is("append")) return who + " appends w#" + f("op") + " at position " + f("pos");
    if (e.is("apply")) {
        if (std::string_view(e.detail) == "sync")
            return who + " adopts the leader's log (epoch " + f("epoch") + ", " + f("pos") + " entries, " + f("dropped") + " dropped)";
        return who + " applies position " + f("pos") + " (w#" + f("op") + ")";
    }
    if (e.is("ack")) return who + " acknowledges w#" + f("op") + " (position " + f("pos") + ")";
    if (e.is("invoke")) return who + " starts a " + e.detail + " #" + f("op") + " of " + keyName(static_cast<int>(e.field("key").value_or(0)));
    if (e.is("complete")) return who + "'s #" + f("op") + " " + e.detail + " after " + ms(e.field("latency_us").value_or(0));
    if (e.is("stale_read")) return who + "'s read #" + f("op") + " is stale: position " + f("pos") + ", " + f("must") + " was acknowledged";
    if (e.is("anomaly")) return who + "'s #" + f("op") + " breaks " + e.detail;
    if (e.is("lost_write")) return "w#" + f("op") + " was acknowledged but is lost: " + who + " never had it";
    if (e.is("promote")) return who + " is promoted (" + e.detail + "), epoch " + f("epoch") + ", " + f("lost") + " acknowledged writes lost";
    if (e.is("fenced")) return who + " sees epoch " + f("epoch") + " and steps down";
    if (e.is("hold")) return who + " holds read #" + f("op") + " until it reaches position " + f("token");
    if (e.is("violation")) return std::string("invariant broken: ") + e.detail;
    if (e.is("split_brain")) return "split brain: " + who + " (epoch " + f("epoch") + ") acknowledges w#" + f("op");
    if (e.is("spike")) return who + "'s lag spike is over";
    return Model::describe(e);
}

std::vector<InspectRow> ReplicationModel::inspectNode(NodeId n) const {
    std::vector<InspectRow> rows;
    if (isClient(n)) {
        const Session& s = m_sessions[idx(n)];
        rows.push_back({"writes to", name(s.leader)});
        rows.push_back({"epoch known", std::to_string(s.epoch)});
        rows.push_back({"causal token", std::to_string(s.token)});
        rows.push_back({"newest position seen", std::to_string(s.seenPos)});
        return rows;
    }
    if (!isReplica(n)) return {{"detection delay", ms(m_detect)}, {"failovers", std::to_string(m_failovers)}};
    const Replica& r = R(n);
    rows.push_back({"role", std::get<std::string>(probe("role", n))});
    rows.push_back({"epoch", std::to_string(r.epoch)});
    rows.push_back({"applied", std::to_string(r.log.size())});
    rows.push_back({"configured lag", ms(m_lag[rep(n)]) + (m_jitter[rep(n)] > 0 ? " + up to " + ms(m_jitter[rep(n)]) : "")});
    rows.push_back({"waiting in buffer", std::to_string(r.buffer.size())});
    rows.push_back({"reads served", std::to_string(r.readsServed)});
    return rows;
}

}  // namespace sb::core::replication
