// The four services of the saga mode: local transactions, idempotency records, semantic locks.
#include "topics/saga/saga_model.h"

namespace sb::core::saga {

// What T_step does to the service's one number: an order opened, the price taken from the
// customer, the items taken from stock, a shipment scheduled. C_step does the opposite.
std::int64_t SagaModel::delta(int step, std::int64_t amount, std::int64_t qty) const {
    switch (step) {
        case 2: return -amount;
        case 3: return -qty;
        default: return 1;
    }
}

void SagaModel::onServiceRequest(NodeId node, const Payload& p) {
    ServiceState& svc = m_services[static_cast<std::size_t>(node)];
    if (p.op == Op::Release) {
        if (auto it = svc.records.find(p.saga); it != svc.records.end() && it->second.pending) {
            it->second.pending = false;
            m_engine.emit("apply", node, "unlock").with("saga", p.saga).with("step", p.step);
        }
        return;
    }
    if (pubRequest(node, p)) return;  // event first: the row is written publish_gap_ms later
    const auto key = std::make_tuple(p.saga, p.op == Op::Undo ? 1 : 0, p.attempt);
    Payload reply = p;
    reply.event = 0;
    reply.op = Op::Reply;
    reply.of = p.op;
    if (auto it = svc.outcomes.find(key); m_cfg.idempotency && it != svc.outcomes.end()) {
        reply.ok = it->second;
        reply.dedup = true;
        if (p.event != 0) pubNotCommitted(p, "answered from its record");
        m_engine.emit("apply", node, "duplicate ignored").with("saga", p.saga).with("step", p.step).with("attempt", p.attempt);
        send(node, kHub, reply);
        return;
    }
    bool permanent = false;
    reply.ok = runLocal(node, p, permanent);
    if (!reply.ok && p.event != 0) pubNotCommitted(p, "the local transaction aborted");
    reply.permanent = permanent;
    if (m_cfg.idempotency) svc.outcomes[key] = reply.ok;
    send(node, kHub, reply);
}

// One local ACID transaction: either its effect and its idempotency record commit together,
// or it aborts and leaves only the failure record.
bool SagaModel::runLocal(NodeId node, const Payload& p, bool& permanent) {
    const int step = static_cast<int>(node);
    ServiceState& svc = m_services[static_cast<std::size_t>(step)];
    const bool undo = p.op == Op::Undo;
    const char* why = nullptr;
    if (!undo) {
        if (p.reject || svc.rejectNext > 0) why = "rejected";
        else if (step == 2 && svc.total < p.amount) why = "insufficient funds";
        else if (step == 3 && svc.total < p.qty) why = "out of stock";
        if (why) {
            if (svc.rejectNext > 0 && !p.reject) --svc.rejectNext;
            permanent = true;
        } else if (m_engine.rng().chance(m_cfg.failProb)) {
            why = "transient failure";
        }
    } else if (svc.failUndoNext > 0) {
        --svc.failUndoNext;
        why = "transient failure";
    } else if (m_engine.rng().chance(m_cfg.compFailProb)) {
        why = "transient failure";
    }
    if (why) {
        m_engine.emit("apply", node, why).with("saga", p.saga).with("step", p.step).with("comp", undo ? 1 : 0)
            .with("attempt", p.attempt).with("ok", 0);
        return false;
    }
    applyEffect(step, svc, p, undo);
    return true;
}

void SagaModel::applyEffect(int step, ServiceState& svc, const Payload& p, bool undo) {
    Record& rec = svc.records[p.saga];
    const std::int64_t d = delta(step, p.amount, p.qty);
    svc.total += undo ? -d : d;
    if (undo) {
        rec.applied = false;
        rec.compensated = true;
        rec.pending = false;
        ++rec.undoCount;
    } else {
        rec.applied = true;
        rec.pending = m_mode == Mode::Saga && m_cfg.locks;
        ++rec.doneCount;
    }
    const NodeId node = serviceNode(step);
    m_engine.emit("apply", node, undo ? compensationLabel(step) : stepLabel(step))
        .with("saga", p.saga).with("step", step).with("comp", undo ? 1 : 0).with("attempt", p.attempt)
        .with("ok", 1).with("total", svc.total);
    if (m_mode == Mode::Saga) pubCommitted(step, p, undo);
    auto& effects = m_effects[p.saga];
    effects += (effects.empty() ? "" : " ") + std::string(undo ? "C" : "T") + std::to_string(step);
    if ((undo ? rec.undoCount : rec.doneCount) > 1) {
        ++m_doubleEffects;
        m_engine.emit("double_effect", node, undo ? compensationLabel(step) : stepLabel(step))
            .with("saga", p.saga).with("step", step).with("times", undo ? rec.undoCount : rec.doneCount);
        if (m_cfg.idempotency)
            violate("idempotent steps", std::string(undo ? "C" : "T") + std::to_string(step) + " of order " +
                                            std::to_string(p.saga) + " took effect twice", {node});
    }
}

}  // namespace sb::core::saga
