// The saga topic's invariants, checked after every step (see the header for the list).
#include <sstream>

#include "topics/saga/saga_model.h"

namespace sb::core::saga {
namespace {

// True when `trace` is T1..Tj followed by Cj, Cj-1, ... (possibly only some of them yet).
bool goodShape(const std::string& trace, int& forward, int& back, std::string& why) {
    std::istringstream in(trace);
    std::string tok;
    forward = 0;
    back = 0;
    int lastComp = 0;
    while (in >> tok) {
        const int step = std::stoi(tok.substr(1));
        if (tok[0] == 'T') {
            if (back > 0) return why = tok + " ran after a compensation", false;
            if (step != forward + 1) return why = tok + " ran out of order", false;
            forward = step;
        } else {
            const int expect = back == 0 ? forward : lastComp - 1;
            if (step != expect) return why = tok + " is not the reverse of the committed steps", false;
            lastComp = step;
            ++back;
        }
    }
    return true;
}

}  // namespace

void SagaModel::violate(std::string invariant, std::string detail, std::vector<NodeId> nodes) {
    for (const Violation& v : m_violations)
        if (v.invariant == invariant && v.detail == detail) return;
    m_violations.push_back(Violation{std::move(invariant), std::move(detail), now(), std::move(nodes)});
}

void SagaModel::checkLogShape(const SagaRun& s) {
    int forward = 0, back = 0;
    std::string why;
    const std::string order = "order " + std::to_string(s.id);
    if (!goodShape(s.trace, forward, back, why)) return violate("reverse-order compensation", order + ": " + why, {kHub});
    if (s.state == SagaState::Completed && s.trace != "T1 T2 T3 T4")
        violate("saga outcome", order + " completed with log \"" + s.trace + "\"", {kHub});
    if (s.state == SagaState::Compensated && back != forward)
        violate("saga outcome", order + " ended compensated with log \"" + s.trace + "\"", {kHub});
    if (finished(s.state) && m_cfg.idempotency && effects(s.id) != s.trace)
        violate("log matches effects", order + ": the log says \"" + s.trace + "\", the services did \"" +
                                           effects(s.id) + "\"", {kHub});
}

std::string SagaModel::effects(int order) const {
    const auto it = m_effects.find(order);
    return it == m_effects.end() ? std::string() : it->second;
}

bool SagaModel::anyRunning() const {
    for (const SagaRun& s : m_sagas)
        if (!finished(s.state)) return true;
    for (const TxRun& tx : m_txs)
        if (tx.ended < 0) return true;
    return false;
}

bool SagaModel::conserved() const {
    for (int i = 1; i <= kSteps; ++i)
        if (m_services[static_cast<std::size_t>(i)].total != m_expected[static_cast<std::size_t>(i)]) return false;
    return true;
}

void SagaModel::checkAtomicity(TxRun& tx) {
    bool committed = false, aborted = false;
    for (int i = 1; i <= kSteps; ++i) {
        const auto& rm = m_services[static_cast<std::size_t>(i)].rm;
        const auto it = rm.find(tx.id);
        if (it == rm.end()) continue;
        committed = committed || it->second == RmState::Committed;
        aborted = aborted || it->second == RmState::Aborted;
    }
    if (!committed || !aborted || tx.mixed) return;
    tx.mixed = true;
    ++m_atomicityBroken;
    m_engine.emit("anomaly", kNoNode, "atomicity broken").with("tx", tx.id);
    if (!m_cfg.decideAlone)
        violate("2PC atomicity", "transaction " + std::to_string(tx.id) + ": one participant committed, another aborted",
                {1, 2, 3, 4});
}

// Money and stock: once nothing is running, every service holds its initial value plus the
// effects of exactly the steps that stand (committed and not compensated).
void SagaModel::checkAfterStep() {
    if (anyRunning()) return;
    const bool ok = conserved();
    if (ok == m_conservedSeen) return;
    m_conservedSeen = ok;
    if (ok) return;
    m_engine.emit("anomaly", kNoNode, "not conserved");
    std::string detail;
    for (int i = 1; i <= kSteps; ++i) {
        const auto k = static_cast<std::size_t>(i);
        if (m_services[k].total != m_expected[k])
            detail += name(serviceNode(i)) + " holds " + std::to_string(m_services[k].total) + ", the log implies " +
                      std::to_string(m_expected[k]) + "; ";
    }
    if (m_cfg.idempotency && !m_cfg.decideAlone) violate("conservation", detail, {1, 2, 3, 4});
}

}  // namespace sb::core::saga
