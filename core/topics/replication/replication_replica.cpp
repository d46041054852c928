// The replicas: the leader's log and stream, follower apply in order, acknowledgements by mode,
// promotion with lost-write accounting, and fencing by epoch.
#include <algorithm>
#include <string_view>

#include "topics/replication/replication_model.h"

namespace sb::core::replication {

void ReplicationModel::onDeliver(const Message<Payload>& m) {
    const std::string_view kind = m.kind;
    if (isClient(m.to)) {
        onReply(m);
        return;
    }
    if (!isReplica(m.to)) return;
    R(m.to).heard = std::max(R(m.to).heard, m.payload.epoch);
    if (kind == "Write") leaderWrite(m);
    else if (kind == "Read") {
        Replica& r = R(m.to);  // a reader of a newer epoch fences a deposed leader like a writer does
        if (m_fencing && r.role == Role::Leader && m.to != m_leader && m.payload.epoch > r.epoch) {
            r.role = Role::Follower;
            r.waiting.clear();
            m_engine.emit("fenced", m.to, "client").with("epoch", m.payload.epoch);
        }
        serveRead(m.to, m);
    }
    else if (kind == "Replicate") followerReplicate(m);
    else if (kind == "Ack") leaderAck(m);
    else if (kind == "Sync") adoptLog(m.to, m.payload.log, m.payload.epoch);
    else if (kind == "Fenced" || (kind == "Announce" && m.payload.epoch > R(m.to).epoch)) fence(m);
    else if (kind == "Announce" && m_fencing && m.payload.epoch < R(m.to).epoch) {
        Payload p;
        p.epoch = R(m.to).epoch;
        m_engine.send(m.to, m.from, "Fenced", p);
        if (m.to == m_leader) {  // bring the deposed leader back as a follower
            Payload sync;
            sync.epoch = m_epoch;
            sync.log = R(m_leader).log;
            m_engine.send(m_leader, m.from, "Sync", std::move(sync));
        }
    }
}

void ReplicationModel::leaderWrite(const Message<Payload>& m) {
    Replica& r = R(m.to);
    const bool stale = m_fencing && m.payload.epoch > r.epoch;  // the client knows a newer epoch
    if (r.role != Role::Leader || stale) {
        Payload no;
        no.op = m.payload.op;
        no.redirect = true;
        no.epoch = r.epoch;
        m_engine.send(m.to, m.from, "WriteAck", no);
        if (stale && r.role == Role::Leader) {
            r.role = Role::Follower;
            m_engine.emit("fenced", m.to, "client").with("epoch", m.payload.epoch);
        }
        return;
    }
    Entry e;
    e.writeId = m.payload.op;
    e.key = m.payload.key;
    e.value = m.payload.value;
    e.epoch = r.epoch;
    e.at = now();
    r.log.push_back(e);
    const auto pos = static_cast<std::int64_t>(r.log.size());
    r.posOf[e.writeId] = pos;
    r.latest[static_cast<std::size_t>(e.key)] = pos;
    ClientOp& op = m_ops[static_cast<std::size_t>(e.writeId - 1)];
    op.version = pos;
    op.replica = m.to;
    m_engine.emit("append", m.to).with("pos", pos).with("op", e.writeId).with("epoch", r.epoch);
    checkWrite(op, m.to);
    for (int i = 0; i < m_replicas; ++i) {
        const NodeId f = m_firstReplica + i;
        if (f == m.to) continue;
        Payload p;
        p.epoch = r.epoch;
        p.index = pos;
        p.entry = e;
        m_engine.send(m.to, f, "Replicate", std::move(p));
    }
    if (m_mode == Mode::Async) ackWrite(m.to, e.writeId, pos);
    else {
        r.waiting[pos] = e.writeId;
        releaseWaiting(m.to);
    }
}

void ReplicationModel::followerReplicate(const Message<Payload>& m) {
    Replica& r = R(m.to);
    const Entry& e = m.payload.entry;
    if (r.role == Role::Leader) {  // a leader follows nobody, unless fencing shows it was deposed
        if (!m_fencing || e.epoch <= r.epoch || m.to == m_leader) return;
        r.role = Role::Follower;
        r.waiting.clear();
        m_engine.emit("fenced", m.to, "replica").with("epoch", e.epoch);
    }
    // Fencing by epoch: once this replica has received anything of a newer epoch (an entry it
    // buffers, a client, an announcement), that epoch's promotion deposed the sender, even before
    // the new leader's Sync arrives (Zab: a follower that accepted a new epoch takes no proposal
    // of an older one).
    const int newest = std::max(r.epoch, r.heard);
    if (m_fencing && e.epoch < newest) {
        Payload p;
        p.epoch = newest;
        m_engine.send(m.to, m.from, "Fenced", p);
        return;
    }
    const std::int64_t pos = m.payload.index;
    if (m_appliesOnArrival && e.epoch <= r.epoch) {  // the mistake: whatever comes next is applied next
        if (!r.posOf.count(e.writeId)) applyEntry(m.to, e, static_cast<std::int64_t>(r.log.size()) + 1, m.from);
        Payload ack;
        ack.epoch = r.epoch;
        ack.index = static_cast<std::int64_t>(r.log.size());
        m_engine.send(m.to, m.from, "Ack", ack);
        return;
    }
    // An entry of a newer epoch belongs to a history this replica has not adopted yet: keep it
    // for after the Sync, whatever its position in the old log.
    if (pos > static_cast<std::int64_t>(r.log.size()) || (m_fencing && e.epoch > r.epoch)) {
        auto it = r.buffer.find(pos);
        if (it == r.buffer.end() || it->second.epoch < e.epoch) r.buffer[pos] = e;
    }
    // Apply strictly in order: only the entry right after the last applied one, and only from
    // this replica's epoch (a newer epoch's entries wait for its Sync).
    bool applied = false;
    for (auto it = r.buffer.find(static_cast<std::int64_t>(r.log.size()) + 1);
         it != r.buffer.end() && it->first == static_cast<std::int64_t>(r.log.size()) + 1 &&
         (it->second.epoch <= r.epoch || !m_fencing);
         it = r.buffer.find(static_cast<std::int64_t>(r.log.size()) + 1)) {
        const Entry next = it->second;
        const std::int64_t at = it->first;
        r.buffer.erase(it);
        applyEntry(m.to, next, at, m.from);
        applied = true;
    }
    Payload ack;
    ack.epoch = r.epoch;
    ack.index = static_cast<std::int64_t>(r.log.size());
    if (applied || pos <= static_cast<std::int64_t>(r.log.size())) m_engine.send(m.to, m.from, "Ack", ack);
}

void ReplicationModel::applyEntry(NodeId n, const Entry& e, std::int64_t pos, NodeId from) {
    Replica& r = R(n);
    if (pos != static_cast<std::int64_t>(r.log.size()) + 1)
        violate("apply in order", name(n) + " applied position " + std::to_string(pos) + " after " +
                                      std::to_string(r.log.size()), {n});
    r.log.push_back(e);
    r.posOf[e.writeId] = pos;
    r.latest[static_cast<std::size_t>(e.key)] = pos;
    m_engine.emit("apply", n).with("pos", pos).with("op", e.writeId).with("epoch", e.epoch);
    // A follower in the leader's epoch must hold exactly the leader's entry at each position
    // (without fencing a deposed leader's stream may interleave: the split brain being taught).
    const auto& lead = R(m_leader).log;
    if (m_fencing && n != m_leader && r.epoch == m_epoch &&
        (static_cast<std::size_t>(pos) > lead.size() || lead[static_cast<std::size_t>(pos - 1)].writeId != e.writeId))
        violate("log matching", name(n) + " applied w#" + std::to_string(e.writeId) + " from " + name(from) +
                                    " at position " + std::to_string(pos) + ", which the leader " + name(m_leader) +
                                    " does not have there", {n, from, m_leader});
    // Reads held for a causal token this replica has now reached.
    std::vector<Message<Payload>> still;
    auto held = std::move(r.held);
    r.held.clear();
    for (const auto& m : held) {
        if (m.payload.token <= static_cast<std::int64_t>(R(n).log.size())) serveRead(n, m);
        else still.push_back(m);
    }
    for (auto& m : still) R(n).held.push_back(std::move(m));
}

void ReplicationModel::leaderAck(const Message<Payload>& m) {
    Replica& r = R(m.to);
    if (m_fencing && m.payload.epoch > r.epoch) {
        fence(m);
        return;
    }
    if (r.role != Role::Leader) return;
    std::int64_t& acked = r.ackedBy[rep(m.from)];
    acked = std::max(acked, m.payload.index);
    releaseWaiting(m.to);
}

// Semi-sync needs one follower to have the entry, sync every live one (none live: at once).
void ReplicationModel::releaseWaiting(NodeId leader) {
    Replica& r = R(leader);
    const auto followers = liveFollowers(leader);
    for (auto it = r.waiting.begin(); it != r.waiting.end();) {
        int have = 0;
        for (NodeId f : followers)
            if (r.ackedBy[rep(f)] >= it->first) ++have;
        const bool ok = m_mode == Mode::SemiSync ? have >= 1 : have == static_cast<int>(followers.size());
        if (!ok && m_mode != Mode::Async) {
            ++it;
            continue;
        }
        ackWrite(leader, it->second, it->first);
        it = r.waiting.erase(it);
    }
}

void ReplicationModel::ackWrite(NodeId leader, std::int64_t opId, std::int64_t pos) {
    ClientOp& op = m_ops[static_cast<std::size_t>(opId - 1)];
    op.acked = true;
    // Sync waits for every live follower: those, and the leader, hold it now and must keep it.
    // A follower that is down was not waited for and may be promoted without it.
    op.heldAtAck = 0;
    if (m_mode == Mode::Sync) {
        const Replica& l = R(leader);
        op.heldAtAck = 1u << rep(leader);
        for (int i = 0; i < m_replicas; ++i)
            if (l.ackedBy[static_cast<std::size_t>(i)] >= pos) op.heldAtAck |= 1u << i;
    }
    Payload p;
    p.op = opId;
    p.version = pos;
    p.epoch = R(leader).epoch;
    m_engine.send(leader, op.client, "WriteAck", p);
    m_engine.emit("ack", leader).with("op", opId).with("pos", pos);
    if (R(leader).epoch < m_epoch) {
        ++m_lost;  // the real leader's lineage will never contain it
        m_sessions[idx(op.client)].lost.push_back(opId);
        flag(op, kLostWrite, "acknowledged by the deposed leader " + name(leader) + " during split brain",
             {op.client, leader, m_leader});
        const std::string what = name(leader) + " (epoch " + std::to_string(R(leader).epoch) + ") acknowledged " +
                                 name(op.client) + "'s write " + keyName(op.key) + "=" + std::to_string(op.value) +
                                 " while " + name(m_leader) + " leads epoch " + std::to_string(m_epoch);
        // Fencing makes a leader step down once it hears of a newer epoch; acknowledging after
        // that is a broken fence. A deposed leader nobody of the newer epoch has reached is the
        // split brain that epochs alone cannot stop (and, with fencing off, the one asked for).
        if (m_fencing && R(leader).heard > R(leader).epoch)
            violate("single leader", what + " after hearing of epoch " + std::to_string(R(leader).heard),
                    {leader, m_leader});
        else {
            ++m_splitBrainWrites;
            banner("Split brain: " + what);
            m_engine.emit("split_brain", leader).with("op", opId).with("epoch", R(leader).epoch);
        }
    }
}

// Adopt the leader's log: keep the common prefix, drop what the leader lacks, take the rest.
void ReplicationModel::adoptLog(NodeId n, const std::vector<Entry>& log, int epoch) {
    Replica& r = R(n);
    if (epoch < r.epoch) return;
    const std::size_t dropped = r.log.size() > log.size() ? r.log.size() - log.size() : 0;
    r.log = log;
    r.epoch = epoch;
    r.heard = std::max(r.heard, epoch);
    r.role = Role::Follower;
    r.posOf.clear();
    std::fill(r.latest.begin(), r.latest.end(), 0);
    for (std::size_t i = 0; i < r.log.size(); ++i) {
        r.posOf[r.log[i].writeId] = static_cast<std::int64_t>(i + 1);
        r.latest[static_cast<std::size_t>(r.log[i].key)] = static_cast<std::int64_t>(i + 1);
    }
    for (auto it = r.buffer.begin(); it != r.buffer.end();)
        it = it->second.epoch < epoch || it->first <= static_cast<std::int64_t>(r.log.size()) ? r.buffer.erase(it) : std::next(it);
    m_engine.emit("apply", n, "sync").with("pos", static_cast<std::int64_t>(r.log.size())).with("epoch", epoch)
        .with("dropped", static_cast<std::int64_t>(dropped));
    if (!r.buffer.empty()) {  // entries of this epoch that overtook the Sync
        Message<Payload> nudge;
        nudge.from = m_leader;
        nudge.to = n;
        nudge.payload.epoch = epoch;
        nudge.payload.index = r.buffer.begin()->first;
        nudge.payload.entry = r.buffer.begin()->second;
        followerReplicate(nudge);
    }
    Payload ack;
    ack.epoch = epoch;
    ack.index = static_cast<std::int64_t>(r.log.size());
    m_engine.send(n, m_leader, "Ack", ack);
}

void ReplicationModel::fence(const Message<Payload>& m) {
    Replica& r = R(m.to);
    if (r.role != Role::Leader || m.payload.epoch <= r.epoch || m.to == m_leader) return;
    r.role = Role::Follower;
    r.waiting.clear();
    m_engine.emit("fenced", m.to).with("epoch", m.payload.epoch);
    banner(name(m.to) + " learns of epoch " + std::to_string(m.payload.epoch) + " and steps down");
}

void ReplicationModel::announce(NodeId n) {
    for (NodeId i = 0; i < m_engine.nodeCount(); ++i) {
        if (i == n || i == m_monitor) continue;
        Payload p;
        p.epoch = R(n).epoch;
        m_engine.send(n, i, "Announce", p);
    }
}

}  // namespace sb::core::replication
