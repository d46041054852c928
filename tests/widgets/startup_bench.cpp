// Startup benchmark, in process: time to the first painted frame of the workspace next to a bare
// QMainWindow in the same process (widgets_first_paint_bench times whole processes, as a user
// waits). Prints numbers; never fails on time.
#include <QApplication>
#include <QElapsedTimer>
#include <QMainWindow>
#include <QStandardPaths>
#include <cstdio>
#include <memory>

#include "first_paint.h"
#include "gui/main_window.h"
#include "lesson/lesson_catalog.h"
#include "sim/registry.h"
#include "version.h"

namespace {

// Construct and show, until the first frame has been painted (the same detection as the app's
// and the whole-process benchmark's): what a user waits for before seeing the window.
double g_constructMs = 0;  // of the last measurement: the constructor's share

template <class Make>
double firstFrameMs(Make make) {
    QElapsedTimer timer;
    timer.start();
    auto window = make();
    g_constructMs = static_cast<double>(timer.nsecsElapsed()) / 1e6;
    window->resize(1280, 800);
    double ms = -1;
    const auto painted = [&] { ms = static_cast<double>(timer.nsecsElapsed()) / 1e6; };
    // The workspace says so itself (its own watcher runs first and then fills in the docks).
    if (auto* main = qobject_cast<sb::app::MainWindow*>(window.get()))
        QObject::connect(main, &sb::app::MainWindow::firstPainted, main, painted);
    else
        sb::widgets::afterFirstPaint(window.get(), painted);
    window->show();
    while (ms < 0 && timer.elapsed() < 20000) QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
    if (ms < 0) std::fprintf(stderr, "no frame\n");
    return ms;
}

}  // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", QByteArray("offscreen"));
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    const double bareCold = firstFrameMs([] { return std::make_unique<QMainWindow>(); });
    const double bareWarm = firstFrameMs([] { return std::make_unique<QMainWindow>(); });
    QElapsedTimer timer;
    const double workspace = firstFrameMs([] {
        static sb::core::TopicRegistry registry;  // outlives the window; registration is part of startup
        if (registry.ids().empty()) sb::core::registerBuiltinTopics(registry);
        sb::app::GuiOptions options;
        options.ignoreSettings = true;
        return std::make_unique<sb::app::MainWindow>(registry, options);
    });
    // The part of the workspace's startup spent reading and validating every shipped lesson.
    sb::core::TopicRegistry registry;
    sb::core::registerBuiltinTopics(registry);
    timer.start();
    sb::core::LessonCatalog catalog(registry);
    catalog.load(sb::app::kSourceLessonsDir);
    const double catalogMs = static_cast<double>(timer.nsecsElapsed()) / 1e6;
    std::printf("startup benchmark (offscreen, first frame = construct and show until the first frame is painted):\n");
    std::printf("  bare QMainWindow: %.1f ms cold, %.1f ms warm\n", bareCold, bareWarm);
    std::printf("  Splitbrain workspace: %.1f ms (%.2fx the cold bare window, %.2fx the warm one)\n", workspace,
                workspace / bareCold, workspace / bareWarm);
    std::printf("  (workspace constructor %.1f ms, show until painted %.1f ms)\n", g_constructMs,
                workspace - g_constructMs);
    std::printf("  deferred until after the first frame: loading the lesson catalog (%zu lessons), about %.1f ms\n",
                catalog.lessons().size(), catalogMs);
    return 0;
}
