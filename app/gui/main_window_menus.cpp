// The main window's menus, the keyboard dialog and the about box.
#include <QActionGroup>
#include <QApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QHeaderView>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QTreeWidget>
#include <QUndoStack>
#include <QVBoxLayout>

#include "gui/main_window.h"
#include "panels/playback_bar.h"
#include "scene/scene_view.h"
#include "sim/scenario.h"
#include "sim_controller.h"
#include "version.h"

namespace sb::app {

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open scenario or session…"), QKeySequence::Open, this, &MainWindow::openScenarioDialog);
    file->addAction(tr("&Save session…"), QKeySequence::Save, this, &MainWindow::saveSessionDialog);
    file->addAction(tr("Open &demo"), this, &MainWindow::openDemo);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = m_controller->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = m_controller->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    edit->addAction(undo);
    edit->addAction(redo);

    buildViewMenu();
    addQuizMenus(file, m_viewMenu);
    file->addAction(quit);  // keeps Quit last, after the progress actions

    QMenu* run = menuBar()->addMenu(tr("&Run"));
    run->addActions(m_playback->runActions());

    m_actionsMenu = menuBar()->addMenu(tr("&Actions"));
    m_actionsMenu->setToolTipsVisible(true);
    connect(m_controller, &widgets::SimController::loaded, this, &MainWindow::rebuildActionsMenu);
    rebuildActionsMenu();

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Keyboard shortcuts"), QKeySequence::HelpContents, this, &MainWindow::showKeyboard);
    help->addAction(tr("&About Splitbrain"), this, &MainWindow::showAbout);
}

void MainWindow::buildViewMenu() {
    m_viewMenu = menuBar()->addMenu(tr("&View"));
    m_viewMenu->addAction(tr("Zoom &in"), QKeySequence::ZoomIn, m_scene, &widgets::SceneView::zoomIn);
    m_viewMenu->addAction(tr("Zoom &out"), QKeySequence::ZoomOut, m_scene, &widgets::SceneView::zoomOut);
    m_viewMenu->addAction(tr("&Fit to view"), QKeySequence(Qt::CTRL | Qt::Key_0), m_scene, &widgets::SceneView::fitToView);
    m_viewMenu->addSeparator();
    QMenu* theme = m_viewMenu->addMenu(tr("&Theme"));
    m_themes = new QActionGroup(this);
    m_themes->setExclusive(true);
    const QList<QPair<QString, QString>> themes = {{QStringLiteral("system"), tr("&System")},
                                                   {QStringLiteral("light"), tr("&Light")},
                                                   {QStringLiteral("dark"), tr("&Dark")}};
    for (const auto& [key, label] : themes) {
        QAction* a = theme->addAction(label);
        a->setCheckable(true);
        a->setData(key);
        m_themes->addAction(a);
        connect(a, &QAction::triggered, this, [this, key = key] { setTheme(key); });
    }
    m_viewMenu->addSeparator();
    for (QDockWidget* dock : findChildren<QDockWidget*>()) m_viewMenu->addAction(dock->toggleViewAction());
}

QList<QPair<QString, QString>> MainWindow::shortcutList() const {
    QList<QPair<QString, QString>> out;
    for (QAction* menuAction : menuBar()->actions()) {
        if (!menuAction->menu()) continue;
        for (QAction* a : menuAction->menu()->actions()) {
            if (a->shortcut().isEmpty()) continue;
            out.append({a->text().remove(QLatin1Char('&')), a->shortcut().toString(QKeySequence::NativeText)});
        }
    }
    out.append({tr("Zoom the scene"), tr("Mouse wheel")});
    out.append({tr("Pan the scene"), tr("Drag empty space")});
    out.append({tr("Partition: move a node to another zone"), tr("Drag the node")});
    out.append({tr("Node actions (crash, restart…)"), tr("Right-click the node")});
    out.append({tr("Inspect, drop or delay a message"), tr("Click / right-click the message")});
    out.append({tr("Quiz: reveal the answer"), tr("Space")});
    out.append({tr("Quiz: grade Again / Hard / Good / Easy"), tr("1 / 2 / 3 / 4")});
    out.append({tr("Quiz: choose an option or answer"), tr("1-9")});
    out.append({tr("Quiz: show the model answer while typing notes"), tr("Ctrl+Enter")});
    out.append({tr("Quiz: open the step that explains a wrong prediction"), tr("L")});
    out.append({tr("Quiz: end the session"), tr("Esc")});
    return out;
}

void MainWindow::showKeyboard() {
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Keyboard shortcuts"));
    auto* layout = new QVBoxLayout(&dialog);
    auto* table = new QTreeWidget(&dialog);
    table->setAccessibleName(tr("Shortcut list"));
    table->setHeaderLabels({tr("Action"), tr("Keys")});
    table->setRootIsDecorated(false);
    for (const auto& [name, keys] : shortcutList()) new QTreeWidgetItem(table, {name, keys});
    table->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    layout->addWidget(table);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, &dialog);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    layout->addWidget(buttons);
    dialog.resize(460, 480);
    dialog.exec();
}

void MainWindow::openScenarioDialog() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open scenario or session"), QString(),
                                                      tr("Scenarios (*.json);;All files (*)"));
    if (!path.isEmpty()) openScenarioFile(path);
}

void MainWindow::saveSessionDialog() {
    const core::Timeline* t = m_controller->timeline();
    if (!t) return;
    const QString path = QFileDialog::getSaveFileName(this, tr("Save session"), QString(), tr("Scenarios (*.json)"));
    if (path.isEmpty()) return;
    const std::string text = core::toJson(t->sim().session(), m_registry).dump(2) + "\n";
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        out.write(text.data(), static_cast<qint64>(text.size())) != static_cast<qint64>(text.size())) {
        QMessageBox::warning(this, tr("Save session"), tr("Could not write %1: %2").arg(path, out.errorString()));
        return;
    }
    statusBar()->showMessage(tr("Session saved to %1").arg(path), 5000);
}

void MainWindow::showAbout() {
    QMessageBox::about(
        this, tr("About Splitbrain"),
        tr("<h3>Splitbrain %1</h3><p>A teaching visualizer for distributed systems: watch the "
           "protocols, break them on purpose, rewind, and rehearse the interview answers.</p>"
           "<p>Licensed under the GNU General Public License, version 3 or later.</p>")
            .arg(QString::fromUtf8(kVersion)));
}

}  // namespace sb::app
