// Raft's safety properties (Ongaro & Ousterhout 2014, Figure 3 and §5.4), checked from the trace
// alone: every server's log is rebuilt from its append and truncate events, votes are matched to
// the RequestVote they answer by message id, and commits are compared across servers.
#include <map>

#include "verify/property.h"

namespace sb::core::verify {
namespace {

struct Entry {
    std::int64_t term = 0, key = 0, value = 0;
    bool operator==(const Entry&) const = default;
};

struct Server {
    std::string role = "follower";
    std::int64_t leaderTerm = 0;  // the term of its last role=leader event
    std::vector<Entry> log;
    std::int64_t lastTerm() const { return log.empty() ? 0 : log.back().term; }
    std::int64_t last() const { return static_cast<std::int64_t>(log.size()); }
    bool has(std::int64_t index, std::int64_t term) const {
        return index >= 1 && index <= last() && log[static_cast<std::size_t>(index - 1)].term == term;
    }
};

std::string num(std::int64_t v) { return std::to_string(v); }

class RaftChecker {
public:
    explicit RaftChecker(const TraceFile& t) : m_nodes(t.nodes.size()) {
        for (const std::string& n : t.nodes) m_servers[n];
    }

    void on(const TraceEvent& e) {
        if (e.is("action") && (e.detail == "crash" || e.detail == "restart")) m_servers[e.node].role = "follower";
        else if (e.is("send") && (e.detail == "RequestVote")) onRequest(e);
        else if (e.is("send") && e.detail == "AppendEntries" && e.field("term")) m_appendTerm[e.msg] = *e.field("term");
        else if (e.is("deliver") && e.detail == "AppendEntries") onAppendDelivered(e);
        else if (e.is("role")) onRole(e);
        else if (e.is("vote")) onVote(e);
        else if (e.is("append")) onAppend(e);
        else if (e.is("truncate")) onTruncate(e);
        else if (e.is("commit")) onCommit(e);
    }

    void finish(std::vector<Finding>& out) {
        if (m_nodes == 0) m_commitRule.unknown("the trace header names no nodes, so a majority is unknown");
        out.push_back(m_consistent.finish("log changes"));
        out.push_back(m_election.finish("leader elections"));
        out.push_back(m_oneVote.finish("granted votes"));
        out.push_back(m_voteRule.finish("granted votes"));
        out.push_back(m_appendOnly.finish("truncations"));
        out.push_back(m_conflictOnly.finish("truncations by a current leader"));
        out.push_back(m_matching.finish("log changes"));
        out.push_back(m_completeness.finish("leader elections"));
        out.push_back(m_commitRule.finish("leader commits"));
        out.push_back(m_stateMachine.finish("commits"));
    }

private:
    std::optional<std::int64_t> need(const TraceEvent& e, const char* key) {
        auto v = e.field(key);
        if (!v) m_consistent.fail(e, e.kind + " without \"" + key + "\"");
        return v;
    }

    void onRequest(const TraceEvent& e) {
        auto li = e.field("last_index"), lt = e.field("last_term"), t = e.field("term");
        if (li && lt && t) m_requests[e.msg] = {*t, *li, *lt};
    }

    void onRole(const TraceEvent& e) {
        Server& s = m_servers[e.node];
        s.role = e.detail;
        if (e.detail != "leader") return;
        const auto term = need(e, "term");
        if (!term) return;
        s.leaderTerm = *term;
        m_election.checked();
        auto [it, fresh] = m_leaderOf.emplace(*term, e.node);
        if (!fresh && it->second != e.node)
            m_election.fail(e, it->second + " and " + e.node + " are both leader in term " + num(*term));
        if (auto li = e.field("last_index"); li && *li != s.last())
            m_consistent.fail(e, "leader says its log ends at " + num(*li) + ", its appends say " + num(s.last()));
        m_completeness.checked();
        for (const auto& [index, entry] : m_committed)
            if (!s.has(index, entry.term)) {
                m_completeness.fail(e, e.node + " leads term " + num(*term) + " without committed entry " +
                                           num(index) + " (term " + num(entry.term) + ")");
                break;
            }
    }

    void onVote(const TraceEvent& e) {
        if (e.field("granted").value_or(0) != 1) return;
        const auto term = need(e, "term");
        if (!term) return;
        m_oneVote.checked();
        auto [it, fresh] = m_votedFor.emplace(std::pair{e.node, *term}, e.peer);
        if (!fresh && it->second != e.peer)
            m_oneVote.fail(e, e.node + " votes for " + it->second + " and " + e.peer + " in term " + num(*term));
        auto req = m_requests.find(e.msg);
        if (e.msg == 0 || req == m_requests.end()) {
            m_voteRule.unknown("a granted vote does not name the RequestVote it answers (older trace format)");
            return;
        }
        m_voteRule.checked();
        const Request& r = req->second;
        const Server& voter = m_servers[e.node];
        // §5.4.1: the candidate's log is at least as up to date as the voter's.
        const bool upToDate = r.lastTerm != voter.lastTerm() ? r.lastTerm > voter.lastTerm() : r.lastIndex >= voter.last();
        if (!upToDate)
            m_voteRule.fail(e, e.node + " (log ends " + num(voter.last()) + "/term " + num(voter.lastTerm()) +
                                   ") grants " + e.peer + " (log ends " + num(r.lastIndex) + "/term " +
                                   num(r.lastTerm) + ")");
        if (r.term != *term) m_voteRule.fail(e, "vote in term " + num(*term) + " for a term-" + num(r.term) + " request");
    }

    void onAppend(const TraceEvent& e) {
        const auto index = need(e, "index"), term = need(e, "term");
        if (!index || !term) return;
        Server& s = m_servers[e.node];
        m_consistent.checked();
        if (*index != s.last() + 1) {
            m_consistent.fail(e, e.node + " appends at " + num(*index) + " to a log ending at " + num(s.last()));
            return;
        }
        s.log.push_back(Entry{*term, e.field("key").value_or(0), e.field("value").value_or(0)});
        checkMatching(e);
    }

    void onTruncate(const TraceEvent& e) {
        const auto index = need(e, "index"), count = need(e, "count");
        if (!index || !count) return;
        Server& s = m_servers[e.node];
        m_consistent.checked();
        m_appendOnly.checked();
        if (s.role == "leader") m_appendOnly.fail(e, "leader " + e.node + " deletes entries from " + num(*index));
        checkConflictOnly(e, s, *index);
        if (*index < 1 || *index + *count - 1 != s.last()) {
            m_consistent.fail(e, e.node + " truncates " + num(*count) + " from " + num(*index) + " of a log ending at " + num(s.last()));
            return;
        }
        s.log.resize(static_cast<std::size_t>(*index - 1));
    }

    void onAppendDelivered(const TraceEvent& e) {
        auto t = m_appendTerm.find(e.msg);
        if (t == m_appendTerm.end()) m_lastAppend.erase(e.node);
        else m_lastAppend[e.node] = {e.peer, t->second};
    }

    // Figure 2, AppendEntries 3: a follower deletes only entries that conflict with the leader's.
    // Judged while the sender still leads the RPC's term (its log then only grew since it sent):
    // an entry it holds with the same index and term is, by Log Matching, its own entry, and
    // deleting it can drop what the follower acknowledged, even if the entries come back.
    void checkConflictOnly(const TraceEvent& e, const Server& follower, std::int64_t from) {
        auto it = m_lastAppend.find(e.node);
        if (it == m_lastAppend.end()) return;
        const auto& [leaderName, term] = it->second;
        const Server& leader = m_servers[leaderName];
        if (leader.role != "leader" || leader.leaderTerm != term) return;
        m_conflictOnly.checked();
        for (std::int64_t j = from; j <= std::min(follower.last(), leader.last()); ++j) {
            const auto k = static_cast<std::size_t>(j - 1);
            if (follower.log[k].term != leader.log[k].term) continue;
            m_conflictOnly.fail(e, e.node + " deletes entry " + num(j) + " (term " + num(follower.log[k].term) +
                                       "), which its leader " + leaderName + " holds there");
            return;
        }
    }

    // Log Matching over every pair, uncommitted entries included: if two logs hold an entry with
    // the same index and term, they are identical up to it.
    void checkMatching(const TraceEvent& e) {
        m_matching.checked();
        const Server& a = m_servers[e.node];
        for (const auto& [name, b] : m_servers) {
            if (name == e.node || m_matching.failed()) continue;
            for (std::int64_t i = std::min(a.last(), b.last()); i >= 1; --i) {
                const auto k = static_cast<std::size_t>(i - 1);
                if (a.log[k].term != b.log[k].term) continue;
                for (std::size_t j = 0; j <= k; ++j)
                    if (!(a.log[j] == b.log[j])) {
                        m_matching.fail(e, e.node + " and " + name + " agree at index " + num(i) + " (term " +
                                               num(a.log[k].term) + ") but differ at " + num(static_cast<std::int64_t>(j + 1)));
                        return;
                    }
                break;
            }
        }
    }

    void onCommit(const TraceEvent& e) {
        const auto index = need(e, "index"), term = need(e, "term");
        if (!index || !term) return;
        const Server& s = m_servers[e.node];
        const Entry entry{*term, e.field("key").value_or(0), e.field("value").value_or(0)};
        if (!s.has(*index, *term)) m_consistent.fail(e, e.node + " commits " + num(*index) + ", which its log lacks");
        m_stateMachine.checked();
        auto [it, fresh] = m_committed.emplace(*index, entry);
        if (!fresh && !(it->second == entry))
            m_stateMachine.fail(e, e.node + " applies term " + num(*term) + " at index " + num(*index) +
                                       ", another server applied term " + num(it->second.term));
        if (s.role == "leader" && m_nodes > 0) checkCommitRule(e, s, *index);
    }

    // §5.4.2: a leader commits by counting replicas only an entry of its own term; anything
    // below such an entry is committed with it.
    void checkCommitRule(const TraceEvent& e, const Server& leader, std::int64_t index) {
        m_commitRule.checked();
        const auto current = e.field("current_term");
        if (!current) {
            m_commitRule.unknown("commit events carry no current_term");
            return;
        }
        for (std::int64_t j = leader.last(); j >= index; --j) {
            const std::int64_t t = leader.log[static_cast<std::size_t>(j - 1)].term;
            if (t != *current) continue;
            std::size_t copies = 0;
            for (const auto& [name, s] : m_servers) copies += s.has(j, t) ? 1U : 0U;
            if (2 * copies > m_nodes) return;
        }
        m_commitRule.fail(e, e.node + " commits " + num(index) + " with no entry of term " + num(*current) +
                                 " at or above it on a majority");
    }

    struct Request {
        std::int64_t term = 0, lastIndex = 0, lastTerm = 0;
    };
    std::size_t m_nodes = 0;
    std::map<std::string, Server> m_servers;
    std::map<std::uint64_t, Request> m_requests;
    std::map<std::int64_t, std::string> m_leaderOf;
    std::map<std::pair<std::string, std::int64_t>, std::string> m_votedFor;
    std::map<std::int64_t, Entry> m_committed;
    std::map<std::uint64_t, std::int64_t> m_appendTerm;                        // AppendEntries msg -> term
    std::map<std::string, std::pair<std::string, std::int64_t>> m_lastAppend;  // node -> (sender, term) it handles
    Property m_consistent{"trace is self-consistent"}, m_election{"election safety"},
        m_oneVote{"one vote per term"}, m_voteRule{"vote rule (up-to-date log)"},
        m_appendOnly{"leader append-only"}, m_matching{"log matching"},
        m_completeness{"leader completeness"}, m_commitRule{"commit rule (current-term majority)"},
        m_stateMachine{"state machine safety"}, m_conflictOnly{"truncates only conflicts"};
};

}  // namespace

void checkRaft(const TraceFile& trace, std::vector<Finding>& out) {
    runChecker(RaftChecker(trace), trace, out);
}

}  // namespace sb::core::verify
