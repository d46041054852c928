#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "topics/hashring/hash_functions.h"

namespace sb::core::hashring {

// The keys, kept sorted by ring position so that assigning owners to all of them is one merge
// walk along the ring (O(keys + vnodes)) rather than a binary search per key. Synthetic keys
// "k1".."kK" cost no string storage; keys inserted by name keep their names.
class KeyTable {
public:
    KeyTable() = default;
    // Builds the synthetic keys k1..k`count`, placed by `fn`.
    KeyTable(std::uint32_t count, std::uint64_t seed, HashFn fn = HashFn::Xxh3);

    std::size_t size() const { return m_hashes.size(); }
    const std::vector<std::uint64_t>& hashes() const { return m_hashes; }
    std::uint64_t hash(std::size_t index) const { return m_hashes[index]; }
    std::uint32_t id(std::size_t index) const { return m_ids[index]; }
    std::string name(std::size_t index) const { return nameOfId(m_ids[index]); }
    std::string nameOfId(std::uint32_t id) const;

    // Index of the key with this name, if present.
    std::optional<std::size_t> find(std::string_view name) const;
    // Index of the key with this id, if present.
    std::optional<std::size_t> findId(std::uint64_t hash, std::uint32_t id) const;
    // Adds a key; returns its index (keys after it shift by one). Names must be new.
    std::size_t insert(std::string name);

    std::uint64_t seed() const { return m_seed; }

private:
    std::uint64_t m_seed = 0;
    HashFn m_fn = HashFn::Xxh3;
    std::uint32_t m_synthetic = 0;
    std::vector<std::uint64_t> m_hashes;  // sorted ascending
    std::vector<std::uint32_t> m_ids;     // id < m_synthetic: "k<id+1>"; else m_names[id - m_synthetic]
    std::vector<std::string> m_names;
};

}  // namespace sb::core::hashring
