// The clients: generated workload, invocations, completions, CP timeouts, anomaly accounting.
#include <algorithm>

#include "topics/cap/cap_model.h"

namespace sb::core::cap {
namespace {

constexpr int kClientTimer = 0;
constexpr int kDeadlineTimer = 1;

}  // namespace

void CapModel::scheduleClient(NodeId node) {
    if (m_cfg.rate <= 0 || !m_engine.up(node)) return;
    // Think time uniform in [0.5, 1.5] of the mean gap, so clients drift apart instead of
    // firing in lockstep.
    const double mean = 1e6 / m_cfg.rate;
    const auto delay = static_cast<Time>(mean * (0.5 + m_engine.rng().uniform()));
    m_engine.setTimer(node, kClientTimer, std::max<Time>(delay, 1), "client");
}

void CapModel::onClientTimer(NodeId node) {
    if (m_nodes[idx(node)].autoOp != 0 || m_cfg.rate <= 0) return;
    const bool read = m_engine.rng().uniform() < m_cfg.readFraction;
    const int key = m_cfg.keys > 1 ? static_cast<int>(m_engine.rng().range(0, m_cfg.keys - 1)) : 0;
    const std::int64_t value = read ? 0 : ++m_nextValue;
    invoke(node, read ? OpKind::Read : OpKind::Write, key, value, false);
}

std::int64_t CapModel::invoke(NodeId node, OpKind kind, int key, std::int64_t value, bool manual) {
    ClientOp op;
    op.id = static_cast<std::int64_t>(m_history.size()) + 1;
    op.node = node;
    op.kind = kind;
    op.key = key;
    op.value = kind == OpKind::Write ? value : 0;
    op.invoke = now();
    op.manual = manual;
    op.minority = inMinority(node);
    m_history.push_back(op);
    m_checkers[static_cast<std::size_t>(key)].invoked(op.id, kind == OpKind::Write, op.value, op.invoke);
    if (!manual) m_nodes[idx(node)].autoOp = op.id;  // before starting: an AP op completes at once
    Event& e = m_engine.emit("invoke", node, kind == OpKind::Write ? "write" : "read");
    e.with("op", op.id).with("key", key);
    if (kind == OpKind::Write) e.with("value", value);
    if (!m_engine.up(node)) complete(op.id, Outcome::Failed);
    else if (m_cfg.mode == Mode::CP) cpStart(node, op.id);
    else apStart(node, op.id);
    return op.id;
}

void CapModel::complete(std::int64_t id, Outcome outcome, const Siblings& read) {
    ClientOp& op = m_history[static_cast<std::size_t>(id - 1)];
    if (op.outcome != Outcome::Pending) return;
    op.outcome = outcome;
    op.complete = now();
    if (op.kind == OpKind::Read && outcome == Outcome::Ok) {
        for (const Version& v : read) {
            op.values.push_back(v.value);
            op.sources.push_back(v.writeId);
        }
        if (read.empty()) {  // never written: the initial value
            op.values.push_back(0);
            op.sources.push_back(0);
        }
        op.value = op.values.front();
        std::sort(op.values.begin(), op.values.end());
    }
    const OpEnd end = outcome == Outcome::Ok ? OpEnd::Ok : outcome == Outcome::Failed ? OpEnd::Failed : OpEnd::Timeout;
    m_checkers[static_cast<std::size_t>(op.key)].completed(id, end, op.complete, op.values);
    Event& e = m_engine.emit("complete", op.node, outcomeName(outcome));
    e.with("op", id).with("key", op.key);
    if (outcome == Outcome::Ok) e.with("value", op.value);
    e.with("latency_us", op.complete - op.invoke);
    if (read.size() > 1) {  // siblings: the read returned them all, one event each
        e.with("values", static_cast<std::int64_t>(read.size()));
        for (const Version& v : read)
            m_engine.emit("read_value", op.node).with("op", id).with("key", op.key).with("value", v.value)
                .with("write", v.writeId);
    }
    if (outcome == Outcome::Ok && op.kind == OpKind::Write) m_acked[static_cast<std::size_t>(op.key)].push_back(id);
    if (outcome == Outcome::Ok && op.kind == OpKind::Read) detectStale(op);
    if (m_cfg.mode == Mode::CP && outcome == Outcome::Ok && op.minority)
        m_violations.push_back({"minority refuses", name(op.node) + " answered op #" + std::to_string(id) +
                                                        " without reaching a majority", now(), {op.node}});
    NodeState& ns = m_nodes[idx(op.node)];
    if (ns.autoOp == id) {
        ns.autoOp = 0;
        scheduleClient(op.node);
    }
}

// A read is stale when every value it returned was written by a write that had finished before
// some other acknowledged write began, and that write finished before the read began: in every
// legal order the newer write sits between them, so no linearization can explain the read.
void CapModel::detectStale(ClientOp& op) {
    const auto& acked = m_acked[static_cast<std::size_t>(op.key)];
    const ClientOp* newer = nullptr;
    for (std::int64_t source : op.sources) {
        const ClientOp* src = source > 0 ? &m_history[static_cast<std::size_t>(source - 1)] : nullptr;
        if (src && src->outcome != Outcome::Ok) return;  // an unknown write may take effect late
        const Time srcDone = src ? src->complete : -1;
        const ClientOp* found = nullptr;
        // Not std::views::reverse: clang 14 (the fuzz build) cannot compile libstdc++ 12's ranges.
        for (auto it = acked.rbegin(); it != acked.rend(); ++it) {  // NOLINT(modernize-loop-convert)
            const ClientOp& w = m_history[static_cast<std::size_t>(*it - 1)];
            if (w.complete <= srcDone) break;  // this and every earlier ack overlap the source
            if (w.id != source && w.complete < op.invoke && w.invoke > srcDone) {
                found = &w;
                break;
            }
        }
        if (!found) return;
        newer = found;
    }
    if (!newer) return;
    op.stale = true;
    ++m_staleReads;
    ++m_nodes[idx(op.node)].staleServed;
    m_engine.emit("stale_read", op.node).with("op", op.id).with("key", op.key).with("value", op.value)
        .with("newer", newer->value);
    banner(name(op.node) + " returned " + keyName(op.key) + "=" + std::to_string(op.value) + " although " +
           keyName(op.key) + "=" + std::to_string(newer->value) + " was acknowledged by " + name(newer->node) +
           " before the read began (stale read)");
}

void CapModel::armDeadline(NodeId node) {
    const auto& pending = m_nodes[idx(node)].pending;
    if (pending.empty()) {
        if (m_engine.timerDeadline(node, kDeadlineTimer)) m_engine.cancelTimer(node, kDeadlineTimer);
        return;
    }
    Time earliest = pending.begin()->second.deadline;
    for (const auto& [id, p] : pending) earliest = std::min(earliest, p.deadline);
    if (m_engine.timerDeadline(node, kDeadlineTimer) != earliest)
        m_engine.setTimer(node, kDeadlineTimer, earliest - now(), "deadline");
}

void CapModel::onDeadline(NodeId node) {
    auto& pending = m_nodes[idx(node)].pending;
    std::vector<std::pair<std::int64_t, Outcome>> expired;
    for (auto it = pending.begin(); it != pending.end();) {
        if (it->second.deadline > now()) {
            ++it;
            continue;
        }
        // Still querying: nothing was stored anywhere, so the coordinator can say "failed".
        // Storing: some replicas may hold the write, so the honest answer is "unknown".
        expired.emplace_back(it->first, it->second.phase == 1 ? Outcome::Failed : Outcome::Timeout);
        it = pending.erase(it);
    }
    for (const auto& [id, outcome] : expired) complete(id, outcome);
    armDeadline(node);
}

void CapModel::failPending(NodeId node) {
    auto pending = std::move(m_nodes[idx(node)].pending);
    m_nodes[idx(node)].pending.clear();
    // The client hears nothing back from a crashed coordinator: the outcome is unknown to it.
    for (const auto& [id, p] : pending) complete(id, Outcome::Timeout);
    m_nodes[idx(node)].autoOp = 0;
}

void CapModel::banner(std::string text) { m_banners.push_back({now(), std::move(text)}); }

}  // namespace sb::core::cap
