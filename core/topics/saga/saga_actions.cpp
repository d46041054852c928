// Actions from outside the protocol: crashes, orders, injected failures, redeliveries, params.
#include "topics/saga/saga_model.h"

namespace sb::core::saga {

Status SagaModel::applyAction(const Action& a, Event& out) {
    out.detail = "";
    if (a.kind == "set") return applySet(a, out);
    if (a.kind == "start_order") {
        out.detail = "start_order";
        if (!m_engine.up(kHub)) return makeError(name(kHub) + " is down: no order can start", "/do");
        const auto fail = a.integer("fail_at", 0);
        if (fail < 0 || fail > kSteps) return makeError("fail_at must be 0 to 4", "/fail_at");
        const auto amount = a.integer("amount", m_cfg.amount);
        const auto qty = a.integer("qty", m_cfg.qty);
        if (amount < 1 || qty < 1) return makeError("amount and qty must be at least 1", amount < 1 ? "/amount" : "/qty");
        startOrder(amount, qty, static_cast<int>(fail));
        out.with("order", m_started);
        return {};
    }
    if (a.kind == "report") {
        out.detail = "report";
        out.node = kReader;
        startReport();
        return {};
    }
    const NodeId node = m_engine.nodeId(a.str("node"));
    out.node = node;
    const bool service = node >= 1 && node <= kSteps;
    if (a.kind == "fail_next") {
        out.detail = "fail_next";
        if (!service) return makeError("fail_next needs a service (order, payment, inventory or shipping)", "/node");
        const auto times = a.integer("times", 1);
        if (times < 1 || times > 100) return makeError("times must be 1 to 100", "/times");
        ServiceState& svc = m_services[static_cast<std::size_t>(node)];
        (a.has("compensation") && a.args.at("compensation").get<bool>() ? svc.failUndoNext : svc.rejectNext) += static_cast<int>(times);
        return {};
    }
    if (a.kind == "redeliver") {
        out.detail = "redeliver";
        const auto it = m_lastCommand.find(node);
        if (!service || it == m_lastCommand.end())
            return makeError(a.str("node") + " has received no command to deliver again", "/node");
        send(kHub, node, it->second);
        return {};
    }
    if (a.kind == "crash") {
        out.detail = "crash";
        if (!m_engine.up(node)) return makeError(a.str("node") + " is already down", "/node");
        pubCrash(node);
        m_engine.crash(node);
        return {};
    }
    if (a.kind == "restart") {
        out.detail = "restart";
        if (m_engine.up(node)) return makeError(a.str("node") + " is already running", "/node");
        m_engine.restart(node);
        pubRestart(node);
        if (node == kHub) {
            if (m_mode == Mode::Saga) recover();
            else tpRecover();
            if (m_started < m_cfg.sagas) m_engine.setTimer(kHub, 0, m_cfg.gap, "place order");
        } else if (node == kReader) {
            if (m_cfg.reportEvery > 0 || (!m_reports.empty() && m_reports.back().end < 0)) startReport();
        } else if (m_mode == Mode::TwoPhase) {
            for (const auto& [tx, st] : m_services[static_cast<std::size_t>(node)].rm)
                if (st == RmState::Prepared) armInDoubt(node, tx);
        }
        return {};
    }
    return makeError("unknown action '" + a.kind + "'", "/do");
}

Status SagaModel::applySet(const Action& a, Event& out) {
    out.detail = "set";
    const std::string param = a.str("param");
    const Config before = m_cfg;
    if (Status s = binding().set(param, a.real("value"), m_cfg); !s) return s;
    if (param == "publish") {  // switching the way of publishing re-arms the relays: pubSet does it
        m_cfg = before;
        return pubSet(param, a.real("value"));
    }
    m_cfg.applyTo(m_engine.net().defaults());  // loss and duplication act on the next send
    return {};
}

}  // namespace sb::core::saga
