#pragma once

#include <QString>
#include <QStringList>
#include <cstdint>
#include <optional>

namespace sb::app {

// What `splitbrain` was asked to do on its command line.
struct GuiOptions {
    QString scenarioPath;  // --open
    QString lessonId;      // --lesson: open this lesson instead of the last one
    int steps = 0;         // --steps: run this many lesson steps before showing
    int events = 0;        // --events: step this many events before showing (scenarios)
    QString inspect;       // --inspect: show this node in the inspector
    QString compare;       // --compare: show the side-by-side run with this change ("mode=AP")
    QString theme;         // --theme light|dark|system (overrides the saved choice)
    bool exitAfterShow = false;  // --screenshot: grab the window and quit
    QString screenshotPath;
    bool ignoreSettings = false;  // --no-settings: neither read nor write QSettings

    // Headless export: no window is shown; the program writes the file(s) and exits.
    QString exportPath;    // --export FILE.svg|png|pdf|mmd|puml
    QString handoutPath;   // --handout FILE.pdf (needs --lesson)
    bool stepSet = false;  // --step/--steps was given (0 is the lesson's start)
    std::optional<std::int64_t> atUs;  // --at-ms, in simulated microseconds
    std::optional<std::int64_t> fromUs;  // --from-ms: a trace export starts here (else: the step's start)
    std::optional<std::size_t> maxItems;  // --max-items: a trace export's arrows and notes
    int scale = 1;         // --scale 1|2 for PNG and SVG
    bool caption = false;  // --caption: lesson, step and time under the picture
    bool letter = false;   // --page letter (A4 otherwise)

    bool headless() const { return !exportPath.isEmpty() || !handoutPath.isEmpty(); }
    QString quizPage;  // --quiz setup|review|quiz|rehearsal|stats: open quiz mode there
};

struct ParsedCommandLine {
    std::optional<GuiOptions> options;  // empty when the program should exit
    int exitCode = 0;
    QString message;  // printed before exiting (help, version or an error)
};

ParsedCommandLine parseGuiCommandLine(const QStringList& arguments);

}  // namespace sb::app
