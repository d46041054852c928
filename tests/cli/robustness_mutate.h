#pragma once

// Seeded mutations of the files people hand Splitbrain (lessons, scenarios, sessions, progress),
// for the black-box robustness test. Deterministic: the same seed gives the same input.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

namespace sb::robust {

// splitmix64: small, seedable, the same on every machine.
class Rng {
public:
    explicit Rng(std::uint64_t seed) : m_state(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(next() % n); }

private:
    std::uint64_t m_state;
};

// What a mutation did, for the report.
enum class Mutation { ByteFlip, Truncate, HugeNumber, DeepNesting, LongString, WrongType, ExtremeTime, ManyActions, Count };
const char* mutationName(Mutation m);

// One mutated text from `base` (a JSON file's text).
std::string mutate(const std::string& base, Mutation kind, Rng& rng);

}  // namespace sb::robust
