// Peak memory with every shipped lesson loaded (DESIGN.md §7: under 150 MB). Loads the catalog
// the way the GUI does, starts every lesson (its simulation and timeline), and prints the
// process's peak resident set (VmHWM). It reports; it never fails on the number.
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "lesson/lesson_catalog.h"
#include "lesson/lesson_check.h"

namespace {

long procStatusKb(const char* field) {
    std::ifstream status("/proc/self/status");
    const std::string prefix = std::string(field) + ":";
    std::string line;
    while (std::getline(status, line))
        if (line.rfind(prefix, 0) == 0) return std::stol(line.substr(prefix.size()));
    return -1;
}

}  // namespace

int main(int argc, char** argv) {
    const std::string dir = argc > 1 ? argv[1] : SPLITBRAIN_SOURCE_LESSONS;  // NOLINT: argv
    sb::core::TopicRegistry registry;
    sb::core::registerBuiltinTopics(registry);
    sb::core::LessonCatalog catalog(registry);
    catalog.load(dir);
    std::vector<sb::core::LessonRun> runs;
    for (const auto* lesson : catalog.lessons()) {
        auto run = sb::core::LessonRun::start(*lesson, registry);
        if (run) runs.push_back(std::move(run.value()));
    }
    std::printf("lessons_loaded %zu\nlessons_started %zu\nvm_hwm_kb %ld\nvm_rss_kb %ld\n",
                catalog.lessons().size(), runs.size(), procStatusKb("VmHWM"), procStatusKb("VmRSS"));
    return 0;
}
