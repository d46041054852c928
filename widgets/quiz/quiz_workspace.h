#pragma once

#include <QWidget>
#include <functional>
#include <memory>
#include <optional>

#include "quiz/interview_plan.h"
#include "quiz/progress_store.h"
#include "quiz/quiz_catalog.h"
#include "quiz/quiz_session.h"
#include "sim/registry.h"

class QLabel;
class QStackedWidget;

namespace sb::core {
class LessonCatalog;
}

namespace sb::widgets {

enum class SessionOrder;
class ChoiceView;
class PredictView;
class QuizSetupPage;
class QuizStatsPage;
class RecallView;
class RehearsalView;
class SessionSummary;

// Quiz mode: the setup page, then one card or item at a time, then the session summary; and the
// statistics page. Progress lives in a core ProgressStore at the path given (the app passes the
// platform's app-data folder) and is saved after every answer. The clock is injectable (epoch
// seconds in local time, as core::quiz expects), so tests control the day.
// The pages are built on first use (showing the workspace or a page, starting a session, or asking for one of
// them): the main window makes the workspace at startup for its progress (the lesson browser's
// mastery, the progress notice) and pays for the pages only when the learner enters quiz mode.
class QuizWorkspace : public QWidget {
    Q_OBJECT
public:
    using Clock = std::function<core::quiz::Seconds()>;

    QuizWorkspace(const core::TopicRegistry& registry, const QString& progressPath, QWidget* parent = nullptr);
    ~QuizWorkspace() override;

    // Reads the progress file; a problem (a damaged file set aside, a newer file refused) is
    // shown on the setup page and returned for the status bar.
    const core::quiz::LoadReport& loadProgress();
    const core::quiz::LoadReport& loadReport() const { return m_report; }
    // Call after the lesson catalog (re)loads: item pointers are rebuilt from it.
    void setCatalog(const core::LessonCatalog& catalog);
    void setClock(Clock clock) { m_clock = std::move(clock); }
    // Off in tests: the rehearsal countdown then moves only by explicit ticks.
    void setRealTimeCountdown(bool on);
    core::quiz::Seconds now() const { return m_clock(); }
    // Builds the pages now if they are not built yet; pagesBuilt() is emitted once they are.
    void buildPages();
    bool hasPages() const { return m_pages != nullptr; }
    // Shown for the first time, the workspace builds its pages first (so a window has their size).
    void setVisible(bool visible) override;

    bool startSession();
    void showSetup();
    void showStats();
    void endSession();
    // Export writes a copy; import merges another file in and saves. An empty result means success.
    QString exportProgress(const QString& file);
    QString importProgress(const QString& file, QString* summary = nullptr);

    const core::quiz::ProgressStore& store() const { return m_store; }
    const QuizCatalog& quizCatalog() const { return m_catalog; }
    const core::quiz::QuizSession* session() const { return m_session.get(); }
    // The interview plan from today (inactive without an interview date after today).
    core::quiz::InterviewPlan plan() const;
    // The setup page's line about the scheduler and the interview.
    QString interviewSummary() const;
    // A topic's title from the registry (its id if unknown).
    QString topicTitle(const std::string& topic) const;
    // Mastery per lesson id in [0, 1], for the lesson browser.
    std::map<std::string, double> lessonMastery() const;

    QStackedWidget* pages() const { return built().m_pages; }
    QuizSetupPage* setupPage() const { return built().m_setup; }
    RecallView* recallView() const { return built().m_recall; }
    ChoiceView* choiceView() const { return built().m_choice; }
    PredictView* predictView() const { return built().m_predict; }
    RehearsalView* rehearsalView() const { return built().m_rehearsal; }
    SessionSummary* summaryPage() const { return built().m_summary; }
    QuizStatsPage* statsPage() const { return built().m_stats; }
    // The view showing the current item (the one keys go to), or nullptr between items.
    QWidget* currentView() const;

signals:
    void progressChanged();
    void message(const QString& text);
    void openStep(const QString& lessonId, int step);
    void pagesBuilt();

protected:
    void keyPressEvent(QKeyEvent* event) override;

private:
    // The workspace with its pages built: the page accessors build them on first use.
    QuizWorkspace& built() const;
    void showCurrent();
    void afterAnswer();
    void save();
    void refreshSetup();
    void setNotice(const QString& text);
    void applyScheduler();
    void applyInterview();
    std::optional<std::vector<core::quiz::ItemRef>> plannedQueue(SessionOrder order, QString* why) const;

    const core::TopicRegistry& m_registry;
    core::quiz::ProgressStore m_store;
    core::quiz::LoadReport m_report;
    QuizCatalog m_catalog;
    std::unique_ptr<core::quiz::QuizSession> m_session;
    QuizMode m_mode = QuizMode::Review;
    std::uint64_t m_sitting = 0;  // seeds the option order of this sitting's choice items
    Clock m_clock;
    bool m_saveFailed = false;
    bool m_realTimeCountdown = true;
    QString m_notice;
    QStackedWidget* m_pages = nullptr;
    QuizSetupPage* m_setup = nullptr;
    QWidget* m_sessionPage = nullptr;
    QLabel* m_header = nullptr;
    QStackedWidget* m_views = nullptr;
    RecallView* m_recall = nullptr;
    ChoiceView* m_choice = nullptr;
    PredictView* m_predict = nullptr;
    RehearsalView* m_rehearsal = nullptr;
    SessionSummary* m_summary = nullptr;
    QuizStatsPage* m_stats = nullptr;
};

}  // namespace sb::widgets
