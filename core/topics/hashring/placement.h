#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "topics/hashring/hash_functions.h"

namespace sb::core::hashring {

// The four ways of mapping a key to a node that the topic compares on the same keys.
enum class Mode { Modulo, Ring, Rendezvous, Jump };
const char* modeName(Mode mode);

inline constexpr int kMaxSlots = 64;               // n1..n64
inline constexpr std::uint8_t kNoOwner = 0xFF;

enum class MemberState : std::uint8_t { Absent, Live, Failed };

struct Member {
    MemberState state = MemberState::Absent;
    std::uint32_t vnodes = 1;
    double weight = 1;
    std::uint64_t seedHash = 0;          // rendezvous: the node's identity hashed
    std::string label;                   // what its vnode points hash: its name, or an address
    std::vector<std::uint64_t> points;   // ring: this node's vnode positions (index order)
    std::int32_t bucket = -1;            // jump: the bucket it was given when it first joined
};

// Who owns a key, and what it cost to find out.
struct Lookup {
    std::uint8_t owner = kNoOwner;
    int cost = 0;  // comparisons (ring), hashes (rendezvous), loop steps (jump), 1 (modulo)
};

// Membership plus the placement scheme: builds the sorted ring, answers single lookups (binary
// search on sorted vnode positions for the ring), assigns owners to every key in bulk, and builds
// preference lists. A failed node keeps its place (its vnodes, its bucket) but is skipped, as a
// Dynamo-style client skips an unreachable node and goes to the next one on the ring.
//
// Per scheme: the ring uses vnodes x weight points per node; rendezvous uses weights; modulo and
// jump ignore both (they have no notion of either). Jump hash can only grow or shrink at the end,
// so a removed or failed node leaves a dead bucket and its keys are rehashed until they land on a
// live one: only that node's keys move, at the price of a few more steps per lookup.
class Placement {
public:
    // Deliberately broken rules, for tests only (HashringModel::breakOnPurpose).
    struct Broken {
        bool joinRehashesAll = false;  // a join re-places every node's vnodes (salted by size)
        bool lookupSkipsVnode = false; // a lookup landing on the ring's first vnode takes the next
    };

    void reset(Mode mode, std::uint64_t seed, std::uint32_t replication, HashFn hash = HashFn::Xxh3);
    void breakOnPurpose(const Broken& broken) { m_broken = broken; }

    Mode mode() const { return m_mode; }
    void setMode(Mode mode) { m_mode = mode; }
    std::uint32_t replication() const { return m_replication; }
    void setReplication(std::uint32_t r) { m_replication = r; }
    const Member& member(int slot) const { return m_members[static_cast<std::size_t>(slot)]; }
    static std::string slotName(int slot) {
        std::string name = std::to_string(slot + 1);  // (not "n" + ...: GCC 12 -Wrestrict false positive)
        name.insert(name.begin(), 'n');
        return name;
    }

    HashFn hash() const { return m_hash; }

    // Changes to one member; call rebuild() before any lookup. `label` (default: the slot's name)
    // is what the vnode points hash, so a node can stand for a published server ("10.0.1.1:11211").
    void join(int slot, std::uint32_t vnodes, double weight, std::string label = {});
    void setState(int slot, MemberState state);
    void setVnodes(int slot, std::uint32_t vnodes);
    void setWeight(int slot, double weight);
    void rebuild();

    int liveCount() const { return static_cast<int>(m_live.size()); }
    const std::vector<int>& live() const { return m_live; }  // live slots, in slot order
    std::size_t ringSize() const { return m_ringPos.size(); }
    const std::vector<std::uint64_t>& ringPositions() const { return m_ringPos; }
    const std::vector<std::uint8_t>& ringOwners() const { return m_ringOwner; }
    // Number of points a member puts on the ring (vnodes x weight, at least 1).
    std::uint32_t pointCount(int slot) const;

    Lookup lookup(std::uint64_t hash) const;
    // Preference list: up to R distinct live nodes, owner first.
    std::vector<std::uint8_t> replicas(std::uint64_t hash) const;
    // Owners of all keys (hashes sorted ascending) in one pass.
    void assignAll(const std::vector<std::uint64_t>& sortedHashes, std::vector<std::uint8_t>& owners) const;
    // After `slot` joined or recovered (rendezvous only: only a challenger can win a key).
    void assignAfterGain(int slot, const std::vector<std::uint64_t>& sortedHashes,
                         std::vector<std::uint8_t>& owners) const;
    // After `slot` left or failed: only the keys it held need a new owner.
    void assignAfterLoss(int slot, const std::vector<std::uint64_t>& sortedHashes,
                         std::vector<std::uint8_t>& owners) const;
    // The ring's precomputed preference lists are consistent (R distinct live nodes each).
    bool preferenceListsValid() const;

private:
    Lookup lookupRing(std::uint64_t hash) const;
    Lookup lookupRendezvous(std::uint64_t hash) const;
    Lookup lookupJump(std::uint64_t hash) const;
    std::size_t ringIndex(std::uint64_t hash, int* cost) const;
    double rendezvousScore(std::uint64_t hash, int slot) const;
    bool weightsEqual() const;
    void buildPreferences();

    Mode m_mode = Mode::Ring;
    HashFn m_hash = HashFn::Xxh3;
    Broken m_broken;
    std::uint64_t m_seed = 0;
    std::uint64_t m_pointSalt = 0;             // 0, except after a join with joinRehashesAll
    std::uint32_t m_replication = 1;
    std::array<Member, kMaxSlots> m_members{};
    std::vector<int> m_live;
    std::vector<std::uint64_t> m_ringPos;      // live vnode positions, sorted
    std::vector<std::uint8_t> m_ringOwner;     // slot of each position
    std::vector<std::uint8_t> m_prefs;         // ring: m_prefWidth slots per ring index
    std::size_t m_prefWidth = 0;
    std::vector<std::uint8_t> m_buckets;       // jump: slot of each bucket, in join order
};

}  // namespace sb::core::hashring
