// AP mode: accept locally, replicate asynchronously, reconcile concurrent versions.
#include <algorithm>

#include "topics/cap/cap_model.h"

namespace sb::core::cap {

void CapModel::apStart(NodeId node, std::int64_t id) {
    const ClientOp& op = m_history[static_cast<std::size_t>(id - 1)];
    Siblings& store = m_nodes[idx(node)].store[static_cast<std::size_t>(op.key)];
    if (op.kind == OpKind::Read) {
        const Siblings seen = store;
        complete(id, Outcome::Ok, seen);
        return;
    }
    // The new version descends from everything this node holds, so it supersedes its siblings:
    // that is how a client "resolves" them.
    Version v;
    v.value = op.value;
    v.writeId = id;
    v.vv.assign(static_cast<std::size_t>(m_engine.nodeCount()), 0);
    for (const Version& s : store) v.vv = joinVv(v.vv, s.vv);
    ++v.vv[idx(node)];
    v.tag = Tag{clockOf(node), node};
    v.acceptedAt = now();
    store = {v};
    complete(id, Outcome::Ok);
    for (NodeId peer = 0; peer < m_engine.nodeCount(); ++peer)
        if (peer != node) m_engine.send(node, peer, "Replicate", Payload{id, 0, op.key, {v}, {}});
}

void CapModel::apDeliver(const Message<Payload>& m) {
    if (std::string_view(m.kind) == "Sync") {
        for (std::size_t k = 0; k < m.payload.state.size(); ++k)
            apMerge(m.to, static_cast<int>(k), m.payload.state[k]);
        return;
    }
    apMerge(m.to, m.payload.key, m.payload.versions);
}

void CapModel::apMerge(NodeId node, int key, const Siblings& incoming) {
    if (incoming.empty()) return;
    if (m_cfg.merge == Merge::Siblings) {
        mergeSiblings(node, key, incoming);
        return;
    }
    for (const Version& v : incoming) mergeLww(node, key, v);
}

void CapModel::mergeLww(NodeId node, int key, const Version& in) {
    Siblings& store = m_nodes[idx(node)].store[static_cast<std::size_t>(key)];
    if (store.empty()) {
        store = {in};
        return;
    }
    Version& local = store.front();
    if (local.writeId == in.writeId) {
        local.vv = joinVv(local.vv, in.vv);
        return;
    }
    const VvOrder order = compareVv(local.vv, in.vv);
    if (order == VvOrder::Before) {
        local = in;  // the incoming version already saw ours: an ordinary overwrite
        return;
    }
    if (order != VvOrder::Concurrent) return;
    // Concurrent: neither write saw the other. LWW keeps the higher clock reading and silently
    // drops the other, though its client was told "ok".
    const bool incomingWins = local.tag < in.tag;
    Version winner = incomingWins ? in : local;
    const Version loser = incomingWins ? local : in;
    winner.vv = joinVv(local.vv, in.vv);
    store = {winner};
    recordLoss(node, key, loser, winner);
}

void CapModel::recordLoss(NodeId node, int key, const Version& loser, const Version& winner) {
    if (loser.writeId <= 0) return;
    ClientOp& op = m_history[static_cast<std::size_t>(loser.writeId - 1)];
    if (op.lost || op.outcome != Outcome::Ok) return;
    op.lost = true;
    ++m_lostWrites;
    ++m_nodes[idx(op.node)].lostAcked;
    const bool wrong = winner.acceptedAt < loser.acceptedAt;
    if (wrong) ++m_wrongWinners;
    m_engine.emit("lost_write", node)
        .with("op", op.id).with("key", key).with("value", loser.value)
        .with("winner", winner.value).with("wrong_winner", wrong ? 1 : 0);
    const std::string k = keyName(key);
    banner(name(op.node) + " acknowledged " + k + "=" + std::to_string(loser.value) +
           " but the value was lost when " + name(node) + " merged it with " + k + "=" +
           std::to_string(winner.value) +
           (wrong ? " (written earlier in real time, but by a clock running ahead)" : " (later clock wins)"));
}

void CapModel::mergeSiblings(NodeId node, int key, const Siblings& incoming) {
    Siblings& store = m_nodes[idx(node)].store[static_cast<std::size_t>(key)];
    const std::size_t before = store.size();
    Siblings all = store;
    for (const Version& v : incoming) {
        auto same = std::find_if(all.begin(), all.end(), [&](const Version& a) { return a.writeId == v.writeId; });
        if (same == all.end()) all.push_back(v);
        else same->vv = joinVv(same->vv, v.vv);
    }
    Siblings keep;
    for (const Version& v : all) {
        const bool dominated = std::any_of(all.begin(), all.end(), [&](const Version& u) {
            return compareVv(v.vv, u.vv) == VvOrder::Before;
        });
        if (!dominated) keep.push_back(v);
    }
    std::sort(keep.begin(), keep.end(), [](const Version& a, const Version& b) { return a.writeId < b.writeId; });
    store = keep;
    if (keep.size() <= std::max<std::size_t>(before, 1)) return;
    ++m_siblings;
    std::string values;
    for (const Version& v : keep) values += (values.empty() ? "" : " | ") + std::to_string(v.value);
    m_engine.emit("sibling", node).with("key", key).with("count", static_cast<std::int64_t>(keep.size()));
    banner(name(node) + " keeps " + std::to_string(keep.size()) + " concurrent versions of " + keyName(key) +
           " (" + values + "): the next write there must resolve them");
}

void CapModel::syncAll(NodeId node) {
    const auto& store = m_nodes[idx(node)].store;
    const bool any = std::any_of(store.begin(), store.end(), [](const Siblings& s) { return !s.empty(); });
    if (!any || !m_engine.up(node)) return;
    for (NodeId peer = 0; peer < m_engine.nodeCount(); ++peer)
        if (peer != node) m_engine.send(node, peer, "Sync", Payload{0, 0, 0, {}, store});
}

}  // namespace sb::core::cap
