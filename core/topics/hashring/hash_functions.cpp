#include "topics/hashring/hash_functions.h"

#include <charconv>
#include <cmath>
#include <xxhash.h>

#include "topics/hashring/md5.h"

namespace sb::core::hashring {

std::uint64_t hashBytes(std::string_view bytes, std::uint64_t seed) {
    return XXH3_64bits_withSeed(bytes.data(), bytes.size(), seed);
}

std::uint64_t vnodeHash(std::string_view node, std::uint32_t index, std::uint64_t seed) {
    char buf[48];
    if (node.size() > 32) node = node.substr(0, 32);
    std::size_t n = node.size();
    node.copy(buf, n);
    buf[n++] = '#';
    auto [end, ec] = std::to_chars(buf + n, buf + sizeof buf, index);
    (void)ec;  // cannot fail: 32 + 1 + 10 digits fit
    return hashBytes(std::string_view(buf, static_cast<std::size_t>(end - buf)), seed);
}

std::uint32_t ketamaWord(std::string_view bytes, int which) {
    const auto d = md5(bytes);
    const auto at = static_cast<std::size_t>(which) * 4;
    return static_cast<std::uint32_t>(d[at]) | static_cast<std::uint32_t>(d[at + 1]) << 8 |
           static_cast<std::uint32_t>(d[at + 2]) << 16 | static_cast<std::uint32_t>(d[at + 3]) << 24;
}

std::uint32_t ketamaPoint(std::string_view label, std::uint32_t index) {
    std::string text(label);
    text += '-';
    text += std::to_string(index / 4);
    return ketamaWord(text, static_cast<int>(index % 4));
}

std::uint64_t keyHash(HashFn fn, std::string_view name, std::uint64_t seed) {
    if (fn == HashFn::Ketama) return static_cast<std::uint64_t>(ketamaWord(name, 0)) << 32;
    return hashBytes(name, seed);
}

std::uint64_t vnodeHash(HashFn fn, std::string_view node, std::uint32_t index, std::uint64_t seed) {
    if (fn == HashFn::Ketama) return static_cast<std::uint64_t>(ketamaPoint(node, index)) << 32;
    return vnodeHash(node, index, seed);
}

std::uint64_t pairScore(std::uint64_t key, std::uint64_t nodeSeed) {
    return XXH3_64bits_withSeed(&key, sizeof key, nodeSeed);
}

double weightedScore(std::uint64_t score, double weight) {
    // u in (0, 1), never 0 or 1, so the logarithm is finite and negative.
    const double u = (static_cast<double>(score >> 11) + 0.5) * 0x1p-53;
    return -weight / std::log(u);
}

std::int32_t jumpHash(std::uint64_t key, std::int32_t buckets, int* steps) {
    // Lamping and Veach's loop, verbatim in meaning: each iteration jumps forward to the next
    // bucket count at which this key would move, until that count exceeds `buckets`.
    std::int64_t b = -1;
    std::int64_t j = 0;
    int count = 0;
    while (j < buckets) {
        b = j;
        key = key * 2862933555777941757ULL + 1;
        j = static_cast<std::int64_t>(static_cast<double>(b + 1) *
                                      (static_cast<double>(std::int64_t{1} << 31) /
                                       static_cast<double>((key >> 33) + 1)));
        ++count;
    }
    if (steps) *steps = count;
    return static_cast<std::int32_t>(b);
}

std::uint64_t remix(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

std::string syntheticKeyName(std::uint32_t index) {
    std::string name = std::to_string(index + 1);
    name.insert(name.begin(), 'k');
    return name;
}

}  // namespace sb::core::hashring
