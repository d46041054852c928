#pragma once

#include <string>
#include <string_view>

#include "quiz/progress.h"
#include "sim/result.h"

namespace sb::core::quiz {

// The progress file format. Version history:
//   1  first version: {"format": "splitbrain-progress", "version": 1, "saveCount": N,
//      "items": {"<id>": {"topic", "lesson", "kind", "state": {...}, "history": [...]}}}
//   2  FSRS: each state adds "stability" and "difficulty"; the root adds "settings"
//      {"scheduler": "fsrs"|"sm2", "desiredRetention", "interview": {"day", "topics", "target"}}
//      (interview optional). A version-1 file is read and migrated: FSRS memory rebuilt from
//      each item's review log (rebuildMemory), every review and due day kept, scheduler FSRS.
// A reader refuses any version above kProgressVersion: fields it does not know could matter.
inline constexpr int kProgressVersion = 2;
inline constexpr std::string_view kProgressFormat = "splitbrain-progress";

// Serialises to compact, deterministic JSON text (keys sorted, one item per line so a diff
// of two saves is readable and the file stays small).
std::string progressToJson(const Progress& progress);

// Why a parse failed: the text is broken or wrong, or it is a newer version we must not touch.
enum class ParseFailure { Corrupt, NewerVersion };
struct ProgressParseError {
    ParseFailure kind = ParseFailure::Corrupt;
    Error error;  // message and where (file:line:col for syntax, JSON pointer for content)
};

// Parses and validates everything: types, ranges (no negative intervals, ease within SM-2's
// bounds, FSRS stability 0..36500 and difficulty 0 or 1..10, known grades/kinds/modes), and the version. `file` names the source in errors.
struct ProgressParse {
    std::optional<Progress> progress;
    int version = 0;  // the version the text was written in (1 means it was migrated)
    ProgressParseError failure;
    bool ok() const { return progress.has_value(); }
};
ProgressParse progressFromJson(std::string_view text, const std::string& file,
                               std::size_t maxBytes);

}  // namespace sb::core::quiz
