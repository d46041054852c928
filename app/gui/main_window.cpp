#include "gui/main_window.h"
#include "gui/workspace_state.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>
#include <set>
#include <utility>

#include "export/scene_export.h"
#include "first_paint.h"
#include "learn/lesson_browser.h"
#include "learn/lesson_pane.h"
#include "lesson/lesson_catalog.h"
#include "lesson/step_shown.h"
#include "panels/banner.h"
#include "panels/compare_view.h"
#include "panels/history_strip.h"
#include "panels/inspector_panel.h"
#include "panels/metrics_panel.h"
#include "panels/playback_bar.h"
#include "panels/space_time_view.h"
#include "panels/view_panels.h"
#include "quiz/quiz_workspace.h"
#include "topics/topic_docks.h"
#include "topics/topic_ui.h"
#include "scene/graph_scene.h"
#include "scene/scene_view.h"
#include "sim_controller.h"
#include "plural.h"

namespace sb::app {

MainWindow::MainWindow(const core::TopicRegistry& registry, GuiOptions options, QWidget* parent)
    : QMainWindow(parent), m_registry(registry), m_options(std::move(options)),
      m_catalog(std::make_unique<core::LessonCatalog>(registry)),
      m_topicUis(std::make_unique<widgets::TopicUiRegistry>()) {
    widgets::registerBuiltinTopicUis(*m_topicUis);
    setWindowTitle(tr("Splitbrain"));
    setObjectName(QStringLiteral("MainWindow"));
    setDockNestingEnabled(true);
    m_controller = new widgets::SimController(registry, this);

    m_stack = new QStackedWidget(this);
    m_learnPage = new QWidget(m_stack);
    m_learnPage->setAccessibleName(tr("Learning workspace"));
    auto* layout = new QVBoxLayout(m_learnPage);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    m_banner = new widgets::Banner(m_learnPage);
    // The scene, and beside it (hidden until asked for) the same run with one parameter changed.
    auto* split = new QSplitter(Qt::Horizontal, m_learnPage);
    m_scene = new widgets::SceneView(split);
    m_compare = new widgets::CompareView(m_controller, split);
    m_compare->hide();
    split->addWidget(m_compare->wrapMain(m_scene));
    split->addWidget(m_compare);
    split->setChildrenCollapsible(false);
    layout->addWidget(m_banner);
    layout->addWidget(split, 1);
    // The view's step strips and key rows, under the scene and only when the run has them.
    m_viewPanels = new widgets::ViewPanels(m_learnPage);
    layout->addWidget(m_viewPanels);
    m_stack->addWidget(m_learnPage);
    setCentralWidget(m_stack);

    m_playback = new widgets::PlaybackBar(m_controller, this);  // in the window's layout from revealChrome
    buildMenus();

    connect(m_controller, &widgets::SimController::changed, this, &MainWindow::refresh);
    connect(m_controller, &widgets::SimController::loaded, m_scene->graph(), &widgets::GraphScene::resetLegend);
    connect(m_controller, &widgets::SimController::loaded, m_viewPanels, &widgets::ViewPanels::reset);
    connect(m_controller, &widgets::SimController::cursorChanged, this, &MainWindow::onCursorChanged);
    connect(m_controller, &widgets::SimController::loaded, this, &MainWindow::onCursorChanged);
    connect(m_controller, &widgets::SimController::stepFinished, this, &MainWindow::onStepFinished);
    connect(m_controller, &widgets::SimController::error, this,
            [this](const QString& message) { statusBar()->showMessage(message, 8000); });

    resize(1280, 800);
    restoreSettings();
    if (m_options.windowSize.isValid()) {
        // Asked for on the command line (screenshots at a known size): it wins over the saved size.
        setWindowState(windowState() & ~(Qt::WindowMaximized | Qt::WindowFullScreen));
        resize(m_options.windowSize);
    }
    holdForFirstPaint();
}

// The first frame is a skeleton: the window itself, as a bare window's first frame is. The
// menus, the playback bar and the status bar follow in the next frame, right after it
// (revealChrome); the docks (the plots, the space-time view, the lesson list) and the run after
// that (completeWorkspace). Painting any text means reading the system's font configuration
// first, which costs about as much as a bare window's whole start; the quiz pages wait for quiz
// mode.
void MainWindow::holdForFirstPaint() {
    // Not made yet, or not yet in the layout, as they measure their text: the status bar as it is
    // made, a tool bar whenever the window's layout is sized (even while hidden). revealChrome
    // makes the one and adds the other.
    m_heldForFirstPaint = {m_stack, menuBar(), m_playback, m_modeBar};
    for (QWidget* w : m_heldForFirstPaint) w->hide();
}

void MainWindow::revealChrome() {
    if (m_chromeShown) return;
    m_chromeShown = true;
    statusBar()->setAccessibleName(tr("Status bar"));
    statusBar()->show();  // made after the window was shown, it would stay hidden
    addToolBar(Qt::TopToolBarArea, m_playback);
    addToolBar(Qt::TopToolBarArea, m_modeBar);
    for (QWidget* w : m_heldForFirstPaint)
        if (w != m_stack) w->show();
    std::erase_if(m_heldForFirstPaint, [this](QWidget* w) { return w != m_stack; });
    if (!isVisible()) return;
    if (layout()) layout()->activate();
    repaint();  // now, so the menus are on screen while the docks are built
    emit chromePainted();
}

void MainWindow::revealWorkspace() {
    for (QWidget* w : std::exchange(m_heldForFirstPaint, {})) w->show();
}

void MainWindow::completeWorkspace() {
    if (m_workspaceBuilt) return;
    m_workspaceBuilt = true;
    revealChrome();  // before the saved layout is restored, which may hide the playback bar
    buildDocks();
    buildQuiz();
    QList<QAction*> toggles;
    for (QDockWidget* dock : findChildren<QDockWidget*>()) {
        toggles << dock->toggleViewAction();
        // Made after the window was shown, a dock stays hidden until told (a topic's dock that
        // TopicDocks hid stays hidden); the layout then places them before they are sized.
        if (!dock->testAttribute(Qt::WA_WState_ExplicitShowHide)) dock->show();
    }
    m_spaceTime->parentWidget()->raise();  // shown after its tab neighbour, the history would be in front
    if (layout()) layout()->activate();
    m_viewMenu->insertActions(m_quizSeparator, toggles);
    connectGestures();
    connect(m_browser, &widgets::LessonBrowser::lessonActivated, this, [this](const QString& id) { openLesson(id); });
    connect(m_lessonPane, &widgets::LessonPane::lessonRequested, this, [this](const QString& id) { openLesson(id); });
    restoreLayoutAndRun();
    revealWorkspace();
}

MainWindow::~MainWindow() = default;

widgets::TopicPanel* MainWindow::topicPanel(const QString& objectName) const {
    return m_topicDocks ? m_topicDocks->panel(objectName) : nullptr;
}

QDockWidget* MainWindow::addDock(const QString& title, const QString& objectName, QWidget* content,
                                 Qt::DockWidgetArea area) {
    auto* dock = new QDockWidget(title, this);
    dock->setObjectName(objectName);
    dock->setWidget(content);
    dock->setAccessibleName(title);
    addDockWidget(area, dock);
    return dock;
}

void MainWindow::buildDocks() {
    m_browser = new widgets::LessonBrowser(this);
    QDockWidget* lessons = addDock(tr("Lessons"), QStringLiteral("LessonsDock"), m_browser, Qt::LeftDockWidgetArea);
    m_lessonPane = new widgets::LessonPane(m_controller, this);
    QDockWidget* pane = addDock(tr("Lesson"), QStringLiteral("LessonDock"), m_lessonPane, Qt::RightDockWidgetArea);
    m_inspector = new widgets::InspectorPanel(m_controller, this);
    QDockWidget* inspector = addDock(tr("Inspector"), QStringLiteral("InspectorDock"), m_inspector, Qt::LeftDockWidgetArea);
    splitDockWidget(lessons, inspector, Qt::Vertical);
    // Two scenes side by side in a narrow window take the narration's width; it moves to a tab
    // in front of the lesson list and the inspector, until the comparison closes.
    m_compare->foldWhenNarrow(pane, {lessons, inspector});
    m_spaceTime = new widgets::SpaceTimeView(m_controller, this);
    QDockWidget* spaceTime = addDock(tr("Space-time"), QStringLiteral("SpaceTimeDock"), m_spaceTime, Qt::BottomDockWidgetArea);
    m_metrics = new widgets::MetricsPanel(m_controller, this);
    QDockWidget* plots = addDock(tr("Plots"), QStringLiteral("PlotsDock"), m_metrics, Qt::BottomDockWidgetArea);
    splitDockWidget(spaceTime, plots, Qt::Horizontal);
    m_history = new widgets::HistoryStrip(this);
    m_historyDock = addDock(tr("Client history"), QStringLiteral("HistoryDock"), m_history, Qt::BottomDockWidgetArea);
    tabifyDockWidget(spaceTime, m_historyDock);
    spaceTime->raise();
    // Topic panels from the topic UI registry, tabbed beside the plots: shown with their topic only.
    m_topicDocks = new widgets::TopicDocks(*m_topicUis, m_controller, this, plots);
    connect(m_history, &widgets::HistoryStrip::seekRequested, m_controller, &widgets::SimController::seekTime);
    connect(m_history, &widgets::HistoryStrip::explainRequested, this, &MainWindow::refresh);
    resizeDocks({lessons, pane}, {300, 330}, Qt::Horizontal);
    resizeDocks({lessons, inspector}, {300, 200}, Qt::Vertical);
    resizeDocks({spaceTime}, {190}, Qt::Vertical);
}

void MainWindow::refresh() {
    const core::Timeline* timeline = m_controller->timeline();
    if (!timeline || !m_workspaceBuilt) return;
    const core::View view = timeline->model().view(m_controller->displayTime());
    const auto violations = timeline->model().violations();
    // Mark the nodes the latest violation names.
    std::set<std::string> alarm;
    if (!violations.empty()) {
        const auto names = timeline->model().nodeNames();
        for (const core::NodeId n : violations.back().nodes)
            if (n >= 0 && static_cast<std::size_t>(n) < names.size()) alarm.insert(names[static_cast<std::size_t>(n)]);
    }
    m_scene->graph()->setAlarm(std::move(alarm));
    m_scene->setView(view);
    // While comparing, each run's banner is under its own scene (CompareView). Open, not
    // visible: in quiz mode the page is hidden with the comparison still open.
    if (!m_compare->isHidden()) {
        m_banner->hide();
        m_compare->showMainBanner(view, violations);
    } else {
        m_banner->show(view, violations);
    }
    // Heal and Restore a cut link are only offered while there is something to undo.
    const bool partitioned = isPartitioned(view);
    const bool cut = std::any_of(view.links.begin(), view.links.end(), [](const core::LinkView& l) { return l.cut; });
    for (QAction* a : m_actionsMenu->actions()) {
        if (a->data().toString() == QLatin1String("heal")) a->setEnabled(partitioned);
        if (a->data().toString() == QLatin1String("uncut")) a->setEnabled(cut);
    }
    m_viewPanels->setView(view);
    // The history strip comes forward the first time a run has client operations to show.
    const bool hadHistory = m_history->opCount() > 0;
    m_history->setView(view);
    if (m_history->explaining()) m_history->setExplanation(core::explainHistory(timeline->model()));  // asked: may search
    if (!hadHistory && m_history->opCount() > 0) m_historyDock->raise();
}

// The status bar and the scene's emphasis follow the lesson cursor, like the lesson pane; the
// lesson-end offer shows at the end of the last step however the learner got there (played
// through, or chose it in the step list), and only there.
void MainWindow::onCursorChanged() {
    const core::LessonRun* run = m_controller->lessonRun();
    const bool atEnd = run && !run->lesson().steps.empty() && run->cursor().done() && !run->cursor().explored &&
                       run->cursor().step == run->lesson().steps.size();
    if (atEnd) offerLessonEnd(*this, QString::fromStdString(run->lesson().id));
    else hideLessonEnd(*this);
    if (!run) {
        widgets::applyStepEmphasis(*m_scene->graph(), nullptr);
        return;
    }
    const core::ShownStep shown = core::shownStep(*run);
    widgets::applyStepEmphasis(*m_scene->graph(), shown.lessonStep);
    if (!shown.lessonStep) {
        statusBar()->clearMessage();
        return;
    }
    const QString title = QString::fromStdString(shown.lessonStep->title);
    const std::size_t failed = shown.claims.size() - shown.holding();
    QString text;
    if (shown.explored) text = tr("Step %1: %2 (changed by you)").arg(shown.step).arg(title);
    else if (shown.phase == core::StepPhase::Running) text = tr("Step %1: %2").arg(shown.step).arg(title);
    else if (failed == 0) text = tr("Step %1 done; every expectation holds.").arg(shown.step);
    else
        text = tr("Step %1 done; %2.")
                   .arg(shown.step)
                   .arg(widgets::countText(static_cast<qsizetype>(failed), tr("%1 expectation does not hold"),
                                           tr("%1 expectations do not hold")));
    statusBar()->showMessage(text);
}

// Playback reached the end of a step: finishing the last one with every claim holding counts
// the lesson as finished (the offer of the next lesson follows the cursor: onCursorChanged).
void MainWindow::onStepFinished(std::size_t step) {
    const core::LessonRun* run = m_controller->lessonRun();
    const core::StepResult* result = m_controller->lastStepResult();
    if (!run || !result || step != run->lesson().steps.size()) return;
    if (result->passed() && !m_options.ignoreSettings) {
        QSettings settings;
        QStringList finished = settings.value(QStringLiteral("progress/finished")).toStringList();
        if (!finished.contains(m_lessonId)) {
            finished << m_lessonId;
            settings.setValue(QStringLiteral("progress/finished"), finished);
            loadCatalog();
        }
    }
}

bool MainWindow::event(QEvent* event) {
    if (event->type() == QEvent::Show && !m_startupScheduled) {
        // Reading every lesson and filling the docks is the slow part of startup: do it once the
        // first frame (the skeleton) has been painted, so the window appears at once.
        m_startupScheduled = true;
        widgets::afterFirstPaint(this, [this] {
            emit firstPainted();
            completeWorkspace();
            finishStartup();
        });
    }
    return QMainWindow::event(event);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (!offerToSaveSession()) {
        event->ignore();
        return;
    }
    if (!m_options.ignoreSettings) {
        setQuizMode(false);  // so the saved layout has the learning docks, not quiz mode's empty one
        m_compareAction->setChecked(false);  // and not the comparison's
        QSettings settings;
        if (m_quiz && m_quiz->hasPages()) saveQuizSettings(settings);  // else what was saved stands
        settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
        settings.setValue(QStringLiteral("window/state"), saveState());
        settings.setValue(QStringLiteral("playback/speed"), m_controller->speed());
        settings.setValue(QStringLiteral("lessons/last"), m_lessonId);
    }
    QMainWindow::closeEvent(event);
}

}  // namespace sb::app
