#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "sim/result.h"

namespace sb::core {

// Limits for files a user or a stranger hands us (lessons, scenarios, progress).
struct JsonLimits {
    std::size_t maxBytes = std::size_t{4} * 1024 * 1024;
    int maxDepth = 64;
};

// Parses JSON text. Errors name `file` and a line:column, and say what was expected. Rejects
// invalid UTF-8, files over the size limit, and nesting deeper than the depth limit (so a
// hostile file cannot exhaust the stack).
Result<nlohmann::json> parseJsonText(std::string_view text, const std::string& file,
                                     const JsonLimits& limits = {});

// Reads a whole file; errors say which file and why.
Result<std::string> readTextFile(const std::string& path, std::size_t maxBytes);

// 1-based line and column of a byte offset in `text`.
std::string lineColumn(std::string_view text, std::size_t offset);

// Appends `s` to `out` as a JSON string literal (quoted and escaped).
void appendJsonString(std::string& out, std::string_view s);

}  // namespace sb::core
