// Single-leader replication, checked from the trace alone. Each replica's log is rebuilt from its
// `append` events (a leader's own writes), `apply` events (a follower's, one position at a time)
// and `apply` "sync" events (it adopts the log a Sync message carried: the sender's log when it
// was sent). Checked: a replica fills its log in order, and an entry sits at the position its
// leader appended it at (a follower applying what arrives next, out of order, breaks this); no
// two replicas acknowledge writes in one epoch; and in sync mode (the header's replication_mode,
// or a later `set`) a write acknowledged while a follower held it is still in that follower's
// log if it is promoted. The model's sync waits for every live follower (a follower that is down
// is not waited for), so a promoted follower that lacked the write at its acknowledgement may
// lose it: that is not a violation of what sync promised. With fencing on (the header's
// `fencing`), a replica that has received any message of epoch E applies no entry of an older
// epoch from the stream: its leader has been deposed (fencing tokens, Kleppmann DDIA ch. 8; a
// Zab follower that accepted a new epoch takes no proposals from an older one).
#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "verify/property.h"

namespace sb::core::verify {
namespace {

constexpr std::int64_t kSync = 2;  // the replication_mode choice index of "sync"

using Log = std::vector<std::int64_t>;  // op ids by position - 1

class ReplicationChecker {
public:
    explicit ReplicationChecker(const TraceFile& t) {
        if (auto m = t.params.find("replication_mode"); m != t.params.end()) m_mode = static_cast<std::int64_t>(m->second);
        if (auto f = t.params.find("fencing"); f != t.params.end()) m_fencing = f->second != 0;
    }

    void on(const TraceEvent& e) {
        if (e.is("append")) onAppend(e);
        else if (e.is("apply")) e.detail == "sync" ? onSync(e) : onApply(e);
        else if (e.is("send")) onSend(e);
        else if (e.is("deliver")) onDeliver(e);
        else if (e.is("promote")) onPromote(e);
        else if (e.is("action") && e.detail == "set" && !e.field("rejected")) {
            if (auto m = e.field("replication_mode")) m_mode = *m;
            if (auto f = e.field("fencing")) m_fencing = *f != 0;
        }
    }

    void finish(std::vector<Finding>& out) {
        if (!m_mode) m_durable.unknown("the trace header has no params, so the replication mode is unknown");
        if (!m_fencing) m_fenced.unknown("the trace header has no params, so whether fencing is on is unknown");
        out.push_back(m_order.finish("log positions"));
        out.push_back(m_leaders.finish("acknowledgements"));
        Finding f = m_durable.finish("acknowledged sync writes at promotions");
        if (f.verdict == Verdict::Ok && m_syncAcks == 0) f.detail += " (no write was acknowledged in sync mode)";
        out.push_back(f);
        Finding fenced = m_fenced.finish("entries applied");
        if (fenced.verdict == Verdict::Ok && m_fencing && !*m_fencing) fenced.detail = "fencing is off: nothing promised";
        out.push_back(fenced);
    }

private:
    // A node whose log this checker could not rebuild (a Sync it did not see sent): its position
    // checks and its promotions are unknown rather than guessed.
    bool known(const std::string& node) const { return !m_lost.count(node); }

    void place(const TraceEvent& e, const char* what) {
        const auto pos = e.field("pos"), op = e.field("op");
        if (!pos || !op || !known(e.node)) return;
        Log& log = m_logs[e.node];
        m_order.checked();
        if (*pos != static_cast<std::int64_t>(log.size()) + 1)
            m_order.fail(e, e.node + " " + what + " position " + std::to_string(*pos) + " after " + std::to_string(log.size()));
        auto [at, fresh] = m_position.emplace(*op, *pos);
        if (!fresh && at->second != *pos)
            m_order.fail(e, e.node + " " + what + " w#" + std::to_string(*op) + " at position " + std::to_string(*pos) +
                                ", but its leader appended it at " + std::to_string(at->second));
        log.resize(static_cast<std::size_t>(std::max<std::int64_t>(*pos - 1, 0)));
        log.push_back(*op);
    }

    void onAppend(const TraceEvent& e) { place(e, "appends"); }

    void onDeliver(const TraceEvent& e) {
        if (e.detail == "Sync") m_syncArrived[e.node] = e.msg;
        auto it = m_epochOf.find(e.msg);
        if (it == m_epochOf.end()) return;
        std::int64_t& heard = m_heard[e.node];
        heard = std::max(heard, it->second);
        m_epochOf.erase(it);
    }

    void onApply(const TraceEvent& e) {
        if (const auto epoch = e.field("epoch"); epoch && m_fencing.value_or(false)) {
            m_fenced.checked();
            if (*epoch < m_heard[e.node])
                m_fenced.fail(e, e.node + " applies w#" + std::to_string(e.field("op").value_or(0)) + " of epoch " +
                                     std::to_string(*epoch) + " after hearing of epoch " + std::to_string(m_heard[e.node]));
        }
        if (e.field("op") && !m_position.count(*e.field("op")))
            m_order.fail(e, e.node + " applies w#" + std::to_string(*e.field("op")) + ", which no leader appended");
        place(e, "applies");
    }

    void onSend(const TraceEvent& e) {
        if (auto epoch = e.field("epoch")) m_epochOf[e.msg] = *epoch;
        if (e.detail == "Sync") {
            const auto entries = e.field("entries");
            if (!entries || !known(e.node)) return;
            Log log = m_logs[e.node];
            if (static_cast<std::int64_t>(log.size()) < *entries) return;  // not the sender's own log
            log.resize(static_cast<std::size_t>(*entries));
            m_syncs[e.msg] = std::move(log);
        } else if (e.detail == "WriteAck" && e.field("redirect").value_or(1) == 0) {
            onAck(e);
        }
    }

    void onSync(const TraceEvent& e) {
        const auto pos = e.field("pos");
        auto arrived = m_syncArrived.find(e.node);
        auto sync = arrived == m_syncArrived.end() ? m_syncs.end() : m_syncs.find(arrived->second);
        if (!pos || sync == m_syncs.end() || static_cast<std::int64_t>(sync->second.size()) != *pos) {
            m_lost.insert(e.node);
            return;
        }
        m_logs[e.node] = sync->second;
        if (auto epoch = e.field("epoch")) m_heard[e.node] = std::max(m_heard[e.node], *epoch);
        m_lost.erase(e.node);
    }

    void onAck(const TraceEvent& e) {
        const auto epoch = e.field("epoch"), op = e.field("op");
        if (!epoch || !op) return;
        m_leaders.checked();
        auto [it, fresh] = m_ackedBy.emplace(*epoch, e.node);
        if (!fresh && it->second != e.node)
            m_leaders.fail(e, e.node + " acknowledges w#" + std::to_string(*op) + " in epoch " + std::to_string(*epoch) +
                                  ", in which " + it->second + " acknowledged writes");
        if (m_mode != kSync) return;
        ++m_syncAcks;
        std::set<std::string> holders;
        for (const auto& [node, log] : m_logs)
            if (known(node) && std::find(log.begin(), log.end(), *op) != log.end()) holders.insert(node);
        m_holders[*op] = std::move(holders);
    }

    void onPromote(const TraceEvent& e) {
        if (!known(e.node)) {
            if (!m_holders.empty()) m_durable.unknown("the log of " + e.node + ", promoted, could not be rebuilt");
            return;
        }
        const Log& log = m_logs[e.node];
        for (auto it = m_holders.begin(); it != m_holders.end();) {
            const bool has = std::find(log.begin(), log.end(), it->first) != log.end();
            if (it->second.count(e.node)) {
                m_durable.checked();
                if (!has)
                    m_durable.fail(e, e.node + " is promoted without w#" + std::to_string(it->first) +
                                          ", which it held when the write was acknowledged in sync mode");
            }
            // Lost at this promotion (its new leader never had it): nobody will have it again.
            it = has ? std::next(it) : m_holders.erase(it);
        }
    }

    std::optional<std::int64_t> m_mode;
    std::optional<bool> m_fencing;
    std::map<std::uint64_t, std::int64_t> m_epochOf;  // message in flight -> the epoch it carries
    std::map<std::string, std::int64_t> m_heard;      // replica -> the newest epoch it has received
    std::map<std::string, Log> m_logs;
    std::set<std::string> m_lost;
    std::map<std::int64_t, std::int64_t> m_position;  // op -> the position its leader appended it at
    std::map<std::uint64_t, Log> m_syncs;             // Sync message -> the log it carries
    std::map<std::string, std::uint64_t> m_syncArrived;
    std::map<std::int64_t, std::string> m_ackedBy;    // epoch -> the replica acknowledging in it
    std::map<std::int64_t, std::set<std::string>> m_holders;  // sync-acknowledged op -> who held it then
    std::size_t m_syncAcks = 0;
    Property m_order{"followers apply the leader's entries in order"};
    Property m_leaders{"one leader acknowledges per epoch"};
    Property m_durable{"acknowledged sync writes survive failover"};
    Property m_fenced{"fenced replicas refuse older epochs"};
};

}  // namespace

void checkReplication(const TraceFile& trace, std::vector<Finding>& out) {
    runChecker(ReplicationChecker(trace), trace, out);
}

}  // namespace sb::core::verify
