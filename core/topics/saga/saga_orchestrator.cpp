// The saga orchestrator: the log, forward steps, retries, compensation in reverse, dead
// letters, and recovery from the log after a crash.
#include <algorithm>

#include "topics/saga/saga_model.h"

namespace sb::core::saga {
namespace {

// Backoff doubles per retry or resend; the cap keeps a long outage from overflowing the clock.
Time doubled(Time base, int times) { return base << std::min(times, 10); }

}  // namespace

void SagaModel::startOrder(std::int64_t amount, std::int64_t qty, int failAt) {
    ++m_started;
    if (m_mode == Mode::TwoPhase) {
        TxRun& tx = m_txs.emplace_back();
        tx.id = m_started;
        tx.amount = amount;
        tx.qty = qty;
        tx.failAt = failAt;
        tx.started = now();
        tpStart(tx);
        return;
    }
    SagaRun& s = m_sagas.emplace_back();
    s.id = m_started;
    s.amount = amount;
    s.qty = qty;
    s.failAt = failAt;
    s.started = now();
    m_log.push_back(LogRecord{s.id, LogKind::Begin, 0, 0, amount, qty, failAt, now()});
    m_engine.emit("log", kHub, logKindName(LogKind::Begin)).with("saga", s.id).with("amount", amount);
    sendStep(s);
}

void SagaModel::appendLog(SagaRun& s, LogKind kind, int step) {
    m_log.push_back(LogRecord{s.id, kind, step, s.attempt, 0, 0, 0, now()});
    m_engine.emit("log", kHub, logKindName(kind)).with("saga", s.id).with("step", step).with("attempt", s.attempt);
    const auto i = static_cast<std::size_t>(step);
    if (kind == LogKind::StepDone) {
        s.trace += (s.trace.empty() ? "T" : " T") + std::to_string(step);
        m_expected[i] += delta(step, s.amount, s.qty);
    } else if (kind == LogKind::CompDone) {
        s.trace += (s.trace.empty() ? "C" : " C") + std::to_string(step);
        m_expected[i] -= delta(step, s.amount, s.qty);
    }
    checkLogShape(s);
}

// Sends the current attempt of the current step (or compensation) and arms the reply timeout.
// A new attempt is logged first; a resend of the same attempt is not a new record.
void SagaModel::sendStep(SagaRun& s) {
    const bool undo = s.state == SagaState::Compensating;
    if (s.resends == 0) appendLog(s, undo ? LogKind::CompSent : LogKind::StepSent, s.step);
    s.status[static_cast<std::size_t>(s.step)] = undo ? StepStatus::Compensating : StepStatus::Running;
    Payload p;
    p.saga = s.id;
    p.step = s.step;
    p.op = undo ? Op::Undo : Op::Do;
    p.attempt = s.attempt;
    p.amount = s.amount;
    p.qty = s.qty;
    p.reject = !undo && s.failAt == s.step;
    send(kHub, serviceNode(s.step), p);
    s.backingOff = false;
    m_engine.setTimer(kHub, s.id, doubled(m_cfg.timeout, s.resends), "reply timeout");
}

void SagaModel::onSagaTimer(int saga) {
    if (saga < 1 || static_cast<std::size_t>(saga) > m_sagas.size()) return;
    SagaRun& s = m_sagas[static_cast<std::size_t>(saga - 1)];
    if (finished(s.state)) return;
    if (!s.backingOff) ++s.resends;  // no answer: the same attempt again, same key
    sendStep(s);
}

void SagaModel::onReply(const Payload& p) {
    if (p.saga < 1 || static_cast<std::size_t>(p.saga) > m_sagas.size()) return;
    SagaRun& s = m_sagas[static_cast<std::size_t>(p.saga - 1)];
    const bool undo = s.state == SagaState::Compensating;
    const bool current = !finished(s.state) && !s.backingOff && p.step == s.step && p.attempt == s.attempt &&
                         p.of == (undo ? Op::Undo : Op::Do);
    Event& e = m_engine.emit("reply", kHub, current ? (p.ok ? "ok" : "failed") : "stale");
    e.peer = serviceNode(p.step);
    e.with("saga", p.saga).with("step", p.step).with("attempt", p.attempt).with("dedup", p.dedup ? 1 : 0);
    if (!current) return;  // an answer to an earlier copy: the log already has its outcome
    m_engine.cancelTimer(kHub, s.id);
    const auto i = static_cast<std::size_t>(s.step);
    if (p.ok && !undo) {
        appendLog(s, LogKind::StepDone, s.step);
        s.status[i] = StepStatus::Done;
        if (s.step == kSteps) return finish(s, SagaState::Completed);
        ++s.step;
        s.attempt = 1;
        s.resends = 0;
        return sendStep(s);
    }
    if (p.ok && undo) {
        appendLog(s, LogKind::CompDone, s.step);
        s.status[i] = StepStatus::Compensated;
        if (!m_compensatesForward) --s.step;
        else s.step = s.step < s.compTop ? s.step + 1 : 0;  // the mistake: forward order
        return compensateNext(s);
    }
    const int limit = undo ? m_cfg.compRetries : m_cfg.maxRetries;
    if (!p.permanent && s.attempt <= limit) {
        ++s.attempt;
        ++s.retries;
        ++m_retries;
        s.resends = 0;
        s.backingOff = true;
        const Time wait = doubled(m_cfg.backoff, s.attempt - 2);
        m_engine.emit("retry", kHub, undo ? "compensation" : "step").with("saga", s.id).with("step", s.step)
            .with("attempt", s.attempt).with("backoff_us", wait);
        m_engine.setTimer(kHub, s.id, wait, "retry backoff");
        return;
    }
    if (!undo) return stepFailed(s);
    appendLog(s, LogKind::DeadLetter, s.step);
    s.status[i] = StepStatus::DeadLettered;
    m_engine.emit("dead_letter", serviceNode(s.step), compensationLabel(s.step)).with("saga", s.id).with("step", s.step);
    finish(s, SagaState::DeadLettered);
}

void SagaModel::stepFailed(SagaRun& s) {
    appendLog(s, LogKind::StepFailed, s.step);
    s.status[static_cast<std::size_t>(s.step)] = StepStatus::Failed;
    s.state = SagaState::Compensating;
    --s.step;  // the failed step aborted locally: nothing of it to compensate
    if (m_compensatesForward) {  // the mistake: undo the oldest step first
        s.compTop = s.step;
        s.step = s.step > 0 ? 1 : 0;
    }
    compensateNext(s);
}

void SagaModel::compensateNext(SagaRun& s) {
    if (s.step == 0) return finish(s, SagaState::Compensated);
    s.attempt = 1;
    s.resends = 0;
    sendStep(s);
}

void SagaModel::finish(SagaRun& s, SagaState state) {
    if (state != SagaState::DeadLettered)
        appendLog(s, state == SagaState::Completed ? LogKind::Completed : LogKind::Compensated, 0);
    s.state = state;
    s.ended = now();
    m_engine.cancelTimer(kHub, s.id);
    m_engine.emit("saga_end", kHub, sagaStateName(state)).with("saga", s.id).with("messages", s.messages);
    checkLogShape(s);
    if (state == SagaState::Completed && m_cfg.locks)
        for (int step = 1; step <= kSteps; ++step) {
            Payload p;
            p.saga = s.id;
            p.step = step;
            p.op = Op::Release;
            send(kHub, serviceNode(step), p);
        }
}

// Rebuilds every saga from the durable log and resumes the unfinished ones: forward recovery
// when the saga was going forward, backward recovery when a step had failed.
void SagaModel::recover() {
    std::vector<SagaRun> rebuilt;
    for (const LogRecord& r : m_log) {
        if (r.kind == LogKind::Begin) {
            SagaRun& s = rebuilt.emplace_back();
            s.id = r.saga;
            s.amount = r.amount;
            s.qty = r.qty;
            s.failAt = r.failAt;
            s.started = r.at;
            continue;
        }
        SagaRun& s = rebuilt[static_cast<std::size_t>(r.saga - 1)];
        const auto i = static_cast<std::size_t>(r.step);
        s.retries = m_sagas[static_cast<std::size_t>(r.saga - 1)].retries;
        s.messages = m_sagas[static_cast<std::size_t>(r.saga - 1)].messages;
        switch (r.kind) {
            case LogKind::StepSent: s.step = r.step; s.attempt = r.attempt; s.status[i] = StepStatus::Running; break;
            case LogKind::StepDone: s.status[i] = StepStatus::Done; s.trace += (s.trace.empty() ? "T" : " T") + std::to_string(r.step); s.step = r.step + 1; s.attempt = 1; break;
            case LogKind::StepFailed: s.status[i] = StepStatus::Failed; s.state = SagaState::Compensating; s.step = r.step - 1; s.attempt = 1; break;
            case LogKind::CompSent: s.step = r.step; s.attempt = r.attempt; s.status[i] = StepStatus::Compensating; break;
            case LogKind::CompDone: s.status[i] = StepStatus::Compensated; s.trace += (s.trace.empty() ? "C" : " C") + std::to_string(r.step); s.step = r.step - 1; s.attempt = 1; break;
            case LogKind::DeadLetter: s.status[i] = StepStatus::DeadLettered; s.state = SagaState::DeadLettered; s.ended = r.at; break;
            case LogKind::Completed: s.state = SagaState::Completed; s.ended = r.at; break;
            case LogKind::Compensated: s.state = SagaState::Compensated; s.ended = r.at; break;
            case LogKind::Begin: break;
        }
    }
    m_sagas = std::move(rebuilt);
    for (SagaRun& s : m_sagas) {
        if (finished(s.state)) continue;
        const bool backward = s.state == SagaState::Compensating;
        m_engine.emit("recover", kHub, backward ? "backward" : "forward").with("saga", s.id).with("step", s.step);
        const LogKind last = [&] {
            LogKind k = LogKind::Begin;
            for (const LogRecord& r : m_log)
                if (r.saga == s.id) k = r.kind;
            return k;
        }();
        // A request was in flight: resend it with the same key. Otherwise take the next one.
        s.resends = last == LogKind::StepSent || last == LogKind::CompSent ? 1 : 0;
        if (backward && s.step == 0) finish(s, SagaState::Compensated);
        else sendStep(s);
    }
}

}  // namespace sb::core::saga
