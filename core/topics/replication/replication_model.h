#pragma once

#include <map>
#include <string>
#include <vector>

#include "sim/engine.h"
#include "sim/model.h"
#include "sim/model_capabilities.h"
#include "topics/replication/replication_types.h"

namespace sb::core::replication {

// The "replication" topic: single-leader replication with lagging followers, the session
// guarantees that lag breaks, and failover that loses acknowledged writes.
//
// Nodes: clients (alice, bob, carol, dave; each one user session, each owning the key of its
// name), replicas r1..rN (r1 leads at first) and a failover monitor. The leader appends each write
// to its log and streams it to every follower; follower rK receives it after its own lag (fixed,
// or base plus uniform jitter, plus a lag_spike while one lasts) and applies the log strictly in
// order (an entry that overtakes another waits in a buffer). Receiving is applying: there is no
// separate relay log. Modes as in MySQL and PostgreSQL: async acknowledges once the leader has the
// write, semi-sync once one follower has applied it, sync once every live follower has. (PostgreSQL's
// synchronous standbys are the listed ones "currently connected and streaming", but a commit
// waits until num_sync of them confirm; this sync never waits for a follower that is down, so it
// promises durability only on the followers that were up.)
//
// Reads are routed per session: leader only; a random live follower; a sticky follower (FNV hash
// of the user over the live followers, so the mapping moves when the follower set changes); the
// leader for a window after the session's own write; or a causal token (the position of the
// session's last write; a replica behind it holds the read until it catches up, or redirects it
// to the leader).
//
// Failover: the monitor notices a crashed leader detect_ms later (no heartbeats, no false
// suspicion) and promotes the most caught-up live follower (the action "failover" promotes a
// chosen one at once). The new leader's epoch is one higher; it sends its log to every replica,
// which adopts it, dropping entries the new leader lacks: acknowledged writes not in the new
// leader's log are lost and counted. With fencing, every replica and client rejects messages from
// an older epoch, so a returning old leader learns it was deposed and rejoins as a follower.
// Without fencing it resumes as leader, clients that hear it write to it, and both sides accept
// writes (split brain).
//
// Checkers (Terry et al., "Session Guarantees for Weakly Consistent Replicated Data", 1994, on
// what the reads returned): read-your-writes, monotonic reads, monotonic writes, writes-follow-
// reads, consistent prefix, plus stale reads and lost acknowledged writes. These anomalies are the
// lesson, so they are metrics and flagged history operations, not violations.
//
// Invariants (violations): each replica applies entries gapless and in order, and a follower in
// the leader's epoch holds exactly the leader's entry at each position; in sync mode a replica
// that held a write when it was acknowledged (the leader and every live follower: a follower that
// is down is not waited for, so it may lack the write, be promoted and lose it) still holds it
// when it is promoted; with fencing, a follower takes no entry of an epoch older than the newest
// it has heard of, and a replica that
// has heard of a newer epoch (from any message, or a Sync) never acknowledges a write as leader.
// Fencing cannot stop a deposed leader that hears from nobody of the newer epoch (a partition, or
// the new epoch's replicas crashed): in async mode, or with followers of its own epoch, it still
// acknowledges. That write is the split brain only a lease or STONITH prevents (Kleppmann, DDIA
// ch. 8: a token fences only where it is checked), counted as split_brain_writes like with
// fencing off, not a violation.
//
// Simplifications: a follower's lag is time an entry waits in the leader's outgoing stream, so
// entries still in flight when the leader crashes are lost with it (a follower applies whatever
// it did receive); storage survives crashes; a client has one operation in flight and times out
// after op_timeout_ms; the monitor never fails and learns of a crash exactly detect_ms later;
// semi-sync never falls back to async (MySQL does after rpl_semi_sync_source_timeout, 10 s).
class ReplicationModel final : public Model, public ProbesAtTime {
public:
    static const TopicInfo& topicInfo();

    std::unique_ptr<Model> clone() const override { return std::make_unique<ReplicationModel>(*this); }
    const TopicInfo& info() const override { return topicInfo(); }
    Status reset(const ParamValues& params, std::uint64_t seed) override;
    Status apply(const Action& action, Event& out) override;
    std::optional<Event> step() override;
    Time now() const override { return m_engine.now(); }
    std::optional<Time> nextTime() const override { return m_engine.nextTime(); }
    bool reporting() const override { return m_engine.reporting(); }
    std::vector<std::string> nodeNames() const override { return m_engine.names(); }
    View view(Time t) const override;
    std::vector<Metric> metrics() const override { return metricsAt(now()); }
    std::vector<Metric> metricsAt(Time t) const override;
    std::vector<Violation> violations() const override { return m_violations; }
    ProbeValue probe(const std::string& name, NodeId node) const override;
    ProbeValue probeKey(const std::string& name, NodeId node, const std::string& key) const override;
    // "lag_ms" reads the clock: at a step's end, after a wait, it is the lag the scene shows then.
    ProbeValue probeAt(const std::string& name, NodeId node, const std::string& key, Time t) const override;
    std::string describe(const Event& event) const override;
    std::vector<InspectRow> inspectNode(NodeId node) const override;

    const std::vector<ClientOp>& history() const { return m_ops; }
    std::int64_t count(Anomaly a) const;
    NodeId leader() const { return m_leader; }
    const std::vector<Entry>& log(NodeId replica) const { return m_reps[rep(replica)].log; }
    bool isReplica(NodeId n) const { return n >= m_firstReplica && n < m_firstReplica + m_replicas; }
    bool isClient(NodeId n) const { return n >= 0 && n < m_clients; }
    std::int64_t lostWrites() const { return m_lost; }
    // Deliberately broken variant ("applies_out_of_order": a follower applies each entry as it
    // arrives, at the end of its log) for tests that show the invariants catch it; not a
    // parameter, so no lesson or session can reach it. Call after reset; lasts until the next reset.
    std::vector<std::string> brokenVariants() const;
    Status breakOnPurpose(const std::string& variant);

private:
    struct Replica {
        Role role = Role::Follower;
        int epoch = 1;
        int heard = 1;  // the newest epoch any message has told it of
        std::vector<Entry> log;
        std::map<std::int64_t, Entry> buffer;      // arrived ahead of a gap: position -> entry
        std::map<std::int64_t, std::int64_t> posOf;  // write id -> position
        std::vector<std::int64_t> latest;          // per key: position of its newest write (0 none)
        std::vector<std::int64_t> ackedBy;         // leader: per replica, position it has applied
        std::map<std::int64_t, std::int64_t> waiting;  // leader: position -> op awaiting follower acks
        std::vector<Message<Payload>> held;        // causal reads waiting for the replica to catch up
        Time extraLag = 0;                         // an active lag spike
        std::int64_t readsServed = 0;
    };

    std::size_t rep(NodeId n) const { return static_cast<std::size_t>(n - m_firstReplica); }
    static std::size_t idx(NodeId n) { return static_cast<std::size_t>(n); }
    std::string name(NodeId n) const;
    std::string keyName(int key) const { return name(static_cast<NodeId>(key)); }
    Replica& R(NodeId n) { return m_reps[rep(n)]; }
    const Replica& R(NodeId n) const { return m_reps[rep(n)]; }
    std::vector<NodeId> liveFollowers(NodeId leader) const;
    LinkConfig lagLink(NodeId replica) const;
    void refreshLinks(NodeId replica);
    Time timeLag(NodeId replica, Time t) const;
    // The "value" probe: a replica's value of a user's key (empty key: the first user).
    ProbeValue keyValue(NodeId node, const std::string& key) const;

    // replication_replica.cpp: the leader, the stream, acks, failover and fencing.
    void onDeliver(const Message<Payload>& m);
    void onTimer(NodeId node, int tag);
    void leaderWrite(const Message<Payload>& m);
    void followerReplicate(const Message<Payload>& m);
    void applyEntry(NodeId n, const Entry& e, std::int64_t pos, NodeId from);
    void leaderAck(const Message<Payload>& m);
    void releaseWaiting(NodeId leader);
    void ackWrite(NodeId leader, std::int64_t op, std::int64_t pos);
    void adoptLog(NodeId n, const std::vector<Entry>& log, int epoch);
    void promote(NodeId n, bool chosen);
    void fence(const Message<Payload>& m);
    void announce(NodeId n);
    // replication_client.cpp: workload, routing, invocations, completions.
    std::int64_t invoke(NodeId client, OpKind kind, int key, std::int64_t value, bool manual, NodeId replica = kNoNode);
    NodeId routeRead(NodeId client);
    void serveRead(NodeId n, const Message<Payload>& m);
    void onReply(const Message<Payload>& m);
    void complete(std::int64_t op, Outcome outcome);
    void scheduleClient(NodeId client);
    void onClientTimer(NodeId client);
    // replication_checks.cpp: the session guarantees over each completed op.
    void checkRead(ClientOp& op);
    void checkWrite(ClientOp& op, NodeId leader);
    void flag(ClientOp& op, Anomaly a, const std::string& why, std::vector<NodeId> nodes);
    void violate(const char* invariant, std::string detail, std::vector<NodeId> nodes);
    void banner(std::string text);
    Status applyClient(const Action& a, Event& out);
    Status applySet(const Action& a, Event& out);
    Status applyNodeAction(const Action& a, Event& out);
    // replication_view.cpp
    HistoryOp historyOp(const ClientOp& op) const;
    NodeView replicaView(NodeId n, Time t) const;
    double meanLatencyMs(OpKind kind) const;

    Engine<Payload> m_engine;
    int m_clients = 2;
    int m_replicas = 3;
    NodeId m_firstReplica = 0;
    NodeId m_monitor = 0;
    NodeId m_leader = 0;
    int m_epoch = 1;
    std::vector<Replica> m_reps;
    std::vector<Session> m_sessions;
    std::vector<ClientOp> m_ops;
    std::vector<std::int64_t> m_ackedPos;  // per key: position of the newest acknowledged write
    std::vector<Time> m_lag;               // per replica: base lag
    std::vector<Time> m_jitter;            // per replica: jitter
    Mode m_mode = Mode::Async;
    Routing m_routing = Routing::RandomFollower;
    bool m_causalWait = true;
    bool m_fencing = true;
    bool m_appliesOnArrival = false;  // broken: no reordering buffer
    bool m_autoFailover = true;
    Time m_window = 0;
    Time m_detect = 0;
    Time m_timeout = 0;
    Time m_netLatency = 0;
    double m_rate = 0;
    double m_readFraction = 0.5;
    double m_ownFraction = 0.7;
    std::int64_t m_nextValue = 0;
    std::int64_t m_lastManual = 0;
    std::int64_t m_lost = 0;
    std::int64_t m_lastLost = 0;   // lost at the latest failover
    std::int64_t m_failovers = 0;
    std::int64_t m_splitBrainWrites = 0;  // writes acknowledged by a deposed leader unaware of its successor
    Time m_crashedAt = -1;         // when the current leader went down (-1: it is up)
    Time m_recovery = -1;          // crash to promotion, for the latest failover
    std::map<int, std::int64_t> m_counts;  // anomaly bit -> how many ops carry it
    std::vector<std::string> m_banners;
    std::vector<Violation> m_violations;
};

}  // namespace sb::core::replication
