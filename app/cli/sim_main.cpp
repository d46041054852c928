#include <iostream>
#include <string>
#include <vector>

#include "cli/cli.h"
#include "sim/allocator.h"

int main(int argc, char** argv) {
    sb::core::mergeFreedBlocksEagerly();  // loading a long session stays linear (allocator.h)
    std::ios::sync_with_stdio(false);
    std::vector<std::string> args(argv + 1, argv + argc);
    return sb::app::runSimCli(args, std::cout, std::cerr);
}
