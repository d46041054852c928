#include "topics/saga/saga_model.h"

#include <algorithm>

#include "topics/saga/two_phase_spec.h"

namespace sb::core::saga {
namespace {

constexpr int kStartTimer = 0;

std::vector<ActionSpec> sagaActions() {
    auto specs = genericActionSpecs();
    specs.push_back({"start_order", "Place one more order (a saga, or a 2PC transaction)",
                     {arg("amount", ArgType::Int, false), arg("qty", ArgType::Int, false), arg("fail_at", ArgType::Int, false)}, "Place an order"});
    specs.push_back({"fail_next", "Make a service reject its next step, or fail its next compensations (times)",
                     {arg("node", ArgType::Node), arg("compensation", ArgType::Bool, false), arg("times", ArgType::Int, false)}, "Make the next step fail"});
    specs.push_back({"redeliver", "Deliver the orchestrator's last command to a service once more (at-least-once)",
                     {arg("node", ArgType::Node)}, "Deliver the last command again"});
    specs.push_back({"report", "The reader takes a snapshot of all four services now", {}, "Take a report snapshot"});
    return specs;
}

}  // namespace

// Each parameter once, bound to its field; the live ones change with "set" during a run.
const ParamBinding<SagaModel::Config>& SagaModel::binding() {
    static const ParamBinding<Config> binding = [] {
        ParamBinding<Config> b;
        b.choice("mode", {"saga", "2pc"}, 0, "Saga with compensations, or two-phase commit", &Config::mode);
        b.integer("orders", "orders", 0, 50, 1, "Orders placed automatically at the start", &Config::sagas);
        b.millis("order_gap_ms", 0, 10000, 200, "Time between automatic orders", &Config::gap);
        b.integer("amount", "$", 1, 1000, 30, "Price of each order", &Config::amount).live();
        b.integer("qty", "items", 1, 10, 1, "Items in each order", &Config::qty);
        b.integer("balance", "$", 0, 100000, 100, "The customer's starting balance", &Config::balance);
        b.integer("stock", "items", 0, 10000, 5, "Items in stock at the start", &Config::stock);
        b.integer("fail_at", "step", 0, 4, 0, "The first order is rejected at this step (0: none)", &Config::failAt);
        b.real("fail_prob", "", 0, 0.9, 0, "Chance that one attempt of a step fails transiently", &Config::failProb).live();
        b.integer("max_retries", "retries", 0, 10, 3, "Retries of a transiently failing step before it fails", &Config::maxRetries).live();
        b.millis("backoff_ms", 1, 5000, 20, "First retry delay; each retry doubles it", &Config::backoff);
        b.real("comp_fail_prob", "", 0, 0.9, 0, "Chance that one attempt of a compensation fails", &Config::compFailProb).live();
        b.integer("comp_retries", "retries", 0, 20, 5, "Compensation retries before the saga is dead-lettered", &Config::compRetries).live();
        b.millis("request_timeout_ms", 5, 10000, 100, "How long the orchestrator waits before resending", &Config::timeout);
        b.flag("idempotency", true, "Services answer repeated requests from their idempotency records", &Config::idempotency).live();
        b.flag("semantic_locks", false, "Records of unfinished sagas are marked pending; readers wait", &Config::locks).live();
        b.millis("report_every_ms", 0, 10000, 0, "The reader's snapshot period while orders run (0: on request)", &Config::reportEvery);
        b.millis("vote_timeout_ms", 5, 10000, 200, "2PC: how long the coordinator waits for votes before aborting", &Config::voteTimeout);
        b.flag("decide_alone", false, "Broken 2PC: a prepared participant aborts on its own after a wait", &Config::decideAlone);
        b.millis("in_doubt_timeout_ms", 5, 100000, 300, "Broken 2PC: how long a participant waits before deciding alone", &Config::inDoubt);
        b.millis("decision_query_ms", 10, 100000, 250, "2PC: how often a prepared participant asks the coordinator for the decision", &Config::askEvery);
        b.millis("latency_min_ms", 0, 1000, 5, "Fastest one-way message delay", &Config::latencyMin);
        b.millis("latency_max_ms", 0, 2000, 15, "Slowest one-way message delay", &Config::latencyMax);
        b.real("loss", "", 0, 0.9, 0, "Probability that a message is lost", &Config::loss).live();
        b.real("duplicate", "", 0, 0.9, 0, "Probability that a message arrives twice", &Config::duplicate).live();
        b.choice("publish", {"off", "row_then_event", "event_then_row", "outbox_polling", "outbox_log_tailing"}, 0,
                 "How services publish their events to the analytics consumer", &Config::publish).live();
        b.millis("publish_gap_ms", 0, 5000, 20, "Dual write: time between the first write and the second", &Config::publishGap).live();
        b.millis("poll_interval_ms", 10, 10000, 500, "Outbox: how often the polling relay queries the outbox", &Config::pollEvery).live();
        b.millis("tail_lag_ms", 0, 1000, 2, "Outbox: how soon the log-tailing relay sees a commit", &Config::tailLag).live();
        b.flag("consumer_dedupe", true, "The consumer skips an event id it has processed before", &Config::dedupe).live();
        return b;
    }();
    return binding;
}

const TopicInfo& SagaModel::topicInfo() {
    static const TopicInfo info = [] {
        TopicInfo t;
        t.id = "saga";
        t.title = "Sagas, compensation and two-phase commit";
        t.summary = "An order across four services: a saga that compensates in reverse when a step fails, "
                    "beside a two-phase commit that blocks while its coordinator is down.";
        t.params = binding().paramSet();
        t.actions = sagaActions();
        t.probes = sagaProbeSpecs();
        t.eventKinds = {"send", "deliver", "drop", "timer", "action", "log", "apply", "reply", "retry",
                        "dead_letter", "saga_end", "recover", "tp", "report", "anomaly", "double_effect",
                        "publish", "consume"};
        return t;
    }();
    return info;
}

ExploreSupport SagaModel::exploreSupport() {
    return {"saga", "participants (2 to 6)",
            [](const ParamValues& p, int size) -> Result<std::shared_ptr<const StateSpace>> {
                Config c;
                if (Status s = binding().load(p, c); !s) return s.error();
                if (c.mode != Mode::TwoPhase)
                    return makeError("explore covers the 2pc mode only (TwoPhase.tla); set \"mode\": \"2pc\"", "/params/mode");
                if (size < 2 || size > 6) return makeError("2PC explores 2 to 6 participants, not " + std::to_string(size), "--size");
                return std::shared_ptr<const StateSpace>(std::make_shared<TwoPhaseSpace>(size, c.decideAlone));
            }};
}

Status SagaModel::reset(const ParamValues& p, std::uint64_t seed) {
    Config config;
    if (Status s = binding().load(p, config); !s) return s;
    m_cfg = config;
    m_mode = m_cfg.mode;
    Topology topo;
    const NodeId hub = topo.add(m_mode == Mode::Saga ? "orchestrator" : "coordinator",
                                m_mode == Mode::Saga ? NodeKind::Orchestrator : NodeKind::Coordinator, 0);
    for (const char* s : {"order", "payment", "inventory", "shipping"}) topo.connect(hub, topo.add(s, NodeKind::Service, 1));
    topo.add("reader", NodeKind::Client, 2);
    pubReset(topo);
    m_engine.reset(std::move(topo), seed);
    m_cfg.applyTo(m_engine.net().defaults());
    m_services.assign(kSteps + 1, ServiceState{});
    m_services[2].total = m_cfg.balance;
    m_services[3].total = m_cfg.stock;
    m_expected.assign(kSteps + 1, 0);
    for (int i = 1; i <= kSteps; ++i) m_expected[static_cast<std::size_t>(i)] = m_services[static_cast<std::size_t>(i)].total;
    m_sagas.clear();
    m_log.clear();
    m_txs.clear();
    m_reports.clear();
    m_lastCommand.clear();
    m_effects.clear();
    m_started = 0;
    m_doubleEffects = m_readerAnomalies = m_readerWaits = m_retries = m_messages = m_atomicityBroken = 0;
    m_conservedSeen = true;
    m_violations.clear();
    m_compensatesForward = false;
    pubStart();
    if (m_cfg.sagas > 0) m_engine.setTimer(kHub, kStartTimer, 0, "place order");
    if (m_cfg.reportEvery > 0) m_engine.setTimer(kReader, 0, m_cfg.reportEvery, "report");
    return {};
}

std::string SagaModel::name(NodeId n) const {
    return n >= 0 && static_cast<std::size_t>(n) < m_engine.names().size() ? m_engine.names()[static_cast<std::size_t>(n)]
                                                                          : std::string("?");
}

MsgId SagaModel::send(NodeId from, NodeId to, Payload p) {
    ++m_messages;
    const int id = p.saga;
    if (m_mode == Mode::Saga && id >= 1 && static_cast<std::size_t>(id) <= m_sagas.size()) ++m_sagas[static_cast<std::size_t>(id - 1)].messages;
    if (m_mode == Mode::TwoPhase && id >= 1 && static_cast<std::size_t>(id) <= m_txs.size()) ++m_txs[static_cast<std::size_t>(id - 1)].messages;
    if (from == kHub && p.op != Op::Release) m_lastCommand[to] = p;
    return m_engine.send(from, to, opName(p.op), p);
}

void SagaModel::onDeliver(const Message<Payload>& m) {
    if (m_mode == Mode::TwoPhase) tpDeliver(m);
    else if (m.payload.op == Op::Event || m.payload.op == Op::EventAck) pubDeliver(m);
    else if (m.to == kHub) onReply(m.payload);
    else onServiceRequest(m.to, m.payload);
}

void SagaModel::onTimer(NodeId node, int tag) {
    if (node == kReader) {
        onReaderTimer();
    } else if (node == kHub && tag == kStartTimer) {
        startOrder(m_cfg.amount, m_cfg.qty, m_started == 0 ? m_cfg.failAt : 0);
        if (m_started < m_cfg.sagas) m_engine.setTimer(kHub, kStartTimer, m_cfg.gap, "place order");
    } else if (m_mode == Mode::TwoPhase) {
        tpTimer(node, tag);
    } else if (node == kHub) {
        onSagaTimer(tag);
    } else if (node >= 1 && node <= kSteps) {
        pubTimer(node, tag);
    }
}

std::optional<Event> SagaModel::step() {
    auto e = m_engine.step([this](const Message<Payload>& m) { onDeliver(m); },
                           [this](NodeId node, int tag) { onTimer(node, tag); });
    if (e) checkAfterStep();
    return e;
}

Status SagaModel::apply(const Action& a, Event& out) {
    m_engine.advanceTo(a.at);
    out.time = now();
    out.detail = "";
    if (auto handled = m_engine.applyNetworkAction(a)) {
        static const char* const kKinds[] = {"partition", "heal", "move", "cut", "uncut", "drop", "delay"};
        for (const char* k : kKinds)
            if (a.kind == k) out.detail = k;
        if (a.has("msg")) out.msg = static_cast<MsgId>(a.integer("msg"));
        return *handled;
    }
    Status s = applyAction(a, out);
    checkAfterStep();
    return s;
}

}  // namespace sb::core::saga
