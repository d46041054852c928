#include "sim/message_text.h"

#include <cstdio>

namespace sb::core {

std::string excerpt(std::string_view s, std::size_t max) {
    std::string out;
    std::size_t shown = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        const bool continuation = (c & 0xC0) == 0x80;
        if (!continuation && shown == max) return out + "\u2026";
        if (!continuation) ++shown;
        if (c == '\n') out += "\\n";
        else if (c == '\r') out += "\\r";
        else if (c == '\t') out += "\\t";
        else if (c < 0x20 || c == 0x7F) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(c));
            out += buf;
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

std::string oneLine(const Error& error) {
    if (error.where.empty()) return excerpt(error.message, kMaxShown);
    return excerpt(error.where, kMaxShown) + ": " + excerpt(error.message, kMaxShown);
}

}  // namespace sb::core
