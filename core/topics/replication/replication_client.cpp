// The users: generated workload, read routing, invocations, replies and completions.
#include <algorithm>
#include <string_view>

#include "sim/stable_hash.h"
#include "topics/replication/replication_model.h"
#include "topics/replication/replication_tags.h"

namespace sb::core::replication {
void ReplicationModel::scheduleClient(NodeId client) {
    if (m_rate <= 0) return;
    // Think time uniform in [0.5, 1.5] of the mean gap, so users do not act in lockstep.
    const double mean = 1e6 / m_rate;
    const auto delay = static_cast<Time>(mean * (0.5 + m_engine.rng().uniform()));
    m_engine.setTimer(client, kThinkTimer, std::max<Time>(delay, 1), "think");
}

void ReplicationModel::onClientTimer(NodeId client) {
    if (m_rate <= 0) return;
    if (m_sessions[idx(client)].pending == 0) {
        const bool read = m_engine.rng().uniform() < m_readFraction;
        int key = static_cast<int>(client);
        if (m_clients > 1 && m_engine.rng().uniform() >= m_ownFraction) {
            key = static_cast<int>(m_engine.rng().range(0, m_clients - 2));
            if (key >= static_cast<int>(client)) ++key;
        }
        invoke(client, read ? OpKind::Read : OpKind::Write, key, read ? 0 : ++m_nextValue, false);
    }
    scheduleClient(client);
}

NodeId ReplicationModel::routeRead(NodeId client) {
    const Session& s = m_sessions[idx(client)];
    if (m_routing == Routing::Leader) return s.leader;
    if (m_routing == Routing::LeaderWindow && s.lastWrite >= 0 && now() - s.lastWrite < m_window) return s.leader;
    const auto followers = liveFollowers(s.leader);
    if (followers.empty()) return s.leader;
    if (m_routing == Routing::StickyFollower) return followers[fnv1a32(name(client)) % followers.size()];
    return followers[static_cast<std::size_t>(m_engine.rng().range(0, static_cast<std::int64_t>(followers.size()) - 1))];
}

std::int64_t ReplicationModel::invoke(NodeId client, OpKind kind, int key, std::int64_t value, bool manual, NodeId replica) {
    Session& s = m_sessions[idx(client)];
    ClientOp op;
    op.id = static_cast<std::int64_t>(m_ops.size()) + 1;
    op.client = client;
    op.kind = kind;
    op.key = key;
    op.value = value;
    op.invoke = now();
    op.manual = manual;
    op.mustSee = m_ackedPos[static_cast<std::size_t>(key)];
    Payload p;
    p.op = op.id;
    p.key = key;
    p.value = value;
    p.epoch = s.epoch;
    const bool read = kind == OpKind::Read;
    if (read && m_routing == Routing::CausalToken) p.token = s.token;
    op.replica = !read ? s.leader : replica != kNoNode ? replica : routeRead(client);
    m_ops.push_back(op);
    s.pending = op.id;
    Event& e = m_engine.emit("invoke", client, read ? "read" : "write");
    e.with("op", op.id).with("key", key);
    if (!read) e.with("value", value);
    m_engine.send(client, op.replica, read ? "Read" : "Write", p);
    m_engine.setTimer(client, kOpTimer, m_timeout, "op timeout");
    return op.id;
}

void ReplicationModel::serveRead(NodeId n, const Message<Payload>& m) {
    Replica& r = R(n);
    const auto applied = static_cast<std::int64_t>(r.log.size());
    Payload p;
    p.op = m.payload.op;
    p.key = m.payload.key;
    p.index = applied;
    p.epoch = r.epoch;
    if (m.payload.token > applied) {  // causal token ahead of this replica
        if (m_causalWait) {
            r.held.push_back(m);
            m_engine.emit("hold", n).with("op", p.op).with("token", m.payload.token).with("applied", applied);
            return;
        }
        p.redirect = true;
        m_engine.send(n, m.from, "ReadReply", p);
        return;
    }
    const std::int64_t pos = r.latest[static_cast<std::size_t>(p.key)];
    p.version = pos;
    if (pos > 0) {
        p.value = r.log[static_cast<std::size_t>(pos - 1)].value;
        p.source = r.log[static_cast<std::size_t>(pos - 1)].writeId;
    }
    ++r.readsServed;
    m_engine.send(n, m.from, "ReadReply", p);
}

void ReplicationModel::onReply(const Message<Payload>& m) {
    Session& s = m_sessions[idx(m.to)];
    const std::string_view kind = m.kind;
    if (kind == "Announce") {
        if (m_fencing && m.payload.epoch < s.epoch) {
            Payload p;
            p.epoch = s.epoch;
            m_engine.send(m.to, m.from, "Fenced", p);
            return;
        }
        s.leader = m.from;
        s.epoch = std::max(s.epoch, m.payload.epoch);
        return;
    }
    if (m.payload.op == 0 || m.payload.op != s.pending) return;  // a late answer to a timed-out op
    ClientOp& op = m_ops[static_cast<std::size_t>(m.payload.op - 1)];
    if (kind == "ReadReply" && m.payload.redirect) {
        Payload p;
        p.op = op.id;
        p.key = op.key;
        p.epoch = s.epoch;
        op.replica = s.leader;
        m_engine.send(m.to, s.leader, "Read", p);
        return;
    }
    if (kind == "WriteAck") {
        if (m.payload.redirect) {
            complete(op.id, Outcome::Rejected);
            return;
        }
        op.version = m.payload.version;
    } else {
        op.replica = m.from;
        op.value = m.payload.value;
        op.version = m.payload.version;
        op.source = m.payload.source;
        op.applied = m.payload.index;
    }
    complete(op.id, Outcome::Ok);
}

void ReplicationModel::complete(std::int64_t id, Outcome outcome) {
    if (id <= 0) return;
    ClientOp& op = m_ops[static_cast<std::size_t>(id - 1)];
    if (op.outcome != Outcome::Pending) return;
    Session& s = m_sessions[idx(op.client)];
    op.outcome = outcome;
    op.complete = now();
    s.pending = 0;
    m_engine.cancelTimer(op.client, kOpTimer);
    Event& e = m_engine.emit("complete", op.client, outcomeName(outcome));
    e.with("op", id).with("key", op.key).with("value", op.value).with("pos", op.version);
    e.with("latency_us", op.complete - op.invoke);
    if (outcome != Outcome::Ok) return;
    if (op.kind == OpKind::Write) {
        s.token = std::max(s.token, op.version);
        s.lastWrite = now();
        s.ownPos[op.key] = op.version;
        s.ownOp[op.key] = op.id;
        s.writes.push_back(op.id);
        auto& acked = m_ackedPos[static_cast<std::size_t>(op.key)];
        acked = std::max(acked, op.version);
    } else {
        checkRead(op);
    }
}

}  // namespace sb::core::replication
