// Sagas, checked from the trace alone (Garcia-Molina and Salem 1987): a saga that finished either
// committed (every step took effect once) or compensated (every step that took effect was undone);
// compensations undo completed steps in reverse order; two-phase commit (Gray and Lamport's
// TwoPhase spec) never both commits and aborts one transaction; and, for the outbox lessons, the
// consumer applies an event only after its row committed and at most once. What a step "took
// effect" means is read from the services' `apply` events (ok 1), not from the orchestrator's log.
#include <map>
#include <set>

#include "verify/property.h"

namespace sb::core::verify {
namespace {

using SagaStep = std::pair<std::int64_t, std::int64_t>;  // saga, step

class SagaChecker {
public:
    void on(const TraceEvent& e) {
        if (e.is("apply")) onApply(e);
        else if (e.is("saga_end")) m_ended.emplace_back(&e);
        else if (e.is("tp") || e.is("recover")) onTwoPhase(e);
        else if (e.is("log") && e.detail == "step sent") noteStep(e);
        else if (e.is("publish")) onPublish(e);
        else if (e.is("consume")) onConsume(e);
    }

    void finish(std::vector<Finding>& out) {
        std::size_t dead = 0;
        for (const TraceEvent* end : m_ended) if (!checkEnd(*end)) ++dead;
        Finding f = m_outcome.finish("finished sagas");
        if (f.verdict == Verdict::Ok && dead > 0)
            f.detail += " (" + std::to_string(dead) + " dead-lettered, left to an operator, not counted)";
        out.push_back(f);
        out.push_back(m_reverse.finish("compensations"));
        out.push_back(m_decision.finish("two-phase decisions"));
        out.push_back(m_rowFirst.finish("events consumed"));
        out.push_back(m_once.finish("events consumed"));
    }

private:
    std::int64_t net(const SagaStep& s) const {
        auto it = m_effect.find(s);
        return it == m_effect.end() ? 0 : it->second;
    }

    void onApply(const TraceEvent& e) {
        if (e.field("ok").value_or(0) != 1) return;  // a refusal, a duplicate ignored, an unlock
        const auto saga = e.field("saga"), step = e.field("step"), comp = e.field("comp");
        if (!saga || !step || !comp) return;
        if (*comp == 1) {
            m_reverse.checked();
            if (net({*saga, *step}) < 1)
                m_reverse.fail(e, "saga " + std::to_string(*saga) + " compensates step " + std::to_string(*step) +
                                      ", which has not taken effect");
            for (std::int64_t later = *step + 1; later <= m_steps[*saga]; ++later)
                if (net({*saga, later}) > 0)
                    m_reverse.fail(e, "saga " + std::to_string(*saga) + " compensates step " + std::to_string(*step) +
                                          " while step " + std::to_string(later) + " is still in effect");
        }
        m_effect[{*saga, *step}] += *comp == 1 ? -1 : 1;
        noteStep(e);
    }

    void noteStep(const TraceEvent& e) {
        const auto saga = e.field("saga"), step = e.field("step");
        if (saga && step) m_steps[*saga] = std::max(m_steps[*saga], *step);
    }

    // True when the end was checked (completed or compensated), false for a dead letter.
    bool checkEnd(const TraceEvent& end) {
        const auto saga = end.field("saga");
        if (!saga || end.detail == "dead-lettered") return false;
        m_outcome.checked();
        const bool completed = end.detail == "completed";
        // Steps are numbered from 1; the highest one the orchestrator sent or a service applied
        // bounds the saga (a completed saga ran them all).
        if (completed && m_steps[*saga] == 0) m_outcome.fail(end, "saga " + std::to_string(*saga) + " completed without a step");
        for (std::int64_t step = 1; step <= m_steps[*saga]; ++step) {
            const std::int64_t n = net({*saga, step});
            if (n != (completed ? 1 : 0))
                m_outcome.fail(end, "saga " + std::to_string(*saga) + " ended " + end.detail + " but step " +
                                        std::to_string(step) + " is in effect " + std::to_string(n) + " times");
        }
        return true;
    }

    void onTwoPhase(const TraceEvent& e) {
        const auto tx = e.field("tx");
        if (!tx) return;
        const bool commit = e.detail == "TMCommit" || e.detail == "RMRcvCommitMsg";
        const bool abort = e.detail == "TMAbort" || e.detail == "RMRcvAbortMsg" || e.detail == "RMChooseToAbort" ||
                           e.detail == "presumed abort";
        if (!commit && !abort) return;
        m_decision.checked();
        auto [it, fresh] = m_decided.emplace(*tx, commit);
        if (!fresh && it->second != commit)
            m_decision.fail(e, "transaction " + std::to_string(*tx) + " " + e.detail + " after it was " +
                                   (it->second ? "committed" : "aborted"));
    }

    void onPublish(const TraceEvent& e) {
        const auto event = e.field("event");
        if (event && (e.detail == "row and outbox row committed" || e.detail == "row committed, event not sent yet" ||
                      e.detail == "row committed"))
            m_rows.insert(*event);
    }

    void onConsume(const TraceEvent& e) {
        const auto event = e.field("event");
        if (!event || e.detail == "duplicate ignored") return;
        m_rowFirst.checked();
        m_once.checked();
        if (!m_rows.count(*event))
            m_rowFirst.fail(e, "the consumer applies event " + std::to_string(*event) + ", whose row has not committed");
        if (++m_applied[*event] > 1)
            m_once.fail(e, "the consumer applies event " + std::to_string(*event) + " a second time");
    }

    std::map<SagaStep, std::int64_t> m_effect;  // applies minus compensations
    std::map<std::int64_t, std::int64_t> m_steps;  // saga -> highest step applied
    std::vector<const TraceEvent*> m_ended;
    std::map<std::int64_t, bool> m_decided;  // tx -> committed
    std::set<std::int64_t> m_rows;
    std::map<std::int64_t, std::int64_t> m_applied;
    Property m_outcome{"finished sagas committed or compensated"};
    Property m_reverse{"compensations in reverse order"};
    Property m_decision{"two-phase commit: one decision"};
    Property m_rowFirst{"outbox: no event without its row"};
    Property m_once{"outbox: each event applied once"};
};

}  // namespace

void checkSaga(const TraceFile& trace, std::vector<Finding>& out) {
    runChecker(SagaChecker{}, trace, out);
}

}  // namespace sb::core::verify
