#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "sim/event.h"
#include "sim/time.h"

namespace sb::core::saga {

enum class Mode { Saga, TwoPhase };

// The four services, in step order: step i (1-based) runs at service i. Node 0 is the
// orchestrator (the coordinator in 2PC mode), node 5 the reader.
inline constexpr int kSteps = 4;
inline constexpr NodeId kHub = 0;
inline constexpr NodeId kReader = kSteps + 1;
inline NodeId serviceNode(int step) { return static_cast<NodeId>(step); }
const char* stepLabel(int step);          // "create order", "charge card"...
const char* compensationLabel(int step);  // "cancel order", "refund"...

// TwoPhase.tla's rmState and tmState values.
enum class RmState : std::uint8_t { Working, Prepared, Committed, Aborted };
enum class TmState : std::uint8_t { Init, Committed, Aborted };
const char* rmStateName(RmState s);
const char* tmStateName(TmState s);
// The coordinator's state in words for the screen: "undecided" rather than the spec's "init".
const char* tmStateWords(TmState s);

enum class Op : std::uint8_t {
    Do,        // run T_step
    Undo,      // run C_step
    Release,   // semantic locks: the saga finished, the record is final
    Reply,     // a service's answer to Do/Undo
    Prepare,   // 2PC: the coordinator asks for a vote
    Prepared,  // 2PC: RMPrepare's message
    VoteNo,    // 2PC: the RM chose to abort (the spec folds this into TMAbort)
    Commit,
    Abort,
    Ack,       // 2PC: the RM applied the decision (lets the coordinator stop resending)
    Ask,       // 2PC: a prepared RM asks the coordinator for the decision (termination protocol)
    Event,     // outbox: a domain event on its way to the broker, or from it to the consumer
    EventAck,  // outbox: the broker appended the event (the relay may mark it published)
};
const char* opName(Op op);

struct Payload {
    int saga = 0;        // saga or 2PC transaction number, 1-based
    int step = 0;        // 1..kSteps
    Op op = Op::Do;
    Op of = Op::Do;      // Reply: what it answers (Do or Undo)
    int attempt = 1;     // bumped only after a definitive failure
    bool ok = false;     // Reply: the local transaction committed
    bool permanent = false;  // Reply: a business rejection, not worth retrying
    bool dedup = false;  // Reply: answered from the idempotency record, nothing ran
    std::int64_t amount = 0;  // the order's price (payment) and quantity (inventory)
    std::int64_t qty = 0;
    bool reject = false;      // injected by the workload: the service rejects this step
    std::int64_t event = 0;   // outbox: the domain event's id (event-first: the one announced)
};

// What a message puts into its send event (docs/formats.md, "Messages: saga"), so a checker
// reading only the trace sees what it said. Found by the engine through argument-dependent lookup.
void traceFields(const Payload& m, Event& e);


// What the saga log records. The orchestrator appends a record before it acts on it.
enum class LogKind : std::uint8_t { Begin, StepSent, StepDone, StepFailed, CompSent, CompDone, DeadLetter, Completed, Compensated };
const char* logKindName(LogKind kind);

struct LogRecord {
    int saga = 0;
    LogKind kind = LogKind::Begin;
    int step = 0;
    int attempt = 0;
    std::int64_t amount = 0;  // Begin: the order itself, so a restart can rebuild the saga
    std::int64_t qty = 0;
    int failAt = 0;
    Time at = 0;
};

enum class SagaState { Running, Compensating, Completed, Compensated, DeadLettered };
const char* sagaStateName(SagaState state);
inline bool finished(SagaState s) { return s == SagaState::Completed || s == SagaState::Compensated || s == SagaState::DeadLettered; }

// A step as the strip shows it.
enum class StepStatus { Pending, Running, Done, Failed, Compensating, Compensated, DeadLettered };
const char* stepStatusName(StepStatus status);

// The orchestrator's volatile view of one saga, rebuilt from the log after a crash.
struct SagaRun {
    int id = 0;
    std::int64_t amount = 0;
    std::int64_t qty = 0;
    int failAt = 0;           // step whose service rejects it (0: none), from the workload
    SagaState state = SagaState::Running;
    int step = 1;             // the step being run or compensated
    int compTop = 0;          // the last committed step (used only when compensating forward)
    int attempt = 1;
    int resends = 0;          // timeouts on the current attempt (backoff doubles per resend)
    bool backingOff = false;  // the saga's timer is a retry backoff, not a reply timeout
    int retries = 0;          // definitive failures retried, over the whole saga
    std::vector<StepStatus> status = std::vector<StepStatus>(kSteps + 1, StepStatus::Pending);
    std::string trace;        // "T1 T2 C2 C1": what the log says ran, in order
    Time started = 0;
    Time ended = -1;
    std::int64_t messages = 0;
};

// One service's local database: one number per service (open orders, the customer's balance,
// stock, scheduled shipments) and one record per saga.
struct Record {
    bool applied = false;     // T ran and was not compensated
    bool compensated = false;
    bool pending = false;     // semantic lock: an unfinished saga wrote it
    int doneCount = 0;        // times T's effect was applied (more than 1 = double effect)
    int undoCount = 0;        // times C's effect was applied
};

struct ServiceState {
    std::int64_t total = 0;
    std::map<int, Record> records;  // by saga
    // Idempotency records: (saga, op, attempt) -> outcome. Written in the same local
    // transaction as the effect, so an aborted attempt leaves only its failure.
    std::map<std::tuple<int, int, int>, bool> outcomes;
    int rejectNext = 0;       // injected: reject this many next T's (business failure)
    int failUndoNext = 0;     // injected: the next compensations fail transiently
    // 2PC participant (TwoPhase rmState) per transaction; locks held while working/prepared.
    std::map<int, RmState> rm;  // tx -> rmState (absent: "working", not yet asked)
    int lockHolder = 0;       // tx holding this service's lock (0: free)
    std::vector<int> waiting; // txs whose Prepare waits for the lock, in arrival order
    Time lockedSince = 0;
};

// The coordinator's durable state of one 2PC transaction (TwoPhase's tmState, tmPrepared).
struct TxRun {
    int id = 0;
    std::int64_t amount = 0;
    std::int64_t qty = 0;
    int failAt = 0;
    TmState tm = TmState::Init;
    std::vector<bool> prepared = std::vector<bool>(kSteps + 1, false);  // tmPrepared
    std::vector<bool> acked = std::vector<bool>(kSteps + 1, false);
    Time started = 0;
    Time decided = -1;
    Time ended = -1;          // every participant acknowledged the decision
    std::int64_t messages = 0;
    bool mixed = false;       // some participant committed and another aborted (broken switch)
};

}  // namespace sb::core::saga
