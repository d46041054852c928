// The main window's lesson and file handling: the catalog, hot reload, opening runs, settings.
#include <QActionGroup>
#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QSettings>
#include <QStatusBar>
#include <cstdio>

#include "gui/lesson_folders.h"
#include "gui/main_window.h"
#include "gui/workspace_state.h"
#include "panels/compare_view.h"
#include "learn/lesson_browser.h"
#include "learn/lesson_pane.h"
#include "lesson/lesson_catalog.h"
#include "panels/inspector_panel.h"
#include "panels/metrics_panel.h"
#include "quiz/quiz_workspace.h"
#include "sim/scenario.h"
#include "sim_controller.h"
#include "theme.h"

namespace sb::app {

const core::LessonCatalog& MainWindow::catalog() {
    completeWorkspace();  // the catalog fills the lesson browser, the lesson pane and the quiz
    if (!m_catalogLoaded) loadCatalog();
    return *m_catalog;
}

void MainWindow::loadCatalog() {
    if (!m_catalogLoaded) {
        m_catalog->load(shippedLessonsDir().toStdString(), userLessonsDir().toStdString());
        m_catalogLoaded = true;
    }
    QSet<QString> finished;
    if (!m_options.ignoreSettings)
        for (const QString& id : QSettings().value(QStringLiteral("progress/finished")).toStringList()) finished.insert(id);
    QHash<QString, QString> topics;
    for (const std::string& id : m_registry.ids())
        if (const core::TopicInfo* info = m_registry.find(id)) topics.insert(QString::fromStdString(id), QString::fromStdString(info->title));
    m_browser->setTopicTitles(topics);
    m_browser->setCatalog(*m_catalog, finished);
    const auto lessons = m_catalog->lessons();
    if (!lessons.empty())
        m_lessonPane->setWelcome(QString::fromStdString(lessons.front()->id), QString::fromStdString(lessons.front()->title));
    m_quiz->setCatalog(*m_catalog);
    m_browser->setCurrent(m_lessonId);
    watchLessonFiles();
}

namespace {

QStringList lessonRoots() {
    return {QDir::cleanPath(shippedLessonsDir()), QDir::cleanPath(userLessonsDir())};
}

// The nearest folder at or above `path` that exists: a lessons folder made after launch appears
// as a change there.
QString existingFolder(QString path) {
    while (!QFileInfo(path).isDir()) {
        const QString up = QFileInfo(path).absolutePath();
        if (up == path) return {};
        path = up;
    }
    return path;
}

}  // namespace

void MainWindow::watchLessonFiles() {
    if (!m_watcher) {
        m_watcher = new QFileSystemWatcher(this);
        connect(m_watcher, &QFileSystemWatcher::fileChanged, this, &MainWindow::lessonFileChanged);
        connect(m_watcher, &QFileSystemWatcher::directoryChanged, this, [this](const QString& dir) {
            // A new file in a watched folder, or a lessons folder made above which one was
            // waited for: the catalog adds each new file (only inside the lesson roots: the
            // folder above the user's lessons also holds the quiz progress file). Watch first,
            // then look: a file made in between is then either seen here or reported later.
            watchLessonFiles();
            for (const QString& root : lessonRoots()) {
                const bool inside = dir == root || dir.startsWith(root + QLatin1Char('/'));
                if (!inside && !root.startsWith(dir + QLatin1Char('/'))) continue;
                for (const auto& file : core::lessonFilesIn((inside ? dir : root).toStdString()))
                    if (!m_catalog->entry(file)) lessonFileChanged(QString::fromStdString(file));
            }
        });
    }
    QStringList paths;
    // Folders can appear while they are being watched: go again until what exists stays put.
    for (int pass = 0; pass < 8; ++pass) {
        paths.clear();
        for (const auto& file : m_catalog->files()) paths << QString::fromStdString(file);
        QStringList waits;
        for (const QString& root : lessonRoots()) {
            if (!QDir(root).exists()) {
                // Not there yet: wait for it in the nearest folder that is.
                waits << existingFolder(root);
                if (!waits.back().isEmpty()) paths << waits.back();
                continue;
            }
            paths << root;
            for (const QFileInfo& sub : QDir(root).entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot)) paths << sub.absoluteFilePath();
        }
        QStringList missing;
        const QStringList watched = m_watcher->files() + m_watcher->directories();
        for (const QString& p : paths)
            if (!watched.contains(p)) missing << p;
        if (!missing.isEmpty()) m_watcher->addPaths(missing);
        QStringList now;
        for (const QString& root : lessonRoots())
            if (!QDir(root).exists()) now << existingFolder(root);
        if (now == waits) break;
    }
    // A folder watched only while a lessons folder below it was missing is not needed now.
    QStringList unneeded;
    for (const QString& dir : m_watcher->directories())
        if (!paths.contains(dir)) unneeded << dir;
    if (!unneeded.isEmpty()) m_watcher->removePaths(unneeded);
}

void MainWindow::lessonFileChanged(const QString& path) {
    if (!QFileInfo::exists(path)) {
        m_catalog->remove(path.toStdString());
    } else if (core::Status s = m_catalog->reload(path.toStdString()); !s) {
        // The last good version stays in the catalog; say what is wrong with the edit.
        statusBar()->showMessage(tr("Lesson not reloaded: %1").arg(QString::fromStdString(s.error().text())), 15000);
    } else if (const core::CatalogEntry* entry = m_catalog->entry(path.toStdString());
               entry && entry->lesson && QString::fromStdString(entry->lesson->id) == m_lessonId) {
        const std::size_t step = m_controller->currentStep();
        openLesson(m_lessonId);
        if (step > 0) m_controller->goToStepEnd(step);
        statusBar()->showMessage(tr("Lesson reloaded from %1").arg(path), 5000);
    }
    loadCatalog();
}

bool MainWindow::openLesson(const QString& id) {
    const core::Lesson* lesson = catalog().find(id.toStdString());
    if (!lesson) {
        statusBar()->showMessage(tr("No lesson with id '%1'").arg(id), 8000);
        return false;
    }
    if (core::Status s = m_controller->loadLesson(*lesson); !s) {
        statusBar()->showMessage(QString::fromStdString(s.error().text()), 8000);
        return false;
    }
    m_lessonId = id;
    m_browser->setCurrent(id);
    setWindowTitle(tr("%1 — Splitbrain").arg(QString::fromStdString(lesson->title)));
    if (!m_options.ignoreSettings) QSettings().setValue(QStringLiteral("lessons/last"), id);
    return true;
}

bool MainWindow::openScenarioFile(const QString& path) {
    completeWorkspace();
    auto scenario = core::loadScenarioFile(path.toStdString(), m_registry);
    // A session saved from a lesson reopens in that lesson, its cursor on the steps it ran.
    if (scenario && !scenario->lesson.empty() && catalog().find(scenario->lesson) &&
        openLesson(QString::fromStdString(scenario->lesson))) {
        if (core::Status s = m_controller->adoptSession(scenario.value()); s) {
            addRecentFile(path);
            return true;
        }
    }
    core::Status loaded = scenario ? m_controller->load(scenario.value()) : core::Status(scenario.error());
    if (!loaded) {
        m_lastError = QString::fromStdString(loaded.error().text());
        statusBar()->showMessage(m_lastError, 10000);
        return false;
    }
    // A saved session reopens at the moment it was saved; the whole run stays scrubbable.
    if (scenario->position > 0) m_controller->seek(scenario->position);
    m_lessonId.clear();
    addRecentFile(path);
    const QString title = scenario->title.empty() ? QFileInfo(path).fileName() : QString::fromStdString(scenario->title);
    setWindowTitle(tr("%1 — Splitbrain").arg(title));
    return true;
}

void MainWindow::openDemo() {
    completeWorkspace();
    core::Scenario demo;
    demo.topic = "ping";
    demo.title = "Heartbeats";
    demo.seed = 1;
    if (core::Status s = m_controller->load(demo); !s)
        statusBar()->showMessage(QString::fromStdString(s.error().text()), 8000);
    m_lessonId.clear();
}

void MainWindow::setTheme(const QString& name) {
    widgets::applyTheme(*qApp, widgets::themeFromString(name));
    const QString key = widgets::themeToString(widgets::themeFromString(name));
    for (QAction* a : m_themes->actions()) a->setChecked(a->data().toString() == key);
    if (!m_options.ignoreSettings) QSettings().setValue(QStringLiteral("view/theme"), key);
    if (m_metrics) m_metrics->replotNow();
    refresh();
}

// Before the first frame: the window's geometry, the theme and the speed. The dock layout and the
// run wait for the docks (restoreLayoutAndRun).
void MainWindow::restoreSettings() {
    QString theme = m_options.theme;
    QString last;
    if (!m_options.ignoreSettings) {
        QSettings settings;
        restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
        m_controller->setSpeed(settings.value(QStringLiteral("playback/speed"), 1.0).toDouble());
        if (theme.isEmpty()) theme = settings.value(QStringLiteral("view/theme"), QStringLiteral("system")).toString();
        last = settings.value(QStringLiteral("lessons/last")).toString();
    }
    setTheme(theme.isEmpty() ? QStringLiteral("system") : theme);
    m_pendingLesson = m_options.scenarioPath.isEmpty() ? (m_options.lessonId.isEmpty() ? last : m_options.lessonId) : QString();
}

void MainWindow::restoreLayoutAndRun() {
    rememberDefaultLayout(*this);
    // Remembered so the first launch (nothing restored) gets docks sized from their content.
    setProperty("sbLayoutRestored", !m_options.ignoreSettings &&
                                        restoreState(QSettings().value(QStringLiteral("window/state")).toByteArray()));
    if (m_options.scenarioPath.isEmpty() || !openScenarioFile(m_options.scenarioPath)) openDemo();
}

void MainWindow::finishStartup() {
    loadCatalog();
    if (!property("sbLayoutRestored").toBool()) fitDocks(*this);
    reportProgressProblem();
    if (!m_pendingLesson.isEmpty()) openLesson(m_pendingLesson);
    m_pendingLesson.clear();
    if (m_options.steps > 0) m_controller->goToStepEnd(static_cast<std::size_t>(m_options.steps));
    if (m_options.atUs) {
        // As an export does: a lesson runs its own path through every step, then goes back to T,
        // so a screenshot can catch the middle of a step (a key on its way, a message in flight).
        if (const core::LessonRun* run = m_controller->lessonRun()) m_controller->goToStepEnd(run->lesson().steps.size());
        m_controller->seekTime(*m_options.atUs);
    }
    if (m_options.events > 0)
        m_controller->seek(m_controller->timeline()->position() + static_cast<std::size_t>(m_options.events));
    if (!m_options.inspect.isEmpty() && m_controller->timeline()) {
        const auto names = m_controller->timeline()->model().nodeNames();
        for (std::size_t i = 0; i < names.size(); ++i)
            if (QString::fromStdString(names[i]) == m_options.inspect) m_inspector->inspectNode(static_cast<core::NodeId>(i));
    }
    if (!m_options.compare.isEmpty()) {
        m_compareAction->setChecked(true);
        const QString wanted = m_options.compare.split(QLatin1Char('=')).join(QStringLiteral(" = ")).simplified();
        if (!m_compare->chooseAlternative(wanted)) {
            // A wrong flag is an error, as every other one is: say so where it was typed.
            const QString offers = m_compare->alternatives().join(QStringLiteral(", "));
            std::fprintf(stderr, "%s\n",
                         qPrintable(tr("splitbrain: --compare %1: this run has no such change to compare; it offers: %2")
                                        .arg(m_options.compare, offers.isEmpty() ? tr("nothing") : offers)));
            QCoreApplication::exit(2);
            return;
        }
    }
    if (!m_options.quizPage.isEmpty()) openQuizPage(m_options.quizPage);
    emit startupFinished();
}

}  // namespace sb::app
