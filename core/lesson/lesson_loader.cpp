#include "lesson/lesson_loader.h"

#include <cmath>
#include <cstdint>

#include "lesson/lesson_parse.h"
#include "lesson/lesson_schema_check.h"

namespace sb::core {

std::string LessonLoad::text() const {
    std::string s;
    for (const auto& e : errors) s += e.text() + "\n";
    return s;
}

namespace {

// Error messages may quote the offending bytes; keep them valid UTF-8 for every display.
std::string cleanUtf8(const std::string& s) {
    nlohmann::json j = s;
    std::string dumped = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    nlohmann::json back = nlohmann::json::parse(dumped, nullptr, false);
    return back.is_string() ? back.get<std::string>() : std::string("(unreadable text)");
}

// Refuses a newer format before the schema runs, so the message is about the version and not
// about whichever new field the schema happens to trip on first.
std::optional<Error> checkVersion(const nlohmann::json& doc, const std::string& file) {
    if (!doc.is_object()) return Error{"a lesson must be a JSON object", file + ":/"};
    auto it = doc.find("schemaVersion");
    if (it == doc.end() || !it->is_number()) return std::nullopt;  // the schema says what is wrong
    const double v = it->get<double>();
    if (v > kLessonSchemaVersion) {
        return Error{"this lesson uses schemaVersion " + it->dump() +
                         ", newer than this Splitbrain understands (" +
                         std::to_string(kLessonSchemaVersion) + "); please update Splitbrain",
                     file + ":/schemaVersion"};
    }
    return std::nullopt;
}

// JSON Schema (draft 7) counts 2.0 and 1e0 as integers, and editors validating against our schema
// accept them, so the app must too: a whole-valued number becomes an integer before the schema
// and the parser see it. Only values that a double holds exactly are converted.
void wholeNumbersAsIntegers(nlohmann::json& j) {
    if (j.is_number_float()) {
        const double d = j.get<double>();
        if (!std::isfinite(d) || std::trunc(d) != d || std::fabs(d) > 9.0e15) return;
        // The same kinds nlohmann's parser gives "2" and "-2": unsigned when not negative.
        if (d >= 0) j = static_cast<std::uint64_t>(d);
        else j = static_cast<std::int64_t>(d);
        return;
    }
    if (j.is_structured())
        for (auto& child : j) wholeNumbersAsIntegers(child);
}

}  // namespace

std::vector<Error> validateLessonSchema(const nlohmann::json& doc, const std::string& file) {
    return lesson_detail::schemaErrors(doc, file);
}

LessonLoad lessonFromJson(const nlohmann::json& original, const std::string& file,
                          const TopicRegistry& registry) {
    nlohmann::json doc = original;
    wholeNumbersAsIntegers(doc);
    LessonLoad load;
    if (auto version = checkVersion(doc, file)) {
        load.errors.push_back(*version);
        return load;
    }
    load.errors = validateLessonSchema(doc, file);
    if (!load.errors.empty()) return load;
    try {
        lesson_detail::Problems problems(file, load.errors, LessonLimits{}.maxErrors);
        Lesson lesson = lesson_detail::parseLesson(doc, registry, problems);
        if (load.errors.empty()) load.lesson = std::move(lesson);
    } catch (const std::exception& e) {
        // The schema has vetted every type, so this is a bug; still, never let it escape.
        load.errors.push_back(Error{std::string("internal error while reading the lesson: ") + e.what(), file});
    }
    return load;
}

LessonLoad loadLessonText(std::string_view text, const std::string& file,
                          const TopicRegistry& registry, const LessonLimits& limits) {
    auto doc = parseJsonText(text, file, JsonLimits{limits.maxBytes, limits.maxDepth});
    if (!doc) return LessonLoad{std::nullopt, {Error{cleanUtf8(doc.error().message), doc.error().where}}};
    LessonLoad load = lessonFromJson(doc.value(), file, registry);
    if (load.errors.size() > limits.maxErrors) load.errors.resize(limits.maxErrors);
    return load;
}

LessonLoad loadLessonFile(const std::string& path, const TopicRegistry& registry,
                          const LessonLimits& limits) {
    auto text = readTextFile(path, limits.maxBytes);
    if (!text) return LessonLoad{std::nullopt, {text.error()}};
    return loadLessonText(text.value(), path, registry, limits);
}

}  // namespace sb::core
