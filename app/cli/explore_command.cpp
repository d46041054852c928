// `splitbrain-sim explore SCENARIO.json [--size N] [--max-states N] [--param NAME=VALUE]`:
// breadth-first search of every interleaving of a small configuration (see sim/explore.h).
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>

#include "cli/cli.h"
#include "cli/cli_args.h"
#include "cli/cli_commands.h"
#include "sim/explore.h"

namespace sb::app {
namespace {

core::Result<std::uint64_t> number(const std::vector<std::string>& args, std::size_t& i, const std::string& flag) {
    if (i + 1 >= args.size()) return core::makeError("needs a number", flag);
    const std::string& text = args[++i];
    if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos || text.size() > 12)
        return core::makeError("'" + text + "' is not a whole number", flag);
    return std::stoull(text);
}

}  // namespace

int cmdExplore(const core::TopicRegistry& registry, const std::vector<std::string>& args, std::ostream& out,
               std::ostream& err) {
    RunOptions o;
    std::uint64_t size = 3, maxStates = 5'000'000;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        core::Result<std::uint64_t> n = std::uint64_t{0};
        if (a == "--size" || a == "--max-states") {
            n = number(args, i, a);
            if (!n) return err << "splitbrain-sim: " << n.error().text() << "\n", kExitBadInput;
            (a == "--size" ? size : maxStates) = n.value();
        } else if (a == "--param" && i + 1 < args.size()) {
            const std::string& kv = args[++i];
            const auto eq = kv.find('=');
            if (eq == std::string::npos) return err << "splitbrain-sim: --param needs NAME=VALUE\n", kExitBadInput;
            o.params.emplace_back(kv.substr(0, eq), kv.substr(eq + 1));
        } else if (!a.empty() && a[0] != '-' && o.scenarioPath.empty()) {
            o.scenarioPath = a;
        } else {
            return err << "splitbrain-sim: explore: unexpected argument '" << a << "'\n", kExitBadInput;
        }
    }
    if (o.scenarioPath.empty()) return err << "splitbrain-sim: explore needs a scenario file\n", kExitBadInput;
    auto sc = prepareScenario(registry, o);
    if (!sc) return err << "splitbrain-sim: " << sc.error().text() << "\n", kExitBadInput;
    const core::TopicInfo& info = *registry.find(sc->topic);
    std::optional<core::ExploreSupport> support;
    for (auto& s : core::builtinExploreSupport())
        if (s.topic == sc->topic) support = std::move(s);
    if (!support)
        return err << "splitbrain-sim: topic '" << sc->topic << "' does not support explore\n", kExitBadInput;
    auto params = info.params.complete(sc->params);
    if (!params) return err << "splitbrain-sim: " << params.error().text() << "\n", kExitBadInput;
    auto space = support->build(params.value(), static_cast<int>(std::min<std::uint64_t>(size, 1000)));
    if (!space) return err << "splitbrain-sim: " << space.error().text() << "\n", kExitBadInput;
    const core::ExploreResult r = core::explore(*space.value(), static_cast<std::size_t>(maxStates));
    nlohmann::ordered_json j;
    j["topic"] = sc->topic;
    j["size"] = size;
    j["size_counts"] = support->sizeMeaning;
    j["states"] = r.states;
    j["transitions"] = r.transitions;
    j["depth"] = r.depth;
    j["complete"] = r.complete;
    if (r.invariant.empty()) {
        j["violation"] = nullptr;
        j["verdict"] = r.complete ? "ok" : "unknown (stopped at --max-states)";
    } else {
        nlohmann::ordered_json trace = nlohmann::ordered_json::array();
        for (std::size_t k = 0; k < r.path.size(); ++k)
            trace.push_back({{"action", k == 0 ? "init" : r.actions[k - 1]}, {"state", space.value()->describe(r.path[k])}});
        j["violation"] = {{"invariant", r.invariant}, {"steps", r.actions.size()}, {"trace", trace}};
        j["verdict"] = "violated";
    }
    out << j.dump(2) << "\n";
    return r.invariant.empty() ? kExitOk : kExitViolation;
}

}  // namespace sb::app
