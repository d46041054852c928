#include "sim/json_io.h"

#include "sim/message_text.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <filesystem>
#include <fstream>
#include <utility>

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

namespace {

bool isNumberChar(char c) {
    return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

// One linear pass before the parser: nesting depth and numbers too large for a double, each
// with the place it happens. (nlohmann's parser callback would check depth too, but with a
// callback 3.11 rescans the parent array after every element: quadratic in a long session.)
std::optional<Error> prescan(std::string_view text, const std::string& file, int maxDepth) {
    int depth = 0;
    bool inString = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\') ++i;
            else if (c == '"') inString = false;
            continue;
        }
        if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            if (++depth > maxDepth)
                return Error{"nesting is deeper than " + std::to_string(maxDepth) + " levels",
                             file + ":" + lineColumn(text, i)};
        } else if (c == '}' || c == ']') {
            --depth;
        } else if ((c >= '0' && c <= '9') || c == '-') {
            std::size_t end = i;
            while (end < text.size() && isNumberChar(text[end])) ++end;
            const std::string token(text.substr(i, end - i));
            char* stop = nullptr;
            const double v = std::strtod(token.c_str(), &stop);
            if (stop != token.c_str() && std::isinf(v))
                return Error{"the number " + excerpt(token, 24) + " is too large",
                             file + ":" + lineColumn(text, i)};
            i = end - 1;
        }
    }
    return std::nullopt;
}

}  // namespace

Result<nlohmann::json> parseJsonText(std::string_view text, const std::string& file,
                                     const JsonLimits& limits) {
    if (text.size() > limits.maxBytes) {
        return makeError("file is " + std::to_string(text.size()) + " bytes; the limit is " +
                             std::to_string(limits.maxBytes),
                         file);
    }
    if (auto problem = prescan(text, file, limits.maxDepth)) return *problem;
    try {
        return nlohmann::json::parse(text.begin(), text.end(), nullptr, true, false);
    } catch (const nlohmann::json::parse_error& e) {
        // e.byte is 1-based and points just past the offending character.
        const std::size_t offset = e.byte > 0 ? e.byte - 1 : 0;
        std::string what = e.what();
        const auto pos = what.find("parse error");
        if (pos != std::string::npos) {
            const auto colon = what.find(": ", pos);
            if (colon != std::string::npos) what = what.substr(colon + 2);
        }
        return makeError("JSON syntax error: " + excerpt(what, 160), file + ":" + lineColumn(text, offset));
    } catch (const std::exception& e) {
        return makeError("cannot read JSON: " + excerpt(e.what(), 160), file);
    }
}

namespace {

// What a file that is not text is, from its first bytes, for a message a person understands.
std::string binaryKind(std::string_view head) {
    static constexpr std::pair<std::string_view, std::string_view> kMagic[] = {
        {"\x89PNG", "a PNG image"}, {"\xFF\xD8\xFF", "a JPEG image"}, {"GIF8", "a GIF image"},
        {"%PDF", "a PDF document"},  {"PK\x03\x04", "a ZIP archive"}, {"\x1F\x8B", "a gzip archive"},
        {"\x7F" "ELF", "a program"}};
    for (const auto& [magic, kind] : kMagic)
        if (head.starts_with(magic)) return std::string(kind);
    return {};
}

}  // namespace

Result<std::string> readTextFile(const std::string& path, std::size_t maxBytes) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        return makeError("this is a folder, not a file; give the path of a .json file", path);
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
    if (const std::string kind = binaryKind(text); !kind.empty())
        return makeError("this file is " + kind + ", not a JSON text file", path);
    // A NUL byte: binary data of some kind (text never holds one); say where it is.
    if (const auto nul = text.find('\0'); nul != std::string::npos)
        return makeError("a NUL byte: this is binary data, not JSON text", path + ":" + lineColumn(text, nul));
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
