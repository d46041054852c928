#include "robustness_mutate.h"

#include <vector>

namespace sb::robust {

namespace {

using nlohmann::json;

// Every value in the document, by address, so one can be picked at random.
void collect(json& j, std::vector<json*>& out) {
    out.push_back(&j);
    if (j.is_object() || j.is_array())
        for (auto& child : j) collect(child, out);
}

json* pick(json& doc, Rng& rng, bool (*want)(const json&)) {
    std::vector<json*> all;
    collect(doc, all);
    std::vector<json*> fit;
    for (json* j : all)
        if (want(*j)) fit.push_back(j);
    return fit.empty() ? nullptr : fit[rng.below(fit.size())];
}

bool any(const json&) { return true; }
bool number(const json& j) { return j.is_number(); }
bool string(const json& j) { return j.is_string(); }
bool container(const json& j) { return j.is_object() || j.is_array(); }

// The fields whose size is simulated time or events: where "a day" or "forever" hides.
void extremeTime(json& j, Rng& rng) {
    static const char* kKeys[] = {"after_ms", "time_ms", "at_ms", "position", "maxEvents", "events",
                                  "latency_max_ms", "heartbeat_ms", "op_timeout_ms", "client_rate", "keys"};
    static const double kValues[] = {86400000, 1e12, 4294967295, 1e15, 2000, 1e308, -1, 0.000001};
    std::vector<json*> all;
    collect(j, all);
    std::vector<json*> objects;
    for (json* v : all)
        if (v->is_object()) objects.push_back(v);
    if (objects.empty()) return;
    json& o = *objects[rng.below(objects.size())];
    const char* key = kKeys[rng.below(std::size(kKeys))];
    const double value = kValues[rng.below(std::size(kValues))];
    if (value >= 0 && value < 1e16 && value == static_cast<double>(static_cast<std::uint64_t>(value)))
        o[key] = static_cast<std::uint64_t>(value);
    else
        o[key] = value;
}

void manyActions(json& doc, Rng& rng) {
    json actions = json::array();
    const std::size_t n = 200 + rng.below(3000);
    for (std::size_t i = 0; i < n; ++i) {
        json a = i % 2 == 0 ? json{{"do", "crash"}, {"node", "n1"}} : json{{"do", "restart"}, {"node", "n1"}};
        a["at_ms"] = static_cast<double>(i) * 0.003;
        actions.push_back(a);
    }
    if (doc.is_object() && doc.contains("scenario") && doc["scenario"].is_object()) doc["scenario"]["actions"] = actions;
    else if (doc.is_object()) doc["actions"] = actions;
}

}  // namespace

const char* mutationName(Mutation m) {
    static const char* kNames[] = {"byte flip", "truncation", "huge number", "deep nesting", "long string",
                                   "wrong type", "extreme time", "many actions"};
    return kNames[static_cast<int>(m)];
}

std::string mutate(const std::string& base, Mutation kind, Rng& rng) {
    if (kind == Mutation::ByteFlip) {
        std::string s = base;
        const std::size_t flips = 1 + rng.below(4);
        for (std::size_t i = 0; i < flips && !s.empty(); ++i)
            s[rng.below(s.size())] = static_cast<char>(rng.next() & 0xFF);
        return s;
    }
    if (kind == Mutation::Truncate) return base.substr(0, rng.below(base.size()));
    json doc = json::parse(base, nullptr, false);
    if (doc.is_discarded()) return base;
    if (kind == Mutation::HugeNumber) {
        // Written as text: nlohmann cannot hold 1e309, which is the point.
        static const char* kHuge[] = {"1e309", "-1e309", "123456789012345678901234567890", "1e-400", "18446744073709551616"};
        const std::string marker = "\"__HUGE__\"";
        if (json* n = pick(doc, rng, number)) *n = "__HUGE__";
        else return base;
        std::string s = doc.dump();
        s.replace(s.find(marker), marker.size(), kHuge[rng.below(std::size(kHuge))]);
        return s;
    }
    if (kind == Mutation::DeepNesting) {
        json* at = pick(doc, rng, any);
        json nested = *at;
        const std::size_t depth = 20 + rng.below(200);
        for (std::size_t i = 0; i < depth; ++i) nested = json::array({nested});
        *at = nested;
    } else if (kind == Mutation::LongString) {
        json* at = pick(doc, rng, rng.below(2) ? string : any);
        *at = std::string(5000 + rng.below(200000), static_cast<char>('a' + rng.below(26)));
    } else if (kind == Mutation::WrongType) {
        static const json kOthers[] = {json(), json(true), json(-7), json(3.5), json("x"), json::array(), json::object()};
        json* at = pick(doc, rng, rng.below(3) ? container : any);
        *at = kOthers[rng.below(std::size(kOthers))];
    } else if (kind == Mutation::ExtremeTime) {
        extremeTime(doc, rng);
    } else if (kind == Mutation::ManyActions) {
        manyActions(doc, rng);
    }
    return doc.dump(rng.below(2) ? 2 : -1);
}

}  // namespace sb::robust
