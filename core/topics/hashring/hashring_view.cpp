// The hashring topic's presentation: view, metrics, probes and inspector text.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>

#include "topics/hashring/hash_functions.h"
#include "topics/hashring/hashring_model.h"
#include "sim/labels.h"

namespace sb::core::hashring {
namespace {

constexpr std::size_t kMaxKeyDots = 2000;   // above this the ring shows a density band
constexpr std::size_t kMaxVnodeLabels = 256;

std::string fixed(double v, int digits) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", digits, v);
    return buf;
}

}  // namespace

View HashringModel::view(Time t) const {
    View v;
    v.time = t;
    // Only the ring places keys on a circle. Hash mod N, rendezvous and jump have no ring: the
    // live nodes stand in a row, each with the keys it owns counted under it (mod N's named by
    // the remainder that picks them, "hash mod 4 = 0"; jump's by their bucket). A circle of key
    // dots there read as if keys had places on a ring.
    const bool modulo = m_place.mode() == Mode::Modulo;
    const bool onRing = m_place.mode() == Mode::Ring;
    v.layout = onRing ? Layout::Ring : Layout::Row;
    const double mean = meanLoad();
    std::int64_t maxKeys = 1, maxReq = 1;
    for (int s = 0; s < kMaxSlots; ++s) {
        maxKeys = std::max(maxKeys, m_load[static_cast<std::size_t>(s)]);
        maxReq = std::max(maxReq, m_requests[static_cast<std::size_t>(s)]);
    }
    const auto hotIndex = m_hasHot ? m_keys->findId(m_hotHash, m_hotId) : std::nullopt;
    const std::size_t hotKey = hotIndex.value_or(SIZE_MAX);
    const int hotOwner = hotIndex ? (*m_owners)[hotKey] : -1;
    const auto looked = lookupIndex();
    const int lookedOwner = looked ? (*m_owners)[*looked] : -1;
    std::size_t remainder = 0;  // of the next live node, in slot order as the placement counts them
    for (int s = 0; s < kMaxSlots; ++s) {
        const Member& m = m_place.member(s);
        if (m.state == MemberState::Absent) continue;
        const auto keys = m_load[static_cast<std::size_t>(s)];
        NodeView n;
        n.id = s;
        n.name = nameOf(s);
        n.crashed = m.state == MemberState::Failed;
        // On the ring every node is a ring node: "ring node" under each was the smallest of its
        // words and took a line that the scene, whose nodes stack on the ring's height, lacks.
        if (n.crashed) n.role = "failed";
        else if (modulo) n.role = "hash mod " + std::to_string(m_place.liveCount()) + " = " + std::to_string(remainder++);
        else if (m_place.mode() == Mode::Jump) n.role = "jump bucket " + std::to_string(m.bucket);
        else if (!onRing) n.role = "rendezvous node";
        n.value = std::to_string(keys) + " keys";
        n.highlighted = s == m_changedSlot;
        const double ratio = mean > 0 ? static_cast<double>(keys) / mean : 0;
        n.bars.push_back({"load", static_cast<double>(keys) / static_cast<double>(maxKeys),
                          fixed(ratio, 2) + "x mean", ratio > 1.5 ? Tone::Warning : Tone::Normal});
        if (m_requestsTotal > 0) {
            const auto r = m_requests[static_cast<std::size_t>(s)];
            n.bars.push_back({"requests", static_cast<double>(r) / static_cast<double>(maxReq),
                              std::to_string(r), s == hotOwner ? Tone::Bad : Tone::Normal});
        }
        // The points it really has on the ring (its vnodes times its weight), not the setting:
        // "V=1000 w=2.00" beside a node with 2000 points read as if the weight had no effect.
        if (m_place.mode() == Mode::Ring) n.badges.push_back({countOf(m_place.pointCount(s), "point", "points"), Tone::Muted});
        if (m.weight != 1.0) n.badges.push_back({"weight " + probeToString(m.weight), Tone::Accent});
        if (s == hotOwner) n.badges.push_back({"hot key", Tone::Bad});
        // With no ring to draw the looked-up key on, its owner says it holds it.
        if (!onRing && s == lookedOwner) n.badges.push_back({"holds " + m_keys->name(*looked), Tone::Accent});
        for (const MovePair& mv : m_moves) {
            if (mv.to == s) n.badges.push_back({"+" + std::to_string(mv.count) + " from " + nameOf(mv.from), Tone::Good});
        }
        v.nodes.push_back(std::move(n));
    }
    if (onRing) v.ring = ringView(t, hotKey);
    // Hash mod N's words are the remainder that picks the node, not a place on a circle.
    const auto live = static_cast<std::uint64_t>(m_place.liveCount());
    if (modulo)
        v.annotations.push_back("hash mod " + std::to_string(live) + ": " + std::to_string(live) + " live nodes, " +
                                std::to_string(m_keys->size()) + " keys");
    else
        v.annotations.push_back(std::string(modeName(m_place.mode())) + ": " + std::to_string(live) + " live nodes, " +
                                std::to_string(m_keys->size()) + " keys, R=" + std::to_string(m_place.replication()));
    if (const auto index = looked) {
        // What a client library computes for one key: its hash, where it lands, who holds it.
        const std::uint64_t hash = m_keys->hash(*index);
        std::string replicas;
        for (std::uint8_t r : m_place.replicas(hash)) replicas += (replicas.empty() ? "" : ", ") + nameOf(r);
        char hex[24];
        std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
        const std::string owner = nameOf((*m_owners)[*index]);
        const std::string found = ", found in " + countOf(m_lookupCost, "step", "steps");
        if (modulo && live > 0)
            v.annotations.push_back("key " + m_keys->name(*index) + ": hash 0x" + hex + ", and hash mod " + std::to_string(live) +
                                    " = " + std::to_string(hash % live) + " picks " + owner + found);
        else if (!onRing)
            v.annotations.push_back("key " + m_keys->name(*index) + ": hash 0x" + hex + ", owner " + owner + ", replicas " +
                                    replicas + found);
        else
            v.annotations.push_back("key " + m_keys->name(*index) + ": hash 0x" + hex + " (" + fixed(100.0 * ringFraction(hash), 1) +
                                    "% round the ring), owner " + owner + ", replicas " + replicas + found);
    }
    if (m_changedSlot >= 0 || m_moved > 0) {
        const double pct = m_keys->size() ? 100.0 * static_cast<double>(m_moved) / static_cast<double>(m_keys->size()) : 0;
        v.annotations.push_back("last change moved " + std::to_string(m_moved) + " keys (" + fixed(pct, 1) + "%)");
    }
    return v;
}

RingView HashringModel::ringView(Time t, std::size_t hotKey) const {
    RingView ring;
    if (m_place.mode() == Mode::Ring) {
        std::size_t total = 0;
        for (int s = 0; s < kMaxSlots; ++s)
            if (m_place.member(s).state != MemberState::Absent) total += m_place.member(s).points.size();
        for (int s = 0; s < kMaxSlots; ++s) {
            const Member& m = m_place.member(s);
            if (m.state == MemberState::Absent) continue;
            for (std::size_t i = 0; i < m.points.size(); ++i) {
                RingMark mark{ringFraction(m.points[i]), s, {}, s == m_changedSlot};
                if (total <= kMaxVnodeLabels) mark.label = nameOf(s) + "#" + std::to_string(i);
                ring.vnodes.push_back(std::move(mark));
            }
        }
        // In ring order, not by owner: at hundreds of points per node the ticks overlap, and
        // drawn owner by owner the last node's hue covered the whole band.
        std::sort(ring.vnodes.begin(), ring.vnodes.end(),
                  [](const RingMark& a, const RingMark& b) { return a.position < b.position; });
    }
    const std::size_t lookupKey = lookupIndex().value_or(SIZE_MAX);
    if (m_keys->size() <= kMaxKeyDots) {
        for (std::size_t i = 0; i < m_keys->size(); ++i) {
            const bool marked = i == lookupKey || i == hotKey;
            ring.keys.push_back({ringFraction(m_keys->hash(i)), (*m_owners)[i], m_keys->name(i), marked});
        }
    } else {
        ring.density = *m_density;
        // Too many keys for dots, but the one looked up (and the hot one) is still drawn: the
        // scene shows it large, labelled, with its way to its owner.
        for (const std::size_t i : {lookupKey, hotKey})
            if (i < m_keys->size()) ring.keys.push_back({ringFraction(m_keys->hash(i)), (*m_owners)[i], m_keys->name(i), true});
    }
    ring.moves = transitView(t, ring.density.empty(), ring.moveProgress);
    return ring;
}

std::vector<Metric> HashringModel::metrics() const {
    std::vector<Metric> out;
    for (int s : m_place.live()) out.push_back({"keys." + nameOf(s), static_cast<double>(m_load[static_cast<std::size_t>(s)])});
    for (const char* name : {"max_load", "min_load", "load_stddev", "moved_keys", "moved_fraction",
                             "moved_between_old", "nodes_live", "vnodes_total", "requests_total", "hot_share"}) {
        const ProbeValue p = probe(name, kNoNode);
        if (const auto* d = std::get_if<double>(&p)) out.push_back({name, *d});
        else if (const auto* i = std::get_if<std::int64_t>(&p)) out.push_back({name, static_cast<double>(*i)});
    }
    for (const MovePair& m : m_moves)
        out.push_back({"moved." + nameOf(m.from) + "->" + nameOf(m.to), static_cast<double>(m.count)});
    if (m_requestsTotal > 0)
        for (int s : m_place.live()) out.push_back({"requests." + nameOf(s), static_cast<double>(m_requests[static_cast<std::size_t>(s)])});
    // Mean lookup cost over a fixed sample of keys.
    double cost = 0;
    std::size_t n = 0;
    const std::size_t stride = std::max<std::size_t>(1, m_keys->size() / 1024);
    for (std::size_t i = 0; i < m_keys->size(); i += stride, ++n) cost += m_place.lookup(m_keys->hash(i)).cost;
    out.push_back({"lookup_cost_mean", n ? cost / static_cast<double>(n) : 0.0});
    return out;
}

}  // namespace sb::core::hashring
