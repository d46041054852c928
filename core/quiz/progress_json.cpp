#include "quiz/progress_json.h"

#include <limits>
#include <nlohmann/json.hpp>

#include "sim/json_io.h"
#include "sim/message_text.h"

namespace sb::core::quiz {

using nlohmann::json;

namespace {

json stateToJson(const SchedulerState& s) {
    return json{{"reps", s.reps},         {"lapses", s.lapses}, {"ease", s.ease},
                {"interval", s.interval}, {"due", s.due},       {"lastReview", s.lastReview},
                {"reviews", s.reviews},   {"stability", s.stability}, {"difficulty", s.difficulty}};
}

json settingsToJson(const Progress& p) {
    json out{{"scheduler", algorithmName(p.settings.algorithm)},
             {"desiredRetention", p.settings.desiredRetention}};
    if (p.interview.day) {
        out["interview"] = json{{"day", *p.interview.day},
                                {"topics", p.interview.topics},
                                {"target", p.interview.target}};
    }
    return out;
}

json itemToJson(const ItemProgress& item) {
    json history = json::array();
    for (const ReviewRecord& r : item.history) {
        json h{{"t", r.time}, {"grade", gradeName(r.grade)}, {"mode", reviewModeName(r.mode)}};
        if (!r.scheduled) h["redrill"] = true;
        history.push_back(std::move(h));
    }
    return json{{"topic", item.topic},
                {"lesson", item.lesson},
                {"kind", itemKindName(item.kind)},
                {"state", stateToJson(item.state)},
                {"history", std::move(history)}};
}

std::string pointerToken(const std::string& key) {
    std::string out;
    for (const char c : key) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

// Validation helpers: each returns an error naming the JSON pointer of the bad value.
class Checker {
public:
    explicit Checker(std::string file) : m_file(std::move(file)) {}

    std::optional<Error> error;

    const json* member(const json& obj, const char* key, const std::string& at) {
        if (error) return nullptr;
        if (!obj.is_object()) return fail("expected an object", at);
        const auto it = obj.find(key);
        if (it == obj.end()) return fail(std::string("missing field \"") + key + "\"", at);
        return &*it;
    }

    std::int64_t integer(const json& obj, const char* key, const std::string& at, std::int64_t lo,
                         std::int64_t hi) {
        const json* v = member(obj, key, at);
        if (v == nullptr) return 0;
        const std::string where = at + "/" + key;
        if (!v->is_number_integer()) return fail(std::string("expected a whole number"), where), 0;
        if (v->is_number_unsigned() && v->get<std::uint64_t>() > static_cast<std::uint64_t>(hi))
            return fail("value out of range", where), 0;
        const std::int64_t x = v->is_number_unsigned()
                                   ? static_cast<std::int64_t>(v->get<std::uint64_t>())
                                   : v->get<std::int64_t>();
        if (x < lo || x > hi) {
            fail("value " + std::to_string(x) + " is outside " + std::to_string(lo) + ".." +
                     std::to_string(hi),
                 where);
            return 0;
        }
        return x;
    }

    double number(const json& obj, const char* key, const std::string& at, double lo, double hi) {
        const json* v = member(obj, key, at);
        if (v == nullptr) return 0.0;
        const std::string where = at + "/" + key;
        if (!v->is_number()) return fail("expected a number", where), 0.0;
        const double x = v->get<double>();
        if (!(x >= lo && x <= hi)) {
            fail("value " + v->dump() + " is outside " + json(lo).dump() + ".." + json(hi).dump(),
                 where);
            return 0.0;
        }
        return x;
    }

    std::string text(const json& obj, const char* key, const std::string& at) {
        const json* v = member(obj, key, at);
        if (v == nullptr) return {};
        if (!v->is_string()) return fail("expected a string", at + "/" + key), std::string{};
        return v->get<std::string>();
    }

    template <class F>
    auto named(const json& obj, const char* key, const std::string& at, F fromName)
        -> decltype(fromName(std::string_view{})) {
        const std::string s = text(obj, key, at);
        if (error) return std::nullopt;
        auto v = fromName(s);
        if (!v) fail("unknown value \"" + excerpt(s) + "\"", at + "/" + key);
        return v;
    }

    std::nullptr_t fail(std::string message, const std::string& at) {
        if (!error)
            error = makeError(std::move(message), m_file + " at " + (at.empty() ? "/" : at));
        return nullptr;
    }

private:
    std::string m_file;
};

constexpr std::int64_t kIntMax = std::numeric_limits<int>::max();
constexpr std::int64_t kTimeMax = std::int64_t{1} << 40;  // ~35,000 years of seconds

SchedulerState parseState(Checker& c, const json& j, const std::string& at, int version) {
    SchedulerState s;
    s.reps = static_cast<int>(c.integer(j, "reps", at, 0, kIntMax));
    s.lapses = static_cast<int>(c.integer(j, "lapses", at, 0, kIntMax));
    s.ease = static_cast<int>(c.integer(j, "ease", at, kMinimumEase, 1000000));
    s.interval = static_cast<int>(c.integer(j, "interval", at, 0, 36500));
    s.due = c.integer(j, "due", at, 0, kTimeMax / 86400);
    s.lastReview = c.integer(j, "lastReview", at, 0, kTimeMax);
    s.reviews = static_cast<int>(c.integer(j, "reviews", at, 0, kIntMax));
    if (version >= 2) {
        s.stability = c.number(j, "stability", at, 0.0, 36500.0);
        s.difficulty = c.number(j, "difficulty", at, 0.0, 10.0);
        if (!c.error && s.difficulty > 0.0 && s.difficulty < 1.0)
            c.fail("difficulty must be 0 (never reviewed) or 1..10", at + "/difficulty");
    }
    return s;
}

ItemProgress parseItem(Checker& c, const json& j, const std::string& at, int version) {
    ItemProgress item;
    item.topic = c.text(j, "topic", at);
    item.lesson = c.text(j, "lesson", at);
    item.kind = c.named(j, "kind", at, itemKindFromName).value_or(ItemKind::Card);
    if (const json* s = c.member(j, "state", at)) item.state = parseState(c, *s, at + "/state", version);
    const json* h = c.member(j, "history", at);
    if (h == nullptr) return item;
    if (!h->is_array()) return c.fail("expected an array", at + "/history"), item;
    for (std::size_t i = 0; i < h->size() && !c.error; ++i) {
        const json& e = (*h)[i];
        const std::string eat = at + "/history/" + std::to_string(i);
        ReviewRecord r;
        r.time = c.integer(e, "t", eat, 0, kTimeMax);
        r.grade = c.named(e, "grade", eat, gradeFromName).value_or(Grade::Good);
        r.mode = c.named(e, "mode", eat, reviewModeFromName).value_or(ReviewMode::Recall);
        if (e.is_object() && e.contains("redrill")) {
            if (!e["redrill"].is_boolean())
                c.fail("expected true or false", eat + "/redrill");
            else
                r.scheduled = !e["redrill"].get<bool>();
        }
        item.history.push_back(r);
    }
    return item;
}

void parseSettings(Checker& c, const json& root, Progress& p) {
    const json* s = c.member(root, "settings", "");
    if (s == nullptr) return;
    p.settings.algorithm =
        c.named(*s, "scheduler", "/settings", algorithmFromName).value_or(Algorithm::Fsrs);
    p.settings.desiredRetention =
        c.number(*s, "desiredRetention", "/settings", kMinRetention, kMaxRetention);
    if (c.error || !s->contains("interview")) return;
    const json& i = (*s)["interview"];
    const std::string at = "/settings/interview";
    p.interview.day = c.integer(i, "day", at, 0, kTimeMax / 86400);
    p.interview.target = c.number(i, "target", at, kMinRetention, kMaxRetention);
    const json* topics = c.member(i, "topics", at);
    if (topics == nullptr) return;
    if (!topics->is_array()) return (void)c.fail("expected an array", at + "/topics");
    for (std::size_t k = 0; k < topics->size(); ++k) {
        if (!(*topics)[k].is_string())
            return (void)c.fail("expected a string", at + "/topics/" + std::to_string(k));
        p.interview.topics.push_back((*topics)[k].get<std::string>());
    }
}

}  // namespace

std::string progressToJson(const Progress& progress) {
    std::string out = R"({"format":")";
    out += kProgressFormat;
    out += R"(","version":)" + std::to_string(kProgressVersion) +
           ",\"saveCount\":" + std::to_string(progress.saveCount) +
           ",\"settings\":" + settingsToJson(progress).dump() + ",\"items\":{";
    bool first = true;
    for (const auto& [id, item] : progress.items()) {
        out += first ? "\n" : ",\n";
        first = false;
        appendJsonString(out, id);
        out += ':';
        out += itemToJson(item).dump();
    }
    out += "\n}}\n";
    return out;
}

ProgressParse progressFromJson(std::string_view text, const std::string& file,
                               std::size_t maxBytes) {
    ProgressParse out;
    auto parsed = parseJsonText(text, file, JsonLimits{maxBytes, 16});
    if (!parsed) {
        out.failure = {ParseFailure::Corrupt, parsed.error()};
        return out;
    }
    const json& root = *parsed;
    Checker c(file);
    if (c.text(root, "format", "") != kProgressFormat && !c.error)
        c.fail("not a Splitbrain progress file", "/format");
    const std::int64_t version = c.integer(root, "version", "", 1, kIntMax);
    if (!c.error && version > kProgressVersion) {
        out.failure = {
            ParseFailure::NewerVersion,
            makeError("written by a newer Splitbrain (progress format " + std::to_string(version) +
                          "; this version reads up to " + std::to_string(kProgressVersion) + ")",
                      file)};
        return out;
    }
    Progress p;
    p.saveCount = static_cast<std::uint64_t>(c.integer(root, "saveCount", "", 0, kTimeMax));
    const int v = static_cast<int>(version);
    if (v >= 2) parseSettings(c, root, p);
    const json* items = c.member(root, "items", "");
    if (items != nullptr && !items->is_object()) c.fail("expected an object", "/items");
    if (items != nullptr && !c.error) {
        for (const auto& [id, j] : items->items()) {
            if (id.empty()) c.fail("an item id is empty", "/items");
            ItemProgress item = parseItem(c, j, "/items/" + pointerToken(id), v);
            if (c.error) break;
            p.put(id, std::move(item));
        }
    }
    if (c.error) {
        out.failure = {ParseFailure::Corrupt, *c.error};
        return out;
    }
    if (v < 2) rebuildMemory(p);  // settings stay at their defaults: FSRS, 0.9
    out.version = v;
    out.progress = std::move(p);
    return out;
}

}  // namespace sb::core::quiz
