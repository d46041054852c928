#include "topics/hashring/md5.h"

#include <cmath>
#include <cstring>
#include <vector>

namespace sb::core::hashring {
namespace {

// Per-round left-rotation amounts, four per round (RFC 1321, section 3.4).
constexpr std::uint32_t kShift[4][4] = {{7, 12, 17, 22}, {5, 9, 14, 20}, {4, 11, 16, 23}, {6, 10, 15, 21}};

// T[i] = floor(2^32 * |sin(i + 1)|), the RFC's sine table. Computed once rather than typed in;
// the RFC test vectors would catch any rounding slip.
const std::array<std::uint32_t, 64>& sineTable() {
    static const std::array<std::uint32_t, 64> table = [] {
        std::array<std::uint32_t, 64> t{};
        for (std::size_t i = 0; i < t.size(); ++i)
            t[i] = static_cast<std::uint32_t>(std::floor(std::fabs(std::sin(static_cast<double>(i + 1))) * 4294967296.0));
        return t;
    }();
    return table;
}

std::uint32_t rotl(std::uint32_t x, std::uint32_t n) { return (x << n) | (x >> (32 - n)); }

void compress(std::array<std::uint32_t, 4>& state, const std::uint8_t* block) {
    std::uint32_t m[16];
    for (int i = 0; i < 16; ++i)  // words are little-endian
        m[i] = static_cast<std::uint32_t>(block[4 * i]) | static_cast<std::uint32_t>(block[4 * i + 1]) << 8 |
               static_cast<std::uint32_t>(block[4 * i + 2]) << 16 | static_cast<std::uint32_t>(block[4 * i + 3]) << 24;
    std::uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
    const auto& t = sineTable();
    for (std::uint32_t i = 0; i < 64; ++i) {
        std::uint32_t f = 0;
        std::uint32_t g = 0;
        switch (i / 16) {
            case 0: f = (b & c) | (~b & d); g = i; break;
            case 1: f = (d & b) | (~d & c); g = (5 * i + 1) % 16; break;
            case 2: f = b ^ c ^ d; g = (3 * i + 5) % 16; break;
            default: f = c ^ (b | ~d); g = (7 * i) % 16; break;
        }
        const std::uint32_t next = b + rotl(a + f + t[i] + m[g], kShift[i / 16][i % 4]);
        a = d;
        d = c;
        c = b;
        b = next;
    }
    state[0] += a;
    state[1] += b;
    state[2] += c;
    state[3] += d;
}

}  // namespace

std::array<std::uint8_t, 16> md5(std::string_view bytes) {
    std::array<std::uint32_t, 4> state = {0x67452301u, 0xefcdab89u, 0x98badcfeu, 0x10325476u};
    const std::size_t whole = bytes.size() / 64 * 64;
    const auto* data = reinterpret_cast<const std::uint8_t*>(bytes.data());
    for (std::size_t off = 0; off < whole; off += 64) compress(state, data + off);
    // Padding: a 1 bit, zeros to 56 mod 64, then the bit length as a little-endian 64-bit number.
    std::vector<std::uint8_t> tail(bytes.begin() + static_cast<std::ptrdiff_t>(whole), bytes.end());
    tail.push_back(0x80);
    while (tail.size() % 64 != 56) tail.push_back(0);
    const std::uint64_t bits = static_cast<std::uint64_t>(bytes.size()) * 8;
    for (int i = 0; i < 8; ++i) tail.push_back(static_cast<std::uint8_t>(bits >> (8 * i)));
    for (std::size_t off = 0; off < tail.size(); off += 64) compress(state, tail.data() + off);
    std::array<std::uint8_t, 16> out{};
    for (std::size_t i = 0; i < 16; ++i) out[i] = static_cast<std::uint8_t>(state[i / 4] >> (8 * (i % 4)));
    return out;
}

}  // namespace sb::core::hashring
