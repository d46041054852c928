#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "cli/cli_args.h"
#include "sim/registry.h"
#include "sim/scenario.h"

namespace sb::app {

// `splitbrain-sim check-lessons [DIR|FILE...]`: see lesson/lesson_check.h.
int cmdCheckLessons(const core::TopicRegistry& registry, const std::vector<std::string>& args,
                    std::ostream& out, std::ostream& err);

// `splitbrain-sim explore SCENARIO.json`: see explore_command.cpp.
int cmdExplore(const core::TopicRegistry& registry, const std::vector<std::string>& args,
               std::ostream& out, std::ostream& err);

// `splitbrain-sim verify TRACE.jsonl`: see verify_command.cpp.
int cmdVerify(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// Loads a scenario file and applies --seed and --param overrides (cli.cpp).
core::Result<core::Scenario> prepareScenario(const core::TopicRegistry& registry, const RunOptions& o);

}  // namespace sb::app
