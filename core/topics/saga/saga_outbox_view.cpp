// What publishing looks like and what lessons can ask about it: the broker and the consumer,
// the services' unpublished events, and one row per recent event with where it has got to.
#include <algorithm>

#include "topics/saga/saga_model.h"

namespace sb::core::saga {
namespace {

constexpr std::size_t kEventCells = 5;  // the most recent events get a cell each

const char* publishName(Publish p) {
    static const char* const kNames[] = {"off", "row_then_event", "event_then_row", "outbox_polling", "outbox_log_tailing"};
    return kNames[static_cast<int>(p)];
}

// Whether the event still waits in its service's outbox (or in the publisher's memory).
bool unpublished(const std::vector<Publisher>& publishers, const DomainEvent& ev) {
    const auto& list = publishers[static_cast<std::size_t>(ev.service)].unpublished;
    return std::ranges::find(list, ev.id) != list.end();
}

}  // namespace

std::vector<ProbeSpec> outboxProbeSpecs() {
    return {
        {"publish", false, "How services publish events: off, row_then_event, event_then_row, outbox_polling, outbox_log_tailing"},
        {"events", false, "Domain events the services created (committed rows, or announced steps)"},
        {"broker_log", false, "Entries in the broker's log, copies included"},
        {"events_consumed", false, "Distinct events the consumer has applied"},
        {"rows_without_event", false, "Committed rows whose event the consumer has not applied (yet, or ever)", false, "Rows without their event"},
        {"events_without_row", false, "Events the consumer applied whose row has not committed (yet, or ever)", false, "Events applied without their row"},
        {"lost_in_crash", false, "Dual write: rows whose event died with the process before it was sent", false, "Events lost in a crash"},
        {"unpublished", false, "Events written but not yet acknowledged by the broker, over all services", false, "Events not yet published"},
        {"duplicates_ignored", false, "Copies of an event the consumer skipped by its id", false, "Duplicate events skipped"},
        {"double_applied", false, "Events the consumer applied more than once", false, "Events applied twice"},
        {"copy_matches", false, "Whether the consumer's totals equal the services' totals", false, "The consumer's copy matches the services"},
        {"copy_balance", false, "The customer's balance as the consumer's copy has it", false, "Balance in the consumer's copy"},
        {"copy_stock", false, "Items in stock as the consumer's copy has it", false, "Stock in the consumer's copy"},
        {"relay_polls", false, "Queries the polling relays have made"},
        {"empty_polls", false, "Polling relay queries that found nothing to publish", false, "Polls that found nothing"},
        {"publish_lag_ms", false, "Mean time from a row's commit to the consumer applying its event"},
        {"last_publish_lag_ms", false, "That time for the latest event the consumer applied", false, "Publish lag of the last event (ms)"},
    };
}

ProbeValue SagaModel::pubProbe(const std::string& n) const {
    if (n == "publish") return std::string(publishName(m_cfg.publish));
    std::int64_t rowsOnly = 0, eventsOnly = 0, consumed = 0, unpublished = 0;
    for (const DomainEvent& ev : m_events) {
        rowsOnly += ev.rowCommitted && ev.applied == 0 ? 1 : 0;
        eventsOnly += !ev.rowCommitted && ev.applied > 0 ? 1 : 0;
        consumed += ev.applied > 0 ? 1 : 0;
    }
    for (const Publisher& pub : m_publishers) unpublished += static_cast<std::int64_t>(pub.unpublished.size());
    const auto ms = [](Time t) { return static_cast<double>(t) / static_cast<double>(kMillisecond); };
    if (n == "events") return static_cast<std::int64_t>(m_events.size());
    if (n == "broker_log") return static_cast<std::int64_t>(m_bus.log.size());
    if (n == "events_consumed") return consumed;
    if (n == "rows_without_event") return rowsOnly;
    if (n == "events_without_row") return eventsOnly;
    if (n == "lost_in_crash") return m_bus.lostInCrash;
    if (n == "unpublished") return unpublished;
    if (n == "duplicates_ignored") return m_bus.duplicatesIgnored;
    if (n == "double_applied") return m_bus.doubleApplied;
    if (n == "relay_polls") return m_bus.polls;
    if (n == "empty_polls") return m_bus.emptyPolls;
    if (n == "copy_balance" || n == "copy_stock") {
        if (m_bus.projection.empty()) return ProbeValue{};
        return m_bus.projection[n == "copy_balance" ? 2 : 3];
    }
    if (n == "copy_matches") {
        if (m_cfg.publish == Publish::Off) return true;
        for (int s = 1; s <= kSteps; ++s)
            if (m_bus.projection[static_cast<std::size_t>(s)] != m_services[static_cast<std::size_t>(s)].total) return false;
        return true;
    }
    if (n == "publish_lag_ms") return m_bus.lagCount == 0 ? 0.0 : ms(m_bus.lagSum) / static_cast<double>(m_bus.lagCount);
    if (n == "last_publish_lag_ms") return m_bus.lastLag < 0 ? 0.0 : ms(m_bus.lastLag);
    return ProbeValue{};
}

void SagaModel::pubView(View& v) const {
    if (m_cfg.publish == Publish::Off) return;
    const bool outbox = usesOutbox(m_cfg.publish);
    const auto waiting = [&](const DomainEvent& ev) { return unpublished(m_publishers, ev); };
    const auto inLog = [&](const DomainEvent& ev) { return std::ranges::find(m_bus.log, ev.id) != m_bus.log.end(); };
    // A committed row whose event nobody holds any more: the dual write's lost event.
    const auto lost = [&](const DomainEvent& ev) { return ev.rowCommitted && ev.applied == 0 && !waiting(ev) && !inLog(ev); };
    for (NodeView& n : v.nodes) {
        if (n.id < 1 || n.id > kSteps) continue;
        const Publisher& pub = m_publishers[static_cast<std::size_t>(n.id)];
        if (!pub.unpublished.empty())
            n.badges.push_back({std::to_string(pub.unpublished.size()) + (outbox ? " in outbox" : " unsent"), Tone::Warning});
        for (const DomainEvent& ev : m_events)
            if (ev.service == n.id && lost(ev)) {
                n.badges.push_back({"row without event", Tone::Bad});
                break;
            }
    }
    NodeView broker = m_engine.nodeView(m_broker);
    broker.role = broker.crashed ? "crashed" : "broker";
    broker.value = std::to_string(m_bus.log.size()) + " in log";
    v.nodes.push_back(std::move(broker));
    NodeView consumer = m_engine.nodeView(m_consumer);
    consumer.role = consumer.crashed ? "crashed" : "consumer";
    consumer.value = "balance " + std::to_string(m_bus.projection[2]) + ", stock " + std::to_string(m_bus.projection[3]);
    if (std::get<std::int64_t>(pubProbe("events_without_row")) > 0) consumer.badges.push_back({"event without row", Tone::Bad});
    if (m_bus.doubleApplied > 0) consumer.badges.push_back({"applied twice", Tone::Bad});
    if (m_bus.duplicatesIgnored > 0)
        consumer.badges.push_back({std::to_string(m_bus.duplicatesIgnored) + (m_bus.duplicatesIgnored == 1 ? " duplicate skipped" : " duplicates skipped"), Tone::Good});
    if (!std::get<bool>(pubProbe("copy_matches"))) consumer.badges.push_back({"copy differs", Tone::Warning});
    v.nodes.push_back(std::move(consumer));
}

void SagaModel::pubStrip(View& v) const {
    if (m_cfg.publish == Publish::Off) return;
    const bool outbox = usesOutbox(m_cfg.publish);
    const auto waiting = [&](const DomainEvent& ev) { return unpublished(m_publishers, ev); };
    const auto inLog = [&](const DomainEvent& ev) { return std::ranges::find(m_bus.log, ev.id) != m_bus.log.end(); };
    // The latest events as one strip under the orders' strips: where each one has got to.
    // (A strip, not key rows: key rows would halve the width the step strips have.)
    StepStrip strip;
    strip.title = "events";
    const std::size_t from = m_events.size() > kEventCells ? m_events.size() - kEventCells : 0;
    for (std::size_t i = from; i < m_events.size(); ++i) {
        const DomainEvent& ev = m_events[i];
        const Publisher& pub = m_publishers[static_cast<std::size_t>(ev.service)];
        StepCell c;
        c.label = "#" + std::to_string(ev.id) + " " + (ev.comp ? compensationLabel(ev.service) : stepLabel(ev.service));
        c.note = name(serviceNode(ev.service)) + ", order " + std::to_string(ev.saga);
        if (ev.rowAborted) c.status = ev.applied > 0 ? "no row" : "row never written", c.tone = Tone::Bad;
        else if (ev.applied > 1) c.status = "applied " + std::to_string(ev.applied) + "x", c.tone = Tone::Bad;
        else if (ev.applied == 1) c.status = ev.rowCommitted ? "consumed" : "before its row", c.tone = ev.rowCommitted ? Tone::Good : Tone::Warning;
        else if (inLog(ev)) c.status = "published", c.tone = Tone::Accent;
        else if (waiting(ev)) c.status = pub.sentAt.contains(ev.id) ? "sent" : outbox ? "in outbox" : "not sent yet", c.tone = Tone::Accent;
        else if (ev.rowCommitted) c.status = "lost", c.tone = Tone::Bad;
        else c.status = "announced", c.tone = Tone::Warning;
        if (ev.rowCommitted && ev.applied > 0) c.note += ", consumed " + std::to_string((ev.consumed - ev.committed) / kMillisecond) + " ms after its commit";
        strip.cells.push_back(std::move(c));
    }
    if (!strip.cells.empty()) v.strips.push_back(std::move(strip));
}

}  // namespace sb::core::saga
