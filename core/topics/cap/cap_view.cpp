// The cap topic's presentation: view, metrics, probes and inspector text.
#include <algorithm>
#include <numeric>

#include "topics/cap/cap_model.h"

namespace sb::core::cap {
namespace {

struct Counts {
    std::int64_t okWrites = 0, failedWrites = 0, okReads = 0, failedReads = 0, timeouts = 0;
    std::int64_t minorityOk = 0, minorityFailed = 0, majorityOk = 0, majorityFailed = 0, pending = 0;
    double availability(std::int64_t ok, std::int64_t failed) const {
        return ok + failed == 0 ? 1.0 : static_cast<double>(ok) / static_cast<double>(ok + failed);
    }
};

Counts count(const std::vector<ClientOp>& history) {
    Counts c;
    for (const ClientOp& op : history) {
        if (op.outcome == Outcome::Pending) {
            ++c.pending;
            continue;
        }
        const bool ok = op.outcome == Outcome::Ok;
        if (op.outcome == Outcome::Timeout) ++c.timeouts;
        (op.kind == OpKind::Write ? (ok ? c.okWrites : c.failedWrites) : (ok ? c.okReads : c.failedReads))++;
        (op.minority ? (ok ? c.minorityOk : c.minorityFailed) : (ok ? c.majorityOk : c.majorityFailed))++;
    }
    return c;
}

std::int64_t versionOf(const Siblings& s, Mode mode) {
    if (s.empty()) return 0;
    if (mode == Mode::CP) return s.front().tag.counter;
    std::int64_t seen = 0;
    for (const Version& v : s) seen = std::max<std::int64_t>(seen, std::accumulate(v.vv.begin(), v.vv.end(), std::int64_t{0}));
    return seen;
}

std::string showKey(const std::string& key, const Siblings& s, Mode mode) {
    if (s.empty()) return key + "=-";
    std::string values;
    for (const Version& v : s) values += (values.empty() ? "" : "|") + std::to_string(v.value);
    return key + "=" + values + " v" + std::to_string(versionOf(s, mode));
}

}  // namespace

View CapModel::view(Time t) const {
    View v;
    v.time = t;
    v.layout = Layout::Circle;
    for (NodeId i = 0; i < m_engine.nodeCount(); ++i) {
        const NodeState& ns = m_nodes[idx(i)];
        NodeView n;
        n.id = i;
        n.name = name(i);
        n.crashed = !m_engine.up(i);
        n.role = n.crashed ? "crashed" : "replica";
        n.zone = m_engine.net().zoneOf(i);
        for (int k = 0; k < m_cfg.keys; ++k)
            n.value += (k ? " " : "") + showKey(keyName(k), ns.store[static_cast<std::size_t>(k)], m_cfg.mode);
        if (!n.crashed && inMinority(i))
            n.badges.push_back(m_cfg.mode == Mode::CP ? Badge{"minority: refuses", Tone::Warning}
                                                  : Badge{"minority: accepts", Tone::Accent});
        if (ns.store.front().size() > 1) n.badges.push_back({std::to_string(ns.store.front().size()) + " siblings", Tone::Warning});
        if (!ns.pending.empty()) {
            // With the time the first of them has left before it gives up (op_timeout_ms): a
            // minority coordinator's wait is the countdown the lesson asks the learner to watch.
            Time first = ns.pending.begin()->second.deadline;
            for (const auto& [op, p] : ns.pending) first = std::min(first, p.deadline);
            std::string label = std::to_string(ns.pending.size()) + " waiting";
            if (first > t) label += ", " + std::to_string((first - t + kMillisecond - 1) / kMillisecond) + " ms left";
            n.badges.push_back({label, Tone::Normal});
        }
        if (ns.staleServed > 0) n.badges.push_back({"stale reads " + std::to_string(ns.staleServed), Tone::Bad});
        if (ns.lostAcked > 0) n.badges.push_back({"lost writes " + std::to_string(ns.lostAcked), Tone::Bad});
        n.timer = m_engine.timerLeft(i, 1, t);
        v.nodes.push_back(std::move(n));
    }
    m_engine.fillNetworkView(v, t);
    for (auto& mv : v.messages) {
        const Message<Payload>* m = m_engine.message(mv.id);
        if (!m) continue;
        const Payload& p = m->payload;
        const std::string key = keyName(p.key);
        mv.reply = mv.kind == "QueryReply" || mv.kind == "StoreAck";
        if (mv.kind == "Query") mv.summary = "op " + std::to_string(p.op) + ": " + key + "?";
        else if (mv.kind == "Sync") mv.summary = "all keys";
        else if (mv.kind == "StoreAck") mv.summary = "op " + std::to_string(p.op) + ": ok";  // the kind says stored; a label has 10 characters
        else mv.summary = showKey(key, p.versions, m_cfg.mode);
    }
    if (m_cfg.mode == Mode::CP)
        v.annotations.push_back("CP: every operation needs " + std::to_string(majority()) + " of " +
                                std::to_string(m_engine.nodeCount()) + " replicas");
    else
        v.annotations.push_back(std::string("AP: every node answers at once; conflicts by ") +
                                (m_cfg.merge == Merge::Lww ? "last-writer-wins" : "siblings"));
    const std::size_t from = m_banners.size() > 2 ? m_banners.size() - 2 : 0;
    for (std::size_t i = from; i < m_banners.size(); ++i)
        if (m_banners[i].time <= t) v.annotations.push_back(m_banners[i].text);
    // The verdict only, kept by the checker until the history changes; the culprit search is
    // explainHistory(), run when the user asks why.
    for (int k = 0; k < m_cfg.keys; ++k) {
        const KeyVerdict verdictOfKey = verdict(k);
        if (verdictOfKey.unknown)
            v.annotations.push_back("Linearizability of " + keyName(k) + ": unknown (the checker gave up with " +
                                    std::to_string(verdictOfKey.checked) + " of " + std::to_string(verdictOfKey.total) +
                                    " operations ordered)");
        else if (!verdictOfKey.linearizable)
            v.annotations.push_back("Not linearizable on " + keyName(k) + ": ask why in the client history");
    }
    for (const ClientOp& op : m_history) {
        if (op.invoke > t) break;  // invocation order
        v.history.push_back(historyOp(op, t));
    }
    return v;
}

HistoryOp CapModel::historyOp(const ClientOp& op, Time t) const {
    HistoryOp h;
    h.id = op.id;
    h.node = op.node;
    h.start = op.invoke;
    const std::string key = keyName(op.key);
    if (op.kind == OpKind::Write) {
        h.label = "w " + key + "=" + std::to_string(op.value);
    } else {
        std::string values;
        for (std::int64_t value : op.values) values += (values.empty() ? "" : "|") + std::to_string(value);
        h.label = "r " + key + (op.outcome == Outcome::Ok ? "→" + (values.empty() ? std::string("-") : values) : "");
    }
    const bool done = op.outcome != Outcome::Pending && op.complete >= 0 && op.complete <= t;
    if (done) h.end = op.complete;
    const Outcome shown = done ? op.outcome : Outcome::Pending;
    switch (shown) {
        case Outcome::Ok: h.outcome = "ok", h.tone = Tone::Good; break;
        case Outcome::Failed: h.outcome = "failed", h.tone = Tone::Bad; break;
        case Outcome::Timeout: h.outcome = "timed out", h.tone = Tone::Warning; break;
        case Outcome::Pending: h.outcome = "pending", h.tone = Tone::Muted; break;
    }
    if (!done) return h;
    if (op.stale) h.note = "stale read";
    else if (op.lost) h.note = "acknowledged, then lost";
    else if (!op.linearizable) h.note = "cannot be ordered (not linearizable)";
    h.flagged = !h.note.empty();
    return h;
}

std::vector<Metric> CapModel::metrics() const {
    const Counts c = count(m_history);
    return {
        {"ok_writes", static_cast<double>(c.okWrites)},
        {"failed_writes", static_cast<double>(c.failedWrites)},
        {"ok_reads", static_cast<double>(c.okReads)},
        {"failed_reads", static_cast<double>(c.failedReads)},
        {"availability_majority", c.availability(c.majorityOk, c.majorityFailed)},
        {"availability_minority", c.availability(c.minorityOk, c.minorityFailed)},
        {"read_latency_ms", meanLatencyMs(OpKind::Read)},
        {"write_latency_ms", meanLatencyMs(OpKind::Write)},
        {"stale_reads", static_cast<double>(m_staleReads)},
        {"lost_writes", static_cast<double>(m_lostWrites)},
        {"wrong_winners", static_cast<double>(m_wrongWinners)},
        {"siblings", static_cast<double>(m_siblings)},
        {"divergent_keys", static_cast<double>(divergentKeys())},
        {"in_flight", static_cast<double>(m_engine.inFlight().size())},
    };
}

ProbeValue CapModel::probe(const std::string& name, NodeId node) const {
    const Counts c = count(m_history);
    const ClientOp* last = m_lastManual > 0 ? &m_history[static_cast<std::size_t>(m_lastManual - 1)] : nullptr;
    if (name == "mode") return std::string(m_cfg.mode == Mode::CP ? "CP" : "AP");
    if (name == "merge") return std::string(m_cfg.merge == Merge::Lww ? "lww" : "siblings");
    if (name == "ok_writes") return c.okWrites;
    if (name == "failed_writes") return c.failedWrites;
    if (name == "ok_reads") return c.okReads;
    if (name == "failed_reads") return c.failedReads;
    if (name == "timeouts") return c.timeouts;
    if (name == "minority_ok") return c.minorityOk;
    if (name == "minority_failed") return c.minorityFailed;
    if (name == "majority_ok") return c.majorityOk;
    if (name == "availability") return c.availability(c.minorityOk + c.majorityOk, c.minorityFailed + c.majorityFailed);
    if (name == "availability_minority") return c.availability(c.minorityOk, c.minorityFailed);
    if (name == "stale_reads") return m_staleReads;
    if (name == "lost_writes") return m_lostWrites;
    if (name == "wrong_winners") return m_wrongWinners;
    if (name == "siblings") return m_siblings;
    if (name == "linearizable") {
        bool unknown = false;
        for (int k = 0; k < m_cfg.keys; ++k) {
            const KeyVerdict v = verdict(k);
            if (!v.linearizable && !v.unknown) return false;
            unknown = unknown || v.unknown;
        }
        return unknown ? ProbeValue{std::string("unknown")} : ProbeValue{true};
    }
    if (name == "serializable") {
        const std::optional<bool> s = serializable();
        return s ? ProbeValue{*s} : ProbeValue{std::string("unknown")};
    }
    if (name == "culprit_size") {
        std::int64_t n = 0;
        for (int k = 0; k < m_cfg.keys; ++k) n += static_cast<std::int64_t>(explain(k).culprit.size());  // asked: search
        return n;
    }
    if (name == "divergent_keys") return std::int64_t{divergentKeys()};
    if (name == "partitioned") return m_engine.net().partitioned();
    if (name == "pending_ops") return c.pending;
    if (name == "last_ok") return last != nullptr && last->outcome == Outcome::Ok;
    if (name == "last_outcome") return std::string(last ? outcomeName(last->outcome) : "none");
    if (name == "last_value") return last ? last->value : std::int64_t{0};
    if (name == "last_latency_ms")
        return last && last->complete >= 0 ? static_cast<double>(last->complete - last->invoke) / 1000.0 : 0.0;
    if (name == "read_latency_ms") return meanLatencyMs(OpKind::Read);
    if (name == "write_latency_ms") return meanLatencyMs(OpKind::Write);
    if (node < 0 || node >= m_engine.nodeCount()) return std::monostate{};
    const Siblings& x = m_nodes[idx(node)].store.front();
    if (name == "value") return x.empty() ? std::int64_t{0} : x.front().value;
    if (name == "version") return versionOf(x, m_cfg.mode);
    if (name == "sibling_count") return static_cast<std::int64_t>(x.size());
    if (name == "in_minority") return inMinority(node);
    if (name == "up") return m_engine.up(node);
    return std::monostate{};
}

std::string CapModel::describe(const Event& e) const {
    const auto field = [&](const char* k) { return std::to_string(e.field(k).value_or(0)); };
    const std::string key = keyName(static_cast<int>(e.field("key").value_or(0)));
    if (e.is("invoke"))
        return "the client at " + name(e.node) + (std::string_view(e.detail) == "write" ? " writes " + key + "=" + field("value")
                                                                                          : " reads " + key) + " (op " + field("op") + ")";
    if (e.is("complete")) {
        const std::string_view d = e.detail;
        const std::string head = name(e.node) + " op " + field("op") + " ";
        if (d == "ok") return head + "succeeds with " + key + "=" + field("value") + " after " + formatMs(e.field("latency_us").value_or(0));
        if (d == "failed") return head + "fails: no majority answered, nothing was written";
        return head + "times out: the client cannot know whether it happened";
    }
    if (e.is("stale_read"))
        return name(e.node) + " returned " + key + "=" + field("value") + " after " + key + "=" + field("newer") + " was acknowledged";
    if (e.is("lost_write"))
        return name(e.node) + " discards acknowledged " + key + "=" + field("value") + " in favour of " + key + "=" + field("winner");
    if (e.is("read_value"))
        return name(e.node) + " op " + field("op") + " returns sibling " + key + "=" + field("value") + " (write op " +
               field("write") + ")";
    if (e.is("sibling")) return name(e.node) + " now keeps " + field("count") + " concurrent versions of " + key;
    if (e.is("timer") && std::string_view(e.detail) == "client") return "the client at " + name(e.node) + " sends a request";
    return Model::describe(e);
}

std::vector<InspectRow> CapModel::inspectNode(NodeId node) const {
    std::vector<InspectRow> rows;
    const NodeState& ns = m_nodes[idx(node)];
    rows.push_back({"state", m_engine.up(node) ? "up" : "crashed"});
    rows.push_back({"side", inMinority(node) ? "minority" : "majority"});
    for (int k = 0; k < m_cfg.keys; ++k) {
        for (const Version& v : ns.store[static_cast<std::size_t>(k)]) {
            std::string detail = std::to_string(v.value) + " (write #" + std::to_string(v.writeId) + ", tag " +
                                 std::to_string(v.tag.counter) + "/" + name(v.tag.node);
            if (!v.vv.empty()) {
                detail += ", vv [";
                for (std::size_t i = 0; i < v.vv.size(); ++i) detail += (i ? "," : "") + std::to_string(v.vv[i]);
                detail += "]";
            }
            rows.push_back({keyName(k), detail + ")"});
        }
    }
    for (const auto& [id, p] : ns.pending)
        rows.push_back({"op " + std::to_string(id), (p.phase == 1 ? "querying, replies " + std::to_string(p.replies)
                                                                   : "storing, acks " + std::to_string(p.acks)) +
                                                        "/" + std::to_string(majority())});
    return rows;
}

std::vector<InspectRow> CapModel::inspectMessage(MsgId id) const {
    const Message<Payload>* m = m_engine.message(id);
    if (!m) return {};
    std::vector<InspectRow> rows{{"kind", m->kind}, {"op", std::to_string(m->payload.op)}, {"key", keyName(m->payload.key)}};
    for (const Version& v : m->payload.versions)
        rows.push_back({"version", std::to_string(v.value) + " (write #" + std::to_string(v.writeId) + ")"});
    return rows;
}

}  // namespace sb::core::cap
