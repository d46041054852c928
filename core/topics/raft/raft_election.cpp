// §5.2 leader election, plus PreVote and CheckQuorum (thesis §9.6, paper §6).
#include <algorithm>

#include "topics/raft/raft_model.h"

namespace sb::core::raft {
namespace {
constexpr int kElectionTimer = 0;
constexpr int kHeartbeatTimer = 1;
}  // namespace

void RaftModel::resetElectionTimer(NodeId n) {
    // Randomized in [min, max] so that one server usually times out well before the others.
    const Time delay = m_engine.rng().range(m_cfg.electionMin, m_cfg.electionMax);
    m_engine.setTimer(n, kElectionTimer, delay, "election");
}

void RaftModel::setRole(NodeId n, Role role) {
    Server& s = srv(n);
    s.role = role;
    Event& e = m_engine.emit("role", n, roleName(role));
    e.with("term", s.currentTerm);
    if (role == Role::Leader) e.with("last_index", s.lastIndex()).with("last_term", s.lastTerm());
}

void RaftModel::onTimer(NodeId n, int slot) {
    Server& s = srv(n);
    if (slot == kElectionTimer) {
        if (s.role == Role::Leader) return;
        if (m_cfg.preVote) startPreVote(n);
        else startElection(n);
        return;
    }
    if (slot == kHeartbeatTimer && s.role == Role::Leader) {
        if (m_cfg.checkQuorum && checkQuorumLost(n)) return;
        broadcastAppend(n);
        m_engine.setTimer(n, kHeartbeatTimer, m_cfg.heartbeat, "heartbeat");
    }
}

void RaftModel::startPreVote(NodeId n) {
    Server& s = srv(n);
    s.votes.assign(m_servers.size(), false);
    s.votes[at(n)] = true;
    s.leaderId = kNoNode;
    setRole(n, Role::PreCandidate);
    resetElectionTimer(n);
    RaftMsg req;
    req.type = MsgType::PreVote;
    req.term = s.currentTerm + 1;  // the term it would run in; its own term does not move
    req.lastLogIndex = s.lastIndex();
    req.lastLogTerm = s.lastTerm();
    for (NodeId p = 0; p < nodeCount(); ++p)
        if (p != n) send(n, p, req);
}

void RaftModel::startElection(NodeId n) {
    Server& s = srv(n);
    s.currentTerm += 1;
    s.votedFor = n;
    noteVote(n, s.currentTerm, n);
    s.leaderId = kNoNode;
    s.votes.assign(m_servers.size(), false);
    s.votes[at(n)] = true;
    ++m_elections;
    setRole(n, Role::Candidate);
    noteCandidate(n, s.currentTerm);
    resetElectionTimer(n);
    RaftMsg req;
    req.type = MsgType::RequestVote;
    req.term = s.currentTerm;
    req.lastLogIndex = s.lastIndex();
    req.lastLogTerm = s.lastTerm();
    for (NodeId p = 0; p < nodeCount(); ++p)
        if (p != n) send(n, p, req);
}

// A term is a split vote when two or more candidates ran in it and none won. That is only
// known once some server moves past it, so earlier terms are settled when a new candidacy starts.
void RaftModel::noteCandidate(NodeId n, std::int64_t term) {
    for (auto& [t, stat] : m_terms) {
        if (t >= term || stat.closed) continue;
        stat.closed = true;
        if (stat.candidates >= 2 && !stat.leader) {
            ++m_splitVotes;
            m_engine.emit("split_vote", n).with("term", t);
        }
    }
    ++m_terms[term].candidates;
}

void RaftModel::becomeFollower(NodeId n, std::int64_t term) {
    Server& s = srv(n);
    if (term > s.currentTerm) {
        s.currentTerm = term;
        s.votedFor = kNoNode;
        s.leaderId = kNoNode;
    }
    if (s.role != Role::Follower) {
        m_engine.cancelTimer(n, kHeartbeatTimer);
        setRole(n, Role::Follower);
    }
    if (!m_engine.timerDeadline(n, kElectionTimer)) resetElectionTimer(n);
}

void RaftModel::becomeLeader(NodeId n) {
    Server& s = srv(n);
    s.leaderId = n;
    const auto count = m_servers.size();
    s.nextIndex.assign(count, s.lastIndex() + 1);
    s.matchIndex.assign(count, 0);
    s.lastAck.assign(count, now());
    m_engine.cancelTimer(n, kElectionTimer);
    setRole(n, Role::Leader);
    m_terms[s.currentTerm].leader = true;
    auto [it, fresh] = m_leaderOfTerm.emplace(s.currentTerm, n);
    if (!fresh && it->second != n)
        violate("election safety", name(it->second) + " and " + name(n) + " are both leader in term " +
                                       std::to_string(s.currentTerm), {it->second, n});
    m_leaderLogLen[at(n)] = s.log.size();
    checkLeaderCompleteness(n);
    if (m_cfg.leaderNoop) appendLocal(n, kNoopKey, 0);
    broadcastAppend(n);
    m_engine.setTimer(n, kHeartbeatTimer, m_cfg.heartbeat, "heartbeat");
}

bool RaftModel::logUpToDate(const Server& s, std::int64_t lastIndex, std::int64_t lastTerm) const {
    // §5.4.1: compare the last terms; with equal terms the longer log wins.
    if (lastTerm != s.lastTerm()) return lastTerm > s.lastTerm();
    return lastIndex >= s.lastIndex();
}

bool RaftModel::inLease(const Server& s) const {
    if (s.role == Role::Leader) return true;
    return s.leaderId != kNoNode && now() - s.lastLeaderContact < m_cfg.electionMin;
}

void RaftModel::onVoteRequest(const Message<RaftMsg>& m) {
    const NodeId n = m.to;
    Server& s = srv(n);
    const RaftMsg& req = m.payload;
    RaftMsg reply;
    if (req.type == MsgType::PreVote) {
        // A pre-vote changes nothing here: no term update, no recorded vote.
        reply.type = MsgType::PreVoteReply;
        reply.granted = req.term > s.currentTerm && !inLease(s) &&
                        (m_broken.voteIgnoresLog || logUpToDate(s, req.lastLogIndex, req.lastLogTerm));
        reply.term = reply.granted ? req.term : s.currentTerm;
        Event& e = m_engine.emit("prevote", n);
        e.peer = m.from;
        e.msg = m.id;  // the request answered: its send event carries the candidate's log
        e.with("term", req.term).with("granted", reply.granted ? 1 : 0);
        send(n, m.from, reply);
        return;
    }
    reply.type = MsgType::RequestVoteReply;
    // CheckQuorum's lease: while a server hears from a leader, a vote request cannot even move
    // its term, so a rejoining server cannot depose a healthy leader.
    const bool ignore = m_cfg.checkQuorum && inLease(s) && req.term > s.currentTerm;
    if (!ignore && req.term > s.currentTerm) becomeFollower(n, req.term);
    reply.granted = !ignore && req.term == s.currentTerm &&
                    (s.votedFor == kNoNode || s.votedFor == m.from || m_broken.forgetsVote) &&
                    (m_broken.voteIgnoresLog || logUpToDate(s, req.lastLogIndex, req.lastLogTerm));
    if (reply.granted) {
        noteVote(n, s.currentTerm, m.from);
        s.votedFor = m.from;
        resetElectionTimer(n);
    }
    reply.term = s.currentTerm;
    Event& e = m_engine.emit("vote", n);
    e.peer = m.from;
    e.msg = m.id;
    e.with("term", s.currentTerm).with("granted", reply.granted ? 1 : 0);
    send(n, m.from, reply);
}

void RaftModel::onVoteReply(const Message<RaftMsg>& m) {
    const NodeId n = m.to;
    Server& s = srv(n);
    const RaftMsg& r = m.payload;
    if (r.type == MsgType::PreVoteReply) {
        if (!r.granted && r.term > s.currentTerm) {
            becomeFollower(n, r.term);
            return;
        }
        if (s.role != Role::PreCandidate || !r.granted || r.term != s.currentTerm + 1) return;
        s.votes[at(m.from)] = true;
        if (s.voteCount() >= majority()) startElection(n);
        return;
    }
    if (r.term > s.currentTerm) {
        becomeFollower(n, r.term);
        return;
    }
    if (s.role != Role::Candidate || r.term != s.currentTerm || !r.granted) return;
    s.votes[at(m.from)] = true;
    if (s.voteCount() >= majority()) becomeLeader(n);
}

// CheckQuorum: a leader that has not heard from a majority within an election timeout steps
// down, so a leader cut off on the minority side stops accepting writes.
bool RaftModel::checkQuorumLost(NodeId n) {
    Server& s = srv(n);
    int active = 1;
    for (NodeId p = 0; p < nodeCount(); ++p)
        if (p != n && now() - s.lastAck[at(p)] <= m_cfg.electionMax) ++active;
    if (active >= majority()) return false;
    becomeFollower(n, s.currentTerm);
    s.leaderId = kNoNode;
    return true;
}

}  // namespace sb::core::raft
