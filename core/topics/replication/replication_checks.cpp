// The session guarantees of Terry et al. (1994), judged on what each operation returned, as it
// completes. In a single-leader log a replica's state is a prefix of the log, so "the replica had
// write W" is "its version of the key is at or past W's position".
#include <algorithm>

#include "topics/replication/replication_model.h"

namespace sb::core::replication {
namespace {

std::string op(std::int64_t id) { return "#" + std::to_string(id); }

}  // namespace

void ReplicationModel::flag(ClientOp& o, Anomaly a, const std::string& why, std::vector<NodeId> nodes) {
    if (!(o.anomalies & a)) ++m_counts[a];
    o.anomalies = static_cast<std::uint8_t>(o.anomalies | a);
    if (a != kStale) o.note += (o.note.empty() ? "" : "; ") + why;
    if (a == kStale || a == kLostWrite) return;
    const char* what = a == kReadYourWrites ? "read-your-writes" : a == kMonotonicReads ? "monotonic reads"
                     : a == kMonotonicWrites ? "monotonic writes" : a == kWritesFollowReads ? "writes-follow-reads"
                     : "consistent prefix";
    Event& e = m_engine.emit("anomaly", o.client, what);
    e.with("op", o.id);
    if (nodes.size() > 1) e.peer = nodes[1];
}

void ReplicationModel::checkRead(ClientOp& o) {
    Session& s = m_sessions[idx(o.client)];
    const std::string from = " (from " + name(o.replica) + ", applied up to " + std::to_string(o.applied) + ")";
    if (o.version < o.mustSee) {
        flag(o, kStale, "", {o.client, o.replica});
        m_engine.emit("stale_read", o.client).with("op", o.id).with("pos", o.version).with("must", o.mustSee);
    }
    // Read-your-writes: the session's own last write to this key must be visible.
    if (auto it = s.ownPos.find(o.key); it != s.ownPos.end() && o.version < it->second)
        flag(o, kReadYourWrites, "misses its own write " + op(s.ownOp[o.key]) + " at position " +
                                     std::to_string(it->second) + from, {o.client, o.replica});
    // Monotonic reads: never an older version of a key than this session already read.
    if (auto it = s.readPos.find(o.key); it != s.readPos.end() && o.version < it->second)
        flag(o, kMonotonicReads, "goes back from position " + std::to_string(it->second) + " (read " +
                                     op(s.readOp[o.key]) + ") to " + std::to_string(o.version) + from,
             {o.client, o.replica});
    // Consistent prefix: having seen position P, a read must not miss an earlier write to this key.
    else if (s.seenPos > o.version) {
        const auto& lead = R(m_leader).log;
        const auto top = std::min<std::int64_t>(s.seenPos, static_cast<std::int64_t>(lead.size()));
        for (std::int64_t p = top; p > o.version; --p) {
            const Entry& e = lead[static_cast<std::size_t>(p - 1)];
            if (e.key != o.key) continue;
            flag(o, kConsistentPrefix, "saw position " + std::to_string(s.seenPos) + " (read " + op(s.seenOp) +
                                           ") but not the earlier write " + op(e.writeId) + " to " + keyName(o.key) +
                                           " at " + std::to_string(p) + from, {o.client, o.replica});
            break;
        }
    }
    if (o.version > s.readPos[o.key]) {
        s.readPos[o.key] = o.version;
        s.readOp[o.key] = o.id;
    }
    if (o.source != 0) s.readSource[o.key] = o.source;
    if (o.version > s.seenPos) {
        s.seenPos = o.version;
        s.seenOp = o.id;
    }
}

// Called when the leader appends the write: it must already hold what the session wrote and read.
void ReplicationModel::checkWrite(ClientOp& o, NodeId leader) {
    Session& s = m_sessions[idx(o.client)];
    const Replica& r = R(leader);
    // Monotonic writes: the session's earlier writes come first at every replica that has this one.
    std::vector<std::int64_t> missing = s.lost;
    s.lost.clear();
    if (!s.writes.empty() && !r.posOf.count(s.writes.back()) &&
        std::find(missing.begin(), missing.end(), s.writes.back()) == missing.end())
        missing.push_back(s.writes.back());
    if (!missing.empty()) {
        std::string list;
        for (auto id : missing) list += (list.empty() ? "" : ", ") + op(id);
        flag(o, kMonotonicWrites, "stored on " + name(leader) + " without the session's earlier write " + list,
             {o.client, leader});
    }
    // Writes-follow-reads: the writes this session read must precede its write.
    for (auto it = s.readSource.begin(); it != s.readSource.end();) {
        if (r.posOf.count(it->second)) {
            ++it;
            continue;
        }
        flag(o, kWritesFollowReads, "stored on " + name(leader) + ", which lacks " + op(it->second) +
                                        " that the session had read", {o.client, leader});
        it = s.readSource.erase(it);
    }
}

}  // namespace sb::core::replication
