// The main window's quiz mode: the quiz workspace as the second page of the central stack, the
// View > Quiz mode switch, progress export and import, and mastery in the lesson browser.
#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QLayout>
#include <QFileDialog>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QToolBar>

#include "gui/main_window.h"
#include "gui/workspace_state.h"
#include "learn/lesson_browser.h"
#include "panels/playback_bar.h"
#include "quiz/interview_box.h"
#include "quiz/quiz_setup_page.h"
#include "quiz/quiz_workspace.h"
#include "scene/scene_view.h"
#include "sim_controller.h"

namespace sb::app {

// The workspace is made with the docks for its progress (mastery in the lesson browser, a notice
// about a damaged file); its pages, and the quiz settings they show, wait for quiz mode.
void MainWindow::buildQuiz() {
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    m_quiz = new widgets::QuizWorkspace(m_registry, dir + QStringLiteral("/progress.json"), m_stack);
    m_stack->addWidget(m_quiz);
    // A stacked widget is as tall as its tallest page: the quiz page's minimum (about 570 px)
    // held the learning workspace above 800 px at 1280x800 (the status bar off screen). A page
    // not shown asks for no room.
    auto fitStack = [this] {
        for (int i = 0; i < m_stack->count(); ++i) {
            const auto policy = m_stack->widget(i) == m_stack->currentWidget() ? QSizePolicy::Preferred : QSizePolicy::Ignored;
            m_stack->widget(i)->setSizePolicy(policy, policy);
        }
        m_stack->updateGeometry();
    };
    connect(m_stack, &QStackedWidget::currentChanged, this, fitStack);
    fitStack();
    connect(m_quiz, &widgets::QuizWorkspace::message, this, [this](const QString& text) { statusBar()->showMessage(text, 10000); });
    connect(m_quiz, &widgets::QuizWorkspace::progressChanged, this, &MainWindow::updateMastery);
    connect(m_quiz, &widgets::QuizWorkspace::openStep, this, &MainWindow::openExplainingStep);
    connect(m_quiz, &widgets::QuizWorkspace::pagesBuilt, this, &MainWindow::restoreQuizSettings);
    m_quiz->loadProgress();
}

void MainWindow::addQuizMenus(QMenu* file, QMenu* view) {
    file->addAction(tr("&Export progress…"), this, &MainWindow::exportProgressDialog);
    file->addAction(tr("&Import progress…"), this, &MainWindow::importProgressDialog);
    file->addSeparator();
    m_quizSeparator = view->addSeparator();
    // F9: Ctrl+Q is Quit, and the quiz's own keys (Space, 1-4) must stay free.
    m_quizAction = view->addAction(tr("&Quiz mode"));
    m_quizAction->setCheckable(true);
    m_quizAction->setShortcut(QKeySequence(Qt::Key_F9));
    connect(m_quizAction, &QAction::toggled, this, &MainWindow::setQuizMode);
    view->addAction(tr("Quiz &statistics"), QKeySequence(Qt::SHIFT | Qt::Key_F9), this, [this] {
        setQuizMode(true);
        m_quiz->showStats();
    });
    m_modeBar = new QToolBar(tr("Mode"), this);  // in the window's layout from revealChrome
    m_modeBar->setObjectName(QStringLiteral("ModeToolBar"));
    m_modeBar->setAccessibleName(tr("Mode"));
    m_modeBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_modeBar->addAction(m_quizAction);
}

bool MainWindow::quizMode() const { return m_quiz && m_stack->currentWidget() == m_quiz; }

void MainWindow::setQuizMode(bool on) {
    completeWorkspace();  // asked for before the first paint: the quiz page is not built yet
    if (on == quizMode()) return;
    const QSignalBlocker block(m_quizAction);
    m_quizAction->setChecked(on);
    if (on) {
        m_quiz->buildPages();  // on first entering quiz mode
        m_controller->pause();
        rememberLayoutBeforeQuiz(*this);  // shown again exactly as it was, tabs and sizes included
        // The playback keys (Space, arrows) belong to the quiz while it is shown.
        QList<QAction*> learning = m_playback->runActions();
        for (QDockWidget* dock : findChildren<QDockWidget*>()) learning << dock->toggleViewAction();  // no docks in quiz mode
        for (QAction* a : learning) {
            m_disabledForQuiz.append({a, a->isEnabled()});
            a->setEnabled(false);
        }
        for (QDockWidget* dock : findChildren<QDockWidget*>())
            if (dock->isVisible()) m_hiddenForQuiz << dock;
        m_hiddenForQuiz << m_playback;
        for (QWidget* w : m_hiddenForQuiz) w->hide();
        m_actionsMenu->setEnabled(false);
        m_stack->setCurrentWidget(m_quiz);
        m_quiz->showSetup();
        m_titleBeforeQuiz = windowTitle();
        setWindowTitle(tr("Quiz — Splitbrain"));
    } else {
        m_quiz->endSession();
        m_quiz->showSetup();
        for (const auto& [a, enabled] : m_disabledForQuiz) a->setEnabled(enabled);
        m_disabledForQuiz.clear();
        // The learning page first, and the window's layout told at once that the quiz page no
        // longer asks for its height, so the docks come back into the room they had.
        m_stack->setCurrentWidget(m_learnPage);
        if (layout()) layout()->activate();
        for (QWidget* w : m_hiddenForQuiz) w->show();
        m_hiddenForQuiz.clear();
        m_actionsMenu->setEnabled(true);
        restoreLayoutAfterQuiz(*this);
        setWindowTitle(m_titleBeforeQuiz.isEmpty() ? tr("Splitbrain") : m_titleBeforeQuiz);
        m_scene->setFocus();
    }
}

void MainWindow::openQuizPage(const QString& page) {
    setQuizMode(true);
    if (page == QLatin1String("stats")) {
        m_quiz->showStats();
        return;
    }
    const QList<QPair<QString, widgets::QuizMode>> modes = {{QStringLiteral("review"), widgets::QuizMode::Review},
                                                            {QStringLiteral("quiz"), widgets::QuizMode::Quiz},
                                                            {QStringLiteral("rehearsal"), widgets::QuizMode::Rehearsal}};
    for (const auto& [name, mode] : modes) {
        if (page != name) continue;
        m_quiz->setupPage()->setMode(mode);
        m_quiz->startSession();
    }
}

void MainWindow::saveQuizSettings(QSettings& settings) const {
    settings.setValue(QStringLiteral("quiz/topics"), m_quiz->setupPage()->selectedTopics());
    settings.setValue(QStringLiteral("quiz/mode"), static_cast<int>(m_quiz->setupPage()->mode()));
    settings.setValue(QStringLiteral("quiz/newPerDay"), m_quiz->setupPage()->newPerDay());
    settings.setValue(QStringLiteral("quiz/order"), static_cast<int>(m_quiz->setupPage()->interviewBox()->order()));
}

void MainWindow::restoreQuizSettings() {
    if (m_options.ignoreSettings) return;
    QSettings settings;
    widgets::QuizSetupPage* setup = m_quiz->setupPage();
    if (settings.contains(QStringLiteral("quiz/topics")))
        setup->setSelectedTopics(settings.value(QStringLiteral("quiz/topics")).toStringList());
    const int mode = settings.value(QStringLiteral("quiz/mode"), 0).toInt();
    if (mode >= 0 && mode <= static_cast<int>(widgets::QuizMode::Rehearsal)) setup->setMode(static_cast<widgets::QuizMode>(mode));
    setup->setNewPerDay(settings.value(QStringLiteral("quiz/newPerDay"), setup->newPerDay()).toInt());
    const int order = settings.value(QStringLiteral("quiz/order"), 0).toInt();
    if (order >= 0 && order <= static_cast<int>(widgets::SessionOrder::DayBefore))
        setup->interviewBox()->setOrder(static_cast<widgets::SessionOrder>(order));
}

void MainWindow::reportProgressProblem() {
    const auto& report = m_quiz->loadReport();
    const bool fine = report.outcome == core::quiz::LoadOutcome::Loaded || report.outcome == core::quiz::LoadOutcome::Fresh;
    if (fine && m_quiz->store().canSave()) return;
    // Not modal: the window stays usable, and the quiz setup page keeps the same notice.
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Quiz progress"), QString::fromStdString(report.message),
                                QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    QStringList details;
    for (const auto& e : report.details) details << QString::fromStdString(e.text());
    if (!details.isEmpty()) box->setDetailedText(details.join(QLatin1Char('\n')));
    box->setWindowModality(Qt::NonModal);
    box->show();
}

void MainWindow::openExplainingStep(const QString& lessonId, int step) {
    setQuizMode(false);
    if (!openLesson(lessonId) || step <= 0) return;
    m_controller->runStep(static_cast<std::size_t>(step));
}

void MainWindow::updateMastery() {
    QHash<QString, double> mastery;
    for (const auto& [id, value] : m_quiz->lessonMastery()) mastery.insert(QString::fromStdString(id), value);
    m_browser->setMastery(mastery);
}

void MainWindow::exportProgressDialog() {
    completeWorkspace();
    const QString path = QFileDialog::getSaveFileName(this, tr("Export progress"), QDir::homePath() + QStringLiteral("/splitbrain-progress.json"),
                                                      tr("Progress files (*.json)"));
    if (path.isEmpty()) return;
    if (const QString error = m_quiz->exportProgress(path); !error.isEmpty()) {
        QMessageBox::warning(this, tr("Export progress"), tr("Could not export the progress: %1").arg(error));
        return;
    }
    statusBar()->showMessage(tr("Progress exported to %1").arg(path), 5000);
}

void MainWindow::importProgressDialog() {
    completeWorkspace();
    const QString path = QFileDialog::getOpenFileName(this, tr("Import progress"), QDir::homePath(), tr("Progress files (*.json)"));
    if (path.isEmpty()) return;
    QString summary;
    if (const QString error = m_quiz->importProgress(path, &summary); !error.isEmpty()) {
        QMessageBox::warning(this, tr("Import progress"), tr("Could not import %1: %2").arg(path, error));
        return;
    }
    statusBar()->showMessage(summary, 8000);
}

}  // namespace sb::app
