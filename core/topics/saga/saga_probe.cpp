// Probes: the named pieces of state lessons make claims about.
#include "topics/saga/saga_model.h"

namespace sb::core::saga {

std::vector<ProbeSpec> sagaProbeSpecs() {
    std::vector<ProbeSpec> specs = {
        {"mode", false, R"("saga" or "2pc")"},
        {"orders", false, "Orders placed so far"},
        {"completed", false, "Orders that finished with every step kept (saga completed, or 2PC committed)", false, "Orders completed"},
        {"compensated", false, "Sagas undone by compensations (2PC: transactions aborted)", false, "Orders compensated"},
        {"dead_lettered", false, "Sagas stopped because a compensation kept failing", false, "Sagas dead-lettered"},
        {"running", false, "Orders not finished yet", false, "Orders still running"},
        {"balance", false, "The customer's balance at the payment service", false, "Customer balance"},
        {"stock", false, "Items in stock at the inventory service", false, "Items in stock"},
        {"open_orders", false, "Orders the order service holds (created and not cancelled)"},
        {"shipments", false, "Shipments scheduled", false, "Shipments scheduled"},
        {"conserved", false, "Whether every service holds exactly what the finished orders imply", false, "Totals add up"},
        {"double_effects", false, "Steps or compensations that took effect twice", false, "Effects applied twice"},
        {"refunds", false, "Refunds paid by the payment service", false, "Refunds paid"},
        {"retries", false, "Attempts retried after a transient failure (steps and compensations)"},
        {"messages", false, "Messages sent so far"},
        {"messages_per_order", false, "Messages per finished order, on average"},
        {"log_records", false, "Records in the orchestrator's saga log"},
        {"reports", false, "Reader snapshots finished"},
        {"partial_reads", false, "Snapshots that saw an order half done", false, "Snapshots that saw a half-done order"},
        {"reader_waits", false, "Times the reader waited for a lock or pending record", false, "Times the reader waited"},
        {"last_status", false, "Status of the latest order: running, compensating, completed, compensated, dead-lettered", false, "Status of the latest order"},
        {"last_trace", false, "The latest saga's log as steps, e.g. \"T1 T2 C2 C1\"", false, "Log of the latest saga"},
        {"in_doubt", false, "2PC participants prepared and still waiting for the decision", false, "Participants in doubt"},
        {"locks_held", false, "Services holding a lock (2PC) or a pending record (semantic locks)", false, "Services holding a lock"},
        {"waiting", false, "2PC Prepare requests queued behind a lock"},
        {"decision", false, "2PC: the coordinator's state for the latest transaction: init, committed, aborted (none yet: \"none\")", false, "Coordinator's decision"},
        {"atomicity_broken", false, "2PC transactions where one participant committed and another aborted"},
        {"up", true, "Whether the node is running", false, "{node} is up"},
        {"state", true, "2PC: the participant's state in the latest transaction (working, prepared, committed, aborted)", false, "State of {node}"},
        {"holds_lock", true, "Whether the service holds a lock or a pending record", false, "{node} holds a lock"},
        {"status", false, "An order's status (key: the order number)", true, "Status of order {key}"},
        {"trace", false, "An order's log as steps, e.g. \"T1 T2 C2 C1\" (key: the order number)", true, "Log of order {key}"},
        {"effects", false, "What the services actually applied for an order (key: the order number)", true, "Effects applied for order {key}"},
        {"order_messages", false, "Messages sent for one order (key: the order number)", true, "Messages for order {key}"},
    };
    for (ProbeSpec& s : outboxProbeSpecs()) specs.push_back(std::move(s));
    return specs;
}

namespace {

int orderNumber(const std::string& key) {
    std::size_t i = 0;
    while (i < key.size() && (key[i] < '0' || key[i] > '9')) ++i;
    if (i == key.size()) return 0;
    return std::stoi(key.substr(i, 6));
}

}  // namespace

ProbeValue SagaModel::probe(const std::string& n, NodeId node) const {
    auto count = [&](auto pred) {
        std::int64_t c = 0;
        for (const SagaRun& s : m_sagas) c += pred(s.state) ? 1 : 0;
        return c;
    };
    const bool saga = m_mode == Mode::Saga;
    auto txCount = [&](TmState st, bool endedOnly) {
        std::int64_t c = 0;
        for (const TxRun& tx : m_txs) c += tx.tm == st && (!endedOnly || tx.ended >= 0) ? 1 : 0;
        return c;
    };
    if (n == "mode") return std::string(saga ? "saga" : "2pc");
    if (n == "orders") return std::int64_t{m_started};
    if (n == "completed") return saga ? count([](SagaState s) { return s == SagaState::Completed; }) : txCount(TmState::Committed, true);
    if (n == "compensated") return saga ? count([](SagaState s) { return s == SagaState::Compensated; }) : txCount(TmState::Aborted, true);
    if (n == "dead_lettered") return count([](SagaState s) { return s == SagaState::DeadLettered; });
    if (n == "running") {
        std::int64_t c = count([](SagaState s) { return !finished(s); });
        for (const TxRun& tx : m_txs) c += tx.ended < 0 ? 1 : 0;
        return c;
    }
    if (n == "balance") return m_services[2].total;
    if (n == "stock") return m_services[3].total;
    if (n == "open_orders") return m_services[1].total;
    if (n == "shipments") return m_services[4].total;
    if (n == "conserved") return conserved();
    if (n == "double_effects") return m_doubleEffects;
    if (n == "refunds") {
        std::int64_t c = 0;
        for (const auto& [id, rec] : m_services[2].records) c += rec.undoCount;
        return c;
    }
    if (n == "retries") return m_retries;
    if (n == "messages") return m_messages;
    if (n == "messages_per_order") {
        std::int64_t msgs = 0, done = 0;
        for (const SagaRun& s : m_sagas)
            if (finished(s.state)) msgs += s.messages, ++done;
        for (const TxRun& tx : m_txs)
            if (tx.ended >= 0) msgs += tx.messages, ++done;
        return done == 0 ? 0.0 : static_cast<double>(msgs) / static_cast<double>(done);
    }
    if (n == "log_records") return static_cast<std::int64_t>(m_log.size());
    if (n == "reports") {
        std::int64_t c = 0;
        for (const ReaderOp& r : m_reports) c += r.end >= 0 ? 1 : 0;
        return c;
    }
    if (n == "partial_reads") return m_readerAnomalies;
    if (n == "reader_waits") return m_readerWaits;
    if (n == "last_status") return m_started == 0 ? ProbeValue{std::string("none")} : probeKey("status", kNoNode, std::to_string(m_started));
    if (n == "last_trace") return m_started == 0 ? ProbeValue{std::string()} : probeKey("trace", kNoNode, std::to_string(m_started));
    if (n == "in_doubt") {
        std::int64_t c = 0;
        for (int i = 1; i <= kSteps; ++i)
            for (const auto& [tx, st] : m_services[static_cast<std::size_t>(i)].rm) c += st == RmState::Prepared ? 1 : 0;
        return c;
    }
    if (n == "locks_held") {
        std::int64_t c = 0;
        for (NodeId i = 1; i <= kSteps; ++i) c += std::get<bool>(probe("holds_lock", i)) ? 1 : 0;
        return c;
    }
    if (n == "waiting") {
        std::int64_t c = 0;
        for (int i = 1; i <= kSteps; ++i) c += static_cast<std::int64_t>(m_services[static_cast<std::size_t>(i)].waiting.size());
        return c;
    }
    if (n == "decision") return std::string(m_txs.empty() ? "none" : tmStateName(m_txs.back().tm));
    if (n == "atomicity_broken") return m_atomicityBroken;
    if (n == "up") return node >= 0 && node < m_engine.nodeCount() && m_engine.up(node);
    const bool service = node >= 1 && node <= kSteps;
    if (n == "holds_lock") {
        if (!service) return false;
        const ServiceState& svc = m_services[static_cast<std::size_t>(node)];
        if (svc.lockHolder != 0) return true;
        for (const auto& [id, rec] : svc.records)
            if (rec.pending) return true;
        return false;
    }
    if (n == "state") {
        if (!service || m_txs.empty()) return std::string("none");
        const auto& rm = m_services[static_cast<std::size_t>(node)].rm;
        const auto it = rm.find(m_txs.back().id);
        return std::string(rmStateName(it == rm.end() ? RmState::Working : it->second));
    }
    return pubProbe(n);
}

ProbeValue SagaModel::probeKey(const std::string& n, NodeId node, const std::string& key) const {
    if (key.empty()) return probe(n, node);
    const int id = orderNumber(key);
    if (id < 1 || id > m_started) return ProbeValue{};
    if (n == "effects") return effects(id);
    if (m_mode == Mode::TwoPhase) {
        const TxRun& tx = m_txs[static_cast<std::size_t>(id - 1)];
        if (n == "status") return std::string(tx.ended >= 0 ? tmStateName(tx.tm) : tx.tm == TmState::Init ? "voting" : "deciding");
        if (n == "order_messages") return tx.messages;
        return ProbeValue{};
    }
    const SagaRun& s = m_sagas[static_cast<std::size_t>(id - 1)];
    if (n == "status") return std::string(sagaStateName(s.state));
    if (n == "trace") return s.trace;
    if (n == "order_messages") return s.messages;
    return ProbeValue{};
}

}  // namespace sb::core::saga
