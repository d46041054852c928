// CP mode: multi-writer ABD quorum reads and writes (see cap_model.h for why it is linearizable).
#include "topics/cap/cap_model.h"

namespace sb::core::cap {
namespace {


bool newer(const Version& v, const Siblings& than) { return than.empty() || than.front().tag < v.tag; }

}  // namespace

void CapModel::cpStart(NodeId node, std::int64_t id) {
    const ClientOp& op = m_history[static_cast<std::size_t>(id - 1)];
    NodeState& ns = m_nodes[idx(node)];
    Pending p;
    p.op = id;
    p.deadline = now() + m_cfg.timeout;
    // The coordinator is a replica too: its own reply counts at once.
    const Siblings& own = ns.store[static_cast<std::size_t>(op.key)];
    if (m_broken.readsOneReplica && op.kind == OpKind::Read) return complete(id, Outcome::Ok, own);  // the mistake
    p.replies = 1;
    p.any = !own.empty();
    if (p.any) p.best = own.front();
    ns.pending[id] = p;
    for (NodeId peer = 0; peer < m_engine.nodeCount(); ++peer)
        if (peer != node) m_engine.send(node, peer, "Query", Payload{id, 1, op.key, {}, {}});
    armDeadline(node);
}

void CapModel::cpDeliver(const Message<Payload>& m) {
    const std::string_view kind = m.kind;
    Siblings& store = m_nodes[idx(m.to)].store[static_cast<std::size_t>(m.payload.key)];
    if (kind == "Query") {
        m_engine.send(m.to, m.from, "QueryReply", Payload{m.payload.op, 1, m.payload.key, store, {}});
        return;
    }
    if (kind == "Store") {
        const Version& v = m.payload.versions.front();
        if (newer(v, store)) store = {v};
        m_engine.send(m.to, m.from, "StoreAck", Payload{m.payload.op, 2, m.payload.key, {}, {}});
        return;
    }
    auto& pending = m_nodes[idx(m.to)].pending;
    auto it = pending.find(m.payload.op);
    if (it == pending.end() || it->second.phase != m.payload.phase) return;  // late or finished
    cpReply(m.to, it->second, m.payload);
}

void CapModel::cpReply(NodeId node, Pending& p, const Payload& reply) {
    const ClientOp& op = m_history[static_cast<std::size_t>(p.op - 1)];
    const std::int64_t id = p.op;
    if (p.phase == 1) {
        ++p.replies;
        const Siblings& v = reply.versions;
        if (v.empty() == p.any || (!v.empty() && v.front().tag != p.best.tag)) p.allSame = false;
        if (!v.empty() && (!p.any || p.best.tag < v.front().tag)) {
            p.best = v.front();
            p.any = true;
        }
        if (p.replies < majority()) return;
        // Every reply agreed: the version is already on a majority, so no write-back is needed.
        if (op.kind == OpKind::Read && p.allSame) {
            const Siblings result = p.any ? Siblings{p.best} : Siblings{};
            m_nodes[idx(node)].pending.erase(id);
            complete(id, Outcome::Ok, result);
            armDeadline(node);
            return;
        }
        cpStore(node, p);
        return;
    }
    if (++p.acks < majority()) return;
    const Siblings result = p.any ? Siblings{p.best} : Siblings{};
    m_nodes[idx(node)].pending.erase(id);
    complete(id, Outcome::Ok, result);
    armDeadline(node);
}

void CapModel::cpStore(NodeId node, Pending& p) {
    const ClientOp& op = m_history[static_cast<std::size_t>(p.op - 1)];
    if (op.kind == OpKind::Write) {
        Version v;
        v.value = op.value;
        v.writeId = op.id;
        v.tag = Tag{(p.any ? p.best.tag.counter : 0) + 1, node};
        v.acceptedAt = now();
        p.best = v;
        p.any = true;
    }
    // A read writes back the highest version it saw (p.best; reads reach here only with one).
    p.phase = 2;
    p.acks = 1;
    Siblings& own = m_nodes[idx(node)].store[static_cast<std::size_t>(op.key)];
    if (newer(p.best, own)) own = {p.best};
    for (NodeId peer = 0; peer < m_engine.nodeCount(); ++peer)
        if (peer != node) m_engine.send(node, peer, "Store", Payload{p.op, 2, op.key, {p.best}, {}});
    if (m_broken.acksBeforeMajority && op.kind == OpKind::Write) {  // the mistake: one copy, acknowledged
        const std::int64_t id = p.op;
        const Siblings result{p.best};
        m_nodes[idx(node)].pending.erase(id);
        complete(id, Outcome::Ok, result);
        armDeadline(node);
    }
}

}  // namespace sb::core::cap
