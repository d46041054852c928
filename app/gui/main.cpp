#include <QApplication>
#include <QIcon>
#include <QTimer>
#include <cstdio>

#include "gui/command_line.h"
#include "gui/headless_export.h"
#include "first_paint.h"
#include "gui/main_window.h"
#include "sim/allocator.h"
#include "sim/registry.h"

namespace {

QtMessageHandler g_defaultHandler = nullptr;

// A headless export prints only its own lines: the platform's notes about running without a
// desktop (no runtime folder, no window manager) are noise in a script's output.
void quietPlatformNotes(QtMsgType type, const QMessageLogContext& context, const QString& message) {
    if (type == QtWarningMsg && (message.startsWith(QLatin1String("QStandardPaths: ")) ||
                                 message.contains(QLatin1String("propagateSizeHints"))))
        return;
    if (g_defaultHandler) g_defaultHandler(type, context, message);
}

}  // namespace

int main(int argc, char** argv) {
    sb::core::mergeFreedBlocksEagerly();  // loading a long session stays linear (allocator.h)
    // Parse before QApplication exists: --help, --version and a wrong flag must answer on a
    // machine with no display, where creating the QApplication would abort.
    QStringList arguments;
    for (int i = 0; i < argc; ++i) arguments << QString::fromLocal8Bit(argv[i]);
    const auto parsed = sb::app::parseGuiCommandLine(arguments);
    if (!parsed.options) {
        std::fputs(parsed.message.toLocal8Bit().constData(), parsed.exitCode == 0 ? stdout : stderr);
        return parsed.exitCode;
    }

    // A headless export shows no window, so it needs no display either.
    if (parsed.options->headless()) {
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
        g_defaultHandler = qInstallMessageHandler(quietPlatformNotes);
    }
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("splitbrain"));
    QApplication::setApplicationDisplayName(QStringLiteral("Splitbrain"));
    QApplication::setOrganizationName(QStringLiteral("splitbrain"));

    sb::core::TopicRegistry registry;
    sb::core::registerBuiltinTopics(registry);
    if (parsed.options->headless()) {
        const auto done = sb::app::runHeadless(registry, *parsed.options);
        std::fputs(done.message.toLocal8Bit().constData(), done.exitCode == 0 ? stdout : stderr);
        return done.exitCode;
    }
    sb::app::MainWindow window(registry, *parsed.options);
    if (qEnvironmentVariableIsSet("SPLITBRAIN_STARTUP_PROBE")) {
        // The first-paint benchmark (tests/widgets/first_paint_bench.cpp) times these lines.
        QObject::connect(&window, &sb::app::MainWindow::firstPainted, &window, [] {
            std::printf("first-paint cpu %.3f ms\n", sb::widgets::processCpuMs());
            std::fflush(stdout);
        });
        QObject::connect(&window, &sb::app::MainWindow::chromePainted, &window, [] {
            std::puts("chrome-paint");
            std::fflush(stdout);
        });
        QObject::connect(&window, &sb::app::MainWindow::startupFinished, &window, [] {
            std::puts("ready");
            std::fflush(stdout);
            QCoreApplication::quit();
        }, Qt::QueuedConnection);
    }
    // The icon is the window manager's and the task bar's, not the first frame's: it is an SVG,
    // read through Qt's icon-engine plugin, so it is loaded once that frame is painted.
    QObject::connect(&window, &sb::app::MainWindow::firstPainted, &window,
                     [] { QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/splitbrain.svg"))); });
    window.show();
    if (parsed.options->exitAfterShow) {
        const QString path = parsed.options->screenshotPath;
        // Once the workspace is complete (not after a fixed wall time: on a loaded machine that
        // grabbed half-filled plots), plus the plots' replot throttle and a frame to settle.
        QObject::connect(&window, &sb::app::MainWindow::startupFinished, &window, [&window, path] {
            QTimer::singleShot(400, &window, [&window, path] {
                if (!window.grab().save(path)) std::fprintf(stderr, "could not save %s\n", qPrintable(path));
                QApplication::quit();
            });
        }, Qt::QueuedConnection);
    }
    return QApplication::exec();
}
