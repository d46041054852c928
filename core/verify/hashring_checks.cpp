// The hash ring, checked from the trace alone: who owns a key is learnt from the events that
// name it (a lookup and its replicas, a move) and must stay consistent with every later one;
// consistent schemes move keys only to a node that joined or recovered and only from one that
// left or failed (Karger et al. 1997; modulo is exempt: moving nearly everything is what it
// shows); a lookup's preference list is R distinct nodes, owner first. The mode and R come from
// the header's params and the "set" events.
#include <algorithm>
#include <map>
#include <optional>

#include "verify/property.h"

namespace sb::core::verify {
namespace {

constexpr double kModulo = 0;  // the "mode" choice index of hash mod N

class RingChecker {
public:
    explicit RingChecker(const TraceFile& t) {
        if (auto m = t.params.find("mode"); m != t.params.end()) m_mode = m->second;
        if (auto r = t.params.find("replication"); r != t.params.end()) m_replicas = static_cast<std::int64_t>(r->second);
    }

    void on(const TraceEvent& e) {
        if (e.is("action")) onAction(e);
        else if (e.is("rebalance")) onRebalance(e);
        else if (e.is("move")) onMove(e);
        else if (e.is("replica")) onReplica(e);
    }

    void finish(std::vector<Finding>& out) {
        closeList();
        if (m_listing > 0) m_consistent.fail(*m_last, "a rebalance announced more moves than followed");
        if (!m_mode) m_disruption.unknown("the trace header has no params, so the placement scheme is unknown");
        out.push_back(m_owners.finish("ownership facts"));
        out.push_back(m_disruption.finish("moves"));
        out.push_back(m_lists.finish("preference lists"));
        out.push_back(m_consistent.finish("rebalances"));
    }

private:
    void learn(const TraceEvent& e, std::int64_t key, const std::string& owner, const char* how) {
        auto [it, fresh] = m_owner.emplace(key, owner);
        if (fresh) return;
        m_owners.checked();
        if (it->second != owner)
            m_owners.fail(e, std::string(how) + " says k" + std::to_string(key) + " is on " + owner + ", but it was on " +
                                 it->second + " and no move says it left");
        it->second = owner;
    }

    void onAction(const TraceEvent& e) {
        closeList();
        if (e.detail == "set") {
            if (auto m = e.field("mode")) m_mode = static_cast<double>(*m);
            if (auto r = e.field("replication")) m_replicas = *r;
        } else if (e.detail == "set_replication") {
            m_replicas.reset();  // its argument is not traced
        } else if (e.detail == "lookup") {
            m_lookupKey = e.field("key").value_or(-1);
            m_lookupOwner = e.node;
            m_list.clear();
            if (m_lookupKey >= 0 && !e.node.empty()) learn(e, m_lookupKey, e.node, "a lookup");
        }
    }

    void onRebalance(const TraceEvent& e) {
        closeList();
        const auto moved = e.field("moved"), listed = e.field("listed");
        if (!moved || !listed) return m_consistent.fail(e, "rebalance without \"moved\" or \"listed\"");
        m_consistent.checked();
        if (*listed > *moved) m_consistent.fail(e, "lists more moves than it says happened");
        // Moves left out: what we knew of the owners of unlisted keys may be stale.
        if (*listed < *moved) m_owner.clear();
        m_listing = *listed;
        m_last = &e;
        m_changed = e.node;
        m_gain = e.detail == "add_node" || e.detail == "recover" || e.detail == "restart";
        m_loss = e.detail == "remove_node" || e.detail == "fail" || e.detail == "crash";
        if (m_mode && *m_mode != kModulo && (m_gain || m_loss) && e.field("between_old").value_or(0) != 0)
            m_disruption.fail(e, "keys moved between nodes other than " + e.node);
    }

    void onMove(const TraceEvent& e) {
        if (m_listing-- <= 0) return m_consistent.fail(e, "a move that no rebalance announced");
        const auto key = e.field("key");
        if (!key) return m_consistent.fail(e, "move without \"key\"");
        learn(e, *key, e.node, "a move");  // it leaves its old owner
        m_owner[*key] = e.peer;
        if (!m_mode || *m_mode == kModulo || !(m_gain || m_loss)) return;
        m_disruption.checked();
        if (m_gain && e.peer != m_changed)
            m_disruption.fail(e, "k" + std::to_string(*key) + " moves to " + e.peer + " when " + m_changed + " joined");
        if (m_loss && e.node != m_changed)
            m_disruption.fail(e, "k" + std::to_string(*key) + " moves from " + e.node + " when " + m_changed + " left");
    }

    void onReplica(const TraceEvent& e) {
        const auto key = e.field("key"), rank = e.field("rank");
        if (!key || !rank || *key != m_lookupKey) return m_lists.fail(e, "a replica of no lookup");
        if (*rank != static_cast<std::int64_t>(m_list.size()) + 1) m_lists.fail(e, "replica ranks out of order");
        if (*rank == 1 && e.node != m_lookupOwner) m_lists.fail(e, "the first replica is not the owner the lookup named");
        if (std::find(m_list.begin(), m_list.end(), e.node) != m_list.end()) m_lists.fail(e, e.node + " twice in one list");
        if (m_replicas && *rank > *m_replicas) m_lists.fail(e, "more replicas than R = " + std::to_string(*m_replicas));
        m_list.push_back(e.node);
    }

    void closeList() {
        if (m_list.empty()) return;
        m_lists.checked();
        m_list.clear();
    }

    std::optional<double> m_mode;
    std::optional<std::int64_t> m_replicas;
    std::map<std::int64_t, std::string> m_owner;  // key number -> node, as far as the trace says
    std::int64_t m_listing = 0;                   // moves the last rebalance still owes
    const TraceEvent* m_last = nullptr;
    std::string m_changed;
    bool m_gain = false, m_loss = false;
    std::int64_t m_lookupKey = -1;
    std::string m_lookupOwner;
    std::vector<std::string> m_list;
    Property m_owners{"ownership consistent"};
    Property m_disruption{"keys move only to or from the changed node"};
    Property m_lists{"preference lists"};
    Property m_consistent{"trace consistent"};
};

}  // namespace

void checkHashring(const TraceFile& trace, std::vector<Finding>& out) {
    runChecker(RingChecker(trace), trace, out);
}

}  // namespace sb::core::verify
