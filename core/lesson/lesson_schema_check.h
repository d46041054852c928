#pragma once

// Private to the lesson library: valijson behind a small function, with its messages turned
// into "file:/json/pointer: what was expected".

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sim/result.h"

namespace sb::core::lesson_detail {

std::vector<Error> schemaErrors(const nlohmann::json& doc, const std::string& file);

// "/steps/0/title" -> the schema node that describes it (following $ref, properties, items,
// if/then/else); null when the path leaves the schema. Used to say what was expected.
const nlohmann::json* schemaNodeAt(const nlohmann::json& schema, const nlohmann::json& doc,
                                   const std::vector<std::string>& path);

// "expected a string", "expected one of: beginner, intermediate, advanced", ...
std::string expectedText(const nlohmann::json& schema, const nlohmann::json& start);

}  // namespace sb::core::lesson_detail
