#pragma once

#include <string>
#include <vector>

#include "sim/cluster_config.h"
#include "sim/engine.h"
#include "sim/explore.h"
#include "sim/model.h"
#include "topics/saga/saga_outbox.h"
#include "topics/saga/saga_types.h"

namespace sb::core::saga {

// The "saga" topic: an order placed across four services (Order, Payment, Inventory, Shipping),
// each with its own local database, in a star around an orchestrator. Mode "saga" runs it as
// an orchestrated saga; mode "2pc" runs the same order as a two-phase commit.
//
// Saga (Garcia-Molina and Salem, "Sagas", SIGMOD 1987): T1..T4 are local transactions, C1..C3
// their compensations (T4 is the last step, so nothing after it can fail: like the paper's Tn
// it needs none). A saga ends as T1..T4, or as T1..Tj Cj..C1 for some j < 4. Compensation
// registration follows the paper exactly: Ci is registered when the orchestrator logs that Ti
// COMMITTED. A failed Ti was an aborted local transaction with no effect, so it is never
// compensated (unlike the Temporal SDK's helper, which registers a compensation before running
// the activity, because an activity that timed out may have run). That is sound here because
// a step's outcome is always learned: a timed-out request is resent with the same idempotency
// key until an answer comes, and only definitive answers count as attempts.
//
// The saga log is the orchestrator's only durable state; it appends a record (step sent, step
// done/failed, compensation sent/done, dead letter, end) before acting on it. A crash loses the
// volatile state and every timer; a restart rebuilds each unfinished saga from the log and
// resumes it: forward recovery if the last record is a forward one, backward recovery if a step
// failed or a compensation was under way (resending whatever was in flight, same key).
//
// Faults: latency and loss per message; duplicates by probability or by the "redeliver" action
// (at-least-once delivery); a transient failure per attempt (retried with exponential backoff,
// base * 2^(attempt-1), up to max_retries, then the step fails); a business rejection (not
// retried) when the balance or stock is short, or injected. Compensations are retried with the
// same backoff until they succeed; after comp_retries failures the saga is dead-lettered (an
// operator must finish it; its records stay as they are, locked if semantic locks are on).
//
// Idempotency: every request carries (saga, op, attempt); a service stores the outcome in the
// same local transaction as the effect and answers a repeat from that record. Switched off,
// a duplicated refund is paid twice (an anomaly, shown, not a violation: it is the lesson).
//
// Isolation: none, as in the paper. The reader takes a snapshot of all four databases at one
// instant (a report over the services' data) and flags a partial saga (some effects visible,
// not all). Semantic locks mark records an unfinished saga wrote as pending; the reader waits
// for them (counted), and a finished saga costs one Release message per step to unlock.
//
// 2PC follows TwoPhase.tla (tlaplus/Examples, transaction_commit) action by action; each event
// names its action in the "tp" field (see two_phase.h). Implementation messages the spec folds
// away: Prepare requests, VoteNo (the spec's TM just aborts), Acks and decision resends. A
// participant holds its service's lock from the moment it starts working until it learns the
// decision; a later transaction's Prepare queues behind it. The coordinator's tmState and
// tmPrepared are durable; on restart an undecided transaction is aborted (TMAbort). A prepared
// participant asks the coordinator for the decision every decision_query_ms (the termination
// protocol of Bernstein, Hadzilacos and Goodman, ch. 7): a decided coordinator answers with its
// decision, an undecided or dead one says nothing, so the asking shows the blocking.
// decide_alone is a deliberately broken switch: a prepared participant that waits longer than
// in_doubt_timeout_ms aborts on its own.
//
// Invariants after every step (see saga_check.cpp): the log of each saga has the shape
// T1..Tj Cj..Ck (reverse order, only committed steps compensated) and a finished saga is
// T1..T4 or exactly T1..Tj Cj..C1; every service's total equals its initial value plus the
// effects of the steps the log says stand, whenever no saga or transaction is running (money
// and stock conserved); with idempotency on, no effect is applied twice per (saga, step); 2PC:
// no participant commits while another aborts. Deliberately broken switches turn the last
// three into counted anomalies instead.
//
// Publishing (saga mode, the "publish" parameter; see saga_outbox.h): each committed step or
// compensation is also a domain event for a downstream consumer ("analytics") through a broker,
// written as a dual write (the crash window between the two writes) or through a transactional
// outbox with a polling or log-tailing relay. Invariants with an outbox: the consumer never
// applies an event whose row did not commit; with deduplication on, never one event twice.
// Rows without an event and events without a row under a dual write are counted anomalies.
//
// Simplifications: one customer account and one product; the reader's snapshot is atomic
// across services; service storage is durable; the broker appends every copy it receives and
// replays its whole log to a consumer that restarts; no choreography mode yet.
std::vector<ProbeSpec> sagaProbeSpecs();    // saga_probe.cpp
std::vector<ProbeSpec> outboxProbeSpecs();  // saga_outbox_view.cpp

class SagaModel final : public Model {
public:
    static const TopicInfo& topicInfo();
    // The 2PC mode's TwoPhase.tla state space for `splitbrain-sim explore` (two_phase_spec.h).
    static ExploreSupport exploreSupport();

    std::unique_ptr<Model> clone() const override { return std::make_unique<SagaModel>(*this); }
    const TopicInfo& info() const override { return topicInfo(); }
    Status reset(const ParamValues& params, std::uint64_t seed) override;
    Status apply(const Action& action, Event& out) override;
    std::optional<Event> step() override;
    Time now() const override { return m_engine.now(); }
    std::optional<Time> nextTime() const override { return m_engine.nextTime(); }
    std::vector<std::string> nodeNames() const override { return m_engine.names(); }
    View view(Time t) const override;
    std::vector<Metric> metrics() const override;
    std::vector<Violation> violations() const override { return m_violations; }
    ProbeValue probe(const std::string& name, NodeId node) const override;
    ProbeValue probeKey(const std::string& name, NodeId node, const std::string& key) const override;
    std::string describe(const Event& event) const override;
    std::vector<InspectRow> inspectNode(NodeId node) const override;
    std::vector<InspectRow> inspectMessage(MsgId id) const override;

    Mode mode() const { return m_mode; }
    const std::vector<LogRecord>& sagaLog() const { return m_log; }
    const std::vector<SagaRun>& sagas() const { return m_sagas; }
    const std::vector<TxRun>& txs() const { return m_txs; }
    // What the services actually did for an order ("T1 T2 C2 C1"), beside what the log says.
    std::string effects(int order) const;
    const ServiceState& service(int step) const { return m_services[static_cast<std::size_t>(step)]; }
    std::int64_t doubleEffects() const { return m_doubleEffects; }
    std::int64_t readerAnomalies() const { return m_readerAnomalies; }
    bool conserved() const;
    // Deliberately broken variant ("compensates_forward") for tests that show the invariants
    // catch it; not a parameter, so no lesson or session can reach it. Call after reset; lasts
    // until the next reset.
    std::vector<std::string> brokenVariants() const;
    Status breakOnPurpose(const std::string& variant);

private:
    // The parameters, loaded and changed through binding(); the link fields come from the base.
    struct Config : ClusterConfig {
        Mode mode = Mode::Saga;
        std::int64_t balance = 0, stock = 0, amount = 0, qty = 0;
        int sagas = 0, failAt = 0, maxRetries = 0, compRetries = 0;
        Time gap = 0, backoff = 0, timeout = 0, reportEvery = 0, voteTimeout = 0, inDoubt = 0, askEvery = 0;
        double failProb = 0, compFailProb = 0;
        bool idempotency = true, locks = false, decideAlone = false;
        Publish publish = Publish::Off;
        Time publishGap = 0, pollEvery = 0, tailLag = 0;
        bool dedupe = true;
    };
    static const ParamBinding<Config>& binding();
    struct ReaderOp {
        int id = 0;
        Time start = 0;
        Time end = -1;
        int waits = 0;
        bool partial = false;
        std::string note;
    };

    // saga_orchestrator.cpp
    void startOrder(std::int64_t amount, std::int64_t qty, int failAt);
    void appendLog(SagaRun& s, LogKind kind, int step);
    void sendStep(SagaRun& s);
    void onReply(const Payload& p);
    void onSagaTimer(int saga);
    void stepFailed(SagaRun& s);
    void compensateNext(SagaRun& s);
    void finish(SagaRun& s, SagaState state);
    void recover();
    // saga_service.cpp
    void onServiceRequest(NodeId node, const Payload& p);
    bool runLocal(NodeId node, const Payload& p, bool& permanent);
    void applyEffect(int step, ServiceState& svc, const Payload& p, bool undo);
    std::int64_t delta(int step, std::int64_t amount, std::int64_t qty) const;
    // saga_twophase.cpp
    void tpStart(TxRun& tx);
    void tpDeliver(const Message<Payload>& m);
    void tpPrepare(NodeId node, int tx);
    void tpDecide(TxRun& tx, TmState decision, const char* why);
    void tpLearn(NodeId node, const Payload& p);
    void tpTimer(NodeId node, int tag);
    void releaseLock(NodeId node, int tx);
    void checkAtomicity(TxRun& tx);
    void tpRecover();
    void armInDoubt(NodeId node, int tx);
    void sendDecision(const TxRun& tx, int step);
    // saga_outbox.cpp
    void pubReset(Topology& topo);
    void pubStart();
    DomainEvent& newEvent(int step, const Payload& p, bool undo);
    bool pubRequest(NodeId node, const Payload& p);
    void pubCommitted(int step, const Payload& p, bool undo);
    void pubNotCommitted(const Payload& p, const char* why);
    void pubWake(NodeId node);
    void pubTimer(NodeId node, int tag);
    void pubDeliver(const Message<Payload>& m);
    void pubConsume(const Payload& p);
    void pubCrash(NodeId node);
    void pubRestart(NodeId node);
    void pubArm(NodeId node, Time delay, const char* kind);
    Status pubSet(const std::string& param, double v);
    // saga_outbox_view.cpp
    void pubView(View& v) const;
    void pubStrip(View& v) const;
    ProbeValue pubProbe(const std::string& name) const;
    // saga_reader.cpp
    void onReaderTimer();
    void startReport();
    bool snapshotPartial(std::string& note) const;
    bool anyLocked() const;
    // saga_check.cpp
    void checkLogShape(const SagaRun& s);
    void checkAfterStep();
    void violate(std::string invariant, std::string detail, std::vector<NodeId> nodes);
    bool anyRunning() const;
    // saga_model.cpp
    void onDeliver(const Message<Payload>& m);
    void onTimer(NodeId node, int tag);
    Status applyAction(const Action& a, Event& out);
    Status applySet(const Action& a, Event& out);
    MsgId send(NodeId from, NodeId to, Payload p);
    std::string name(NodeId n) const;
    // saga_view.cpp
    StepStrip sagaStrip(const SagaRun& s, Time t) const;
    StepStrip txStrip(const TxRun& tx) const;
    NodeView serviceView(int step) const;
    NodeView hubView(Time t) const;

    Engine<Payload> m_engine;
    Config m_cfg;
    bool m_compensatesForward = false;  // broken: C1 first, then up to the last committed step
    Mode m_mode = Mode::Saga;
    std::vector<ServiceState> m_services;  // index = step (0 unused)
    std::vector<std::int64_t> m_expected;  // per service: initial + effects the log says stand
    std::vector<SagaRun> m_sagas;          // volatile; rebuilt from m_log after a crash
    std::vector<LogRecord> m_log;          // durable
    std::vector<TxRun> m_txs;              // durable coordinator state (2PC)
    std::vector<ReaderOp> m_reports;
    std::map<int, std::string> m_effects;  // per order: the effects services applied, in order
    std::map<NodeId, Payload> m_lastCommand;  // for "redeliver": the last command per service
    int m_started = 0;
    std::int64_t m_doubleEffects = 0;
    std::int64_t m_readerAnomalies = 0;
    std::int64_t m_readerWaits = 0;
    std::int64_t m_retries = 0;
    std::int64_t m_messages = 0;
    std::int64_t m_atomicityBroken = 0;
    bool m_conservedSeen = true;
    std::vector<Publisher> m_publishers;   // per service (index = step)
    std::vector<DomainEvent> m_events;     // ground truth, index = id - 1
    EventSide m_bus;
    NodeId m_broker = kNoNode, m_consumer = kNoNode;
    std::vector<Violation> m_violations;
};

}  // namespace sb::core::saga
