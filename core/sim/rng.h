#pragma once

#include <cstdint>

namespace sb::core {

// xoshiro256** (Blackman & Vigna, 2018), seeded through splitmix64 as its authors recommend.
// Small, fast, and specified exactly, so every platform draws the same numbers. Each run owns
// one Rng and passes it explicitly; it is part of the model's copyable state, so a checkpoint
// restores the generator too.
class Rng {
public:
    explicit Rng(std::uint64_t seed = 0) { reseed(seed); }

    void reseed(std::uint64_t seed);
    std::uint64_t next();

    // Uniform integer in [lo, hi] (inclusive), without modulo bias.
    std::int64_t range(std::int64_t lo, std::int64_t hi);
    // Uniform double in [0, 1) built from the top 53 bits.
    double uniform();
    // True with probability p (p <= 0 never draws, so adding a zero-probability fault does not
    // shift the stream of an otherwise identical run).
    bool chance(double p);

    bool operator==(const Rng&) const = default;

private:
    std::uint64_t m_s[4]{};
};

}  // namespace sb::core
