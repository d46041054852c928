// Membership changes, ring building and bulk assignment. Single lookups: placement_lookup.cpp.
#include "topics/hashring/placement.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "topics/hashring/hash_functions.h"

namespace sb::core::hashring {

const char* modeName(Mode mode) {
    switch (mode) {
        case Mode::Modulo: return "modulo";
        case Mode::Ring: return "ring";
        case Mode::Rendezvous: return "rendezvous";
        case Mode::Jump: return "jump";
    }
    return "?";
}

void Placement::reset(Mode mode, std::uint64_t seed, std::uint32_t replication, HashFn hash) {
    *this = Placement{};
    m_mode = mode;
    m_hash = hash;
    m_seed = seed;
    m_replication = replication;
}

std::uint32_t Placement::pointCount(int slot) const {
    const Member& m = member(slot);
    const double points = std::round(static_cast<double>(m.vnodes) * m.weight);
    return points < 1 ? 1u : static_cast<std::uint32_t>(points);
}

void Placement::join(int slot, std::uint32_t vnodes, double weight, std::string label) {
    Member& m = m_members[static_cast<std::size_t>(slot)];
    if (label.empty()) label = slotName(slot);
    if (m.label != label) m.points.clear();  // a rejoin under another address hashes afresh
    m.label = std::move(label);
    m.state = MemberState::Live;
    m.vnodes = vnodes;
    m.weight = weight;
    m.seedHash = hashBytes(slotName(slot), m_seed);
    // Jump hash only appends buckets; a node that comes back gets its old bucket again.
    if (m.bucket < 0) {
        m.bucket = static_cast<std::int32_t>(m_buckets.size());
        m_buckets.push_back(static_cast<std::uint8_t>(slot));
    }
    if (m_broken.joinRehashesAll) {
        // The mistake: vnode positions salted by the cluster's size, so every join moves every
        // node's points and keys change hands between nodes that were there all along.
        m_pointSalt = 0;
        for (const Member& other : m_members) m_pointSalt += other.state == MemberState::Absent ? 0 : 1;
        for (int s = 0; s < kMaxSlots; ++s) {
            if (member(s).state == MemberState::Absent) continue;
            m_members[static_cast<std::size_t>(s)].points.clear();
            setVnodes(s, member(s).vnodes);
        }
    }
    setVnodes(slot, vnodes);
}

void Placement::setState(int slot, MemberState state) {
    m_members[static_cast<std::size_t>(slot)].state = state;
}

void Placement::setVnodes(int slot, std::uint32_t vnodes) {
    Member& m = m_members[static_cast<std::size_t>(slot)];
    m.vnodes = vnodes;
    // Point i is always the hash of the label's point i: more points only add, fewer only take away.
    const std::uint32_t want = pointCount(slot);
    if (m.points.size() > want) m.points.resize(want);
    for (auto i = static_cast<std::uint32_t>(m.points.size()); i < want; ++i)
        m.points.push_back(vnodeHash(m_hash, m.label, i, m_seed ^ m_pointSalt));
}

void Placement::setWeight(int slot, double weight) {
    m_members[static_cast<std::size_t>(slot)].weight = weight;
    setVnodes(slot, member(slot).vnodes);
}

void Placement::rebuild() {
    m_live.clear();
    for (int s = 0; s < kMaxSlots; ++s)
        if (member(s).state == MemberState::Live) m_live.push_back(s);
    m_ringPos.clear();
    m_ringOwner.clear();
    m_prefs.clear();
    m_prefWidth = 0;
    if (m_mode != Mode::Ring) return;
    std::vector<std::pair<std::uint64_t, std::uint8_t>> ring;
    std::size_t total = 0;
    for (int s : m_live) total += member(s).points.size();
    ring.reserve(total);
    for (int s : m_live)
        for (std::uint64_t p : member(s).points) ring.emplace_back(p, static_cast<std::uint8_t>(s));
    // Two points at the same position (ketama's 32-bit points do collide): the later node wins,
    // as Couchbase SDK RFC 26 specifies, so it sorts first among equals and lookups land on it.
    std::sort(ring.begin(), ring.end(), [](const auto& x, const auto& y) {
        return x.first != y.first ? x.first < y.first : x.second > y.second;
    });
    m_ringPos.resize(ring.size());
    m_ringOwner.resize(ring.size());
    for (std::size_t i = 0; i < ring.size(); ++i) {
        m_ringPos[i] = ring[i].first;
        m_ringOwner[i] = ring[i].second;
    }
    buildPreferences();
}

void Placement::buildPreferences() {
    m_prefWidth = std::min<std::size_t>(m_replication, m_live.size());
    const std::size_t n = m_ringPos.size();
    m_prefs.assign(n * m_prefWidth, kNoOwner);
    if (m_prefWidth == 0) return;
    // Walk clockwise from each vnode collecting distinct physical nodes: the Dynamo preference
    // list. With R = 1 it is just the vnode's owner.
    for (std::size_t j = 0; j < n; ++j) {
        std::uint8_t* list = &m_prefs[j * m_prefWidth];
        std::size_t found = 0;
        for (std::size_t k = 0; k < n && found < m_prefWidth; ++k) {
            const std::uint8_t s = m_ringOwner[(j + k) % n];
            if (std::find(list, list + found, s) == list + found) list[found++] = s;
        }
    }
}

bool Placement::preferenceListsValid() const {
    if (m_mode != Mode::Ring) return true;
    const std::size_t want = std::min<std::size_t>(m_replication, m_live.size());
    if (m_prefWidth != want) return false;
    for (std::size_t j = 0; j < m_ringPos.size(); ++j) {
        const std::uint8_t* list = &m_prefs[j * m_prefWidth];
        if (want > 0 && list[0] != m_ringOwner[j]) return false;
        for (std::size_t a = 0; a < want; ++a) {
            if (list[a] == kNoOwner || member(list[a]).state != MemberState::Live) return false;
            for (std::size_t b = 0; b < a; ++b)
                if (list[a] == list[b]) return false;
        }
    }
    return true;
}

void Placement::assignAll(const std::vector<std::uint64_t>& hashes, std::vector<std::uint8_t>& owners) const {
    owners.resize(hashes.size());
    if (m_live.empty()) {
        std::fill(owners.begin(), owners.end(), kNoOwner);
        return;
    }
    if (m_mode == Mode::Ring) {
        // Keys and vnodes are both sorted: one merge walk, each key to the next vnode clockwise.
        const std::size_t n = m_ringPos.size();
        std::size_t j = 0;
        for (std::size_t i = 0; i < hashes.size(); ++i) {
            while (j < n && m_ringPos[j] < hashes[i]) ++j;
            owners[i] = j < n ? m_ringOwner[j] : m_ringOwner[0];
        }
        return;
    }
    if (m_mode == Mode::Modulo) {
        const auto n = static_cast<std::uint64_t>(m_live.size());
        for (std::size_t i = 0; i < hashes.size(); ++i)
            owners[i] = static_cast<std::uint8_t>(m_live[static_cast<std::size_t>(hashes[i] % n)]);
        return;
    }
    for (std::size_t i = 0; i < hashes.size(); ++i) owners[i] = lookup(hashes[i]).owner;
}

void Placement::assignAfterGain(int slot, const std::vector<std::uint64_t>& hashes,
                                std::vector<std::uint8_t>& owners) const {
    if (m_mode != Mode::Rendezvous || member(slot).state != MemberState::Live) {
        assignAll(hashes, owners);
        return;
    }
    const bool equal = weightsEqual();
    const auto challenger = static_cast<std::uint8_t>(slot);
    const Member& c = member(slot);
    for (std::size_t i = 0; i < hashes.size(); ++i) {
        const std::uint8_t cur = owners[i];
        if (cur == kNoOwner) {
            owners[i] = challenger;
            continue;
        }
        const std::uint64_t a = pairScore(hashes[i], c.seedHash);
        const std::uint64_t b = pairScore(hashes[i], member(cur).seedHash);
        bool wins;
        if (equal) {
            wins = a > b || (a == b && challenger < cur);
        } else {
            const double wa = weightedScore(a, c.weight);
            const double wb = weightedScore(b, member(cur).weight);
            wins = wa > wb || (wa == wb && (a > b || (a == b && challenger < cur)));
        }
        if (wins) owners[i] = challenger;
    }
}

void Placement::assignAfterLoss(int slot, const std::vector<std::uint64_t>& hashes,
                                std::vector<std::uint8_t>& owners) const {
    if (m_mode == Mode::Modulo || m_mode == Mode::Ring) {
        assignAll(hashes, owners);  // modulo reshuffles everything; the ring's merge is cheap
        return;
    }
    for (std::size_t i = 0; i < hashes.size(); ++i)
        if (owners[i] == slot || owners[i] == kNoOwner) owners[i] = lookup(hashes[i]).owner;
}

bool Placement::weightsEqual() const {
    for (int s : m_live)
        if (member(s).weight != member(m_live.front()).weight) return false;
    return true;
}

}  // namespace sb::core::hashring
