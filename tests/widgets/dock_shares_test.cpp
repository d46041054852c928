// The bottom dock row as the app lays it out by itself (no test-side fitDocks): at 1280x800 and
// 1920x1080, right after the first paint, after View > Reset layout and after quiz mode on and
// off, the plots dock and the space-time / client history dock share the row so both can be read.
#include <QAction>
#include <QDockWidget>
#include <QMenu>
#include <QMenuBar>
#include <QStandardPaths>
#include <QTest>
#include <qcustomplot.h>

#include <QSignalSpy>

#include "gui/main_window.h"
#include "gui/workspace_state.h"
#include "lesson/lesson_catalog.h"
#include "panels/metrics_panel.h"
#include "sim_controller.h"
#include "test_support.h"

using namespace sb;

namespace {

std::unique_ptr<app::MainWindow> openAt(core::TopicRegistry& registry, QSize size) {
    app::GuiOptions options;
    options.ignoreSettings = true;
    options.theme = QStringLiteral("light");
    options.windowSize = size;
    auto window = std::make_unique<app::MainWindow>(registry, options);
    QSignalSpy ready(window.get(), &app::MainWindow::startupFinished);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get())) return nullptr;
    if (ready.count() == 0 && !ready.wait(10000)) return nullptr;
    QTest::qWait(0);
    return window;
}

QAction* findAction(QWidget* root, const QString& text) {
    for (QAction* a : root->findChildren<QAction*>())
        if (a->text().remove(QLatin1Char('&')) == text) return a;
    return nullptr;
}

}  // namespace

class DockSharesTest : public QObject {
    Q_OBJECT
private:
    core::TopicRegistry m_registry;

    // The row's docks: the plot gets at least a third of the row and the diagram beside it
    // at least a quarter (its lanes and time labels need that); neither takes it all.
    static QString rowProblem(app::MainWindow& w, const QString& when) {
        auto* plots = w.findChild<QDockWidget*>(QStringLiteral("PlotsDock"));
        auto* spaceTime = w.findChild<QDockWidget*>(QStringLiteral("SpaceTimeDock"));
        auto* history = w.findChild<QDockWidget*>(QStringLiteral("HistoryDock"));
        if (!plots || !spaceTime || !history) return when + QStringLiteral(": a bottom dock is missing");
        const QDockWidget* diagram = spaceTime->visibleRegion().isEmpty() ? history : spaceTime;
        const int row = plots->width() + diagram->width();
        const double plotShare = double(plots->width()) / row;
        const double diagramShare = double(diagram->width()) / row;
        const int plotWidth = w.metrics()->plot()->width();
        const QString figures = QStringLiteral("%1 at %2x%3: plots %4 px (plot %5 px), %6 %7 px")
                                    .arg(when).arg(w.width()).arg(w.height()).arg(plots->width()).arg(plotWidth)
                                    .arg(diagram->objectName()).arg(diagram->width());
        qInfo("%s", qPrintable(figures));
        if (plotShare < 0.40 || plotShare > 0.68) return figures + QStringLiteral(": the plots' share is off");
        if (diagramShare < 0.30) return figures + QStringLiteral(": the diagram is squeezed");
        if (plotWidth * 3 < plots->width()) return figures + QStringLiteral(": the plot is under a third of its dock");
        return {};
    }

    void checkSize(QSize size) {
        auto window = openAt(m_registry, size);
        QVERIFY(window);
        QString problem = rowProblem(*window, QStringLiteral("first paint"));
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        for (const core::Lesson* lesson : window->catalog().lessons()) {
            const QString id = QString::fromStdString(lesson->id);
            QVERIFY2(window->openLesson(id), qPrintable(id));
            window->controller().goToStepEnd(lesson->steps.size());
            QTest::qWait(0);
            problem = rowProblem(*window, id);
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
        }
        QAction* reset = findAction(window.get(), QStringLiteral("Reset layout"));
        QVERIFY(reset);
        reset->trigger();
        QTest::qWait(0);
        problem = rowProblem(*window, QStringLiteral("reset layout"));
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(window.get()));
        QTest::keyClick(window.get(), Qt::Key_F9);
        QVERIFY(window->quizMode());
        QTest::qWait(0);
        QTest::keyClick(window.get(), Qt::Key_F9);
        QVERIFY(!window->quizMode());
        QTest::qWait(0);
        problem = rowProblem(*window, QStringLiteral("after quiz mode"));
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).removeRecursively();
        core::registerBuiltinTopics(m_registry);
    }
    void init() { test::failOnQtWarnings(); }
    void cleanup() { QVERIFY2(test::qtWarnings().isEmpty(), qPrintable(test::qtWarnings().join('\n'))); }

    void sharesAt1280x800() { checkSize({1280, 800}); }
    void sharesAt1920x1080() { checkSize({1920, 1080}); }
};

int main(int argc, char** argv) {
    test::installWarningRecorder();
    QApplication app(argc, argv);
    DockSharesTest t;
    return QTest::qExec(&t, argc, argv);
}

#include "dock_shares_test.moc"
