#pragma once

#include <QString>
#include <QStringList>
#include <optional>

namespace sb::app {

// What `splitbrain` was asked to do on its command line.
struct GuiOptions {
    QString scenarioPath;  // --open
    QString lessonId;      // --lesson: open this lesson instead of the last one
    int steps = 0;         // --steps: run this many lesson steps before showing
    int events = 0;        // --events: step this many events before showing (scenarios)
    QString inspect;       // --inspect: show this node in the inspector
    QString theme;         // --theme light|dark|system (overrides the saved choice)
    bool exitAfterShow = false;  // --screenshot: grab the window and quit
    QString screenshotPath;
    bool ignoreSettings = false;  // --no-settings: neither read nor write QSettings
    QString quizPage;  // --quiz setup|review|quiz|rehearsal|stats: open quiz mode there
};

struct ParsedCommandLine {
    std::optional<GuiOptions> options;  // empty when the program should exit
    int exitCode = 0;
    QString message;  // printed before exiting (help, version or an error)
};

ParsedCommandLine parseGuiCommandLine(const QStringList& arguments);

}  // namespace sb::app
