#pragma once

#include <string>
#include <string_view>

#include "sim/result.h"

namespace sb::core {

// `s` as one line for a message: control characters escaped, at most `max` characters (then an
// ellipsis), cut only between UTF-8 characters. For quoting what a user's file said.
std::string excerpt(std::string_view s, std::size_t max = 60);

// Error::text() for people: one line, and a place or a message that echoes a huge input back
// keeps its first kMaxShown characters. What the CLI and the headless export print.
inline constexpr std::size_t kMaxShown = 400;
std::string oneLine(const Error& error);

}  // namespace sb::core
