#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "sim/registry.h"

namespace sb::app {

// `splitbrain-sim check-lessons [DIR|FILE...]`: see lesson/lesson_check.h.
int cmdCheckLessons(const core::TopicRegistry& registry, const std::vector<std::string>& args,
                    std::ostream& out, std::ostream& err);

}  // namespace sb::app
