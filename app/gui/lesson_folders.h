#pragma once

#include <QString>

namespace sb::app {

// The shipped lessons (the source tree in a build, share/splitbrain/lessons when installed).
QString shippedLessonsDir();
// The learner's own lessons, read beside the shipped ones.
QString userLessonsDir();

}  // namespace sb::app
