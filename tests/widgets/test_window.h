#pragma once
// A main window as the workspace tests use it: every topic registered, preferences neither read
// nor written, the light theme, shown (offscreen), exposed and past its skeleton first frame.

#include <QObject>
#include <QSignalSpy>
#include <QSize>
#include <QStandardPaths>
#include <QTest>
#include <memory>

#include "gui/main_window.h"
#include "sim_controller.h"
#include "test_support.h"

namespace sb::test {

inline void openTestWindow(core::TopicRegistry& registry,
                           std::unique_ptr<app::MainWindow>& window) {
    core::registerBuiltinTopics(registry);
    app::GuiOptions options;
    options.ignoreSettings = true;
    options.theme = QStringLiteral("light");
    window = std::make_unique<app::MainWindow>(registry, options);
    // The first frame is a skeleton; the tests start once the workspace is complete.
    QSignalSpy ready(window.get(), &app::MainWindow::startupFinished);
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window.get()));
    QVERIFY(ready.count() > 0 || ready.wait(10000));
}

// A test that drives one window through all its test functions: the window is opened in
// initTestCase (openWindowAt), closed after the last function, and every function fails on a Qt
// warning. Paths are in Qt's test mode, so no user file is read or written.
class WindowTest : public QObject {
    Q_OBJECT
protected:
    core::TopicRegistry m_registry;
    std::unique_ptr<app::MainWindow> m_window;
    widgets::SimController& controller() { return m_window->controller(); }

    // For initTestCase(): the window at `size`, with its first layout settled.
    void openWindowAt(QSize size) {
        QStandardPaths::setTestModeEnabled(true);
        openTestWindow(m_registry, m_window);
        if (QTest::currentTestFailed()) return;
        m_window->resize(size);
        QTest::qWait(0);
    }

private slots:
    void cleanupTestCase() { m_window.reset(); }
    void init() { failOnQtWarnings(); }
    void cleanup() { QVERIFY2(qtWarnings().isEmpty(), qPrintable(qtWarnings().join('\n'))); }
};

}  // namespace sb::test
