// The benchmarks' main: the allocator set up as the app and the CLI set it up (sim/allocator.h),
// so a figure here is what a user's process would see.
#include <benchmark/benchmark.h>

#include "sim/allocator.h"

int main(int argc, char** argv) {
    sb::core::mergeFreedBlocksEagerly();
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
