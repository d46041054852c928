#pragma once

#include <QString>
#include <QStringList>
#include <optional>

namespace sb::app {

// What `splitbrain` was asked to do on its command line.
struct GuiOptions {
    QString scenarioPath;  // --open
    bool exitAfterShow = false;  // --screenshot: grab the window and quit
    QString screenshotPath;
};

struct ParsedCommandLine {
    std::optional<GuiOptions> options;  // empty when the program should exit
    int exitCode = 0;
    QString message;  // printed before exiting (help, version or an error)
};

ParsedCommandLine parseGuiCommandLine(const QStringList& arguments);

}  // namespace sb::app
