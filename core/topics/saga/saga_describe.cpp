// Event sentences and inspector rows.
#include "topics/saga/saga_model.h"

namespace sb::core::saga {

std::string SagaModel::describe(const Event& e) const {
    auto f = [&](const char* key) { return std::to_string(e.field(key).value_or(0)); };
    const std::string who = name(e.node);
    if (e.is("log")) return who + " logs \"" + e.detail + "\" for order " + f("saga") + (e.field("step") && *e.field("step") > 0 ? ", step " + f("step") : "");
    if (e.is("apply")) {
        if (e.field("ok") && *e.field("ok") == 0) return who + ": " + e.detail + " (order " + f("saga") + ", step " + f("step") + ", nothing changed)";
        return who + ": " + e.detail + " for order " + f("saga");
    }
    if (e.is("reply")) return who + " hears " + e.detail + " from " + name(e.peer) + " (order " + f("saga") + ", step " + f("step") + ")";
    if (e.is("retry")) return who + " retries the " + e.detail + " of step " + f("step") + " of order " + f("saga") + " (attempt " + f("attempt") + ")";
    if (e.is("dead_letter")) return who + ": \"" + e.detail + "\" keeps failing; order " + f("saga") + " goes to the dead-letter queue";
    if (e.is("saga_end")) return "order " + f("saga") + " is " + e.detail + " after " + f("messages") + " messages";
    if (e.is("recover")) return who + " recovers from its log (" + e.detail + ")";
    if (e.is("tp")) return who + ": " + e.detail + " (transaction " + f("tx") + ")";
    if (e.is("report")) return "the reader's snapshot " + f("report") + ": " + e.detail;
    if (e.is("publish")) return who + ": " + e.detail + " (event " + f("event") + ")";
    if (e.is("consume")) {
        if (e.detail == std::string("duplicate ignored")) return who + " skips event " + f("event") + ": it has seen that id";
        return who + " applies event " + f("event") + ": " + e.detail + " for order " + f("saga");
    }
    if (e.is("anomaly") && e.field("event")) return std::string("anomaly: ") + e.detail + " (event " + f("event") + ", order " + f("saga") + ")";
    if (e.is("anomaly")) return std::string("anomaly: ") + e.detail;
    if (e.is("double_effect")) return who + ": " + e.detail + " took effect " + f("times") + " times for order " + f("saga");
    return Model::describe(e);
}

std::vector<InspectRow> SagaModel::inspectNode(NodeId node) const {
    std::vector<InspectRow> rows;
    rows.push_back({"state", m_engine.up(node) ? "running" : "crashed"});
    if (node == kHub) {
        rows.push_back({"log records", std::to_string(m_log.size())});
        for (std::size_t i = m_log.size() > 8 ? m_log.size() - 8 : 0; i < m_log.size(); ++i) {
            const LogRecord& r = m_log[i];
            rows.push_back({"log " + std::to_string(i + 1), "order " + std::to_string(r.saga) + ": " + logKindName(r.kind) +
                                                           (r.step > 0 ? " " + std::to_string(r.step) : "")});
        }
        for (const TxRun& tx : m_txs) rows.push_back({"transaction " + std::to_string(tx.id), tmStateWords(tx.tm)});
    } else if (node >= 1 && node <= kSteps) {
        const ServiceState& svc = m_services[static_cast<std::size_t>(node)];
        rows.push_back({"total", std::to_string(svc.total)});
        rows.push_back({"idempotency records", std::to_string(svc.outcomes.size())});
        for (const auto& [id, rec] : svc.records)
            rows.push_back({"order " + std::to_string(id), std::string(rec.applied ? "applied" : rec.compensated ? "compensated" : "none") +
                                                            (rec.pending ? ", pending" : "") + (rec.doneCount + rec.undoCount > 2 ? ", applied twice" : "")});
        for (const auto& [tx, st] : svc.rm) rows.push_back({"transaction " + std::to_string(tx), rmStateName(st)});
        if (svc.lockHolder != 0) rows.push_back({"lock", "held by transaction " + std::to_string(svc.lockHolder)});
        const Publisher& pub = m_publishers[static_cast<std::size_t>(node)];
        if (m_cfg.publish != Publish::Off) rows.push_back({usesOutbox(m_cfg.publish) ? "outbox rows unpublished" : "events unsent", std::to_string(pub.unpublished.size())});
    } else if (node == m_broker) {
        rows.push_back({"log entries", std::to_string(m_bus.log.size())});
    } else if (node == m_consumer) {
        rows.push_back({"events processed", std::to_string(m_bus.seen.size())});
        rows.push_back({"duplicates skipped", std::to_string(m_bus.duplicatesIgnored)});
        rows.push_back({"balance (its copy)", std::to_string(m_bus.projection[2])});
        rows.push_back({"stock (its copy)", std::to_string(m_bus.projection[3])});
    } else {
        rows.push_back({"reports", std::to_string(m_reports.size())});
        rows.push_back({"partial reads", std::to_string(m_readerAnomalies)});
    }
    return rows;
}

std::vector<InspectRow> SagaModel::inspectMessage(MsgId id) const {
    const auto* m = m_engine.message(id);
    if (!m) return {};
    const Payload& p = m->payload;
    if (p.op == Op::Event || p.op == Op::EventAck)
        return {{"kind", opName(p.op)}, {"from", name(m->from)}, {"to", name(m->to)}, {"event id", std::to_string(p.event)},
                {"order", std::to_string(p.saga)}, {"step", std::to_string(p.step)}};
    return {{"kind", opName(p.op)}, {"from", name(m->from)}, {"to", name(m->to)}, {"order", std::to_string(p.saga)},
            {"step", std::to_string(p.step)}, {"attempt", std::to_string(p.attempt)},
            {"idempotency key", "order " + std::to_string(p.saga) + " / " + opName(p.op == Op::Reply ? p.of : p.op) + " " +
                                    std::to_string(p.step) + " / attempt " + std::to_string(p.attempt)}};
}

}  // namespace sb::core::saga
