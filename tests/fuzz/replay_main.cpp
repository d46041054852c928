// Replays a fuzz target's corpus without libFuzzer, so the normal (gcc) build and CI run every
// input that ever mattered: seeds and the inputs of crashes that were fixed. Arguments are
// files or directories (read recursively, in sorted order so failures are reproducible). The
// lesson target also replays the shipped lessons/ folder itself rather than copies of it.
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

std::vector<std::filesystem::path> inputs(int argc, char** argv) {
    std::vector<std::filesystem::path> files;
    for (int i = 1; i < argc; ++i) {
        const std::filesystem::path arg(argv[i]);  // NOLINT: argv is an array
        if (std::filesystem::is_directory(arg)) {
            for (const auto& entry : std::filesystem::recursive_directory_iterator(arg))
                if (entry.is_regular_file()) files.push_back(entry.path());
        } else {
            files.push_back(arg);
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace

int main(int argc, char** argv) {
    const auto files = inputs(argc, argv);
    if (files.empty()) {
        std::cerr << "replay: no inputs (give corpus directories or files)\n";
        return 2;
    }
    for (const auto& file : files) {
        std::ifstream in(file, std::ios::binary);
        if (!in) {
            std::cerr << "replay: cannot read " << file << "\n";
            return 2;
        }
        const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        std::cout << "replay: " << file.filename().string() << " (" << bytes.size() << " bytes)\n";
        // An empty string's data() is still a valid pointer, as libFuzzer's inputs are.
        LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()),  // NOLINT
                               bytes.size());
    }
    std::cout << "replay: " << files.size() << " inputs, no crash\n";
    return 0;
}
