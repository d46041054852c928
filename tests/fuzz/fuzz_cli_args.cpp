// The command line of `splitbrain-sim run|sweep`, one argument per input line, fed to the same
// parser the CLI uses; every `--param name=value` it accepts is then parsed against each topic's
// parameters, as prepareScenario() does. Neither may crash on any text a script passes.
#include <string>
#include <vector>

#include "cli/cli_args.h"
#include "fuzz_support.h"

namespace {

std::vector<std::string> splitLines(std::string_view text) {
    std::vector<std::string> args;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        args.emplace_back(text.substr(start, end - start));
        start = end + 1;
    }
    return args;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const bool sweep = (data[0] & 1U) != 0;  // first byte picks `run` or `sweep`
    const auto args = splitLines(sb::fuzz::asText(data + 1, size - 1));
    const auto options = sb::app::parseRunOptions(args, sweep);
    if (!options) {
        sb::fuzz::require(!options.error().text().empty(), "a refusal says why");
        return 0;
    }
    const auto& registry = sb::fuzz::registry();
    for (const auto& id : registry.ids()) {
        const auto* topic = registry.find(id);
        for (const auto& [name, text] : options->params) {
            auto value = topic->params.parse(name, text);
            if (value) sb::fuzz::require(topic->params.check(name, *value).ok(), "parsed is valid");
        }
    }
    return 0;
}
