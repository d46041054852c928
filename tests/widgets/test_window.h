#pragma once
// A main window as the workspace tests use it: every topic registered, preferences neither read
// nor written, the light theme, shown (offscreen) and exposed.

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
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window.get()));
}

}  // namespace sb::test
