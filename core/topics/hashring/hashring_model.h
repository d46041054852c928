#pragma once

#include <memory>
#include <vector>

#include "sim/model.h"
#include "sim/model_capabilities.h"
#include "sim/param_binding.h"
#include "sim/rng.h"
#include "topics/hashring/key_table.h"
#include "topics/hashring/placement.h"

namespace sb::core::hashring {

struct Config {
    Mode mode = Mode::Ring;
    int nodes = 0;
    std::uint32_t vnodes = 1;  // for nodes that join without a count of their own
    std::uint32_t keys = 0;
    std::uint32_t replication = 1;
    HashFn hash = HashFn::Xxh3;
};

// The "hashring" topic: which node owns which key, and how many keys move when membership
// changes, under four schemes on the same keys (param `mode`): hash mod N, the consistent-hash
// ring with virtual nodes (Karger et al. 1997; Dynamo 2007; ketama), rendezvous / highest random
// weight (Thaler and Ravishankar 1998), and jump consistent hash (Lamping and Veach 2014).
//
// Not message-driven: each membership change, key operation or request is an event. An action
// recomputes ownership at once (so claims right after it see the new state); step() then reports
// a "rebalance" summary, one "move" per moved key (at most 512 per change; the summary says how
// many are listed), one "replica" per node of a looked-up key's preference list, and one
// "request" per millisecond of sent traffic.
//
// Nodes are the fixed names n1..n64 (nodeNames() lists all 64, so NodeIds and names are stable
// and scripts can name a node before it joins); the view shows members only. Keys are
// synthetic "k1".."kK" plus keys inserted by name; an event's "key" field is the key's number
// (k7 -> 7; inserted keys count on from K+1). Hashes are XXH3-64 seeded with the run's seed, or
// with param hash=ketama the MD5 points of libketama; then add_node may give a node the address
// its points hash ("10.0.1.1:11211"), so a published ketama ring and its lookups replay exactly.
//
// A change hands keys over at once (claims and probes see the new owners), but the view draws each
// moved key travelling along the ring from the point that led to its old owner to the one that
// leads to its new owner, over kHandover (150 ms of simulated time) after the change (a sample of at
// most 240 keys per change), so a rebalance is seen at time t like a message in flight: paused,
// exported and rewound with the run. Lesson steps that change ownership wait that long.
//
// Simplifications: no data is copied (a move is a change of owner); a failed node keeps its
// ring points and is skipped by lookups (Dynamo-style), modulo simply drops it from the list;
// requests go to the owner, or round-robin over the R replicas with "spread"; replicas of modulo
// and jump are the next R distinct live nodes/buckets; weights apply to ring and rendezvous only.
//
// Invariants, checked whenever ownership can change (membership, vnodes, weight, R, mode):
// every key has exactly one live owner; every preference list has min(R, live) distinct live
// nodes; the bulk assignment agrees with single lookups (sampled); and, except for modulo, keys
// move only to a node that joined/gained points or only from one that left/lost points.
//
// Probes. Global: mode, nodes_live, keys_total, vnodes_total, replication, moved_keys,
// moved_fraction, moved_between_old (moves where neither end is the changed node), max_load,
// min_load, load_stddev (keys per live node over the mean; stddev is relative), busiest,
// lookup_owner, lookup_replicas ("n3,n1,n5"), lookup_cost, lookup_moved (of the key named by the
// last "lookup" action, as of now), requests_total, hot_share (busiest node's share of requests),
// hot_owner, fair_stddev (as load_stddev, each node against its weighted fair share),
// points_per_weight (ring points over the live nodes' total weight). Per node: keys_on, load_ratio, fair_ratio (keys over weight share), vnodes_on (the
// setting), ring_points_on (its points on the ring: vnodes x weight; 0 off the ring), member, up,
// moved_to, moved_from, requests_on, replica_keys (keys it holds any replica of).
// Keys are not nodes, so a lesson names a key with a "lookup" action and then probes lookup_*.
class HashringModel final : public Model, public NamesFromParams {
public:
    // How long the view shows moved keys travelling to their new owner (simulated time).
    static constexpr Time kHandover = 150 * kMillisecond;

    static const TopicInfo& topicInfo();

    std::unique_ptr<Model> clone() const override { return std::make_unique<HashringModel>(*this); }
    const TopicInfo& info() const override { return topicInfo(); }
    Status reset(const ParamValues& params, std::uint64_t seed) override;
    Status apply(const Action& action, Event& out) override;
    std::optional<Event> step() override;
    Time now() const override { return m_now; }
    std::optional<Time> nextTime() const override;
    // An action's summary, moves and replicas come out before the next action of the instant.
    bool reporting() const override { return m_pendingNext < m_pending.size(); }
    std::vector<std::string> nodeNames() const override;
    // The fixed slot names, without building the key table (loading a lesson checks names only).
    Result<std::vector<std::string>> namesFor(const ParamValues& params) const override;
    View view(Time t) const override;
    std::vector<Metric> metrics() const override;
    std::vector<Violation> violations() const override { return m_violations; }
    ProbeValue probe(const std::string& name, NodeId node) const override;
    std::string describe(const Event& event) const override;
    std::vector<InspectRow> inspectNode(NodeId node) const override;
    // Deliberately broken variants ("join_moves_old_keys", "lookup_skips_vnode") for tests that
    // show the invariants catch them; not parameters, so no lesson or session can reach them.
    // Call after reset; lasts until the next reset.
    std::vector<std::string> brokenVariants() const;
    Status breakOnPurpose(const std::string& variant);

    // For tests and benchmarks.
    const Placement& placement() const { return m_place; }
    const KeyTable& keys() const { return *m_keys; }
    const std::vector<std::uint8_t>& owners() const { return *m_owners; }
    std::int64_t keysOn(int slot) const { return m_load[static_cast<std::size_t>(slot)]; }

private:
    enum class Change { Gain, Loss, Other };
    struct MovePair {
        std::uint8_t from, to;
        std::int64_t count;
    };
    struct Transit {  // one moved key on its way (view only)
        std::size_t key;
        std::uint8_t from, to;
        double fromPosition, toPosition;
    };
    struct Burst {  // queued requests, one per millisecond
        std::int64_t keyIndex = -1;  // -1: a uniformly random key per request
        std::uint64_t keyHash = 0;
        std::uint32_t keyId = 0;
        std::int64_t remaining = 0;
        bool spread = false;
        Time next = 0;
    };

    Status applyMembership(const Action& a, Event& out);
    Status applyKeyAction(const Action& a, Event& out);
    Status applyTraffic(const Action& a, Event& out);
    void reassign(Change change, int slot, Event& out);
    void recordMoves(const std::vector<std::uint8_t>& before, const std::vector<std::uint8_t>& after,
                     Change change, int slot);
    void beginTransit();
    void recordTransit();
    void endTransit();
    std::vector<RingMove> transitView(Time t, bool keyDots, double& progress) const;
    // The ring as drawn at t: points, keys (or their density) and the keys on their way.
    RingView ringView(Time t, std::size_t hotKey) const;
    void recount();
    void updateDensity();
    void checkInvariants(Change change, int slot);
    std::optional<Event> stepBurst();
    std::optional<std::size_t> lookupIndex() const;
    double meanLoad() const;
    // Keys `slot` should hold if keys went by weight: its weight's share of the live nodes'.
    double fairShare(int slot) const;
    double liveWeight() const;
    std::string nameOf(int slot) const { return Placement::slotName(slot); }
    std::int64_t replicaKeys(int slot) const;
    void addViolation(std::string invariant, std::string detail);

    Config m_cfg;
    Placement m_place;
    std::shared_ptr<const KeyTable> m_keys;  // shared by checkpoints until a key is inserted
    std::shared_ptr<const std::vector<std::uint8_t>> m_owners;
    std::shared_ptr<const std::vector<std::uint8_t>> m_prevOwners;
    std::shared_ptr<const std::vector<double>> m_density;
    std::vector<std::int64_t> m_load = std::vector<std::int64_t>(kMaxSlots, 0);
    std::vector<std::int64_t> m_requests = std::vector<std::int64_t>(kMaxSlots, 0);
    std::int64_t m_requestsTotal = 0;
    // The journeys drawn after the last change: owners and ring points from before it (before the
    // first of several changes in one instant), and the sampled keys on their way.
    Time m_transitStart = -1;
    std::shared_ptr<const std::vector<std::uint8_t>> m_transitFrom;
    std::shared_ptr<const std::vector<std::uint64_t>> m_transitRing;
    std::vector<Transit> m_transit;
    std::vector<MovePair> m_moves;  // from the last change, sorted by (from, to)
    std::int64_t m_moved = 0;
    std::int64_t m_movedBetweenOld = 0;
    int m_changedSlot = -1;
    bool m_hasLookup = false;
    std::uint64_t m_lookupHash = 0;
    std::uint32_t m_lookupId = 0;
    int m_lookupCost = 0;
    bool m_hasHot = false;
    std::uint64_t m_hotHash = 0;
    std::uint32_t m_hotId = 0;
    std::uint32_t m_rrCounter = 0;
    std::vector<Event> m_pending;  // events due now, reported in order
    std::size_t m_pendingNext = 0;
    std::vector<Burst> m_bursts;
    Time m_now = 0;
    Rng m_rng;
    std::vector<Violation> m_violations;
};

}  // namespace sb::core::hashring
