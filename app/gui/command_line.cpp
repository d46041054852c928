#include "gui/command_line.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <utility>

#include "version.h"

namespace sb::app {

ParsedCommandLine parseGuiCommandLine(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "main", "Splitbrain: watch, break and rewind distributed-systems protocols."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QCoreApplication::translate("main", "Show this help."));
    const QCommandLineOption version({QStringLiteral("v"), QStringLiteral("version")},
                                     QCoreApplication::translate("main", "Show the version."));
    const QCommandLineOption open(QStringLiteral("open"),
                                  QCoreApplication::translate("main", "Open a saved scenario or session."),
                                  QStringLiteral("FILE"));
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QCoreApplication::translate("main", "Save a PNG of the window after it is shown, then quit."),
        QStringLiteral("FILE.png"));
    const QCommandLineOption lesson(QStringLiteral("lesson"),
                                    QCoreApplication::translate("main", "Open the lesson with this id."),
                                    QStringLiteral("ID"));
    const QCommandLineOption steps(QStringLiteral("steps"),
                                   QCoreApplication::translate("main", "Run this many lesson steps first."),
                                   QStringLiteral("N"));
    const QCommandLineOption events(QStringLiteral("events"),
                                    QCoreApplication::translate("main", "Step this many events first."),
                                    QStringLiteral("N"));
    const QCommandLineOption theme(QStringLiteral("theme"),
                                   QCoreApplication::translate("main", "Colour theme: light, dark or system."),
                                   QStringLiteral("THEME"));
    const QCommandLineOption inspect(QStringLiteral("inspect"),
                                     QCoreApplication::translate("main", "Show this node in the inspector."),
                                     QStringLiteral("NODE"));
    const QCommandLineOption noSettings(QStringLiteral("no-settings"),
                                        QCoreApplication::translate("main", "Do not read or save preferences."));
    const QCommandLineOption quiz(
        QStringLiteral("quiz"),
        QCoreApplication::translate("main", "Open quiz mode: setup, stats, or a session of review, quiz or rehearsal."),
        QStringLiteral("PAGE"));
    parser.addOptions({help, version, open, screenshot, lesson, steps, events, theme, inspect, noSettings, quiz});

    ParsedCommandLine result;
    if (!parser.parse(arguments)) {
        result.exitCode = 2;
        result.message = parser.errorText() + QStringLiteral("\n") +
                         QCoreApplication::translate("main", "Try 'splitbrain --help'.") + QStringLiteral("\n");
        return result;
    }
    if (parser.isSet(help)) {
        result.message = parser.helpText();
        return result;
    }
    if (parser.isSet(version)) {
        result.message = QStringLiteral("splitbrain %1\n").arg(QString::fromUtf8(kVersion));
        return result;
    }
    if (!parser.positionalArguments().isEmpty()) {
        result.exitCode = 2;
        result.message = QCoreApplication::translate("main", "unexpected argument '%1'; try 'splitbrain --help'\n")
                             .arg(parser.positionalArguments().first());
        return result;
    }
    GuiOptions options;
    options.scenarioPath = parser.value(open);
    options.screenshotPath = parser.value(screenshot);
    options.exitAfterShow = parser.isSet(screenshot);
    options.lessonId = parser.value(lesson);
    for (const auto& [option, target] : {std::pair{&steps, &options.steps}, std::pair{&events, &options.events}}) {
        if (!parser.isSet(*option)) continue;
        bool ok = false;
        *target = parser.value(*option).toInt(&ok);
        if (!ok || *target < 0) {
            result.exitCode = 2;
            result.message = QCoreApplication::translate("main", "--%1 needs a whole number of 0 or more, not '%2'\n")
                                 .arg(option->names().constFirst(), parser.value(*option));
            return result;
        }
    }
    options.theme = parser.value(theme).toLower();
    options.inspect = parser.value(inspect);
    options.ignoreSettings = parser.isSet(noSettings);
    if (!options.theme.isEmpty() && options.theme != QLatin1String("light") &&
        options.theme != QLatin1String("dark") && options.theme != QLatin1String("system")) {
        result.exitCode = 2;
        result.message = QCoreApplication::translate("main", "--theme must be light, dark or system\n");
        return result;
    }
    options.quizPage = parser.value(quiz).toLower();
    const QStringList pages = {QStringLiteral("setup"), QStringLiteral("review"), QStringLiteral("quiz"),
                               QStringLiteral("rehearsal"), QStringLiteral("stats")};
    if (parser.isSet(quiz) && !pages.contains(options.quizPage)) {
        result.exitCode = 2;
        result.message = QCoreApplication::translate("main", "--quiz must be setup, review, quiz, rehearsal or stats\n");
        return result;
    }
    result.options = options;
    return result;
}

}  // namespace sb::app
