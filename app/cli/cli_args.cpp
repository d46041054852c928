#include "cli/cli_args.h"

#include <charconv>
#include <cmath>

namespace sb::app {
namespace {

template <class T>
std::optional<T> parseNumber(const std::string& text) {
    T value{};
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || ptr != text.data() + text.size() || text.empty()) return std::nullopt;
    return value;
}

}  // namespace

core::Result<RunOptions> parseRunOptions(const std::vector<std::string>& args, bool sweep) {
    using core::makeError;
    RunOptions o;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&]() -> std::optional<std::string> {
            if (i + 1 >= args.size()) return std::nullopt;
            return args[++i];
        };
        if (a.rfind("--", 0) != 0) {
            if (!o.scenarioPath.empty()) return makeError("unexpected argument '" + a + "'", a);
            o.scenarioPath = a;
            continue;
        }
        if (a == "--quiet") {
            o.quiet = true;
            continue;
        }
        auto v = value();
        if (!v) return makeError("needs a value", a);
        if (a == "--seed" && !sweep) {
            o.seed = parseNumber<std::uint64_t>(*v);
            if (!o.seed) return makeError("expected a non-negative whole number, got '" + *v + "'", a);
        } else if (a == "--until-ms") {
            auto ms = parseNumber<double>(*v);
            if (!ms || !std::isfinite(*ms) || *ms < 0 || *ms > 1e12)
                return makeError("expected a time in milliseconds, got '" + *v + "'", a);
            o.untilUs = static_cast<core::Time>(std::llround(*ms * 1000.0));
        } else if (a == "--events") {
            o.maxEvents = parseNumber<std::uint64_t>(*v);
            if (!o.maxEvents || *o.maxEvents == 0)
                return makeError("expected a positive whole number, got '" + *v + "'", a);
        } else if (a == "--trace" && !sweep) {
            o.tracePath = *v;
        } else if (a == "--param") {
            const auto eq = v->find('=');
            if (eq == std::string::npos || eq == 0)
                return makeError("expected name=value, got '" + *v + "'", a);
            o.params.emplace_back(v->substr(0, eq), v->substr(eq + 1));
        } else if (a == "--seeds" && sweep) {
            const auto dots = v->find("..");
            auto first = parseNumber<std::uint64_t>(v->substr(0, dots));
            auto last = dots == std::string::npos ? std::nullopt
                                                  : parseNumber<std::uint64_t>(v->substr(dots + 2));
            if (!first || !last || *last < *first)
                return makeError("expected a seed range A..B with A <= B, got '" + *v + "'", a);
            if (*last - *first >= 10'000'000)
                return makeError("at most 10,000,000 seeds per sweep", a);
            o.seedFirst = *first;
            o.seedLast = *last;
            o.hasSeedRange = true;
        } else if (a == "--metric" && sweep) {
            o.metrics.push_back(*v);
        } else {
            return makeError("unknown option (see --help)", a);
        }
    }
    if (o.scenarioPath.empty()) return makeError("needs a scenario file", sweep ? "sweep" : "run");
    if (sweep && !o.hasSeedRange) return makeError("needs --seeds A..B", "sweep");
    return o;
}

}  // namespace sb::app
