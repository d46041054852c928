// The main window's File > Export menu, Edit > Copy diagram, sessions and recent files.
#include <qcustomplot.h>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QImage>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QRegularExpression>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QUndoStack>
#include <cmath>

#include "export/handout.h"
#include "export/image_export.h"
#include "export/scene_export.h"
#include "gui/main_window.h"
#include "lesson/lesson_catalog.h"
#include "panels/metrics_panel.h"
#include "panels/space_time_view.h"
#include "scene/scene_view.h"
#include "sim_controller.h"

namespace sb::app {

namespace {

constexpr int kMaxRecent = 8;
const QString kRecentKey = QStringLiteral("files/recent");

// Docks are often small or hidden; an exported panel gets at least a slide-sized canvas.
QSize exportSize(const QWidget* panel) {
    return panel->size().expandedTo(QSize(900, 420));
}

// Which stretch of the trace to export, in simulated milliseconds, and how many items at most.
// It opens on the lesson step shown (from its start), the way the export covers it by default.
struct TraceChoice {
    double fromMs = 0;
    double toMs = 0;
    int maxItems = static_cast<int>(core::kDiagramItems);
};
bool askTraceRange(QWidget* parent, const QString& title, double nowMs, TraceChoice& choice) {
    QDialog dialog(parent);
    dialog.setWindowTitle(title);
    auto* form = new QFormLayout(&dialog);
    auto* from = new QDoubleSpinBox(&dialog);
    auto* to = new QDoubleSpinBox(&dialog);
    for (QDoubleSpinBox* box : {from, to}) {
        box->setRange(0, nowMs);
        box->setDecimals(3);
        box->setSuffix(QObject::tr(" ms"));
    }
    from->setValue(choice.fromMs);
    to->setValue(nowMs);
    auto* items = new QSpinBox(&dialog);
    items->setRange(1, 100000);
    items->setValue(choice.maxItems);
    from->setAccessibleName(QObject::tr("From simulated time"));
    to->setAccessibleName(QObject::tr("To simulated time"));
    items->setAccessibleName(QObject::tr("Most arrows and notes"));
    form->addRow(QObject::tr("&From:"), from);
    form->addRow(QObject::tr("&To:"), to);
    form->addRow(QObject::tr("At &most:"), items);
    form->addRow(new QLabel(QObject::tr("arrows and notes; repeated messages are folded into one note."), &dialog));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    form->addRow(buttons);
    if (dialog.exec() != QDialog::Accepted) return false;
    choice.fromMs = std::min(from->value(), to->value());
    choice.toMs = std::max(from->value(), to->value());
    choice.maxItems = items->value();
    return true;
}

// The first extension a file dialog's filter offers: "svg" from "SVG picture (*.svg);;…".
QString firstSuffix(const QString& filters) {
    static const QRegularExpression suffix(QStringLiteral("\\*\\.(\\w+)"));
    return suffix.match(filters).captured(1);
}

core::Status writeText(const QString& path, const std::string& text) {
    return widgets::writeFileAtomically(path, QByteArray::fromStdString(text));
}

}  // namespace

void MainWindow::buildExportMenu(QMenu* file) {
    m_recentMenu = file->addMenu(tr("Open &recent"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::rebuildRecentMenu);
    if (!m_options.ignoreSettings) m_recent = QSettings().value(kRecentKey).toStringList();
    file->addSeparator();
    const QString pictures = tr("SVG picture (*.svg);;PNG image (*.png);;PDF document (*.pdf)");
    file->addAction(tr("&Export diagram…"), QKeySequence(Qt::CTRL | Qt::Key_E), this,
                    [this, pictures] {
                        exportDialog(tr("Export diagram"), pictures, &MainWindow::exportDiagram);
                    });
    file->addAction(tr("Export space-&time…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E), this,
                    [this, pictures] {
                        exportDialog(tr("Export space-time diagram"), pictures,
                                     &MainWindow::exportSpaceTime);
                    });
    file->addAction(tr("Export &plot…"), this, [this, pictures] {
        exportDialog(tr("Export plot"), pictures, &MainWindow::exportPlot);
    });
    file->addAction(tr("Export &handout…"), QKeySequence(Qt::CTRL | Qt::Key_P), this, [this] {
        exportDialog(tr("Export lesson handout"), tr("PDF document (*.pdf)"),
                     &MainWindow::exportHandout);
    });
    file->addAction(tr("Export trace as &Mermaid…"), this,
                    [this] { exportTraceDialog(core::DiagramFormat::Mermaid); });
    file->addAction(tr("Export trace as Plant&UML…"), this,
                    [this] { exportTraceDialog(core::DiagramFormat::PlantUml); });
    m_captionAction = file->addAction(tr("Add a &caption to exports"));
    m_captionAction->setCheckable(true);
    m_retinaAction = file->addAction(tr("PNG exports at &2x"));
    m_retinaAction->setCheckable(true);
    m_letterAction = file->addAction(tr("Handouts on US &Letter paper (A4 otherwise)"));
    m_letterAction->setCheckable(true);
    const bool usPaper = QLocale().measurementSystem() == QLocale::ImperialUSSystem;
    if (!m_options.ignoreSettings) {
        QSettings settings;
        m_captionAction->setChecked(
            settings.value(QStringLiteral("export/caption"), true).toBool());
        m_retinaAction->setChecked(settings.value(QStringLiteral("export/png2x"), false).toBool());
        m_letterAction->setChecked(
            settings.value(QStringLiteral("export/letter"), usPaper).toBool());
    } else {
        m_captionAction->setChecked(true);
        m_letterAction->setChecked(usPaper);
    }
    for (auto [action, key] :
         {std::pair{m_captionAction, "export/caption"}, std::pair{m_retinaAction, "export/png2x"},
          std::pair{m_letterAction, "export/letter"}})
        connect(action, &QAction::toggled, this, [this, key = QString::fromLatin1(key)](bool on) {
            if (!m_options.ignoreSettings) QSettings().setValue(key, on);
        });
}

QString MainWindow::suggestedExportPath(const QString& suffix) const {
    QString folder = m_exportFolder;
    if (folder.isEmpty() && !m_options.ignoreSettings)
        folder = QSettings().value(QStringLiteral("export/folder")).toString();
    if (folder.isEmpty() || !QFileInfo(folder).isDir())
        folder = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
    if (folder.isEmpty() || !QFileInfo(folder).isDir()) folder = QDir::homePath();
    QString name = QStringLiteral("splitbrain");
    if (const core::LessonRun* run = m_controller->lessonRun()) {
        name = QString::fromStdString(run->lesson().id);
        name += QStringLiteral("-step%1").arg(m_controller->currentStep());
    } else if (const core::Timeline* t = m_controller->timeline()) {
        name += QLatin1Char('-') + QString::fromStdString(t->sim().scenario().topic);
    }
    return QDir(folder).filePath(name + QLatin1Char('.') + suffix);
}

void MainWindow::exportDialog(const QString& title, const QString& filters,
                              core::Status (MainWindow::*write)(const QString&)) {
    QString start = suggestedExportPath(firstSuffix(filters));
    if (write == &MainWindow::exportHandout && m_controller->lessonRun())
        start = QFileInfo(start).dir().filePath(QString::fromStdString(m_controller->lessonRun()->lesson().id) +
                                                QStringLiteral("-handout.pdf"));
    const QString path = QFileDialog::getSaveFileName(this, title, start, filters);
    if (path.isEmpty()) return;
    if (core::Status s = (this->*write)(path); !s) {
        QMessageBox::warning(this, title, QString::fromStdString(s.error().text()));
        return;
    }
    rememberExportFolder(path);
    statusBar()->showMessage(tr("Saved %1").arg(path), 5000);
}

void MainWindow::rememberExportFolder(const QString& path) {
    m_exportFolder = QFileInfo(path).absolutePath();
    if (!m_options.ignoreSettings) QSettings().setValue(QStringLiteral("export/folder"), m_exportFolder);
}

void MainWindow::exportTraceDialog(core::DiagramFormat format) {
    const bool mermaid = format == core::DiagramFormat::Mermaid;
    const QString title = mermaid ? tr("Export trace as Mermaid") : tr("Export trace as PlantUML");
    const QString path = QFileDialog::getSaveFileName(
        this, title, suggestedExportPath(mermaid ? QStringLiteral("mmd") : QStringLiteral("puml")),
        mermaid ? tr("Mermaid diagram (*.mmd *.md)") : tr("PlantUML diagram (*.puml *.plantuml *.pu)"));
    const core::Timeline* timeline = m_controller->timeline();
    if (path.isEmpty() || !timeline) return;
    TraceChoice choice;
    // The step shown starts where the event before its first one happened.
    const std::size_t start = widgets::stepStartPosition(*m_controller);
    if (start > timeline->firstKept()) choice.fromMs = static_cast<double>(timeline->trace()[start - 1 - timeline->firstKept()].time) / 1000.0;
    const double stepFromMs = choice.fromMs;
    const double nowMs = static_cast<double>(m_controller->displayTime()) / 1000.0;
    if (!askTraceRange(this, title, nowMs, choice)) return;
    const auto us = [](double ms) { return static_cast<core::Time>(std::llround(ms * 1000.0)); };
    // Left at the step's start: export the step itself (by position, so nothing of the step
    // before that happened at the same instant slips in).
    const std::optional<core::Time> from = choice.fromMs == stepFromMs ? std::nullopt : std::optional(us(choice.fromMs));
    if (core::Status s = exportTrace(path, format, from, us(choice.toMs), static_cast<std::size_t>(choice.maxItems)); !s) {
        QMessageBox::warning(this, title, QString::fromStdString(s.error().text()));
        return;
    }
    rememberExportFolder(path);
    statusBar()->showMessage(tr("Saved %1").arg(path), 5000);
}

QString MainWindow::caption() const {
    return widgets::captionFor(*m_controller);
}

core::Status MainWindow::exportDiagram(const QString& path) {
    widgets::ExportOptions options;
    options.scale = m_retinaAction->isChecked() ? 2 : 1;
    if (m_captionAction->isChecked()) options.caption = caption();
    return widgets::exportPicture(widgets::scenePicture(*m_scene), path, options);
}

core::Status MainWindow::exportSpaceTime(const QString& path) {
    completeWorkspace();
    widgets::ExportOptions options;
    options.scale = m_retinaAction->isChecked() ? 2 : 1;
    if (m_captionAction->isChecked()) options.caption = caption();
    return widgets::exportPicture(widgets::spaceTimePicture(*m_spaceTime, exportSize(m_spaceTime)),
                                  path, options);
}

core::Status MainWindow::exportPlot(const QString& path) {
    completeWorkspace();
    m_metrics->replotNow();
    return widgets::exportPlot(*m_metrics->plot(), path, m_retinaAction->isChecked() ? 2 : 1,
                               exportSize(m_metrics->plot()));
}

core::Status MainWindow::exportHandout(const QString& path) {
    const core::LessonRun* run = m_controller->lessonRun();
    if (!run)
        return core::makeError(
            tr("open a lesson first: a handout is made from a lesson").toStdString());
    widgets::HandoutOptions options;
    options.pageSize = m_letterAction->isChecked() ? QPageSize::Letter : QPageSize::A4;
    return widgets::writeHandout(run->lesson(), m_registry, path, options);
}

core::Status MainWindow::exportTrace(const QString& path, core::DiagramFormat format,
                                     std::optional<core::Time> from, std::optional<core::Time> to,
                                     std::size_t maxItems) {
    if (!m_controller->timeline()) return core::makeError(tr("nothing is loaded").toStdString());
    widgets::TraceRange range{from, to, maxItems};
    return widgets::writeFileAtomically(path, widgets::traceFileText(path, widgets::traceDiagramFor(*m_controller, format, range)));
}

void MainWindow::copyDiagram() {
    widgets::ExportOptions options;
    options.scale = 2;
    QImage image = widgets::renderImage(widgets::scenePicture(*m_scene), options);
    QApplication::clipboard()->setImage(image);
    statusBar()->showMessage(tr("Diagram copied to the clipboard"), 4000);
}

core::Status MainWindow::saveSession(const QString& path) {
    const core::Timeline* t = m_controller->timeline();
    if (!t) return core::makeError(tr("nothing is loaded").toStdString());
    core::Scenario session = t->sim().session();
    session.position = t->position();
    if (const core::LessonRun* run = m_controller->lessonRun(); run && session.title.empty())
        session.title = run->lesson().title;
    if (core::Status s = writeText(path, core::toJson(session, m_registry).dump(2) + "\n"); !s)
        return s;
    addRecentFile(path);
    return {};
}

void MainWindow::saveSessionDialog() {
    if (!m_controller->timeline()) return;
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Save session"), suggestedExportPath(QStringLiteral("json")), tr("Sessions (*.json)"));
    if (path.isEmpty()) return;
    if (core::Status s = saveSession(path); !s) {
        QMessageBox::warning(this, tr("Save session"), QString::fromStdString(s.error().text()));
        return;
    }
    m_controller->undoStack()->setClean();
    statusBar()->showMessage(tr("Session saved to %1").arg(path), 5000);
}

bool MainWindow::offerToSaveSession() {
    const QUndoStack* undo = m_controller->undoStack();
    if (undo->isClean() || !m_controller->timeline()) return true;
    const auto answer = QMessageBox::question(
        this, tr("Save your changes?"),
        tr("You changed this run (a crash, a partition, a request or another action of yours). Save it as "
           "a session, so you can replay it exactly later?"),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Discard) return true;
    if (answer != QMessageBox::Save) return false;
    saveSessionDialog();
    return undo->isClean();  // saved; a cancelled or failed save keeps the window open
}

void MainWindow::addRecentFile(const QString& path) {
    const QString full = QFileInfo(path).absoluteFilePath();
    m_recent.removeAll(full);
    m_recent.prepend(full);
    while (m_recent.size() > kMaxRecent) m_recent.removeLast();
    if (!m_options.ignoreSettings) QSettings().setValue(kRecentKey, m_recent);
}

void MainWindow::rebuildRecentMenu() {
    m_recentMenu->clear();
    for (int i = 0; i < m_recent.size(); ++i) {
        const QString path = m_recent[i];
        QAction* a =
            m_recentMenu->addAction(tr("&%1 %2").arg(i + 1).arg(QFileInfo(path).fileName()));
        a->setToolTip(path);
        connect(a, &QAction::triggered, this, [this, path] {
            if (!openScenarioFile(path))
                QMessageBox::warning(this, tr("Open recent file"), m_lastError);
        });
    }
    if (m_recent.isEmpty()) m_recentMenu->addAction(tr("No recent files"))->setEnabled(false);
    m_recentMenu->addSeparator();
    m_recentMenu->addAction(tr("&Clear the list"), this, [this] {
        m_recent.clear();
        if (!m_options.ignoreSettings) QSettings().remove(kRecentKey);
    });
}

}  // namespace sb::app
