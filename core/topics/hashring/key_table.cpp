#include "topics/hashring/key_table.h"

#include <algorithm>
#include <charconv>
#include <utility>

#include "topics/hashring/hash_functions.h"

namespace sb::core::hashring {

KeyTable::KeyTable(std::uint32_t count, std::uint64_t seed, HashFn fn) : m_seed(seed), m_fn(fn), m_synthetic(count) {
    std::vector<std::pair<std::uint64_t, std::uint32_t>> keys(count);
    char buf[16] = {'k'};
    for (std::uint32_t i = 0; i < count; ++i) {
        auto [end, ec] = std::to_chars(buf + 1, buf + sizeof buf, i + 1);
        (void)ec;
        keys[i] = {keyHash(m_fn, std::string_view(buf, static_cast<std::size_t>(end - buf)), seed), i};
    }
    std::sort(keys.begin(), keys.end());
    m_hashes.resize(count);
    m_ids.resize(count);
    for (std::size_t i = 0; i < keys.size(); ++i) {
        m_hashes[i] = keys[i].first;
        m_ids[i] = keys[i].second;
    }
}

std::string KeyTable::nameOfId(std::uint32_t id) const {
    return id < m_synthetic ? syntheticKeyName(id) : m_names[id - m_synthetic];
}

std::optional<std::size_t> KeyTable::findId(std::uint64_t hash, std::uint32_t id) const {
    auto it = std::lower_bound(m_hashes.begin(), m_hashes.end(), hash);
    for (; it != m_hashes.end() && *it == hash; ++it) {
        const auto index = static_cast<std::size_t>(it - m_hashes.begin());
        if (m_ids[index] == id) return index;
    }
    return std::nullopt;
}

std::optional<std::size_t> KeyTable::find(std::string_view name) const {
    const std::uint64_t h = keyHash(m_fn, name, m_seed);
    auto it = std::lower_bound(m_hashes.begin(), m_hashes.end(), h);
    for (; it != m_hashes.end() && *it == h; ++it) {
        const auto index = static_cast<std::size_t>(it - m_hashes.begin());
        if (nameOfId(m_ids[index]) == name) return index;
    }
    return std::nullopt;
}

std::size_t KeyTable::insert(std::string name) {
    const std::uint64_t h = keyHash(m_fn, name, m_seed);
    const auto id = static_cast<std::uint32_t>(m_synthetic + m_names.size());
    m_names.push_back(std::move(name));
    // After any keys with the same hash, so existing indexes of equal-hash keys stay put.
    auto it = std::upper_bound(m_hashes.begin(), m_hashes.end(), h);
    const auto index = static_cast<std::size_t>(it - m_hashes.begin());
    m_hashes.insert(it, h);
    m_ids.insert(m_ids.begin() + static_cast<std::ptrdiff_t>(index), id);
    return index;
}

}  // namespace sb::core::hashring
