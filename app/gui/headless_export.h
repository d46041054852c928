#pragma once

#include <QString>

#include "gui/command_line.h"
#include "sim/registry.h"

namespace sb::app {

// What a headless run did: the exit code (0 written, 2 bad input or unwritable file) and the
// lines to print (on stdout when it worked, on stderr when it did not).
struct HeadlessResult {
    int exitCode = 0;
    QString message;
};

// `splitbrain --lesson ID [--step N | --at-ms T] --export FILE` and friends: loads the lesson
// or session, moves to the asked moment and writes the file, with no window on screen. Needs a
// QApplication (QT_QPA_PLATFORM=offscreen is enough).
HeadlessResult runHeadless(const core::TopicRegistry& registry, const GuiOptions& options);

}  // namespace sb::app
