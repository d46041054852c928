// Two-phase commit on the same four services, one TwoPhase.tla action per "tp" event.
#include "topics/saga/saga_model.h"

namespace sb::core::saga {
namespace {

bool allOf(const std::vector<bool>& v) {
    for (int i = 1; i <= kSteps; ++i)
        if (!v[static_cast<std::size_t>(i)]) return false;
    return true;
}

}  // namespace

void SagaModel::tpStart(TxRun& tx) {
    m_engine.emit("tp", kHub, "begin").with("tx", tx.id).with("amount", tx.amount);
    for (int step = 1; step <= kSteps; ++step) {
        Payload p;
        p.saga = tx.id;
        p.step = step;
        p.op = Op::Prepare;
        p.amount = tx.amount;
        p.qty = tx.qty;
        p.reject = tx.failAt == step;
        send(kHub, serviceNode(step), p);
    }
    m_engine.setTimer(kHub, tx.id, m_cfg.voteTimeout, "vote timeout");
}

void SagaModel::tpDeliver(const Message<Payload>& m) {
    const Payload& p = m.payload;
    if (p.saga < 1 || static_cast<std::size_t>(p.saga) > m_txs.size()) return;
    TxRun& tx = m_txs[static_cast<std::size_t>(p.saga - 1)];
    const auto rm = static_cast<std::size_t>(p.step);
    switch (p.op) {
        case Op::Prepare: return tpPrepare(m.to, p.saga);
        case Op::Commit:
        case Op::Abort: return tpLearn(m.to, p);
        case Op::Prepared:
            if (tx.tm != TmState::Init) return;  // TMRcvPrepared is enabled only in "init"
            if (!tx.prepared[rm]) {
                tx.prepared[rm] = true;
                m_engine.emit("tp", kHub, "TMRcvPrepared").with("tx", tx.id).with("rm", p.step);
            }
            if (allOf(tx.prepared)) tpDecide(tx, TmState::Committed, "every participant prepared");
            return;
        case Op::VoteNo:
            if (tx.tm == TmState::Init) tpDecide(tx, TmState::Aborted, "a participant voted no");
            return;
        case Op::Ask:  // a decided coordinator repeats its decision; an undecided one is still counting votes
            if (tx.tm != TmState::Init) sendDecision(tx, p.step);
            return;
        case Op::Ack:
            tx.acked[rm] = true;
            if (allOf(tx.acked) && tx.ended < 0) {
                tx.ended = now();
                m_engine.cancelTimer(kHub, tx.id);
                m_engine.emit("tp", kHub, "end").with("tx", tx.id).with("messages", tx.messages);
            }
            return;
        default: return;
    }
}

// A Prepare request: the participant does its work under its service's lock, then takes
// RMPrepare (votes yes) or RMChooseToAbort (votes no). A held lock makes the request wait.
void SagaModel::tpPrepare(NodeId node, int id) {
    ServiceState& svc = m_services[static_cast<std::size_t>(node)];
    const TxRun& tx = m_txs[static_cast<std::size_t>(id - 1)];
    Payload vote;
    vote.saga = id;
    vote.step = static_cast<int>(node);
    if (auto it = svc.rm.find(id); it != svc.rm.end()) {  // a repeated Prepare: repeat the vote
        if (it->second == RmState::Prepared) vote.op = Op::Prepared;
        else if (it->second == RmState::Aborted) vote.op = Op::VoteNo;
        else return;
        send(node, kHub, vote);
        return;
    }
    if (svc.lockHolder != 0 && svc.lockHolder != id) {
        for (int w : svc.waiting)
            if (w == id) return;
        svc.waiting.push_back(id);
        m_engine.emit("tp", node, "waits for lock").with("tx", id).with("holder", svc.lockHolder);
        return;
    }
    svc.lockHolder = id;
    svc.lockedSince = now();
    const int step = static_cast<int>(node);
    const bool no = tx.failAt == step || svc.rejectNext > 0 || (step == 2 && svc.total < tx.amount) ||
                    (step == 3 && svc.total < tx.qty) || m_engine.rng().chance(m_cfg.failProb);
    if (svc.rejectNext > 0 && tx.failAt != step) --svc.rejectNext;
    if (no) {
        svc.rm[id] = RmState::Aborted;
        svc.lockHolder = 0;
        m_engine.emit("tp", node, "RMChooseToAbort").with("tx", id).with("rm", step);
        vote.op = Op::VoteNo;
        send(node, kHub, vote);
        return;  // the lock is free again; a drain in progress takes the next waiter
    }
    svc.rm[id] = RmState::Prepared;
    m_engine.emit("tp", node, "RMPrepare").with("tx", id).with("rm", step);
    vote.op = Op::Prepared;
    send(node, kHub, vote);
    armInDoubt(node, id);
}

// A prepared participant's one timer: the broken decide_alone aborts when it fires, the
// protocol asks the coordinator again.
void SagaModel::armInDoubt(NodeId node, int id) {
    if (m_cfg.decideAlone) m_engine.setTimer(node, id, m_cfg.inDoubt, "in doubt");
    else m_engine.setTimer(node, id, m_cfg.askEvery, "ask for the decision");
}

void SagaModel::sendDecision(const TxRun& tx, int step) {
    Payload p;
    p.saga = tx.id;
    p.step = step;
    p.op = tx.tm == TmState::Committed ? Op::Commit : Op::Abort;
    send(kHub, serviceNode(step), p);
}

void SagaModel::tpDecide(TxRun& tx, TmState decision, const char* why) {
    tx.tm = decision;
    tx.decided = now();
    m_engine.emit("tp", kHub, decision == TmState::Committed ? "TMCommit" : "TMAbort").with("tx", tx.id);
    (void)why;
    if (decision == TmState::Committed)
        for (int step = 1; step <= kSteps; ++step)
            m_expected[static_cast<std::size_t>(step)] += delta(step, tx.amount, tx.qty);
    for (int step = 1; step <= kSteps; ++step) sendDecision(tx, step);
    m_engine.setTimer(kHub, tx.id, m_cfg.timeout, "resend decision");
}

// RMRcvCommitMsg / RMRcvAbortMsg: apply (or drop) the work, release the lock, acknowledge.
void SagaModel::tpLearn(NodeId node, const Payload& p) {
    ServiceState& svc = m_services[static_cast<std::size_t>(node)];
    TxRun& tx = m_txs[static_cast<std::size_t>(p.saga - 1)];
    const int step = static_cast<int>(node);
    const auto it = svc.rm.find(p.saga);
    const RmState before = it == svc.rm.end() ? RmState::Working : it->second;
    const bool commit = p.op == Op::Commit;
    if (before == RmState::Working || before == RmState::Prepared) {
        svc.rm[p.saga] = commit ? RmState::Committed : RmState::Aborted;
        m_engine.emit("tp", node, commit ? "RMRcvCommitMsg" : "RMRcvAbortMsg").with("tx", p.saga).with("rm", step);
        if (commit) {
            Payload eff = p;
            eff.amount = tx.amount;
            eff.qty = tx.qty;
            applyEffect(step, svc, eff, false);
        }
        checkAtomicity(tx);
    }
    std::erase(svc.waiting, p.saga);
    m_engine.cancelTimer(node, p.saga);
    Payload ack;
    ack.saga = p.saga;
    ack.step = step;
    ack.op = Op::Ack;
    send(node, kHub, ack);
    releaseLock(node, p.saga);
}

void SagaModel::releaseLock(NodeId node, int id) {
    ServiceState& svc = m_services[static_cast<std::size_t>(node)];
    if (svc.lockHolder != id) return;
    svc.lockHolder = 0;
    // Waiters whose transaction was decided meanwhile answer at once and leave the lock free.
    while (svc.lockHolder == 0 && !svc.waiting.empty()) {
        const int next = svc.waiting.front();
        svc.waiting.erase(svc.waiting.begin());
        tpPrepare(node, next);
    }
}

void SagaModel::tpTimer(NodeId node, int id) {
    if (id < 1 || static_cast<std::size_t>(id) > m_txs.size()) return;
    TxRun& tx = m_txs[static_cast<std::size_t>(id - 1)];
    if (node != kHub) {
        ServiceState& svc = m_services[static_cast<std::size_t>(node)];
        const auto it = svc.rm.find(id);
        if (it == svc.rm.end() || it->second != RmState::Prepared) return;
        if (!m_cfg.decideAlone) {  // still in doubt: ask again, and keep asking
            Payload ask;
            ask.saga = id;
            ask.step = static_cast<int>(node);
            ask.op = Op::Ask;
            send(node, kHub, ask);
            armInDoubt(node, id);
            return;
        }
        // decide_alone: the deliberately broken participant gives up waiting
        it->second = RmState::Aborted;
        m_engine.emit("tp", node, "RMDecideAlone").with("tx", id).with("rm", static_cast<int>(node));
        checkAtomicity(tx);
        releaseLock(node, id);
        return;
    }
    if (tx.tm == TmState::Init) return tpDecide(tx, TmState::Aborted, "vote timeout");
    if (tx.ended >= 0) return;
    for (int step = 1; step <= kSteps; ++step)
        if (!tx.acked[static_cast<std::size_t>(step)]) sendDecision(tx, step);
    m_engine.setTimer(kHub, tx.id, m_cfg.timeout, "resend decision");
}

// The coordinator's tmState and tmPrepared survived the crash. An undecided transaction is
// aborted (TMAbort is always enabled in "init"); a decided one has its decision resent.
void SagaModel::tpRecover() {
    for (TxRun& tx : m_txs) {
        if (tx.tm == TmState::Init) {
            m_engine.emit("recover", kHub, "presumed abort").with("tx", tx.id);
            tpDecide(tx, TmState::Aborted, "recovered without a decision");
        } else if (tx.ended < 0) {
            m_engine.emit("recover", kHub, "resend decision").with("tx", tx.id);
            tpTimer(kHub, tx.id);
        }
    }
}

}  // namespace sb::core::saga
