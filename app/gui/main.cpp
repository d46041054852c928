#include <QApplication>
#include <QIcon>
#include <QTimer>
#include <cstdio>

#include "gui/command_line.h"
#include "gui/headless_export.h"
#include "gui/main_window.h"
#include "sim/registry.h"

int main(int argc, char** argv) {
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
    if (parsed.options->headless() && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("splitbrain"));
    QApplication::setApplicationDisplayName(QStringLiteral("Splitbrain"));
    QApplication::setOrganizationName(QStringLiteral("splitbrain"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/splitbrain.svg")));

    sb::core::TopicRegistry registry;
    sb::core::registerBuiltinTopics(registry);
    if (parsed.options->headless()) {
        const auto done = sb::app::runHeadless(registry, *parsed.options);
        std::fputs(done.message.toLocal8Bit().constData(), done.exitCode == 0 ? stdout : stderr);
        return done.exitCode;
    }
    sb::app::MainWindow window(registry, *parsed.options);
    window.show();
    if (parsed.options->exitAfterShow) {
        const QString path = parsed.options->screenshotPath;
        QTimer::singleShot(700, &window, [&window, path] {
            if (!window.grab().save(path)) std::fprintf(stderr, "could not save %s\n", qPrintable(path));
            QApplication::quit();
        });
    }
    return QApplication::exec();
}
