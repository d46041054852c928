// The saga topic's presentation: a star of services, one step strip per recent order, the
// reader's snapshots and the orders in the history strip, inspector rows and event sentences.
#include <algorithm>

#include "topics/saga/saga_model.h"

namespace sb::core::saga {
namespace {

constexpr std::size_t kStrips = 4;  // the most recent orders get a strip each

Tone stepTone(StepStatus s) {
    switch (s) {
        case StepStatus::Done: return Tone::Good;
        case StepStatus::Running: return Tone::Accent;
        case StepStatus::Failed: return Tone::Bad;
        case StepStatus::Compensating: return Tone::Warning;
        case StepStatus::Compensated: return Tone::Muted;
        case StepStatus::DeadLettered: return Tone::Bad;
        case StepStatus::Pending: return Tone::Normal;
    }
    return Tone::Normal;
}

Tone rmTone(RmState s) {
    switch (s) {
        case RmState::Prepared: return Tone::Warning;
        case RmState::Committed: return Tone::Good;
        case RmState::Aborted: return Tone::Bad;
        case RmState::Working: return Tone::Normal;
    }
    return Tone::Normal;
}

std::string money(std::int64_t v) { return (v < 0 ? "-$" : "$") + std::to_string(v < 0 ? -v : v); }

std::string totalText(int step, std::int64_t total) {
    switch (step) {
        case 1: return std::to_string(total) + (total == 1 ? " open order" : " open orders");
        case 2: return "balance " + money(total);
        case 3: return std::to_string(total) + " in stock";
        default: return std::to_string(total) + (total == 1 ? " shipment" : " shipments");
    }
}

}  // namespace

StepStrip SagaModel::sagaStrip(const SagaRun& s, Time t) const {
    StepStrip strip;
    // Short: the strip's title column is narrow, the cells say the state, the history the price.
    strip.title = "order " + std::to_string(s.id);
    for (int step = 1; step <= kSteps; ++step) {
        const StepStatus st = s.status[static_cast<std::size_t>(step)];
        StepCell c;
        const bool back = st == StepStatus::Compensating || st == StepStatus::Compensated || st == StepStatus::DeadLettered;
        c.label = (back ? "C" : "T") + std::to_string(step) + " " + (back ? compensationLabel(step) : stepLabel(step));
        c.status = stepStatusName(st);
        c.tone = stepTone(st);
        c.current = !finished(s.state) && s.step == step;
        if (c.current)
            c.note = "attempt " + std::to_string(s.attempt) + (s.backingOff ? ", waiting to retry" : "") +
                     (s.resends > 0 ? ", resent " + std::to_string(s.resends) + "x" : "");
        strip.cells.push_back(std::move(c));
    }
    (void)t;
    return strip;
}

StepStrip SagaModel::txStrip(const TxRun& tx) const {
    StepStrip strip;
    strip.title = "transaction " + std::to_string(tx.id);
    for (int step = 1; step <= kSteps; ++step) {
        const auto& rm = m_services[static_cast<std::size_t>(step)].rm;
        const auto it = rm.find(tx.id);
        const RmState st = it == rm.end() ? RmState::Working : it->second;
        StepCell c;
        c.label = name(serviceNode(step));
        c.status = rmStateName(st);
        c.tone = rmTone(st);
        if (st == RmState::Prepared) c.note = "in doubt: holds its lock until it hears the decision";
        c.current = st == RmState::Prepared;
        strip.cells.push_back(std::move(c));
    }
    StepCell d;
    d.label = "decision";
    // TwoPhase.tla's "init" is a state name, not a word: before TMCommit or TMAbort there is no
    // decision, and while the coordinator is down nobody can make one.
    const bool hubDown = !m_engine.up(kHub);
    d.status = tmStateWords(tx.tm);
    d.tone = tx.tm == TmState::Committed ? Tone::Good : tx.tm == TmState::Aborted ? Tone::Bad
           : hubDown && tx.ended < 0 ? Tone::Warning : Tone::Normal;
    if (tx.tm == TmState::Init && tx.ended < 0)
        d.note = hubDown ? "the coordinator is down before deciding: nobody knows the outcome" : "counting the votes";
    strip.cells.push_back(std::move(d));
    return strip;
}

NodeView SagaModel::serviceView(int step) const {
    const NodeId id = serviceNode(step);
    const ServiceState& svc = m_services[static_cast<std::size_t>(step)];
    NodeView n = m_engine.nodeView(id);
    n.role = n.crashed ? "crashed" : "service";
    n.value = totalText(step, svc.total);
    if (std::get<bool>(probe("holds_lock", id))) n.badges.push_back({m_mode == Mode::Saga ? "pending record" : "lock held", Tone::Warning});
    if (!svc.waiting.empty()) n.badges.push_back({std::to_string(svc.waiting.size()) + " waiting", Tone::Warning});
    int doubles = 0;
    for (const auto& [sid, rec] : svc.records) doubles += std::max(0, rec.doneCount - 1) + std::max(0, rec.undoCount - 1);
    if (doubles > 0) n.badges.push_back({step == 2 ? "double refund" : "applied twice", Tone::Bad});
    for (const SagaRun& s : m_sagas)
        if (s.state == SagaState::DeadLettered && s.step == step) n.badges.push_back({"dead letter", Tone::Bad});
    return n;
}

NodeView SagaModel::hubView(Time t) const {
    NodeView n = m_engine.nodeView(kHub);
    n.role = n.crashed ? "crashed" : m_mode == Mode::Saga ? "orchestrator" : "coordinator";
    n.value = m_mode == Mode::Saga ? std::to_string(m_log.size()) + " log records" : std::to_string(m_txs.size()) + " transactions";
    const auto running = std::get<std::int64_t>(probe("running", kNoNode));
    if (running > 0) n.badges.push_back({std::to_string(running) + " running", Tone::Accent});
    if (m_atomicityBroken > 0) n.badges.push_back({"atomicity broken", Tone::Bad});
    if (!conserved() && !anyRunning()) n.badges.push_back({"not conserved", Tone::Bad});
    (void)t;
    return n;
}

View SagaModel::view(Time t) const {
    View v;
    v.time = t;
    v.layout = Layout::Star;
    v.nodes.push_back(hubView(t));
    for (int step = 1; step <= kSteps; ++step) v.nodes.push_back(serviceView(step));
    NodeView reader = m_engine.nodeView(kReader);
    reader.role = reader.crashed ? "crashed" : "reader";
    reader.value = std::to_string(m_readerAnomalies) + (m_readerAnomalies == 1 ? " partial read" : " partial reads");
    if (m_readerAnomalies > 0) reader.badges.push_back({"saw a half-done order", Tone::Bad});
    v.nodes.push_back(std::move(reader));
    pubView(v);
    m_engine.fillNetworkView(v, t);
    for (MessageView& mv : v.messages)
        if (const auto* m = m_engine.message(mv.id)) {
            const Payload& p = m->payload;
            if (p.op == Op::Event || p.op == Op::EventAck) {
                mv.summary = "event " + std::to_string(p.event) + " (order " + std::to_string(p.saga) + ")" +
                             (p.op == Op::EventAck ? ", appended" : "");
                mv.reply = p.op == Op::EventAck;
                continue;
            }
            mv.summary = "order " + std::to_string(p.saga) + ", step " + std::to_string(p.step) +
                         (p.op == Op::Do || p.op == Op::Undo ? ", attempt " + std::to_string(p.attempt) : "") +
                         (p.op == Op::Reply ? (p.ok ? ", ok" : ", failed") : "");
            mv.reply = m->to == kHub;
        }
    if (m_mode == Mode::Saga) {
        // One strip fewer when the events strip comes too: the panel under the scene shows four.
        const std::size_t strips = m_cfg.publish == Publish::Off ? kStrips : kStrips - 1;
        const std::size_t from = m_sagas.size() > strips ? m_sagas.size() - strips : 0;
        for (std::size_t i = from; i < m_sagas.size(); ++i) v.strips.push_back(sagaStrip(m_sagas[i], t));
        pubStrip(v);
    } else {
        const std::size_t from = m_txs.size() > kStrips ? m_txs.size() - kStrips : 0;
        for (std::size_t i = from; i < m_txs.size(); ++i) v.strips.push_back(txStrip(m_txs[i]));
    }
    for (const SagaRun& s : m_sagas) {
        HistoryOp op;
        op.id = s.id;
        op.node = kHub;
        op.label = "order " + std::to_string(s.id) + " " + money(s.amount);
        op.start = s.started;
        if (s.ended >= 0) op.end = s.ended;
        op.outcome = sagaStateName(s.state);
        op.tone = s.state == SagaState::Completed ? Tone::Good : s.state == SagaState::Compensated ? Tone::Warning
                : s.state == SagaState::DeadLettered ? Tone::Bad : Tone::Muted;
        v.history.push_back(std::move(op));
    }
    for (const ReaderOp& r : m_reports) {
        HistoryOp op;
        op.id = 1000 + r.id;
        op.node = kReader;
        op.label = "report " + std::to_string(r.id);
        op.start = r.start;
        if (r.end >= 0) op.end = r.end;
        op.outcome = r.end < 0 ? "waiting" : r.partial ? "partial" : r.note.empty() ? "consistent" : "gave up";
        op.tone = r.end < 0 ? Tone::Muted : r.partial ? Tone::Bad : Tone::Good;
        op.flagged = r.partial;
        op.note = r.note;
        v.history.push_back(std::move(op));
    }
    if (!m_engine.up(kHub)) v.annotations.push_back(name(kHub) + " is down: " +
        (m_mode == Mode::Saga ? "sagas wait, the log survives" : "prepared participants are in doubt and hold their locks"));
    for (const Violation& viol : m_violations) v.annotations.push_back(viol.invariant + ": " + viol.detail);
    return v;
}

std::vector<Metric> SagaModel::metrics() const {
    std::vector<Metric> m;
    for (const char* n : {"completed", "compensated", "dead_lettered", "running", "double_effects", "retries",
                          "messages", "partial_reads", "reader_waits", "in_doubt", "locks_held", "balance", "stock"})
        m.push_back({n, static_cast<double>(std::get<std::int64_t>(probe(n, kNoNode)))});
    for (const char* n : {"rows_without_event", "events_without_row", "double_applied", "relay_polls"})
        m.push_back({n, static_cast<double>(std::get<std::int64_t>(pubProbe(n)))});
    m.push_back({"publish_lag_ms", std::get<double>(pubProbe("publish_lag_ms"))});
    return m;
}

}  // namespace sb::core::saga
