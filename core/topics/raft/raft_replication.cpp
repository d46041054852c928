// §5.3 log replication and §5.4.2 committing entries from previous terms.
#include <algorithm>

#include "topics/raft/raft_model.h"

namespace sb::core::raft {

std::int64_t RaftModel::appendLocal(NodeId leader, std::int32_t key, std::int32_t value) {
    Server& s = srv(leader);
    s.log.push_back(Entry{s.currentTerm, key, value});
    m_dirty[at(leader)] = true;
    m_leaderLogLen[at(leader)] = s.log.size();
    s.matchIndex[at(leader)] = s.lastIndex();
    Event& e = m_engine.emit("append", leader);
    e.with("index", s.lastIndex()).with("term", s.currentTerm).with("key", key).with("value", value);
    return s.lastIndex();
}

void RaftModel::sendAppend(NodeId leader, NodeId peer) {
    const Server& s = srv(leader);
    RaftMsg msg;
    msg.type = MsgType::AppendEntries;
    msg.term = s.currentTerm;
    const std::int64_t next = s.nextIndex[at(peer)];
    msg.prevLogIndex = next - 1;
    msg.prevLogTerm = s.termAt(next - 1);
    msg.leaderCommit = s.commitIndex;
    if (next <= s.lastIndex()) {
        const auto first = static_cast<std::size_t>(next - 1);
        const auto last = std::min(s.log.size(), first + m_cfg.maxBatch);
        msg.entries.assign(s.log.begin() + static_cast<std::ptrdiff_t>(first),
                           s.log.begin() + static_cast<std::ptrdiff_t>(last));
    }
    send(leader, peer, std::move(msg));
}

void RaftModel::broadcastAppend(NodeId leader) {
    for (NodeId p = 0; p < nodeCount(); ++p)
        if (p != leader) sendAppend(leader, p);
}

void RaftModel::truncate(NodeId n, std::int64_t from) {
    Server& s = srv(n);
    if (s.role == Role::Leader)
        violate("leader append-only", name(n) + " deleted entries from index " + std::to_string(from), {n});
    Event& e = m_engine.emit("truncate", n);
    e.with("index", from).with("count", s.lastIndex() - from + 1).with("term", s.currentTerm);
    s.log.resize(static_cast<std::size_t>(from - 1));
    m_dirty[at(n)] = true;
    m_chainValid[at(n)] = std::min(m_chainValid[at(n)], s.log.size());
}

void RaftModel::onAppend(const Message<RaftMsg>& m) {
    const NodeId n = m.to;
    Server& s = srv(n);
    const RaftMsg& req = m.payload;
    RaftMsg reply;
    reply.type = MsgType::AppendEntriesReply;
    reply.prevLogIndex = req.prevLogIndex;
    if (req.term > s.currentTerm) becomeFollower(n, req.term);
    if (req.term < s.currentTerm) {  // a stale leader: tell it the newer term
        reply.term = s.currentTerm;
        send(n, m.from, reply);
        return;
    }
    if (s.role != Role::Follower) becomeFollower(n, req.term);  // a candidate meets the winner
    s.leaderId = m.from;
    s.lastLeaderContact = now();
    resetElectionTimer(n);
    reply.term = s.currentTerm;
    if (req.prevLogIndex > s.lastIndex() || s.termAt(req.prevLogIndex) != req.prevLogTerm) {
        // Consistency check failed. The hint lets the leader skip a whole term (§5.3, end).
        if (req.prevLogIndex > s.lastIndex()) {
            reply.conflictIndex = s.lastIndex() + 1;
        } else {
            reply.conflictTerm = s.termAt(req.prevLogIndex);
            std::int64_t i = req.prevLogIndex;
            while (i > 1 && s.termAt(i - 1) == reply.conflictTerm) --i;
            reply.conflictIndex = i;
        }
        send(n, m.from, reply);
        return;
    }
    std::int64_t index = req.prevLogIndex;
    for (const Entry& e : req.entries) {
        ++index;
        if (index <= s.lastIndex()) {
            // Already there (a duplicate or reordered RPC): deleting it would lose what follows.
            if (s.termAt(index) == e.term && !m_broken.truncatesOnMatch) continue;
            checkTruncation(n, m.from, req.term, index);
            truncate(n, index);
        }
        s.log.push_back(e);
        m_dirty[at(n)] = true;
        // Traced like the leader's own appends, so a trace checker can rebuild every log.
        m_engine.emit("append", n).with("index", index).with("term", e.term).with("key", e.key)
            .with("value", e.value);
    }
    // Only entries this RPC vouched for may be committed: anything after them is unverified.
    const std::int64_t lastNew = req.prevLogIndex + static_cast<std::int64_t>(req.entries.size());
    if (req.leaderCommit > s.commitIndex) setCommit(n, std::min(req.leaderCommit, lastNew));
    reply.granted = true;
    reply.matchIndex = lastNew;
    send(n, m.from, reply);
}

void RaftModel::onAppendReply(const Message<RaftMsg>& m) {
    const NodeId n = m.to;
    Server& s = srv(n);
    const RaftMsg& r = m.payload;
    if (r.term > s.currentTerm) {
        becomeFollower(n, r.term);
        return;
    }
    if (s.role != Role::Leader || r.term != s.currentTerm) return;
    const auto p = at(m.from);
    s.lastAck[p] = now();
    if (r.granted) {
        if (r.matchIndex > s.matchIndex[p]) {
            s.matchIndex[p] = r.matchIndex;
            advanceCommit(n);
        }
        s.nextIndex[p] = std::max(s.nextIndex[p], s.matchIndex[p] + 1);
        if (r.matchIndex == s.matchIndex[p] && s.nextIndex[p] <= s.lastIndex()) {
            s.nextIndex[p] = s.matchIndex[p] + 1;
            sendAppend(n, m.from);
        }
        return;
    }
    if (r.prevLogIndex != s.nextIndex[p] - 1) return;  // answers an older probe: already handled
    std::int64_t next = r.prevLogIndex;  // plain backoff: one entry at a time
    if (m_cfg.conflictTerm) {
        next = r.conflictIndex;
        if (r.conflictTerm > 0) {
            for (std::int64_t i = s.lastIndex(); i >= 1; --i) {
                if (s.termAt(i) == r.conflictTerm) {
                    next = i + 1;
                    break;
                }
                if (s.termAt(i) < r.conflictTerm) break;
            }
        }
    }
    s.nextIndex[p] = std::max({std::int64_t{1}, s.matchIndex[p] + 1, std::min(next, r.prevLogIndex)});
    sendAppend(n, m.from);
}

void RaftModel::advanceCommit(NodeId leader) {
    Server& s = srv(leader);
    for (std::int64_t index = s.lastIndex(); index > s.commitIndex; --index) {
        // Figure 8: counting replicas only commits an entry of the leader's own term; earlier
        // entries are committed indirectly, by the Log Matching property.
        if (!m_cfg.unsafeCommit && s.termAt(index) != s.currentTerm) {
            if (s.termAt(index) < s.currentTerm) return;
            continue;
        }
        int replicas = 0;
        for (NodeId p = 0; p < nodeCount(); ++p)
            if (p == leader || s.matchIndex[at(p)] >= index) ++replicas;
        if (replicas >= majority()) {
            setCommit(leader, index);
            return;
        }
    }
}

void RaftModel::setCommit(NodeId n, std::int64_t index) {
    Server& s = srv(n);
    if (index <= s.commitIndex) return;
    s.commitIndex = index;
    // Applied at once: every commit event is also the state machine applying that entry.
    while (s.lastApplied < s.commitIndex) {
        const std::int64_t i = ++s.lastApplied;
        const Entry& e = s.entry(i);
        if (e.key >= 0 && e.key < kKeys) s.kv[static_cast<std::size_t>(e.key)] = e.value;
        Event& ev = m_engine.emit("commit", n);
        ev.with("index", i).with("term", e.term).with("key", e.key).with("value", e.value)
            .with("current_term", s.currentTerm);
        noteCommitted(n, i);
    }
}

}  // namespace sb::core::raft
