#include "topics/saga/saga_types.h"

namespace sb::core::saga {

const char* stepLabel(int step) {
    static const char* const kLabels[] = {"?", "create order", "charge card", "reserve stock", "schedule shipment"};
    return step >= 1 && step <= kSteps ? kLabels[step] : kLabels[0];
}

const char* compensationLabel(int step) {
    static const char* const kLabels[] = {"?", "cancel order", "refund", "release stock", "cancel shipment"};
    return step >= 1 && step <= kSteps ? kLabels[step] : kLabels[0];
}

const char* opName(Op op) {
    switch (op) {
        case Op::Do: return "Do";
        case Op::Undo: return "Compensate";
        case Op::Release: return "Release";
        case Op::Reply: return "Reply";
        case Op::Prepare: return "Prepare";
        case Op::Prepared: return "Prepared";
        case Op::VoteNo: return "VoteNo";
        case Op::Commit: return "Commit";
        case Op::Abort: return "Abort";
        case Op::Ack: return "Ack";
        case Op::Ask: return "DecisionRequest";
        case Op::Event: return "Event";
        case Op::EventAck: return "EventAck";
    }
    return "?";
}

const char* logKindName(LogKind kind) {
    switch (kind) {
        case LogKind::Begin: return "begin";
        case LogKind::StepSent: return "step sent";
        case LogKind::StepDone: return "step done";
        case LogKind::StepFailed: return "step failed";
        case LogKind::CompSent: return "compensation sent";
        case LogKind::CompDone: return "compensation done";
        case LogKind::DeadLetter: return "dead letter";
        case LogKind::Completed: return "completed";
        case LogKind::Compensated: return "compensated";
    }
    return "?";
}

const char* sagaStateName(SagaState state) {
    switch (state) {
        case SagaState::Running: return "running";
        case SagaState::Compensating: return "compensating";
        case SagaState::Completed: return "completed";
        case SagaState::Compensated: return "compensated";
        case SagaState::DeadLettered: return "dead-lettered";
    }
    return "?";
}

const char* stepStatusName(StepStatus status) {
    switch (status) {
        case StepStatus::Pending: return "pending";
        case StepStatus::Running: return "running";
        case StepStatus::Done: return "done";
        case StepStatus::Failed: return "failed";
        case StepStatus::Compensating: return "compensating";
        case StepStatus::Compensated: return "compensated";
        case StepStatus::DeadLettered: return "dead-lettered";
    }
    return "?";
}

const char* rmStateName(RmState s) {
    switch (s) {
        case RmState::Working: return "working";
        case RmState::Prepared: return "prepared";
        case RmState::Committed: return "committed";
        case RmState::Aborted: return "aborted";
    }
    return "?";
}

const char* tmStateName(TmState s) {
    switch (s) {
        case TmState::Init: return "init";  // the probe value lessons compare with
        case TmState::Committed: return "committed";
        case TmState::Aborted: return "aborted";
    }
    return "?";
}

const char* tmStateWords(TmState s) { return s == TmState::Init ? "undecided" : tmStateName(s); }

}  // namespace sb::core::saga
