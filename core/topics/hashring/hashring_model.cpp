// The hashring topic: parameters, actions and the event loop. Rebalancing and invariants are in
// hashring_rebalance.cpp, presentation in hashring_view.cpp.
#include "topics/hashring/hashring_model.h"

#include <algorithm>

namespace sb::core::hashring {
namespace {

constexpr Time kRequestGap = kMillisecond;
constexpr double kMaxWeight = 100;
constexpr std::size_t kMaxAddress = 200;

std::vector<ActionSpec> hashringActions() {
    auto optional = [](std::string name, ArgType type) { return arg(std::move(name), type, false); };
    return {
        {"add_node", "Add a node (default: the lowest-numbered one not in the cluster)",
         {optional("node", ArgType::Node), optional("vnodes", ArgType::Int), optional("weight", ArgType::Real),
          optional("address", ArgType::String)}},
        {"remove_node", "Remove a node for good: its keys go to the others", {arg("node", ArgType::Node)}},
        {"fail", "A node fails: it stays in the membership but lookups skip it", {arg("node", ArgType::Node)}},
        {"recover", "A failed node comes back and takes its keys back", {arg("node", ArgType::Node)}},
        {"crash", "Same as fail (the generic gesture)", {arg("node", ArgType::Node)}},
        {"restart", "Same as recover (the generic gesture)", {arg("node", ArgType::Node)}},
        {"set_vnodes", "Change the virtual-node count of one node, or of every node if none is named",
         {optional("node", ArgType::Node), arg("vnodes", ArgType::Int)}},
        {"set_weight", "Change a node's weight (ring and rendezvous)",
         {arg("node", ArgType::Node), arg("weight", ArgType::Real)}},
        {"set_replication", "Set the replication factor R", {arg("replicas", ArgType::Int)}},
        {"insert", "Insert a key by name", {arg("key", ArgType::String)}},
        {"lookup", "Look up a key: the lookup_* probes then follow it", {arg("key", ArgType::String)}},
        {"traffic", "Send requests, one per millisecond, to one key (a hot key) or to random keys",
         {optional("key", ArgType::String), arg("requests", ArgType::Int), optional("spread", ArgType::Bool)}, "Send requests"},
        {"clear_traffic", "Reset the request counters", {}, "Reset the request counters"},
        {"set", "Change a parameter during the run (mode, replication)",
         {arg("param", ArgType::String), arg("value", ArgType::Real)}},
    };
}

// Action kinds as string literals with program lifetime, for Event::detail.
const char* kindLiteral(const std::string& kind) {
    const ActionSpec* spec = HashringModel::topicInfo().findAction(kind);
    return spec ? spec->kind.c_str() : "?";
}

// Mode and replication change during a run ("set"); the rest shape the run from its start.
const ParamBinding<Config>& hashringBinding() {
    static const ParamBinding<Config> binding = [] {
        ParamBinding<Config> b;
        b.choice("mode", {"modulo", "ring", "rendezvous", "jump"}, 1, "How keys map to nodes", &Config::mode).live();
        b.integer("nodes", "nodes", 1, kMaxSlots, 4, "Nodes at the start (n1..nN)", &Config::nodes);
        b.integer("vnodes", "vnodes", 1, 1000, 1, "Virtual nodes per node on the ring", &Config::vnodes);
        b.integer("keys", "keys", 0, 1000000, 40, "Synthetic keys k1..kK", &Config::keys);
        b.integer("replication", "replicas", 1, 8, 1, "Replicas per key (R)", &Config::replication).live();
        b.choice("hash", {"xxh3", "ketama"}, 0, "Hash that places keys and nodes: XXH3, or ketama's MD5 points",
                 &Config::hash);
        return b;
    }();
    return binding;
}

}  // namespace

const TopicInfo& HashringModel::topicInfo() {
    static const TopicInfo info = [] {
        TopicInfo t;
        t.id = "hashring";
        t.title = "Consistent hashing";
        t.summary = "Keys on a hash ring: how many move when nodes come and go, and how evenly they spread.";
        t.params = hashringBinding().paramSet();
        t.actions = hashringActions();
        t.probes = {
            {"mode", false, "Placement scheme in use", false, "Placement"},
            {"nodes_live", false, "Nodes up and in the cluster", false, "Live nodes"},
            {"keys_total", false, "Keys stored", false, "Keys stored"},
            {"vnodes_total", false, "Points on the ring (ring mode)", false, "Points on the ring"},
            {"replication", false, "Replication factor R", false, "Replication factor"},
            {"moved_keys", false, "Keys whose owner changed in the last change"},
            {"moved_fraction", false, "moved_keys over keys_total", false, "Share of keys that moved"},
            {"moved_between_old", false, "Moves in the last change between two nodes other than the changed one", false, "Moved between staying nodes"},
            {"max_load", false, "Most keys on a live node, over the mean", false, "Peak load over the mean"},
            {"min_load", false, "Fewest keys on a live node, over the mean"},
            {"load_stddev", false, "Standard deviation of keys per live node, over the mean", false, "Load spread (standard deviation over mean)"},
            {"fair_stddev", false, "Standard deviation of keys per live node over its weighted fair share", false, "Spread against the fair shares"},
            {"points_per_weight", false, "Points on the ring over the live nodes' total weight", false, "Points per unit of weight"},
            {"busiest", false, "Live node with the most keys", false, "Busiest node"},
            {"lookup_owner", false, "Owner of the key named by the last lookup, now"},
            {"lookup_replicas", false, "Preference list of that key, comma-separated", false, "Replicas of the key looked up"},
            {"lookup_cost", false, "Cost of the last lookup (comparisons, hashes or steps)", false, "Cost of the last lookup"},
            {"lookup_moved", false, "Whether that key moved in the last change"},
            {"requests_total", false, "Requests served since the last clear", false, "Requests served"},
            {"hot_share", false, "Busiest node's share of the requests", false, "Busiest node's share of requests"},
            {"hot_owner", false, "Owner of the hot key"},
            {"keys_on", true, "Keys this node owns", false, "Keys on {node}"},
            {"load_ratio", true, "Keys on this node over the mean", false, "Keys on {node} over the mean"},
            {"fair_ratio", true, "Keys on this node over its weighted fair share", false, "Keys on {node} over its fair share"},
            {"vnodes_on", true, "Virtual nodes set for this node, before its weight scales them", false, "Virtual nodes set for {node}"},
            {"ring_points_on", true, "Points this node has on the ring: its virtual nodes times its weight", false, "Points {node} has on the ring"},
            {"member", true, "Whether the node is in the cluster (up or failed)"},
            {"up", true, "Whether the node is in the cluster and up", false, "{node} is up"},
            {"moved_to", true, "Keys that moved to this node in the last change", false, "Keys that moved to {node}"},
            {"moved_from", true, "Keys that moved away from this node in the last change", false, "Keys that moved off {node}"},
            {"requests_on", true, "Requests this node served"},
            {"replica_keys", true, "Keys this node holds a replica of (owner included)", false, "Copies on {node}"},
        };
        t.eventKinds = {"action", "rebalance", "move", "request", "replica"};
        return t;
    }();
    return info;
}

std::vector<std::string> HashringModel::nodeNames() const {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        out.reserve(kMaxSlots);
        for (int s = 0; s < kMaxSlots; ++s) out.push_back(Placement::slotName(s));
        return out;
    }();
    return names;
}

Result<std::vector<std::string>> HashringModel::namesFor(const ParamValues& p) const {
    Config config;
    if (Status s = hashringBinding().load(p, config); !s) return s.error();  // reset's only refusal
    return nodeNames();
}

Status HashringModel::reset(const ParamValues& p, std::uint64_t seed) {
    Config config;
    if (Status s = hashringBinding().load(p, config); !s) return s;
    *this = HashringModel{};
    m_cfg = config;
    m_place.reset(m_cfg.mode, seed, m_cfg.replication, m_cfg.hash);
    for (int s = 0; s < m_cfg.nodes; ++s) m_place.join(s, m_cfg.vnodes, 1.0);
    m_place.rebuild();
    m_rng.reseed(seed);
    auto keys = std::make_shared<KeyTable>(m_cfg.keys, seed, m_cfg.hash);
    m_keys = keys;
    auto owners = std::make_shared<std::vector<std::uint8_t>>();
    m_place.assignAll(keys->hashes(), *owners);
    m_owners = owners;
    m_prevOwners = owners;
    updateDensity();
    recount();
    checkInvariants(Change::Other, -1);
    return {};
}

std::optional<Time> HashringModel::nextTime() const {
    std::optional<Time> next;
    if (m_pendingNext < m_pending.size()) next = m_now;
    for (const Burst& b : m_bursts)
        if (!next || b.next < *next) next = b.next;
    return next;
}

std::optional<Event> HashringModel::step() {
    if (m_pendingNext < m_pending.size()) {
        Event e = m_pending[m_pendingNext++];
        e.time = m_now;
        if (m_pendingNext == m_pending.size()) {
            m_pending.clear();
            m_pendingNext = 0;
        }
        return e;
    }
    return stepBurst();
}

std::optional<Event> HashringModel::stepBurst() {
    if (m_bursts.empty()) return std::nullopt;
    auto it = std::min_element(m_bursts.begin(), m_bursts.end(),
                               [](const Burst& a, const Burst& b) { return a.next < b.next; });
    Burst& b = *it;
    m_now = std::max(m_now, b.next);
    std::size_t index = 0;
    if (b.keyIndex < 0) {
        index = static_cast<std::size_t>(m_rng.range(0, static_cast<std::int64_t>(m_keys->size()) - 1));
    } else if (auto found = m_keys->findId(b.keyHash, b.keyId)) {
        index = *found;
    }
    std::uint8_t target = (*m_owners)[index];
    if (b.spread) {
        const auto list = m_place.replicas(m_keys->hash(index));
        if (!list.empty()) target = list[m_rrCounter++ % list.size()];
    }
    ++m_requests[target];
    ++m_requestsTotal;
    Event e;
    e.time = m_now;
    e.kind = "request";
    e.node = target;
    e.with("key", std::int64_t{m_keys->id(index)} + 1).with("served", m_requests[target]);
    if (--b.remaining <= 0) m_bursts.erase(it);
    else b.next += kRequestGap;
    return e;
}

Status HashringModel::apply(const Action& a, Event& out) {
    m_now = std::max(m_now, a.at);
    out.time = m_now;
    out.kind = "action";
    out.detail = kindLiteral(a.kind);
    if (a.has("node")) {
        const std::string name = a.str("node");
        for (int s = 0; s < kMaxSlots; ++s)
            if (Placement::slotName(s) == name) out.node = s;
        if (out.node == kNoNode) return makeError("unknown node '" + name + "'", "/node");
    }
    if (a.kind == "insert" || a.kind == "lookup") return applyKeyAction(a, out);
    if (a.kind == "traffic" || a.kind == "clear_traffic") return applyTraffic(a, out);
    if (a.kind == "set_replication" || a.kind == "set") {
        Config next = m_cfg;
        const std::string param = a.kind == "set" ? a.str("param") : "replication";
        if (a.kind == "set") {
            if (Status s = hashringBinding().set(param, a.real("value"), next); !s) return s;
        } else {
            const std::int64_t v = a.integer("replicas");
            if (v < 1 || v > 8) return makeError("replication must be 1..8", "/replicas");
            next.replication = static_cast<std::uint32_t>(v);
        }
        m_cfg = next;
        if (param == "mode") m_place.setMode(m_cfg.mode);
        else m_place.setReplication(m_cfg.replication);
        reassign(Change::Other, -1, out);
        return {};
    }
    return applyMembership(a, out);
}

Status HashringModel::applyMembership(const Action& a, Event& out) {
    int slot = out.node;
    const MemberState state = slot >= 0 ? m_place.member(slot).state : MemberState::Absent;
    const bool lastLive = state == MemberState::Live && m_place.liveCount() == 1;
    const std::string name = slot >= 0 ? nameOf(slot) : std::string();
    if (a.kind == "add_node") {
        if (slot < 0) {
            for (int s = 0; s < kMaxSlots && slot < 0; ++s)
                if (m_place.member(s).state == MemberState::Absent) slot = s;
            if (slot < 0) return makeError("all 64 nodes are already in the cluster", "/node");
            out.node = slot;
        } else if (state != MemberState::Absent) {
            return makeError(name + " is already in the cluster", "/node");
        }
        const std::int64_t v = a.integer("vnodes", m_cfg.vnodes);
        const double w = a.real("weight", 1.0);
        if (v < 1 || v > 1000) return makeError("vnodes must be 1..1000", "/vnodes");
        if (!(w > 0 && w <= kMaxWeight)) return makeError("weight must be in (0, 100]", "/weight");
        const std::string address = a.str("address");
        if (address.size() > kMaxAddress) return makeError("an address has at most 200 characters", "/address");
        m_place.join(slot, static_cast<std::uint32_t>(v), w, address);
        reassign(Change::Gain, slot, out);
        return {};
    }
    if (a.kind == "set_vnodes" && slot < 0) {
        const std::int64_t v = a.integer("vnodes");
        if (v < 1 || v > 1000) return makeError("vnodes must be 1..1000", "/vnodes");
        m_cfg.vnodes = static_cast<std::uint32_t>(v);
        for (int s = 0; s < kMaxSlots; ++s)
            if (m_place.member(s).state != MemberState::Absent) m_place.setVnodes(s, m_cfg.vnodes);
        reassign(Change::Other, -1, out);
        return {};
    }
    if (state == MemberState::Absent) return makeError(name + " is not in the cluster", "/node");
    if (a.kind == "remove_node") {
        if (lastLive) return makeError("cannot remove the last live node", "/node");
        m_place.setState(slot, MemberState::Absent);
        reassign(Change::Loss, slot, out);
    } else if (a.kind == "fail" || a.kind == "crash") {
        if (state != MemberState::Live) return makeError(name + " has already failed", "/node");
        if (lastLive) return makeError("cannot fail the last live node", "/node");
        m_place.setState(slot, MemberState::Failed);
        reassign(Change::Loss, slot, out);
    } else if (a.kind == "recover" || a.kind == "restart") {
        if (state != MemberState::Failed) return makeError(name + " has not failed", "/node");
        m_place.setState(slot, MemberState::Live);
        reassign(Change::Gain, slot, out);
    } else if (a.kind == "set_vnodes" || a.kind == "set_weight") {
        const std::uint32_t before = m_place.pointCount(slot);
        const double oldWeight = m_place.member(slot).weight;
        if (a.kind == "set_vnodes") {
            const std::int64_t v = a.integer("vnodes");
            if (v < 1 || v > 1000) return makeError("vnodes must be 1..1000", "/vnodes");
            m_place.setVnodes(slot, static_cast<std::uint32_t>(v));
        } else {
            const double w = a.real("weight");
            if (!(w > 0 && w <= kMaxWeight)) return makeError("weight must be in (0, 100]", "/weight");
            m_place.setWeight(slot, w);
        }
        const std::uint32_t after = m_place.pointCount(slot);
        const double newWeight = m_place.member(slot).weight;
        // More points (ring) or more weight (rendezvous) can only attract keys; less only lose.
        const bool gain = m_place.mode() == Mode::Ring ? after > before : newWeight > oldWeight;
        const bool loss = m_place.mode() == Mode::Ring ? after < before : newWeight < oldWeight;
        reassign(gain ? Change::Gain : loss ? Change::Loss : Change::Other, slot, out);
    } else {
        return makeError("unknown action '" + a.kind + "'", "/do");
    }
    return {};
}

}  // namespace sb::core::hashring
