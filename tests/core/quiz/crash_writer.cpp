// Test helper for the crash-safety tests: saves in an endless loop and, after each save has
// returned, writes the number of that save (8 bytes) to stdout, which the test reads through
// a pipe. The test SIGKILLs it at seeded random moments and then checks the file on disk.
//
//   quiz_crash_writer atomic <path> <first>   writeFileAtomically alone: save k holds a
//                                             payload derived from k (see atomicPayload)
//   quiz_crash_writer progress <path>         ProgressStore: load, then add one review and
//                                             save, forever; review k is at time k seconds
#include <unistd.h>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "crash_payload.h"
#include "quiz/atomic_file.h"
#include "quiz/progress_store.h"

namespace {

bool report(std::uint64_t counter) {
    const char* p = reinterpret_cast<const char*>(&counter);
    std::size_t done = 0;
    while (done < sizeof counter) {
        const ssize_t n = ::write(STDOUT_FILENO, p + done, sizeof counter - done);
        if (n <= 0) return false;
        done += static_cast<std::size_t>(n);
    }
    return true;
}

int runAtomic(const std::string& path, std::uint64_t first) {
    for (std::uint64_t k = first;; ++k) {
        if (!sb::core::writeFileAtomically(path, sb::test::atomicPayload(k), 3)) return 2;
        if (!report(k)) return 0;
    }
}

int runProgress(const std::string& path) {
    using namespace sb::core::quiz;
    ProgressStore store(path);
    const LoadReport loaded = store.load();
    if (loaded.outcome != LoadOutcome::Loaded && loaded.outcome != LoadOutcome::Fresh) return 3;
    for (;;) {
        const std::uint64_t next = store.progress().saveCount + 1;
        const ItemRef ref{"crash-" + std::to_string(next % 17), "ping", "ping-basics",
                          ItemKind::Card, 3};
        store.progress().recordReview(ref, static_cast<Grade>(1 + next % 4), ReviewMode::Recall,
                                      static_cast<Seconds>(next));
        if (!store.save()) return 2;
        if (!report(store.progress().saveCount)) return 0;
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc == 4 && std::string(argv[1]) == "atomic")
        return runAtomic(argv[2], std::strtoull(argv[3], nullptr, 10));
    if (argc == 3 && std::string(argv[1]) == "progress") return runProgress(argv[2]);
    return 64;
}
