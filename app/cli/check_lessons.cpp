#include <ostream>

#include "cli/cli.h"
#include "cli/cli_commands.h"

namespace sb::app {

// Lessons arrive with the lessons issue; until then the command says so plainly.
int cmdCheckLessons(const core::TopicRegistry&, const std::vector<std::string>&, std::ostream&,
                    std::ostream& err) {
    err << "splitbrain-sim: check-lessons: lesson support is not built yet\n";
    return kExitBadInput;
}

}  // namespace sb::app
