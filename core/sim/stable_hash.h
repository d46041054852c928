#pragma once
// FNV-1a, a hash fixed by its definition: std::hash may differ between standard libraries and
// runs, this never does, so quiz orders, palettes and routing come out the same on every machine.
// Both widths are kept because callers already depend on their exact values (golden traces,
// tested palettes and orders).

#include <cstdint>
#include <string_view>

namespace sb::core {

constexpr std::uint64_t kFnvOffset64 = 0xcbf29ce484222325ULL;

// `basis` is FNV's offset basis unless a caller's values were fixed with another start.
constexpr std::uint64_t fnv1a64(std::string_view text, std::uint64_t basis = kFnvOffset64) {
    std::uint64_t h = basis;
    for (const char c : text) {
        h ^= static_cast<unsigned char>(c);
        h *= 0x100000001b3ULL;
    }
    return h;
}

constexpr std::uint32_t fnv1a32(std::string_view text) {
    std::uint32_t h = 2166136261u;
    for (const char c : text) {
        h ^= static_cast<unsigned char>(c);
        h *= 16777619u;
    }
    return h;
}

}  // namespace sb::core
