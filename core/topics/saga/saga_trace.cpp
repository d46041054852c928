// What each saga, two-phase-commit and outbox message puts into its send event, so a checker
// reading only the trace sees which step of which saga every request and reply is about
// (docs/formats.md, "Messages: saga").
#include "topics/saga/saga_types.h"

namespace sb::core::saga {

void traceFields(const Payload& m, Event& e) {
    switch (m.op) {
        case Op::Do:
        case Op::Undo:
            e.with("saga", m.saga).with("step", m.step).with("attempt", m.attempt).with("amount", m.amount).with("qty", m.qty);
            return;
        case Op::Reply:
            e.with("saga", m.saga).with("step", m.step).with("comp", m.of == Op::Undo ? 1 : 0).with("ok", m.ok ? 1 : 0)
                .with("dedup", m.dedup ? 1 : 0);
            return;
        case Op::Release: e.with("saga", m.saga).with("step", m.step); return;
        case Op::Prepare:
        case Op::Prepared:
        case Op::VoteNo:
        case Op::Commit:
        case Op::Abort:
        case Op::Ack:
        case Op::Ask: e.with("tx", m.saga).with("rm", m.step); return;
        case Op::Event:
        case Op::EventAck:
            e.with("event", m.event).with("saga", m.saga).with("step", m.step).with("comp", m.of == Op::Undo ? 1 : 0);
            return;
    }
}

}  // namespace sb::core::saga
