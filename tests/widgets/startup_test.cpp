// The window's first frame is a skeleton (the window alone, as a bare window's is); its menus,
// tool bars and status bar follow in the next frame, then the docks and the run. Painting any
// text first reads the system's font configuration, so nothing that measures text may be in the
// first frame's way. This checks the order, and that the finished window is the same as before.
#include <QMenuBar>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTest>
#include <QToolBar>
#include <algorithm>
#include <memory>

#include "gui/main_window.h"
#include "sim/registry.h"
#include "test_support.h"

using namespace sb;

class StartupTest : public test::WarningFreeTest {
    Q_OBJECT
private:
    core::TopicRegistry m_registry;

    std::unique_ptr<app::MainWindow> makeWindow() {
        if (m_registry.ids().empty()) core::registerBuiltinTopics(m_registry);
        app::GuiOptions options;
        options.ignoreSettings = true;
        auto window = std::make_unique<app::MainWindow>(m_registry, options);
        window->resize(1280, 800);
        return window;
    }

    // The window's tool bars in the top area, left to right, by object name.
    static QStringList topToolBars(app::MainWindow& w) {
        QList<QToolBar*> bars;
        for (QToolBar* bar : w.findChildren<QToolBar*>(Qt::FindDirectChildrenOnly))
            if (w.toolBarArea(bar) == Qt::TopToolBarArea && bar->isVisible()) bars << bar;
        std::sort(bars.begin(), bars.end(), [](QToolBar* a, QToolBar* b) { return a->x() < b->x(); });
        QStringList names;
        for (QToolBar* bar : bars) names << bar->objectName();
        return names;
    }

private slots:
    void firstFrameIsTheWindowAlone() {
        auto w = makeWindow();
        QStringList order;  // what happened, in order, and what the window had when its first frame was painted
        connect(w.get(), &app::MainWindow::firstPainted, this, [&] {
            order << QStringLiteral("first frame");
            if (w->menuBar()->isVisible()) order << QStringLiteral("with menus");
            if (!topToolBars(*w).isEmpty()) order << QStringLiteral("with tool bars");
            if (w->findChild<QStatusBar*>()) order << QStringLiteral("with a status bar");
        });
        connect(w.get(), &app::MainWindow::chromePainted, this, [&] { order << QStringLiteral("chrome"); });
        QSignalSpy finished(w.get(), &app::MainWindow::startupFinished);
        w->show();
        QVERIFY(!w->menuBar()->isVisible());
        QVERIFY(topToolBars(*w).isEmpty());
        QVERIFY(!w->findChild<QStatusBar*>());
        QVERIFY(!w->workspaceComplete());
        QVERIFY(finished.wait(20000));
        QCOMPARE(order, (QStringList{QStringLiteral("first frame"), QStringLiteral("chrome")}));
        QVERIFY(w->menuBar()->isVisible());
        QCOMPARE(topToolBars(*w), (QStringList{QStringLiteral("PlaybackBar"), QStringLiteral("ModeToolBar")}));
        QVERIFY(w->statusBar()->isVisible());
        QVERIFY(w->workspaceComplete());
    }

    void workspaceAskedForBeforeShowingHasItsChrome() {
        auto w = makeWindow();
        QSignalSpy chrome(w.get(), &app::MainWindow::chromePainted);
        w->completeWorkspace();  // as the public entry points do when called before the first paint
        w->show();
        QVERIFY(QTest::qWaitForWindowExposed(w.get()));
        QVERIFY(w->menuBar()->isVisible());
        QCOMPARE(topToolBars(*w), (QStringList{QStringLiteral("PlaybackBar"), QStringLiteral("ModeToolBar")}));
        QVERIFY(w->statusBar()->isVisible());
        QCOMPARE(chrome.count(), 0);  // made before the window was shown: painted with its first frame
    }
};

int main(int argc, char** argv) { return test::runQtTest<StartupTest>(argc, argv); }

#include "startup_test.moc"
