#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace sb::test {

// The content of the k-th save in the atomic-write crash test: a header naming k, a payload
// whose length (up to 128 KiB, so a kill often lands inside the write) and bytes derive from
// k, and a trailer. checkAtomicPayload returns k only if every byte is as written.
inline std::string atomicPayload(std::uint64_t k) {
    const std::size_t length = static_cast<std::size_t>((k * 7919u) % 131072u);
    std::string s = "save " + std::to_string(k) + "\n";
    s.reserve(s.size() + length + 32);
    for (std::size_t i = 0; i < length; ++i)
        s += static_cast<char>('a' + static_cast<char>((k + i) % 26u));
    s += "\nend " + std::to_string(k) + "\n";
    return s;
}

inline std::optional<std::uint64_t> checkAtomicPayload(const std::string& text) {
    if (text.rfind("save ", 0) != 0) return std::nullopt;
    const auto eol = text.find('\n');
    if (eol == std::string::npos) return std::nullopt;
    std::uint64_t k = 0;
    if (eol == 5 || eol > 25) return std::nullopt;
    for (std::size_t i = 5; i < eol; ++i) {
        if (text[i] < '0' || text[i] > '9') return std::nullopt;
        k = k * 10 + static_cast<std::uint64_t>(text[i] - '0');
    }
    if (text != atomicPayload(k)) return std::nullopt;
    return k;
}

}  // namespace sb::test
