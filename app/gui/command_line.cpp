#include "gui/command_line.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QRegularExpression>
#include <cmath>
#include <utility>

#include "export/scene_export.h"
#include "sim/run_budget.h"
#include "sim/trace_diagram.h"
#include "version.h"

namespace sb::app {

namespace {

QString tr(const char* text) { return QCoreApplication::translate("main", text); }

// The headless export flags, checked before anything is loaded so a typo fails at once.
QString checkExport(const GuiOptions& o) {
    static const QStringList kPictures = {QStringLiteral("svg"), QStringLiteral("png"), QStringLiteral("pdf")};
    const QString suffix = QFileInfo(o.exportPath).suffix().toLower();
    const bool trace = widgets::traceFormatFor(o.exportPath).has_value();
    if (!o.exportPath.isEmpty() && !trace && !kPictures.contains(suffix))
        return tr("--export %1: unknown file type '.%2'; use .svg, .png, .pdf, .mmd or .md (Mermaid), "
                  "or .puml, .plantuml or .pu (PlantUML)")
            .arg(o.exportPath, suffix);
    if (o.scale != 1 && (o.exportPath.isEmpty() || trace || suffix == QLatin1String("pdf")))
        return tr("--scale applies to .png and .svg pictures; a PDF, a handout or a trace has no pixel size");
    if (o.maxItems && !trace)
        return tr("--max-items applies to a trace export (.mmd, .puml); this export is a picture");
    if (o.fromUs && !trace)
        return tr("--from-ms applies to a trace export (.mmd, .puml); a picture shows one moment (use --at-ms)");
    if (!o.handoutPath.isEmpty() && QFileInfo(o.handoutPath).suffix().toLower() != QLatin1String("pdf"))
        return tr("--handout %1: a handout is a PDF; name it FILE.pdf").arg(o.handoutPath);
    if (!o.handoutPath.isEmpty() && o.lessonId.isEmpty())
        return tr("--handout needs --lesson ID: a handout is made from a lesson");
    if (!o.exportPath.isEmpty() && o.lessonId.isEmpty() && o.scenarioPath.isEmpty())
        return tr("--export needs --lesson ID or --open SESSION.json to say what to export");
    if (!o.lessonId.isEmpty() && !o.scenarioPath.isEmpty() && o.headless())
        return tr("--lesson and --open both say what to export; give one of them");
    if (o.stepSet && o.atUs) return tr("--step and --at-ms both say when; give one of them");
    // The compare view is two runs side by side in the window; an export draws one run, so a
    // --compare there was silently dropped (even a misspelt one).
    if (!o.compare.isEmpty() && o.headless())
        return tr("--compare opens the compare view in the window; an export or handout draws one run (leave out --compare)");
    if (o.stepSet && o.lessonId.isEmpty() && o.headless()) return tr("--step needs --lesson (sessions have no steps; use --at-ms)");
    return {};
}

}  // namespace

std::optional<QSize> parseWindowSize(const QString& text) {
    static const QRegularExpression kShape(QStringLiteral("^(\\d{1,5})[xX](\\d{1,5})$"));
    const auto match = kShape.match(text.trimmed());
    if (!match.hasMatch()) return std::nullopt;
    const QSize size(match.captured(1).toInt(), match.captured(2).toInt());
    if (size.width() < kMinWindow.width() || size.height() < kMinWindow.height() || size.width() > kMaxWindow.width() ||
        size.height() > kMaxWindow.height())
        return std::nullopt;
    return size;
}

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
    const QCommandLineOption steps({QStringLiteral("steps"), QStringLiteral("step")},
                                   QCoreApplication::translate("main", "Run this many lesson steps first (export: the end of step N)."),
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
    const QCommandLineOption compare(
        QStringLiteral("compare"),
        QCoreApplication::translate("main", "Show the same run beside this one with a parameter changed, e.g. mode=AP."),
        QStringLiteral("PARAM=VALUE"));
    const QCommandLineOption noSettings(QStringLiteral("no-settings"),
                                        QCoreApplication::translate("main", "Do not read or save preferences."));
    const QCommandLineOption quiz(
        QStringLiteral("quiz"),
        QCoreApplication::translate("main", "Open quiz mode: setup, stats, or a session of review, quiz or rehearsal."),
        QStringLiteral("PAGE"));
    const QCommandLineOption exportTo(QStringLiteral("export"),
                                      tr("Write the scene (.svg, .png, .pdf) or the trace (.mmd, .puml) to FILE "
                                         "and exit, showing no window."),
                                      QStringLiteral("FILE"));
    const QCommandLineOption handout(QStringLiteral("handout"),
                                     tr("Write a printable PDF handout of the --lesson to FILE and exit."),
                                     QStringLiteral("FILE.pdf"));
    const QCommandLineOption atMs(QStringLiteral("at-ms"), tr("Open (or export) at this simulated time."),
                                  QStringLiteral("T"));
    const QCommandLineOption fromMs(QStringLiteral("from-ms"),
                                    tr("A trace export (.mmd, .puml) starts at this simulated time."),
                                    QStringLiteral("T"));
    const QCommandLineOption maxItems(QStringLiteral("max-items"),
                                      tr("A trace export holds at most N arrows and notes (default %1).")
                                          .arg(core::kDiagramItems),
                                      QStringLiteral("N"));
    const QCommandLineOption scale(QStringLiteral("scale"), tr("PNG or SVG export scale: 1 or 2."), QStringLiteral("N"));
    const QCommandLineOption caption(QStringLiteral("caption"), tr("Add lesson, step and time under an exported picture."));
    const QCommandLineOption page(QStringLiteral("page"), tr("Handout page size: a4 or letter."), QStringLiteral("SIZE"));
    const QCommandLineOption windowSize(QStringLiteral("window-size"),
                                        tr("Open the window at this size in pixels, e.g. 1920x1080 (it overrides the saved size)."),
                                        QStringLiteral("WxH"));
    parser.addOptions({help, version, open, screenshot, lesson, steps, events, theme, inspect, compare, noSettings, quiz, exportTo,
                       handout, atMs, fromMs, maxItems, scale, caption, page, windowSize});

    ParsedCommandLine result;
    if (!parser.parse(arguments)) {
        result.exitCode = 2;
        result.message = parser.errorText() + QStringLiteral("\n") +
                         QCoreApplication::translate("main", "Try 'splitbrain --help'.") + QStringLiteral("\n");
        return result;
    }
    if (parser.isSet(help)) {
        // Before QCoreApplication exists Qt cannot know the program's name and prints a placeholder.
        result.message = parser.helpText().replace(QStringLiteral("<executable_name>"), QStringLiteral("splitbrain"));
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
        if (option == &events && static_cast<std::size_t>(*target) > core::kScenarioBudget.events) {
            result.exitCode = 2;
            result.message = QCoreApplication::translate("main", "--events %1 is past the limit of %2 events a run may make\n")
                                 .arg(parser.value(*option), QString::fromStdString(core::groupedNumber(static_cast<std::int64_t>(core::kScenarioBudget.events))));
            return result;
        }
    }
    options.theme = parser.value(theme).toLower();
    options.inspect = parser.value(inspect);
    options.compare = parser.value(compare);
    if (parser.isSet(compare) && (options.compare.indexOf(QLatin1Char('=')) < 1 || options.compare.endsWith(QLatin1Char('=')))) {
        result.exitCode = 2;
        result.message = tr("--compare needs NAME=VALUE (a parameter and the value to compare with, e.g. mode=AP), not '%1'\n")
                             .arg(options.compare);
        return result;
    }
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
    std::optional<std::int64_t> fromUs;
    options.exportPath = parser.value(exportTo);
    options.handoutPath = parser.value(handout);
    options.stepSet = parser.isSet(steps);
    options.caption = parser.isSet(caption);
    auto fail = [&result](const QString& message) {
        result.exitCode = 2;
        result.message = message + QStringLiteral("\n");
        return result;
    };
    for (const auto& [option, target] : {std::pair{&atMs, &options.atUs}, std::pair{&fromMs, &fromUs}}) {
        if (!parser.isSet(*option)) continue;
        bool ok = false;
        const double ms = parser.value(*option).toDouble(&ok);
        if (!ok || ms < 0 || !std::isfinite(ms))
            return fail(tr("--%1 needs a time in milliseconds of 0 or more, not '%2'")
                            .arg(option->names().constFirst(), parser.value(*option)));
        if (ms > static_cast<double>(core::kScenarioBudget.time / core::kMillisecond))
            return fail(tr("--%1 %2 is past the limit of %3 ms of simulated time")
                            .arg(option->names().constFirst(), parser.value(*option),
                                 QString::fromStdString(core::groupedNumber(core::kScenarioBudget.time / core::kMillisecond))));
        *target = std::llround(ms * 1000.0);
    }
    options.fromUs = fromUs;
    if (parser.isSet(maxItems)) {
        bool ok = false;
        const qlonglong n = parser.value(maxItems).toLongLong(&ok);
        if (!ok || n < 1 || n > 100000)
            return fail(tr("--max-items needs a whole number from 1 to 100000, not '%1'").arg(parser.value(maxItems)));
        options.maxItems = static_cast<std::size_t>(n);
    }
    if (parser.isSet(scale)) {
        options.scale = parser.value(scale).toInt();
        if (options.scale != 1 && options.scale != 2) return fail(tr("--scale must be 1 or 2, not '%1'").arg(parser.value(scale)));
    }
    if (parser.isSet(page)) {
        const QString size = parser.value(page).toLower();
        if (size != QLatin1String("a4") && size != QLatin1String("letter")) return fail(tr("--page must be a4 or letter"));
        options.letter = size == QLatin1String("letter");
    }
    if (parser.isSet(windowSize)) {
        const auto size = parseWindowSize(parser.value(windowSize));
        if (!size) return fail(tr("--window-size needs WIDTHxHEIGHT in pixels from %1x%2 to %3x%4, e.g. 1280x800, not '%5'")
                                   .arg(kMinWindow.width()).arg(kMinWindow.height()).arg(kMaxWindow.width())
                                   .arg(kMaxWindow.height()).arg(parser.value(windowSize)));
        options.windowSize = *size;
    }
    if (const QString problem = checkExport(options); !problem.isEmpty()) return fail(problem);
    result.options = options;
    return result;
}

}  // namespace sb::app
