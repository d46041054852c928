#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lesson/lesson.h"
#include "sim/json_io.h"
#include "sim/registry.h"
#include "sim/result.h"

namespace sb::core {

// Limits for lesson files, which may come from the user's folder or a stranger.
struct LessonLimits {
    std::size_t maxBytes = std::size_t{2} * 1024 * 1024;
    int maxDepth = 32;
    std::size_t maxErrors = 50;  // stop collecting after this many
};

// The outcome of loading one lesson: the lesson, or every problem found. Errors are
// core::Error values whose `where` is "file:line:col" (syntax) or "file:/json/pointer" (schema
// and meaning). Loading never throws and never crashes on hostile input.
struct LessonLoad {
    std::optional<Lesson> lesson;
    std::vector<Error> errors;

    bool ok() const { return lesson.has_value() && errors.empty(); }
    // All errors, one per line, each as Error::text().
    std::string text() const;
};

// Reads, parses, validates against the schema, then checks the meaning against `registry`.
LessonLoad loadLessonFile(const std::string& path, const TopicRegistry& registry,
                          const LessonLimits& limits = {});
// Same for text already in memory; `file` is only used in error locations.
LessonLoad loadLessonText(std::string_view text, const std::string& file,
                          const TopicRegistry& registry, const LessonLimits& limits = {});
// Schema validation and semantic checks of an already parsed document.
LessonLoad lessonFromJson(const nlohmann::json& doc, const std::string& file,
                          const TopicRegistry& registry);

// Schema validation alone: one error per violation, `where` = "file:/pointer".
std::vector<Error> validateLessonSchema(const nlohmann::json& doc, const std::string& file);

// The schema text compiled into the binary (lessons/schema/lesson.schema.json at build time).
std::string_view lessonSchemaText();

}  // namespace sb::core
