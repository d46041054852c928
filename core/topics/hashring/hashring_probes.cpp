// Probes, event sentences and inspector rows of the hashring topic.
#include <algorithm>
#include <cmath>

#include "topics/hashring/hash_functions.h"
#include "topics/hashring/hashring_model.h"

namespace sb::core::hashring {
namespace {

struct LoadStats {
    double max = 0, min = 0, stddev = 0;
    int busiest = -1;
};

}  // namespace

ProbeValue HashringModel::probe(const std::string& name, NodeId node) const {
    const double mean = meanLoad();
    if (node >= 0 && node < kMaxSlots) {
        const auto s = static_cast<std::size_t>(node);
        const Member& m = m_place.member(node);
        if (name == "keys_on") return m_load[s];
        if (name == "load_ratio") return mean > 0 ? static_cast<double>(m_load[s]) / mean : 0.0;
        if (name == "fair_ratio") {
            const double fair = fairShare(node);
            return fair > 0 ? static_cast<double>(m_load[s]) / fair : 0.0;
        }
        if (name == "vnodes_on") return std::int64_t{m.state == MemberState::Absent ? 0 : m.vnodes};
        if (name == "ring_points_on") {
            const bool placed = m.state != MemberState::Absent && m_place.mode() == Mode::Ring;
            return std::int64_t{placed ? m_place.pointCount(node) : 0};
        }
        if (name == "member") return m.state != MemberState::Absent;
        if (name == "up") return m.state == MemberState::Live;
        if (name == "moved_to" || name == "moved_from") {
            std::int64_t c = 0;
            for (const MovePair& mv : m_moves)
                if ((name == "moved_to" ? mv.to : mv.from) == node) c += mv.count;
            return c;
        }
        if (name == "requests_on") return m_requests[s];
        if (name == "replica_keys") return replicaKeys(node);
        return std::monostate{};
    }
    const auto keys = static_cast<std::int64_t>(m_keys->size());
    if (name == "mode") return std::string(modeName(m_place.mode()));
    if (name == "nodes_live") return std::int64_t{m_place.liveCount()};
    if (name == "keys_total") return keys;
    if (name == "vnodes_total") return static_cast<std::int64_t>(m_place.ringSize());
    if (name == "replication") return std::int64_t{m_place.replication()};
    if (name == "moved_keys") return m_moved;
    if (name == "moved_fraction") return keys ? static_cast<double>(m_moved) / static_cast<double>(keys) : 0.0;
    if (name == "moved_between_old") return m_movedBetweenOld;
    if (name == "max_load" || name == "min_load" || name == "load_stddev" || name == "busiest") {
        LoadStats st;
        if (mean <= 0 || m_place.live().empty()) return name == "busiest" ? ProbeValue{std::string()} : ProbeValue{0.0};
        double sq = 0;
        st.min = 1e300;
        for (int l : m_place.live()) {
            const double r = static_cast<double>(m_load[static_cast<std::size_t>(l)]) / mean;
            if (r > st.max) { st.max = r; st.busiest = l; }
            st.min = std::min(st.min, r);
            sq += (r - 1) * (r - 1);
        }
        st.stddev = std::sqrt(sq / static_cast<double>(m_place.live().size()));
        if (name == "busiest") return st.busiest >= 0 ? nameOf(st.busiest) : std::string();
        return name == "max_load" ? st.max : name == "min_load" ? st.min : st.stddev;
    }
    if (name == "fair_stddev") {
        // A weighted node is meant to hold more: measured against the mean, weight 2 alone made
        // the spread look like one point per node at a thousand.
        double sq = 0;
        for (int l : m_place.live()) {
            const double fair = fairShare(l);
            const double r = fair > 0 ? static_cast<double>(m_load[static_cast<std::size_t>(l)]) / fair : 0.0;
            sq += (r - 1) * (r - 1);
        }
        return m_place.live().empty() ? 0.0 : std::sqrt(sq / static_cast<double>(m_place.live().size()));
    }
    if (name == "points_per_weight") {
        const double total = liveWeight();
        return total > 0 ? static_cast<double>(m_place.ringSize()) / total : 0.0;
    }
    if (name == "lookup_owner" || name == "lookup_replicas" || name == "lookup_moved") {
        const auto index = lookupIndex();
        if (!index) return name == "lookup_moved" ? ProbeValue{false} : ProbeValue{std::string()};
        if (name == "lookup_owner") return nameOf((*m_owners)[*index]);
        if (name == "lookup_moved") return (*m_owners)[*index] != (*m_prevOwners)[*index];
        std::string list;
        for (std::uint8_t r : m_place.replicas(m_keys->hash(*index))) list += (list.empty() ? "" : ",") + nameOf(r);
        return list;
    }
    if (name == "lookup_cost") return std::int64_t{m_lookupCost};
    if (name == "requests_total") return m_requestsTotal;
    if (name == "hot_share") {
        const auto peak = *std::max_element(m_requests.begin(), m_requests.end());
        return m_requestsTotal > 0 ? static_cast<double>(peak) / static_cast<double>(m_requestsTotal) : 0.0;
    }
    if (name == "hot_owner") {
        const auto index = m_hasHot ? m_keys->findId(m_hotHash, m_hotId) : std::nullopt;
        return index ? nameOf((*m_owners)[*index]) : std::string();
    }
    return std::monostate{};
}

std::string HashringModel::describe(const Event& e) const {
    auto node = [&](NodeId n) { return n >= 0 && n < kMaxSlots ? nameOf(n) : std::string("?"); };
    auto key = [&]() { return m_keys->nameOfId(static_cast<std::uint32_t>(e.field("key").value_or(1) - 1)); };
    const std::string moved = std::to_string(e.field("moved").value_or(0));
    if (e.is("move")) return key() + " moves from " + node(e.node) + " to " + node(e.peer);
    if (e.is("request")) return node(e.node) + " serves a request for " + key();
    if (e.is("replica")) return key() + ": replica " + std::to_string(e.field("rank").value_or(0)) + " is " + node(e.node);
    if (e.is("rebalance"))
        return "ownership recomputed: " + moved + " of " + std::to_string(e.field("keys").value_or(0)) + " keys moved";
    if (!e.is("action")) return Model::describe(e);
    const std::string d = e.detail;
    if (d == "add_node") return node(e.node) + " joins; " + moved + " keys move";
    if (d == "remove_node") return node(e.node) + " leaves; " + moved + " keys move";
    if (d == "fail" || d == "crash") return node(e.node) + " fails; its " + moved + " keys go to the next live nodes";
    if (d == "recover" || d == "restart") return node(e.node) + " recovers and takes back " + moved + " keys";
    if (d == "lookup")
        return "lookup " + key() + ": owner " + node(e.node) + " (cost " + std::to_string(e.field("cost").value_or(0)) + ")";
    if (d == "insert") return "insert " + key() + " on " + node(e.node);
    if (d == "traffic") return "send " + std::to_string(e.field("requests").value_or(0)) + " requests";
    if (d == "set_vnodes" || d == "set_weight" || d == "set_replication" || d == "set")
        return std::string(d) + (e.node >= 0 ? " on " + node(e.node) : std::string()) + "; " + moved + " keys move";
    return Model::describe(e);
}

std::vector<InspectRow> HashringModel::inspectNode(NodeId node) const {
    std::vector<InspectRow> rows;
    if (node < 0 || node >= kMaxSlots) return rows;
    const Member& m = m_place.member(node);
    const char* state = m.state == MemberState::Live ? "up" : m.state == MemberState::Failed ? "failed" : "not in cluster";
    rows.push_back({"state", state});
    if (m.state == MemberState::Absent) return rows;
    rows.push_back({"keys", std::to_string(m_load[static_cast<std::size_t>(node)])});
    rows.push_back({"load", probeToString(probe("load_ratio", node)) + "x mean"});
    rows.push_back({"vnodes", std::to_string(m.vnodes)});
    rows.push_back({"weight", probeToString(m.weight)});
    if (m_place.mode() == Mode::Ring) {
        // Share of the circle this node's points own: the arc ending at each of its vnodes.
        const auto& pos = m_place.ringPositions();
        const auto& own = m_place.ringOwners();
        double arc = 0;
        for (std::size_t j = 0; j < pos.size(); ++j) {
            if (own[j] != node) continue;
            const std::uint64_t prev = pos[(j + pos.size() - 1) % pos.size()];
            const std::uint64_t span = pos.size() == 1 ? ~std::uint64_t{0} : pos[j] - prev;  // wraps mod 2^64
            arc += ringFraction(span);
        }
        rows.push_back({"ring share", probeToString(arc)});
    }
    if (m.bucket >= 0 && m_place.mode() == Mode::Jump) rows.push_back({"jump bucket", std::to_string(m.bucket)});
    rows.push_back({"moved in (last change)", probeToString(probe("moved_to", node))});
    rows.push_back({"moved out (last change)", probeToString(probe("moved_from", node))});
    rows.push_back({"requests", std::to_string(m_requests[static_cast<std::size_t>(node)])});
    return rows;
}

}  // namespace sb::core::hashring
