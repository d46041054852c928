#include "gui/main_window.h"

#include <QApplication>
#include <QDockWidget>
#include <QKeySequence>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QTextBrowser>
#include <QToolBar>
#include <QTreeWidget>
#include <qcustomplot.h>

#include "scene/scene_view.h"
#include "sim_controller.h"
#include "version.h"

namespace sb::app {

MainWindow::MainWindow(const core::TopicRegistry& registry, QWidget* parent)
    : QMainWindow(parent) {
    setWindowTitle(tr("Splitbrain"));
    setObjectName(QStringLiteral("MainWindow"));
    m_controller = new widgets::SimController(registry, this);
    m_scene = new widgets::SceneView(this);
    setCentralWidget(m_scene);

    auto* lessons = new QTreeWidget(this);
    lessons->setHeaderLabels({tr("Lesson"), tr("Level")});
    lessons->setAccessibleName(tr("Lessons"));
    addDock(tr("Lessons"), QStringLiteral("LessonsDock"), lessons, Qt::LeftDockWidgetArea);

    auto* pane = new QTextBrowser(this);
    pane->setAccessibleName(tr("Lesson"));
    pane->setMarkdown(tr("## Heartbeats\n\nEvery node tells the others it is alive. "
                         "Press **Space** to play and watch who suspects whom."));
    addDock(tr("Lesson"), QStringLiteral("LessonDock"), pane, Qt::RightDockWidgetArea);

    auto* plot = new QCustomPlot(this);
    plot->setAccessibleName(tr("Metrics plot"));
    plot->setMinimumHeight(140);
    addDock(tr("Plots"), QStringLiteral("PlotsDock"), plot, Qt::BottomDockWidgetArea);

    buildMenus();
    connect(m_controller, &widgets::SimController::changed, this, &MainWindow::refresh);

    core::Scenario demo;
    demo.topic = "ping";
    demo.seed = 1;
    if (core::Status s = m_controller->load(demo); !s)
        QMessageBox::warning(this, tr("Splitbrain"), QString::fromStdString(s.error().text()));
    resize(1280, 800);
}

QDockWidget* MainWindow::addDock(const QString& title, const QString& objectName, QWidget* content,
                                 Qt::DockWidgetArea area) {
    auto* dock = new QDockWidget(title, this);
    dock->setObjectName(objectName);
    dock->setWidget(content);
    addDockWidget(area, dock);
    return dock;
}

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::quit);

    QMenu* run = menuBar()->addMenu(tr("&Run"));
    QAction* play = run->addAction(tr("&Play / Pause"));
    play->setShortcut(Qt::Key_Space);
    connect(play, &QAction::triggered, this, [this] {
        m_controller->playing() ? m_controller->pause() : m_controller->play();
    });
    QAction* forward = run->addAction(tr("Step &forward"));
    forward->setShortcut(Qt::Key_Right);
    connect(forward, &QAction::triggered, m_controller, &widgets::SimController::stepForward);
    QAction* back = run->addAction(tr("Step &back"));
    back->setShortcut(Qt::Key_Left);
    connect(back, &QAction::triggered, m_controller, &widgets::SimController::stepBack);

    QToolBar* bar = addToolBar(tr("Playback"));
    bar->setObjectName(QStringLiteral("PlaybackBar"));
    bar->addAction(back);
    bar->addAction(play);
    bar->addAction(forward);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Splitbrain"), this, &MainWindow::showAbout);
}

void MainWindow::showAbout() {
    QMessageBox::about(
        this, tr("About Splitbrain"),
        tr("<h3>Splitbrain %1</h3><p>A teaching visualizer for distributed systems: watch the "
           "protocols, break them on purpose, rewind, and rehearse the interview answers.</p>"
           "<p>Licensed under the GNU General Public License, version 3 or later.</p>")
            .arg(QString::fromUtf8(kVersion)));
}

void MainWindow::refresh() {
    const core::Timeline* timeline = m_controller->timeline();
    if (!timeline) return;
    m_scene->setView(timeline->model().view(m_controller->displayTime()));
}

}  // namespace sb::app
