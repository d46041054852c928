// Publishing domain events from the saga's services: the dual write and the transactional
// outbox with its relay, the broker, and the deduplicating consumer (see saga_outbox.h).
#include <algorithm>

#include "topics/saga/saga_model.h"

namespace sb::core::saga {
namespace {

constexpr int kRelayTag = 1;      // a service's publisher or relay wakes up
constexpr int kDeferBase = 1000;  // event first: the row of deferred request N is written at tag 1000+N

// The message that carries a domain event to the broker, or from the broker to the consumer.
Payload eventMessage(const DomainEvent& ev) {
    Payload e;
    e.op = Op::Event;
    e.event = ev.id;
    e.saga = ev.saga;
    e.step = ev.service;
    e.of = ev.comp ? Op::Undo : Op::Do;
    return e;
}

}  // namespace

void SagaModel::pubReset(Topology& topo) {
    if (m_mode != Mode::Saga) m_cfg.publish = Publish::Off;
    m_publishers.assign(kSteps + 1, Publisher{});
    m_events.clear();
    m_bus = EventSide{};
    m_broker = m_consumer = kNoNode;
    if (m_cfg.publish == Publish::Off) return;
    m_broker = topo.add("broker", NodeKind::Broker, 3);
    m_consumer = topo.add("analytics", NodeKind::Service, 4);
    for (int s = 1; s <= kSteps; ++s) topo.connect(serviceNode(s), m_broker);
    // The broker's delivery to its consumer is not lost (a consumer reads the log at its own
    // pace), but it may arrive twice: at least once, as Kafka and its peers deliver.
    LinkConfig toConsumer;
    toConsumer.minLatency = m_cfg.latencyMin;
    toConsumer.maxLatency = std::max(m_cfg.latencyMin, m_cfg.latencyMax);
    toConsumer.duplicate = m_cfg.duplicate;
    topo.connect(m_broker, m_consumer, toConsumer);
}

// After the engine and the services are set up: the consumer's copy starts equal to the
// services' totals, and polling relays start polling.
void SagaModel::pubStart() {
    m_bus.projection.assign(kSteps + 1, 0);
    for (int s = 1; s <= kSteps; ++s) m_bus.projection[static_cast<std::size_t>(s)] = m_services[static_cast<std::size_t>(s)].total;
    if (m_cfg.publish == Publish::OutboxPolling)
        for (int s = 1; s <= kSteps; ++s) m_engine.setTimer(serviceNode(s), kRelayTag, m_cfg.pollEvery, "poll outbox");
}

DomainEvent& SagaModel::newEvent(int step, const Payload& p, bool undo) {
    DomainEvent& ev = m_events.emplace_back();
    ev.id = static_cast<std::int64_t>(m_events.size());
    ev.service = step;
    ev.saga = p.saga;
    ev.comp = undo;
    const std::int64_t d = delta(step, p.amount, p.qty);
    ev.delta = undo ? -d : d;
    return ev;
}

// Event first: the service announces the step before it runs its local transaction, which
// it writes publish_gap_ms later. Returns true when it deferred the request.
bool SagaModel::pubRequest(NodeId node, const Payload& p) {
    if (m_cfg.publish != Publish::EventThenRow || p.event != 0 || (p.op != Op::Do && p.op != Op::Undo)) return false;
    const bool undo = p.op == Op::Undo;
    ServiceState& svc = m_services[static_cast<std::size_t>(node)];
    if (m_cfg.idempotency && svc.outcomes.contains(std::make_tuple(p.saga, undo ? 1 : 0, p.attempt))) return false;
    DomainEvent& ev = newEvent(static_cast<int>(node), p, undo);
    Publisher& pub = m_publishers[static_cast<std::size_t>(node)];
    pub.unpublished.push_back(ev.id);
    m_engine.emit("publish", node, "event sent before the row").with("event", ev.id).with("saga", p.saga).with("step", p.step);
    Payload row = p;
    row.event = ev.id;
    const int tag = kDeferBase + pub.nextDeferred++;
    pub.deferred[tag] = row;
    m_engine.setTimer(node, tag, m_cfg.publishGap, "write row");
    pubWake(node);
    return true;
}

// The local transaction of a step or compensation committed its row. Under an outbox the
// event row is part of the same transaction; under a dual write it is a second write to come.
void SagaModel::pubCommitted(int step, const Payload& p, bool undo) {
    if (m_cfg.publish == Publish::Off) return;
    const NodeId node = serviceNode(step);
    DomainEvent& ev = p.event != 0 ? m_events[static_cast<std::size_t>(p.event - 1)] : newEvent(step, p, undo);
    ev.rowCommitted = true;
    ev.committed = now();
    if (m_cfg.publish == Publish::EventThenRow) {  // announced already; the trace still says when the row landed
        m_engine.emit("publish", node, "row committed").with("event", ev.id).with("saga", p.saga).with("step", step);
        return;
    }
    m_publishers[static_cast<std::size_t>(step)].unpublished.push_back(ev.id);
    const bool outbox = usesOutbox(m_cfg.publish);
    m_engine.emit("publish", node, outbox ? "row and outbox row committed" : "row committed, event not sent yet")
        .with("event", ev.id).with("saga", p.saga).with("step", step);
    if (m_cfg.publish == Publish::RowThenEvent) pubArm(node, m_cfg.publishGap, "publish event");
    if (m_cfg.publish == Publish::OutboxTailing) pubArm(node, m_cfg.tailLag, "tail log");
}

// Event first: the announced row never came (the transaction aborted, the request was a
// duplicate answered from its record, or the process died before writing it).
void SagaModel::pubNotCommitted(const Payload& p, const char* why) {
    DomainEvent& ev = m_events[static_cast<std::size_t>(p.event - 1)];
    if (ev.rowCommitted || ev.rowAborted) return;
    ev.rowAborted = true;
    ++m_bus.phantoms;
    m_engine.emit("anomaly", serviceNode(ev.service), "event without row").with("event", ev.id).with("saga", ev.saga)
        .with("step", ev.service);
    (void)why;
}

// Wakes the publisher no later than `delay` from now.
void SagaModel::pubArm(NodeId node, Time delay, const char* kind) {
    const auto at = m_engine.timerDeadline(node, kRelayTag);
    if (!at || *at > now() + delay) m_engine.setTimer(node, kRelayTag, delay, kind);
}

// The publisher (dual write) or relay (outbox) sends every unpublished event that is not
// already waiting for its acknowledgement, oldest first, and wakes again to resend or poll.
void SagaModel::pubWake(NodeId node) {
    if (m_cfg.publish == Publish::Off) return;
    Publisher& pub = m_publishers[static_cast<std::size_t>(node)];
    for (const std::int64_t id : pub.unpublished) {
        const auto sent = pub.sentAt.find(id);
        if (sent != pub.sentAt.end() && sent->second + m_cfg.timeout > now()) continue;
        pub.sentAt[id] = now();
        m_engine.send(node, m_broker, "Event", eventMessage(m_events[static_cast<std::size_t>(id - 1)]));
    }
    if (m_cfg.publish == Publish::OutboxPolling) {
        ++m_bus.polls;
        if (pub.unpublished.empty()) ++m_bus.emptyPolls;
        m_engine.setTimer(node, kRelayTag, m_cfg.pollEvery, "poll outbox");
    } else if (!pub.unpublished.empty()) {
        m_engine.setTimer(node, kRelayTag, m_cfg.timeout, "resend events");
    }
}

void SagaModel::pubTimer(NodeId node, int tag) {
    if (tag == kRelayTag) return pubWake(node);
    Publisher& pub = m_publishers[static_cast<std::size_t>(node)];
    const auto it = pub.deferred.find(tag);
    if (it == pub.deferred.end()) return;
    const Payload row = it->second;
    pub.deferred.erase(it);
    onServiceRequest(node, row);
}

void SagaModel::pubDeliver(const Message<Payload>& m) {
    const Payload& p = m.payload;
    if (p.event < 1 || static_cast<std::size_t>(p.event) > m_events.size()) return;
    if (p.op == Op::EventAck) {
        Publisher& pub = m_publishers[static_cast<std::size_t>(m.to)];
        const auto it = std::find(pub.unpublished.begin(), pub.unpublished.end(), p.event);
        if (it == pub.unpublished.end()) return;
        pub.unpublished.erase(it);
        pub.sentAt.erase(p.event);
        m_engine.emit("publish", m.to, usesOutbox(m_cfg.publish) ? "outbox row marked published" : "event acknowledged")
            .with("event", p.event);
        return;
    }
    if (m.to == m_broker) {
        m_bus.log.push_back(p.event);
        m_engine.emit("publish", m_broker, "appended").with("event", p.event).with("offset", static_cast<std::int64_t>(m_bus.log.size()));
        Payload ack = p;
        ack.op = Op::EventAck;
        m_engine.send(m_broker, m.from, "EventAck", ack);
        m_engine.send(m_broker, m_consumer, "Event", p);
        return;
    }
    if (m.to == m_consumer) pubConsume(p);
}

void SagaModel::pubConsume(const Payload& p) {
    DomainEvent& ev = m_events[static_cast<std::size_t>(p.event - 1)];
    const std::string what = std::string(ev.comp ? compensationLabel(ev.service) : stepLabel(ev.service)) + ", order " +
                             std::to_string(ev.saga);
    if (m_cfg.dedupe && m_bus.seen.contains(ev.id)) {
        ++m_bus.duplicatesIgnored;
        m_engine.emit("consume", m_consumer, "duplicate ignored").with("event", ev.id).with("saga", ev.saga);
        return;
    }
    m_bus.seen.insert(ev.id);
    ++ev.applied;
    m_bus.projection[static_cast<std::size_t>(ev.service)] += ev.delta;
    if (ev.consumed < 0) {
        ev.consumed = now();
        if (ev.rowCommitted) {
            m_bus.lastLag = now() - ev.committed;
            m_bus.lagSum += m_bus.lastLag;
            ++m_bus.lagCount;
        }
    }
    m_engine.emit("consume", m_consumer, ev.comp ? compensationLabel(ev.service) : stepLabel(ev.service))
        .with("event", ev.id).with("saga", ev.saga).with("step", ev.service).with("times", ev.applied);
    if (ev.applied > 1) {
        ++m_bus.doubleApplied;
        m_engine.emit("anomaly", m_consumer, "event applied twice").with("event", ev.id);
        if (m_cfg.dedupe) violate("idempotent consumer", "event " + std::to_string(ev.id) + " (" + what + ") applied twice", {m_consumer});
    }
    if (!ev.rowCommitted) {
        m_engine.emit("anomaly", m_consumer, "event without row").with("event", ev.id).with("saga", ev.saga);
        if (usesOutbox(m_cfg.publish))
            violate("outbox atomicity", "event " + std::to_string(ev.id) + " (" + what + ") arrived, its row never committed",
                    {m_consumer, serviceNode(ev.service)});
    }
}

// What a crash takes: the relay's memory of what it sent; under a dual write also every event
// not yet acknowledged (a row whose event was never sent is now a row without an event), and
// under event first the rows it had announced and not written.
void SagaModel::pubCrash(NodeId node) {
    if (m_cfg.publish == Publish::Off || node < 1 || node > kSteps) return;
    Publisher& pub = m_publishers[static_cast<std::size_t>(node)];
    for (const auto& [tag, row] : pub.deferred) pubNotCommitted(row, "crashed before writing the row");
    pub.deferred.clear();
    if (!usesOutbox(m_cfg.publish)) {
        for (const std::int64_t id : pub.unpublished) {
            DomainEvent& ev = m_events[static_cast<std::size_t>(id - 1)];
            if (!ev.rowCommitted || pub.sentAt.contains(id)) continue;
            ++m_bus.lostInCrash;
            m_engine.emit("anomaly", node, "row without event").with("event", id).with("saga", ev.saga).with("step", ev.service);
        }
        pub.unpublished.clear();
    }
    pub.sentAt.clear();
}

// A service's relay starts again from its outbox; a broker or consumer that comes back has the
// broker replay its log (the consumer's deduplication makes the replay harmless).
void SagaModel::pubRestart(NodeId node) {
    if (m_cfg.publish == Publish::Off) return;
    if (node >= 1 && node <= kSteps) {
        if (m_cfg.publish == Publish::OutboxPolling) m_engine.setTimer(node, kRelayTag, m_cfg.pollEvery, "poll outbox");
        else if (!m_publishers[static_cast<std::size_t>(node)].unpublished.empty()) pubArm(node, m_cfg.tailLag, "tail log");
        return;
    }
    if ((node != m_broker && node != m_consumer) || !m_engine.up(m_broker) || !m_engine.up(m_consumer)) return;
    for (const std::int64_t id : m_bus.log)
        m_engine.send(m_broker, m_consumer, "Event", eventMessage(m_events[static_cast<std::size_t>(id - 1)]));
}

Status SagaModel::pubSet(const std::string& param, double v) {
    if (param == "consumer_dedupe") m_cfg.dedupe = v != 0;
    else if (param == "poll_interval_ms") m_cfg.pollEvery = fromMs(static_cast<std::int64_t>(v));
    else if (param == "tail_lag_ms") m_cfg.tailLag = fromMs(static_cast<std::int64_t>(v));
    else if (param == "publish_gap_ms") m_cfg.publishGap = fromMs(static_cast<std::int64_t>(v));
    else if (param != "publish") return makeError("parameter '" + param + "' cannot change during a run", "/param");
    else if (m_cfg.publish == Publish::Off || v == 0)
        return makeError("publish can switch between its ways of publishing, not on or off, during a run", "/value");
    else {
        m_cfg.publish = static_cast<Publish>(static_cast<int>(v));
        for (int s = 1; s <= kSteps; ++s)
            if (m_engine.up(serviceNode(s))) pubArm(serviceNode(s), m_cfg.publish == Publish::OutboxPolling ? m_cfg.pollEvery : 0, "relay");
    }
    return {};
}

}  // namespace sb::core::saga
