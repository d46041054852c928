// Named pieces of state that lessons make claims about.
#include "topics/raft/raft_model.h"

namespace sb::core::raft {
namespace {
std::string joinTerms(const std::vector<std::int64_t>& terms) {
    std::string out;
    for (const auto t : terms) out += (out.empty() ? "" : ",") + std::to_string(t);
    return out;
}
}  // namespace

ProbeValue RaftModel::probe(const std::string& key, NodeId node) const {
    if (key == "leader" || key == "leader_count") {
        NodeId leader = kNoNode;
        std::int64_t count = 0;
        for (NodeId i = 0; i < nodeCount(); ++i) {
            if (!up(i) || server(i).role != Role::Leader) continue;
            ++count;
            if (leader == kNoNode || server(i).currentTerm > server(leader).currentTerm) leader = i;
        }
        if (key == "leader_count") return count;
        return leader == kNoNode ? std::string("none") : name(leader);
    }
    if (key == "max_term") {
        std::int64_t term = 0;
        for (const auto& s : m_servers) term = std::max(term, s.currentTerm);
        return term;
    }
    if (key == "elections") return m_elections;
    if (key == "split_votes") return m_splitVotes;
    if (key == "committed") return static_cast<std::int64_t>(m_committed.size());
    if (key == "committed_log") {
        std::vector<std::int64_t> terms;
        for (const auto& c : m_committed) terms.push_back(c.entry.term);
        return joinTerms(terms);
    }
    if (key == "messages") return m_sent;
    if (key == "last_read") return m_lastRead;
    if (key == "violations") return m_violationCount;
    if (key == "violation") return m_violations.empty() ? std::string("none") : m_violations.front().invariant;
    if (node < 0 || node >= nodeCount()) return std::monostate{};
    const Server& s = server(node);
    if (key == "term") return s.currentTerm;
    if (key == "role") return up(node) ? std::string(roleName(s.role)) : std::string("crashed");
    if (key == "voted_for") return s.votedFor == kNoNode ? std::string("none") : name(s.votedFor);
    if (key == "votes") return std::int64_t{s.role == Role::Candidate || s.role == Role::PreCandidate ? s.voteCount() : 0};
    if (key == "commit_index") return s.commitIndex;
    if (key == "last_log_index") return s.lastIndex();
    if (key == "last_log_term") return s.lastTerm();
    if (key == "up") return up(node);
    if (key == "log") {
        std::vector<std::int64_t> terms;
        for (const auto& e : s.log) terms.push_back(e.term);
        return joinTerms(terms);
    }
    if (key == "state") {
        std::string out;
        for (int k = 0; k < kKeys; ++k) {
            const auto v = s.kv[static_cast<std::size_t>(k)];
            if (v != kUnset) out += (out.empty() ? "" : " ") + std::string(keyName(k)) + "=" + std::to_string(v);
        }
        return out;
    }
    return std::monostate{};
}

}  // namespace sb::core::raft
