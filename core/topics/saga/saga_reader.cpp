// The reader: a report that looks at all four services at one instant. Sagas give no
// isolation, so it can catch an order half done; semantic locks (or 2PC's locks) make it wait.
#include "topics/saga/saga_model.h"

namespace sb::core::saga {
namespace {

constexpr int kReportTimer = 0;
constexpr int kMaxWaits = 50;  // a report that waits this often gives up (a stuck lock)

}  // namespace

void SagaModel::startReport() {
    if (!m_engine.timerDeadline(kReader, kReportTimer)) m_engine.setTimer(kReader, kReportTimer, 0, "report");
}

bool SagaModel::anyLocked() const {
    for (int i = 1; i <= kSteps; ++i) {
        const ServiceState& svc = m_services[static_cast<std::size_t>(i)];
        if (m_mode == Mode::TwoPhase && svc.lockHolder != 0) return true;
        for (const auto& [id, rec] : svc.records)
            if (rec.pending) return true;
    }
    return false;
}

// Partial: some order has an effect visible at one service and not at another.
bool SagaModel::snapshotPartial(std::string& note) const {
    std::map<int, std::vector<bool>> seen;
    for (int i = 1; i <= kSteps; ++i)
        for (const auto& [id, rec] : m_services[static_cast<std::size_t>(i)].records) {
            auto& v = seen.try_emplace(id, std::vector<bool>(kSteps + 1, false)).first->second;
            v[static_cast<std::size_t>(i)] = rec.applied;
        }
    for (const auto& [id, v] : seen) {
        std::string done, missing;
        for (int i = 1; i <= kSteps; ++i) {
            std::string& list = v[static_cast<std::size_t>(i)] ? done : missing;
            list += (list.empty() ? "" : ", ") + std::string(stepLabel(i));
        }
        if (!done.empty() && !missing.empty()) {
            note = "order " + std::to_string(id) + ": " + done + " done, but not " + missing;
            return true;
        }
    }
    return false;
}

void SagaModel::onReaderTimer() {
    if (m_reports.empty() || m_reports.back().end >= 0) {
        ReaderOp& op = m_reports.emplace_back();
        op.id = static_cast<int>(m_reports.size());
        op.start = now();
    }
    ReaderOp& op = m_reports.back();
    const bool honourLocks = m_mode == Mode::TwoPhase || m_cfg.locks;
    if (honourLocks && anyLocked() && op.waits < kMaxWaits) {
        ++op.waits;
        ++m_readerWaits;
        m_engine.emit("report", kReader, "waits").with("report", op.id).with("waits", op.waits);
        m_engine.setTimer(kReader, kReportTimer, m_cfg.backoff, "report retry");
        return;
    }
    op.end = now();
    if (op.waits >= kMaxWaits) {
        op.note = "gave up waiting for locks";
        m_engine.emit("report", kReader, "gave up").with("report", op.id);
    } else {
        op.partial = snapshotPartial(op.note);
        m_engine.emit("report", kReader, op.partial ? "partial" : "consistent").with("report", op.id).with("waits", op.waits);
        if (op.partial) {
            ++m_readerAnomalies;
            m_engine.emit("anomaly", kReader, "partial read").with("report", op.id);
        }
    }
    if (m_cfg.reportEvery > 0 && (anyRunning() || m_started < m_cfg.sagas))
        m_engine.setTimer(kReader, kReportTimer, m_cfg.reportEvery, "report");
}

}  // namespace sb::core::saga
