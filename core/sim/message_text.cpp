#include "sim/message_text.h"

#include <cstdio>

namespace sb::core {

namespace {

// Bytes in the valid UTF-8 character starting at s[i], or 0 when it is not one.
std::size_t utf8Length(std::string_view s, std::size_t i) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (n == 0 || (n == 2 && c < 0xC2) || i + n > s.size()) return 0;
    for (std::size_t k = 1; k < n; ++k)
        if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 0;
    return n;
}

}  // namespace

std::string excerpt(std::string_view s, std::size_t max) {
    std::string out;
    std::size_t shown = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (shown == max) return out + "\u2026";
        ++shown;
        const auto c = static_cast<unsigned char>(s[i]);
        const std::size_t length = utf8Length(s, i);
        if (c == '\n') out += "\\n";
        else if (c == '\r') out += "\\r";
        else if (c == '\t') out += "\\t";
        else if (length == 0 || c < 0x20 || c == 0x7F) {
            // Control characters and bytes that are not UTF-8 (a binary file) print as \xNN,
            // never as a garbled character.
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(c));
            out += buf;
        } else {
            out.append(s.substr(i, length));
            i += length - 1;
        }
    }
    return out;
}

std::string oneLine(const Error& error) {
    if (error.where.empty()) return excerpt(error.message, kMaxShown);
    return excerpt(error.where, kMaxShown) + ": " + excerpt(error.message, kMaxShown);
}

}  // namespace sb::core
