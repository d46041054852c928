#pragma once
// A main window as the workspace tests use it: every topic registered, preferences neither read
// nor written, the light theme, shown (offscreen), exposed and past its skeleton first frame.

#include <QSignalSpy>
#include <QTest>
#include <memory>

#include "gui/main_window.h"

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

}  // namespace sb::test
