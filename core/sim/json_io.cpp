#include "sim/json_io.h"

#include <cstdio>
#include <fstream>

namespace sb::core {

std::string lineColumn(std::string_view text, std::size_t offset) {
    std::size_t line = 1;
    std::size_t column = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            ++column;  // count characters, not UTF-8 continuation bytes
        }
    }
    return std::to_string(line) + ":" + std::to_string(column);
}

Result<nlohmann::json> parseJsonText(std::string_view text, const std::string& file,
                                     const JsonLimits& limits) {
    if (text.size() > limits.maxBytes) {
        return makeError("file is " + std::to_string(text.size()) + " bytes; the limit is " +
                             std::to_string(limits.maxBytes),
                         file);
    }
    int depth = 0;
    bool tooDeep = false;
    // The callback sees every token; counting open/close keeps the depth check in one pass.
    auto callback = [&](int d, nlohmann::json::parse_event_t event, nlohmann::json&) {
        using E = nlohmann::json::parse_event_t;
        if (event == E::object_start || event == E::array_start) {
            depth = d + 1;
            if (depth > limits.maxDepth) tooDeep = true;
        }
        return !tooDeep;
    };
    try {
        nlohmann::json j = nlohmann::json::parse(text.begin(), text.end(), callback, true, false);
        if (tooDeep) {
            return makeError("nesting is deeper than " + std::to_string(limits.maxDepth) +
                                 " levels",
                             file);
        }
        return j;
    } catch (const nlohmann::json::parse_error& e) {
        // e.byte is 1-based and points just past the offending character.
        const std::size_t offset = e.byte > 0 ? e.byte - 1 : 0;
        std::string what = e.what();
        const auto pos = what.find("parse error");
        if (pos != std::string::npos) {
            const auto colon = what.find(": ", pos);
            if (colon != std::string::npos) what = what.substr(colon + 2);
        }
        if (tooDeep)
            what = "nesting is deeper than " + std::to_string(limits.maxDepth) + " levels";
        return makeError("JSON syntax error: " + what, file + ":" + lineColumn(text, offset));
    } catch (const std::exception& e) {
        return makeError(std::string("cannot read JSON: ") + e.what(), file);
    }
}

Result<std::string> readTextFile(const std::string& path, std::size_t maxBytes) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return makeError("cannot open file", path);
    in.seekg(0, std::ios::end);
    const auto size = in.tellg();
    if (size < 0) return makeError("cannot read file", path);
    if (static_cast<std::size_t>(size) > maxBytes) {
        return makeError("file is " + std::to_string(static_cast<long long>(size)) +
                             " bytes; the limit is " + std::to_string(maxBytes),
                         path);
    }
    in.seekg(0, std::ios::beg);
    std::string text(static_cast<std::size_t>(size), '\0');
    in.read(text.data(), static_cast<std::streamsize>(size));
    if (!in) return makeError("cannot read file", path);
    return text;
}

void appendJsonString(std::string& out, std::string_view s) {
    out += '"';
    for (const char c : s) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
                    out += buf;
                } else {
                    out += c;
                }
        }
    }
    out += '"';
}

}  // namespace sb::core
