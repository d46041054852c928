// The Figure 3 properties, checked after every step. Only logs that changed are compared, so
// heartbeats (most of the events) cost nothing here.
#include "topics/raft/raft_model.h"

namespace sb::core::raft {

void RaftModel::violate(const char* invariant, std::string detail, std::vector<NodeId> nodes) {
    ++m_violationCount;
    // The first occurrence of each property is what a learner needs; later ones repeat it.
    if (!m_violated.insert(invariant).second) return;
    m_violations.push_back(Violation{invariant, std::move(detail), now(), std::move(nodes)});
    m_engine.emit("violation", kNoNode, invariant);
}

namespace {
std::uint64_t mix(std::uint64_t h, const Entry& e) {
    // splitmix64 finalizer over the previous link and the entry's fields.
    std::uint64_t z = h ^ (static_cast<std::uint64_t>(e.term) * 0x9e3779b97f4a7c15ULL) ^
                      (static_cast<std::uint64_t>(static_cast<std::uint32_t>(e.key)) << 32) ^
                      static_cast<std::uint64_t>(static_cast<std::uint32_t>(e.value));
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}
}  // namespace

void RaftModel::refreshChain(NodeId n) {
    auto& chain = m_chain[at(n)];
    const auto& log = srv(n).log;
    std::size_t k = std::min(m_chainValid[at(n)], log.size());
    chain.resize(log.size());
    for (; k < log.size(); ++k) chain[k] = mix(k == 0 ? 0 : chain[k - 1], log[k]);
    m_chainValid[at(n)] = log.size();
}

void RaftModel::checkInvariants() {
    for (NodeId n = 0; n < nodeCount(); ++n)
        if (m_dirty[at(n)]) refreshChain(n);
    for (NodeId n = 0; n < nodeCount(); ++n) checkServerRules(n);
    for (NodeId n = 0; n < nodeCount(); ++n) {
        if (!m_dirty[at(n)]) continue;
        m_dirty[at(n)] = false;
        const Server& s = srv(n);
        for (NodeId o = 0; o < nodeCount(); ++o)
            if (o != n) checkLogMatching(n, o);
        // A server never loses an entry it has applied: its commit index stays inside its log
        // and on the entry everyone committed there.
        if (s.commitIndex > s.lastIndex() ||
            (s.commitIndex > 0 && static_cast<std::size_t>(s.commitIndex) <= m_committed.size() &&
             !(s.entry(s.commitIndex) == m_committed[static_cast<std::size_t>(s.commitIndex - 1)].entry)))
            violate("state machine safety", name(n) + " lost applied entry " + std::to_string(s.commitIndex) +
                                                " from its log", {n});
        if (s.role == Role::Leader) {
            if (s.log.size() < m_leaderLogLen[at(n)])
                violate("leader append-only", name(n) + "'s log shrank while it was leader", {n});
            m_leaderLogLen[at(n)] = s.log.size();
        }
    }
}

// If two logs hold an entry with the same index and term, they are identical up to it. Checking
// the highest such index is enough: equality of that prefix covers every lower match too.
void RaftModel::checkLogMatching(NodeId a, NodeId b) {
    const Server& x = srv(a);
    const Server& y = srv(b);
    std::int64_t i = std::min(x.lastIndex(), y.lastIndex());
    while (i > 0 && x.termAt(i) != y.termAt(i)) --i;
    if (i == 0) return;
    const auto k = static_cast<std::size_t>(i - 1);
    if (m_chain[at(a)][k] == m_chain[at(b)][k]) return;  // equal prefixes (64-bit hash chain)
    for (std::int64_t j = i; j >= 1; --j) {
        if (!(x.entry(j) == y.entry(j))) {
            violate("log matching", name(a) + " and " + name(b) + " agree on index " + std::to_string(i) +
                                        " (term " + std::to_string(x.termAt(i)) + ") but differ at index " +
                                        std::to_string(j), {a, b});
            return;
        }
    }
}

// A leader of term T holds every entry committed in a term before T.
void RaftModel::checkLeaderCompleteness(NodeId leader) {
    const Server& s = srv(leader);
    for (std::size_t k = 0; k < m_committed.size(); ++k) {
        const auto& c = m_committed[k];
        if (c.commitTerm >= s.currentTerm) continue;
        const auto index = static_cast<std::int64_t>(k + 1);
        if (index > s.lastIndex() || !(s.entry(index) == c.entry)) {
            violate("leader completeness", name(leader) + " leads term " + std::to_string(s.currentTerm) +
                                               " without entry " + std::to_string(index) + " (term " +
                                               std::to_string(c.entry.term) + "), committed in term " +
                                               std::to_string(c.commitTerm), {leader});
            return;
        }
    }
}

// Figure 2, AppendEntries step 3: a follower deletes only entries that conflict with the
// leader's. An entry the sending leader still holds at the same index and term is, by Log
// Matching, the leader's own entry; removing it can drop what the follower already acknowledged
// (a reordered or duplicated RPC), and Log Matching alone cannot see that: the entries may come
// straight back. Checked only while the sender still leads the RPC's term, because only then is
// its log what the RPC was cut from plus appends.
void RaftModel::checkTruncation(NodeId follower, NodeId leader, std::int64_t term, std::int64_t from) {
    const Server& f = srv(follower);
    const Server& l = srv(leader);
    if (l.role != Role::Leader || l.currentTerm != term) return;
    for (std::int64_t j = from; j <= std::min(f.lastIndex(), l.lastIndex()); ++j) {
        if (f.termAt(j) != l.termAt(j)) continue;
        violate("truncates only conflicts", name(follower) + " deletes entry " + std::to_string(j) + " (term " +
                                                std::to_string(f.termAt(j)) + ") that its leader " + name(leader) +
                                                " holds there", {follower, leader});
        return;
    }
}

// No two servers apply different entries at the same index.
void RaftModel::noteCommitted(NodeId n, std::int64_t index) {
    const Server& s = srv(n);
    const Entry& e = s.entry(index);
    const auto k = static_cast<std::size_t>(index - 1);
    if (k < m_committed.size()) {
        if (!(m_committed[k].entry == e))
            violate("state machine safety", name(n) + " applies " + entryText(e) + " (term " + std::to_string(e.term) +
                                                ") at index " + std::to_string(index) + " where " +
                                                entryText(m_committed[k].entry) + " (term " +
                                                std::to_string(m_committed[k].entry.term) + ") was applied", {n});
        return;
    }
    if (k == m_committed.size()) m_committed.push_back(CommittedEntry{e, s.currentTerm});
}

// Figure 2, "Rules for Servers": a server that sees a higher term adopts it and, if it leads,
// steps down. Pre-vote terms are hypothetical and do not count; with CheckQuorum a leader may
// disregard a RequestVote's term (thesis §4.2.3), so those are left out too.
void RaftModel::noteTermSeen(NodeId n, const RaftMsg& msg) {
    if (msg.type == MsgType::PreVote || msg.type == MsgType::PreVoteReply) return;
    if (m_cfg.checkQuorum && msg.type == MsgType::RequestVote) return;
    auto& seen = m_termSeen[at(n)];
    seen = std::max(seen, msg.term);
}

void RaftModel::checkServerRules(NodeId n) {
    const Server& s = srv(n);
    if (s.role == Role::Leader && m_termSeen[at(n)] > s.currentTerm)
        violate("leader steps down on a higher term", name(n) + " still leads term " + std::to_string(s.currentTerm) +
                                                          " after seeing term " + std::to_string(m_termSeen[at(n)]), {n});
}

// Figure 2, RequestVote: a server votes for at most one candidate per term (votedFor is
// durable, so not even a crash in between allows a second vote).
void RaftModel::noteVote(NodeId voter, std::int64_t term, NodeId candidate) {
    auto [it, fresh] = m_votesCast.emplace(std::pair{voter, term}, candidate);
    if (!fresh && it->second != candidate)
        violate("one vote per term", name(voter) + " voted for " + name(it->second) + " and for " + name(candidate) +
                                          " in term " + std::to_string(term), {voter, it->second, candidate});
}

}  // namespace sb::core::raft
