// The main window's menus, the keyboard dialog and the about box.
#include <algorithm>

#include <QActionGroup>
#include <algorithm>
#include <QApplication>
#include <QDialog>
#include <QHBoxLayout>
#include <QUrl>
#include <QPushButton>
#include <QLabel>
#include <QFileInfo>
#include <QFontMetrics>
#include <QDir>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QFileDialog>
#include <QHeaderView>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QTreeWidget>
#include <QUndoStack>
#include <QVBoxLayout>

#include "gui/help_pages.h"
#include "gui/main_window.h"
#include "gui/workspace_state.h"
#include "lesson/lesson_catalog.h"
#include "panels/compare_view.h"
#include "panels/playback_bar.h"
#include "scene/scene_view.h"
#include "sim_controller.h"
#include "version.h"
#include "plural.h"

namespace sb::app {

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open scenario or session…"), QKeySequence::Open, this, &MainWindow::openScenarioDialog);
    file->addAction(tr("&Save session…"), QKeySequence::Save, this, &MainWindow::saveSessionDialog);
    file->addAction(tr("Open &demo"), this, &MainWindow::openDemo);
    buildExportMenu(file);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = m_controller->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = m_controller->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    edit->addAction(tr("&Copy diagram as image"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), this, &MainWindow::copyDiagram);

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
    help->addAction(tr("&Guide"), this, [this] { showHelpPage(this, HelpPage::Guide); });
    help->addAction(tr("G&lossary"), this, [this] { showHelpPage(this, HelpPage::Glossary); });
    help->addSeparator();
    help->addAction(tr("&Keyboard shortcuts"), QKeySequence::HelpContents, this, &MainWindow::showKeyboard);
    help->addAction(tr("Lesson &folders…"), this, &MainWindow::showLessonFolders);
    help->addAction(tr("&About Splitbrain"), this, &MainWindow::showAbout);
}

void MainWindow::buildViewMenu() {
    m_viewMenu = menuBar()->addMenu(tr("&View"));
    m_viewMenu->addAction(tr("Zoom &in"), QKeySequence::ZoomIn, m_scene, &widgets::SceneView::zoomIn);
    m_viewMenu->addAction(tr("Zoom &out"), QKeySequence::ZoomOut, m_scene, &widgets::SceneView::zoomOut);
    m_viewMenu->addAction(tr("&Fit to view"), QKeySequence(Qt::CTRL | Qt::Key_0), m_scene, &widgets::SceneView::fitToView);
    m_compareAction = m_viewMenu->addAction(tr("&Compare side by side"));
    m_compareAction->setCheckable(true);
    m_compareAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    m_compareAction->setStatusTip(tr("Run the same scenario and actions with one parameter changed, beside this one"));
    connect(m_compareAction, &QAction::toggled, m_compare, &QWidget::setVisible);
    connect(m_compareAction, &QAction::toggled, this, [this] { refresh(); });  // the banner moves
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
    m_viewMenu->addAction(tr("&Reset layout"), this, [this] { resetLayout(*this); });
    m_viewMenu->addSeparator();  // the docks' toggles follow here once they are built (completeWorkspace)
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
    const QFontMetrics metrics(table->font());
    int nameWidth = 0;
    int keysWidth = 0;
    for (const auto& [name, keys] : shortcutList()) {
        new QTreeWidgetItem(table, {name, keys});
        nameWidth = std::max(nameWidth, metrics.horizontalAdvance(name));
        keysWidth = std::max(keysWidth, metrics.horizontalAdvance(keys));
    }
    // Both columns sized to their text and the dialog to both, so no key combination is cut.
    table->header()->setStretchLastSection(false);
    table->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    table->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    layout->addWidget(table);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, &dialog);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    layout->addWidget(buttons);
    // As tall as its rows, so the list does not scroll (it did at 520 px: the quiz keys were
    // below the fold), within nine tenths of the window it belongs to.
    const int rowsHeight = table->header()->sizeHint().height() + 2 * table->frameWidth() +
                           table->topLevelItemCount() * table->sizeHintForRow(0) + 4;
    const int chrome = buttons->sizeHint().height() + layout->spacing() + layout->contentsMargins().top() +
                       layout->contentsMargins().bottom();
    dialog.resize(std::max(460, nameWidth + keysWidth + 120), std::min(rowsHeight + chrome, std::max(320, height() * 9 / 10)));
    dialog.exec();
}

void MainWindow::openScenarioDialog() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open scenario or session"), QString(),
                                                      tr("Scenarios (*.json);;All files (*)"));
    if (!path.isEmpty() && !openScenarioFile(path))
        QMessageBox::warning(this, tr("Open scenario or session"), m_lastError);
}

void MainWindow::showLessonFolders() {
    // Where lessons come from, and what is wrong with the files that did not load: the first
    // thing a lesson author needs when a new file does not show up in the browser.
    const core::LessonCatalog& lessons = catalog();
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Lesson folders"));
    auto* layout = new QVBoxLayout(&dialog);
    auto folderRow = [&](const QString& caption, const QString& path) {
        auto* row = new QHBoxLayout;
        auto* label = new QLabel(QStringLiteral("<b>%1</b><br>%2").arg(caption, path.toHtmlEscaped()), &dialog);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        row->addWidget(label, 1);
        auto* open = new QPushButton(tr("Open"), &dialog);
        open->setAccessibleName(tr("Open %1").arg(caption));
        open->setAutoDefault(false);  // Enter closes the dialog; it does not open a file manager
        connect(open, &QPushButton::clicked, &dialog, [path] {
            QDir().mkpath(path);
            QDesktopServices::openUrl(QUrl::fromLocalFile(path));
        });
        row->addWidget(open);
        layout->addLayout(row);
    };
    folderRow(tr("Shipped lessons"), QString::fromStdString(lessons.shippedDir()));
    folderRow(tr("Your lessons (read beside the shipped ones, reloaded when they change)"),
              QString::fromStdString(lessons.userDir()));
    auto* problems = new QTreeWidget(&dialog);
    problems->setAccessibleName(tr("Lesson files with errors"));
    problems->setHeaderLabels({tr("File"), tr("Problem")});
    problems->setRootIsDecorated(false);
    problems->setWordWrap(true);
    for (const core::CatalogEntry& entry : lessons.entries())
        for (const core::Error& error : entry.errors) {
            // The file column names the file; the problem column says where in it and what,
            // whole (wrapped), without the path again.
            std::string where = error.where;
            if (where.rfind(entry.path, 0) == 0) where = where.substr(std::min(where.size(), entry.path.size() + 1));
            const QString problem = QString::fromStdString(where.empty() ? error.message : where + ": " + error.message);
            auto* item = new QTreeWidgetItem(problems, {QFileInfo(QString::fromStdString(entry.path)).fileName(), problem});
            item->setToolTip(0, QString::fromStdString(entry.path));
            item->setToolTip(1, problem);
        }
    problems->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    problems->header()->setStretchLastSection(true);
    layout->addWidget(new QLabel(problems->topLevelItemCount() == 0
                                     ? tr("Every lesson file loaded.")
                                     : widgets::countText(problems->topLevelItemCount(), tr("%1 file problem; this lesson is left out:"),
                                                         tr("%1 file problems; these lessons are left out:")),
                                 &dialog));
    layout->addWidget(problems, 1);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, &dialog);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    layout->addWidget(buttons);
    // With nothing wrong there is no list to show: an empty File/Problem table read as a
    // problem list that failed to fill.
    const bool clean = problems->topLevelItemCount() == 0;
    problems->setVisible(!clean);
    dialog.resize(720, clean ? dialog.sizeHint().height() : 360);
    dialog.exec();
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
