#pragma once

#include <QMainWindow>
#include <limits>
#include <memory>
#include <optional>
#include <vector>

#include "gui/command_line.h"
#include "sim/registry.h"
#include "sim/result.h"
#include "sim/trace_diagram.h"

class QAction;
class QActionGroup;
class QDockWidget;
class QFileSystemWatcher;
class QMenu;
class QSettings;
class QStackedWidget;
class QToolBar;

namespace sb::core {
class LessonCatalog;
}

namespace sb::widgets {
class Banner;
class CompareView;
class HistoryStrip;
class InspectorPanel;
class LessonBrowser;
class LessonPane;
class MetricsPanel;
class PlaybackBar;
class QuizWorkspace;
class SceneView;
class SimController;
class SpaceTimeView;
class TopicDocks;
class TopicPanel;
class TopicUiRegistry;
class ViewPanels;
}  // namespace sb::widgets

namespace sb::app {

// The workspace: the scene in the middle with a banner above it, the playback bar, and docks for
// the lesson browser, the lesson pane, the inspector, the space-time diagram and the plots.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(const core::TopicRegistry& registry, GuiOptions options = {},
                        QWidget* parent = nullptr);
    ~MainWindow() override;

    widgets::SimController& controller() { return *m_controller; }
    widgets::SceneView* sceneView() const { return m_scene; }
    widgets::InspectorPanel* inspector() const { return m_inspector; }
    widgets::LessonPane* lessonPane() const { return m_lessonPane; }
    widgets::LessonBrowser* lessonBrowser() const { return m_browser; }
    widgets::MetricsPanel* metrics() const { return m_metrics; }
    widgets::SpaceTimeView* spaceTime() const { return m_spaceTime; }
    widgets::HistoryStrip* history() const { return m_history; }
    widgets::CompareView* compare() const { return m_compare; }
    widgets::ViewPanels* viewPanels() const { return m_viewPanels; }
    // A panel the topic UI registry docked, by its dock's object name ("SpreadDock").
    widgets::TopicPanel* topicPanel(const QString& objectName) const;
    widgets::QuizWorkspace* quiz() const { return m_quiz; }
    QAction* quizModeAction() const { return m_quizAction; }
    // Quiz mode replaces the learning workspace (scene, docks, playback) with the quiz workspace.
    void setQuizMode(bool on);
    bool quizMode() const;
    // "setup", "stats", or a session in "review", "quiz" or "rehearsal" mode (--quiz).
    void openQuizPage(const QString& page);
    // The lessons are read after the first frame; anything that needs them calls this first.
    const core::LessonCatalog& catalog();
    // The first frame is a skeleton (menus, playback bar); the docks, the quiz's progress and the
    // run are built right after it is painted (the quiz pages on first entering quiz mode). Whatever needs them before that calls this (the
    // public entry points do); startupFinished() says the whole workspace is up.
    void completeWorkspace();
    bool workspaceComplete() const { return m_workspaceBuilt; }

    bool openLesson(const QString& id);
    bool openScenarioFile(const QString& path);
    // Why the last openScenarioFile() failed ("file:/pointer: message").
    QString lastError() const { return m_lastError; }
    // Loads the built-in demo (the ping topic) when nothing else is asked for.
    void openDemo();

    // File > Export and Edit > Copy, without their dialogs (tests and scripts call these).
    core::Status saveSession(const QString& path);
    core::Status exportDiagram(const QString& path);
    core::Status exportSpaceTime(const QString& path);
    core::Status exportPlot(const QString& path);
    core::Status exportHandout(const QString& path);
    // The trace between two simulated times (clipped to the moment shown) as Mermaid or PlantUML;
    // by default the lesson step shown, from its start, with at most `maxItems` arrows and notes.
    core::Status exportTrace(const QString& path, core::DiagramFormat format,
                             std::optional<core::Time> from = {}, std::optional<core::Time> to = {},
                             std::size_t maxItems = core::kDiagramItems);
    // Where an export dialog starts: the folder of the last export and "<lesson>-step<N>.<suffix>".
    QString suggestedExportPath(const QString& suffix) const;
    void copyDiagram();
    // "Lesson — step 2 of 4: title — t = 812 ms", or the scenario's title and the time.
    QString caption() const;
    QStringList recentFiles() const { return m_recent; }
    // Names of the things a keyboard user can do, with their shortcuts (Help > Keyboard).
    QList<QPair<QString, QString>> shortcutList() const;

signals:
    // The first frame (the skeleton: the window, not yet its menus) is on screen; then the menus,
    // the playback bar and the status bar are painted (chromePainted), then the docks fill in.
    void firstPainted();
    void chromePainted();
    // Startup is complete: the catalog is read and the command line's lesson, step and page are open.
    void startupFinished();

protected:
    bool event(QEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

private:
    void buildDocks();
    void buildMenus();
    void buildViewMenu();
    void buildQuiz();
    void addQuizMenus(QMenu* file, QMenu* view);
    void updateMastery();
    void openExplainingStep(const QString& lessonId, int step);
    void exportProgressDialog();
    void saveQuizSettings(QSettings& settings) const;
    void restoreQuizSettings();
    // Tells the learner, once the window is up, that the progress file was damaged or refused.
    void reportProgressProblem();
    void importProgressDialog();
    void connectGestures();
    void loadCatalog();
    void finishStartup();
    void holdForFirstPaint();
    void revealChrome();
    void revealWorkspace();
    void restoreLayoutAndRun();
    void watchLessonFiles();
    void lessonFileChanged(const QString& path);
    void refresh();
    void onCursorChanged();
    void onStepFinished(std::size_t step);
    void nodeMenu(core::NodeId node, QPoint screenPos);
    void messageMenu(core::MsgId id, QPoint screenPos);
    void oneWayMenu(QMenu& menu, const core::View& view, core::NodeId node);
    void moveNode(core::NodeId node, int zone);
    void moveNodes(const std::vector<core::NodeId>& nodes, int zone);
    void runTopicAction(const core::ActionSpec& spec, const std::string& node);
    void keyGesture(const QString& key);
    void rebuildActionsMenu();
    void perform(core::Action action, const QString& description);
    void openScenarioDialog();
    void saveSessionDialog();
    void buildExportMenu(QMenu* file);
    void exportDialog(const QString& title, const QString& filters,
                      core::Status (MainWindow::*write)(const QString&));
    void exportTraceDialog(core::DiagramFormat format);
    void rememberExportFolder(const QString& path);
    // Before quitting with a run the learner changed: save it, discard it, or stay (false).
    bool offerToSaveSession();
    void addRecentFile(const QString& path);
    void rebuildRecentMenu();
    void showKeyboard();
    void showAbout();
    void showLessonFolders();
    void setTheme(const QString& name);
    void restoreSettings();
    QDockWidget* addDock(const QString& title, const QString& objectName, QWidget* content,
                         Qt::DockWidgetArea area);

    const core::TopicRegistry& m_registry;
    GuiOptions m_options;
    std::unique_ptr<core::LessonCatalog> m_catalog;
    widgets::SimController* m_controller = nullptr;
    widgets::SceneView* m_scene = nullptr;
    widgets::Banner* m_banner = nullptr;
    widgets::PlaybackBar* m_playback = nullptr;
    widgets::LessonBrowser* m_browser = nullptr;
    widgets::LessonPane* m_lessonPane = nullptr;
    widgets::InspectorPanel* m_inspector = nullptr;
    widgets::SpaceTimeView* m_spaceTime = nullptr;
    widgets::MetricsPanel* m_metrics = nullptr;
    widgets::HistoryStrip* m_history = nullptr;
    widgets::CompareView* m_compare = nullptr;
    std::unique_ptr<widgets::TopicUiRegistry> m_topicUis;
    widgets::TopicDocks* m_topicDocks = nullptr;
    widgets::ViewPanels* m_viewPanels = nullptr;
    QAction* m_compareAction = nullptr;
    QDockWidget* m_historyDock = nullptr;
    QFileSystemWatcher* m_watcher = nullptr;
    QStackedWidget* m_stack = nullptr;
    QWidget* m_learnPage = nullptr;
    widgets::QuizWorkspace* m_quiz = nullptr;
    QAction* m_quizAction = nullptr;
    QString m_titleBeforeQuiz;
    QList<QWidget*> m_hiddenForQuiz;      // docks and bars quiz mode hid, shown again on leaving
    QList<QPair<QAction*, bool>> m_disabledForQuiz;  // playback actions and their enabled state
    QActionGroup* m_themes = nullptr;
    QMenu* m_viewMenu = nullptr;
    QMenu* m_actionsMenu = nullptr;
    QMenu* m_recentMenu = nullptr;
    QAction* m_captionAction = nullptr;
    QAction* m_retinaAction = nullptr;
    QAction* m_letterAction = nullptr;
    QStringList m_recent;  // most recent first; kept in QSettings unless --no-settings
    QString m_exportFolder;  // where the last export went (QSettings "export/folder")
    QString m_lastError;
    QString m_lessonId;
    bool m_catalogLoaded = false;
    bool m_workspaceBuilt = false;
    QAction* m_quizSeparator = nullptr;  // the View menu's dock toggles go above it
    bool m_startupScheduled = false;
    bool m_chromeShown = false;  // the menus, the tool bars and the status bar
    QToolBar* m_modeBar = nullptr;  // the quiz mode switch
    QString m_pendingLesson;  // opened once the catalog is read
    // Hidden for the first frame (the learning page and the window's chrome), shown right after it.
    std::vector<QWidget*> m_heldForFirstPaint;
};

}  // namespace sb::app
