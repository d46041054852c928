// Recomputing ownership after a change, counting what moved, and the invariants.
#include <algorithm>
#include <cmath>

#include "topics/hashring/hashring_model.h"

namespace sb::core::hashring {
namespace {

// At most this many per-key "move" events per change (in key order); the "rebalance" event's
// "listed" field says how many follow, so a reader knows when the list is cut short. A join on
// 100,000 keys moves tens of thousands, which would bury everything else in the timeline.
constexpr std::int64_t kListedMoves = 512;
constexpr std::size_t kDensityBuckets = 256;
constexpr std::size_t kCheckSamples = 512;   // keys whose single lookup is compared with bulk
constexpr std::size_t kMaxViolations = 100;

}  // namespace

void HashringModel::reassign(Change change, int slot, Event& out) {
    beginTransit();  // before rebuild: the ring as it was
    m_place.rebuild();
    const auto& hashes = m_keys->hashes();
    auto next = std::make_shared<std::vector<std::uint8_t>>(*m_owners);
    if (change == Change::Gain) m_place.assignAfterGain(slot, hashes, *next);
    else if (change == Change::Loss) m_place.assignAfterLoss(slot, hashes, *next);
    // Other with a node: a change that cannot move keys in this mode (vnodes outside the ring).
    else if (slot < 0) m_place.assignAll(hashes, *next);
    recordMoves(*m_owners, *next, change, slot);
    m_prevOwners = m_owners;
    m_owners = next;
    recount();
    recordTransit();
    checkInvariants(change, slot);
    out.with("moved", m_moved).with("keys", static_cast<std::int64_t>(hashes.size()));

    Event summary;
    summary.kind = "rebalance";
    summary.detail = out.detail;
    summary.node = slot;
    summary.with("moved", m_moved).with("between_old", m_movedBetweenOld)
        .with("keys", static_cast<std::int64_t>(hashes.size()));
    const std::size_t at = m_pending.size();
    m_pending.push_back(summary);
    std::int64_t listed = 0;
    for (std::size_t i = 0; i < hashes.size() && listed < kListedMoves; ++i) {
        if ((*m_prevOwners)[i] == (*m_owners)[i]) continue;
        ++listed;
        Event move;
        move.kind = "move";
        move.node = (*m_prevOwners)[i];
        move.peer = (*m_owners)[i];
        move.with("key", std::int64_t{m_keys->id(i)} + 1);
        m_pending.push_back(move);
    }
    m_pending[at].with("listed", listed);
}

void HashringModel::recordMoves(const std::vector<std::uint8_t>& before,
                                const std::vector<std::uint8_t>& after, Change change, int slot) {
    (void)change;
    std::vector<std::int64_t> counts(static_cast<std::size_t>(kMaxSlots * kMaxSlots), 0);
    m_moved = 0;
    for (std::size_t i = 0; i < before.size(); ++i) {
        if (before[i] == after[i] || before[i] == kNoOwner || after[i] == kNoOwner) continue;
        ++counts[static_cast<std::size_t>(before[i]) * kMaxSlots + after[i]];
        ++m_moved;
    }
    m_moves.clear();
    m_movedBetweenOld = 0;
    for (int from = 0; from < kMaxSlots; ++from) {
        for (int to = 0; to < kMaxSlots; ++to) {
            const std::int64_t c = counts[static_cast<std::size_t>(from) * kMaxSlots + static_cast<std::size_t>(to)];
            if (c == 0) continue;
            m_moves.push_back({static_cast<std::uint8_t>(from), static_cast<std::uint8_t>(to), c});
            if (from != slot && to != slot) m_movedBetweenOld += c;
        }
    }
    m_changedSlot = slot;
}

void HashringModel::recount() {
    std::fill(m_load.begin(), m_load.end(), 0);
    for (std::uint8_t o : *m_owners)
        if (o != kNoOwner) ++m_load[o];
}

void HashringModel::updateDensity() {
    auto density = std::make_shared<std::vector<double>>(kDensityBuckets, 0.0);
    for (std::uint64_t h : m_keys->hashes()) (*density)[static_cast<std::size_t>(h >> 56)] += 1;
    const double peak = *std::max_element(density->begin(), density->end());
    if (peak > 0)
        for (double& d : *density) d /= peak;
    m_density = density;
}

void HashringModel::addViolation(std::string invariant, std::string detail) {
    if (m_violations.size() < kMaxViolations) m_violations.push_back({std::move(invariant), std::move(detail), m_now, {}});
}

void HashringModel::checkInvariants(Change change, int slot) {
    const auto& owners = *m_owners;
    const auto& hashes = m_keys->hashes();
    for (std::size_t i = 0; i < owners.size(); ++i) {
        if (owners[i] == kNoOwner || m_place.member(owners[i]).state != MemberState::Live) {
            addViolation("one live owner", m_keys->name(i) + " has no live owner");
            break;
        }
    }
    if (!m_place.preferenceListsValid())
        addViolation("distinct replicas", "a ring preference list lacks R distinct live nodes");
    const std::size_t want = std::min<std::size_t>(m_place.replication(), m_place.live().size());
    const std::size_t stride = std::max<std::size_t>(1, hashes.size() / kCheckSamples);
    for (std::size_t i = 0; i < hashes.size(); i += stride) {
        if (m_place.lookup(hashes[i]).owner != owners[i])
            addViolation("lookup agrees", "bulk and single lookup disagree on " + m_keys->name(i));
        auto list = m_place.replicas(hashes[i]);
        std::sort(list.begin(), list.end());
        if (list.size() != want || std::adjacent_find(list.begin(), list.end()) != list.end() ||
            (!list.empty() && !std::binary_search(list.begin(), list.end(), owners[i])))
            addViolation("distinct replicas", m_keys->name(i) + " lacks R distinct replicas");
    }
    // Minimal disruption: the reason consistent hashing exists. Modulo is exempt: breaking this is
    // exactly what it is there to show (moved_between_old counts it).
    if (m_place.mode() == Mode::Modulo || slot < 0 || change == Change::Other) return;
    for (const MovePair& m : m_moves) {
        const bool ok = change == Change::Gain ? m.to == slot : m.from == slot;
        if (!ok)
            addViolation(change == Change::Gain ? "moves only to the gaining node" : "moves only from the losing node",
                         std::to_string(m.count) + " keys moved from " + nameOf(m.from) + " to " + nameOf(m.to));
    }
}

double HashringModel::liveWeight() const {
    double total = 0;
    for (int l : m_place.live()) total += m_place.member(l).weight;
    return total;
}

double HashringModel::fairShare(int slot) const {
    const double total = liveWeight();
    const bool live = m_place.member(slot).state == MemberState::Live;
    return live && total > 0 ? m_place.member(slot).weight / total * static_cast<double>(m_keys->size()) : 0.0;
}

double HashringModel::meanLoad() const {
    const auto live = m_place.liveCount();
    return live > 0 ? static_cast<double>(m_keys->size()) / live : 0.0;
}

std::int64_t HashringModel::replicaKeys(int slot) const {
    if (m_place.replication() <= 1) return m_load[static_cast<std::size_t>(slot)];
    std::int64_t count = 0;
    for (std::uint64_t h : m_keys->hashes()) {
        const auto list = m_place.replicas(h);
        if (std::find(list.begin(), list.end(), static_cast<std::uint8_t>(slot)) != list.end()) ++count;
    }
    return count;
}

}  // namespace sb::core::hashring
