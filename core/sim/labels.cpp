#include "sim/labels.h"

#include <algorithm>
#include <array>
#include <utility>

namespace sb::core {
namespace {

// Words that read wrongly when only their first letter is raised, or are shortened in ids.
constexpr std::array<std::pair<std::string_view, std::string_view>, 20> kWords{{
    {"ok", "OK"},
    {"ryw", "read-your-writes"},
    {"lww", "LWW"},
    {"ap", "AP"},
    {"cp", "CP"},
    {"id", "ID"},
    {"rpc", "RPC"},
    {"ttl", "TTL"},
    {"noop", "no-op"},
    {"prevote", "pre-vote"},
    {"vnodes", "virtual nodes"},
    {"msg", "message"},
    {"min", "minimum"},
    {"max", "maximum"},
    {"stddev", "standard deviation"},
    {"wfr", "writes-follow-reads"},
    {"db", "database"},
    {"qps", "queries per second"},
    {"comp", "compensation"},
    {"qty", "quantity"},
}};

// Whole ids of the shared vocabulary whose rule-made label would read badly.
constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kLabels{{
    {"by_ms", "Delay by (ms)"},
    {"at_ms", "At (ms)"},
    {"msg", "Message"},
    {"set", "Set a parameter"},
    {"cut", "Cut a link one way"},       // "Cut" alone reads as the Edit menu's
    {"uncut", "Restore a cut link"},     // "Uncut" is not a word
}};

void raiseFirst(std::string& text) {
    if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
}

std::string word(std::string_view w) {
    for (const auto& [id, text] : kWords)
        if (w == id) return std::string(text);
    return std::string(w);
}

std::string fromParts(std::string_view head) {
    std::string out;
    std::string unit;
    std::size_t start = 0;
    while (start <= head.size()) {
        std::size_t end = head.find('_', start);
        if (end == std::string_view::npos) end = head.size();
        const std::string_view w = head.substr(start, end - start);
        const bool last = end == head.size();
        if (last && w == "ms" && !out.empty()) {
            unit = " (ms)";
        } else if (!w.empty()) {
            if (!out.empty()) out += ' ';
            out += word(w);
        }
        start = end + 1;
    }
    raiseFirst(out);
    return out + unit;
}

}  // namespace

std::string humanize(std::string_view id) {
    for (const auto& [known, text] : kLabels)
        if (id == known) return std::string(text);
    const std::size_t dot = id.find('.');
    std::string out = fromParts(id.substr(0, dot));
    if (dot == std::string_view::npos) return out;
    // The rest names what the value is for: a node, a key, or both ("keys.n1", "load.n2.x").
    std::string rest;
    for (char c : id.substr(dot + 1)) {
        if (c == '.') rest += ", ";
        else rest += c;
    }
    // One pair of brackets: "lag_ms.r2" -> "Lag (r2, ms)", not "Lag (ms) (r2)".
    constexpr std::string_view kMs = " (ms)";
    if (out.size() > kMs.size() && out.compare(out.size() - kMs.size(), kMs.size(), kMs) == 0)
        return out.substr(0, out.size() - kMs.size()) + " (" + rest + ", ms)";
    return out + " (" + rest + ")";
}

std::string labelOf(const ActionSpec& spec) {
    return spec.label.empty() ? humanize(spec.kind) : spec.label;
}
std::string labelOf(const ArgSpec& spec) { return humanize(spec.name); }
std::string labelOf(const ParamSpec& spec) { return humanize(spec.name); }
std::string labelOf(const ProbeSpec& spec) {
    std::string out = probeLabel(&spec, spec.name, spec.perNode ? "a node" : "", spec.perKey ? "a key" : "");
    raiseFirst(out);
    return out;
}

namespace {

// Puts `value` where `place` is; false when the text has no such place.
bool fill(std::string& text, std::string_view place, std::string_view value) {
    const std::size_t at = text.find(place);
    if (at == std::string::npos) return false;
    text.replace(at, place.size(), value);
    return true;
}

}  // namespace

std::string probeLabel(const ProbeSpec* spec, std::string_view probe, std::string_view node,
                       std::string_view key) {
    std::string out = spec && !spec->label.empty() ? spec->label : humanize(probe);
    std::string rest;
    if (!node.empty() && !fill(out, "{node}", node)) rest = node;
    if (!key.empty() && !fill(out, "{key}", key)) rest += (rest.empty() ? "" : ", ") + std::string(key);
    // A place left without its argument (a malformed claim) reads as the argument's kind.
    fill(out, "{node}", "a node");
    fill(out, "{key}", "a key");
    return rest.empty() ? out : out + " (" + rest + ")";
}
std::string labelOf(const Metric& metric) { return humanize(metric.name); }

std::string valueLabel(const ParamSpec& spec, double value) {
    switch (spec.type) {
        case ParamType::Bool: return value != 0 ? "on" : "off";
        case ParamType::Choice:
            if (value >= 0 && value < static_cast<double>(spec.choices.size()))
                return humanize(spec.choices[static_cast<std::size_t>(value)]);
            break;
        case ParamType::Int:
        case ParamType::Real: break;
    }
    std::string text = std::to_string(value);
    if (spec.type == ParamType::Int) text = std::to_string(static_cast<long long>(value));
    else while (text.size() > 1 && text.back() == '0' && text[text.size() - 2] != '.') text.pop_back();
    return spec.unit.empty() ? text : text + " " + spec.unit;
}

namespace {

bool endsWith(std::string_view s, std::string_view tail) {
    return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

// Positions on a scale of their own (not counts, not to share an axis with counts).
constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kScales{{
    {"term", "term"},
    {"max_term", "term"},
    {"last_log_term", "term"},
    {"epoch", "epoch"},
    {"leader", "node number"},
}};

std::string unitOf(std::string_view base, const TopicInfo& info) {
    for (const auto& [id, unit] : kScales)
        if (base == id) return std::string(unit);
    if (endsWith(base, "_index")) return "log index";
    if (const ParamSpec* p = info.params.find(std::string(base)); p && !p->unit.empty() && p->unit != "ms")
        return p->unit;
    if (endsWith(base, "_ms")) return "ms";
    if (endsWith(base, "_per_second") || endsWith(base, "_qps") || base == "db_qps") return "per second";
    for (std::string_view tail : {"_ratio", "_rate", "_share", "_fraction"})
        if (endsWith(base, tail)) return "0-1";
    if (base.substr(0, 13) == "availability_") return "0-1";
    return {};
}

// Metrics that several topics report under the same id and that no topic declares as a probe.
constexpr std::array<std::pair<std::string_view, std::string_view>, 3> kSharedMetrics{{
    {"in_flight", "Messages sent and not yet delivered or lost"},
    {"messages_per_second", "Messages sent per simulated second, averaged since the start"},
    {"violations", "Invariant violations found so far"},
}};

std::string axisFor(const std::string& unit) {
    if (unit == "ms") return "time (ms)";
    if (unit == "per second") return "rate (per second)";
    if (unit == "0-1") return "share (0-1)";
    if (unit.empty()) return "count";
    return unit;
}

bool containsWord(std::string text, const std::string& word) {
    for (char& c : text)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return text.find(word) != std::string::npos;
}

}  // namespace

MetricText describeMetric(const TopicInfo& info, std::string_view name) {
    const std::string_view base = name.substr(0, name.find('.'));
    MetricText out{humanize(name), unitOf(base, info), {}, humanize(base), {}};
    out.axis = axisFor(out.unit);
    // humanize() already writes "(ms)"; other units go after the label the same way, unless the
    // label already names them ("Term" is in terms, "Keys" in keys).
    const bool scale = std::any_of(kScales.begin(), kScales.end(), [&](const auto& s) { return s.second == out.unit; }) ||
                       out.unit == "log index";
    if (!out.unit.empty() && out.unit != "ms" && !scale && !containsWord(out.label, out.unit)) {
        const std::string tag = " (" + out.unit + ")";
        for (std::string* text : {&out.label, &out.quantity}) {
            const std::size_t paren = text->find(" (");
            if (paren == std::string::npos) *text += tag;
            else text->insert(paren, tag);
        }
    }
    if (const ProbeSpec* p = info.findProbe(base)) out.description = p->description;
    for (const auto& [id, text] : kSharedMetrics)
        if (out.description.empty() && base == id) out.description = std::string(text);
    return out;
}

std::string countOf(long long n, std::string_view singular, std::string_view plural) {
    return std::to_string(n) + " " + std::string(n == 1 ? singular : plural);
}

}  // namespace sb::core
