#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sim/model_capabilities.h"
#include "sim/networked_model.h"
#include "topics/cap/cap_types.h"
#include "topics/cap/linearizability.h"
#include "topics/cap/register_history.h"

namespace sb::core::cap {

struct Config : ClusterConfig {
    Mode mode = Mode::CP;
    Merge merge = Merge::Lww;
    int keys = 1;
    double rate = 0;  // ops per second per client
    double readFraction = 0.5;
    Time timeout = 0;
    Time antiEntropy = 0;
    Time skew = 0;
    NodeId skewed = kNoNode;  // skewed_node is 1-based
};

// The "cap" topic: one replicated key-value register (keys x, y, z) on 3-7 nodes, one client per
// node (closed loop, rate and read mix as params) plus manual client_read / client_write actions,
// run in one of two modes on the same cluster and workload.
//
// CP: quorum reads and writes with versions, i.e. multi-writer ABD (Attiya, Bar-Noy, Dolev 1995;
// Lynch and Shvartsman 1997). A write queries a majority for the highest tag, then stores
// (counter+1, writer) on a majority; a read queries a majority and, unless every reply carried the
// same tag, writes the highest version back to a majority before answering. Chosen over a leader
// because it needs no election, so the only thing a partition can take away is the quorum itself.
// Linearizable because any two majorities intersect: a completed write's tag is seen by every
// later quorum, and the write-back means a completed read's value is too, so no later read can
// return an older version. Coordinator and replica are the same node; a node that cannot reach a
// majority times out: "failed" if it never got past the query phase (nothing was stored), "timed
// out" (unknown) if some replicas may already hold the write.
//
// AP: a node accepts every read and write locally and acknowledges at once, then replicates
// asynchronously (and by periodic plus on-heal anti-entropy). Concurrent versions (by version
// vector) are merged either by last-writer-wins on (writer's clock, writer), where clock_skew_ms
// shifts one node's clock, or by keeping siblings for the client to resolve (Dynamo, Riak): the
// next write at a node supersedes all siblings it holds.
//
// Anomalies, counted as they happen: stale read (the read returned a value from a write that
// finished before some other acknowledged write started, which itself finished before the read
// began: never linearizable), lost write (an acknowledged write discarded by an LWW merge against
// a concurrent version), wrong winner (that merge kept the write accepted earlier in true time),
// sibling created. The whole history is judged by the linearizability checker per key, lazily.
//
// Simplifications: one client per node, values are unique per generated write (stale-read
// accounting assumes so; manual writes may repeat values), storage survives crashes, no read
// repair in CP, no hinted handoff or quorum tuning in AP (PACELC: CP pays round trips, AP none).
//
// Invariants (CP only; AP anomalies are the lesson, not bugs): an operation invoked on the
// minority side never succeeds (checked as each op completes); the history is linearizable
// (checked incrementally: each check searches again only from the last quiet moment before the
// earliest change, so a run's checking cost grows linearly with its length).
//
// Probes: see topicInfo(). Events: invoke, complete (detail ok/failed/timeout), stale_read,
// lost_write, sibling, plus the kernel's send/deliver/drop/timer/action.
class CapModel final : public NetworkedModel<Payload, Config>, public ExplainsHistory {
public:
    static const TopicInfo& topicInfo();

    std::unique_ptr<Model> clone() const override { return std::make_unique<CapModel>(*this); }
    const TopicInfo& info() const override { return topicInfo(); }
    View view(Time t) const override;
    std::vector<Metric> metrics() const override;
    std::vector<Violation> violations() const override;
    ProbeValue probe(const std::string& name, NodeId node) const override;
    std::string describe(const Event& event) const override;
    std::vector<InspectRow> inspectNode(NodeId node) const override;
    std::vector<InspectRow> inspectMessage(MsgId id) const override;

    // Every client operation so far, with each op's linearizable flag filled in from explain().
    std::vector<ClientOp> history() const;
    // The checker's verdict per key, cheap: computed once per change of the history and reused
    // by every view, probe and invariant check until the next. No culprit: see explain().
    struct KeyVerdict {
        bool linearizable = true;           // proven: false when broken or unknown
        bool unknown = false;               // the search ran out of states: no verdict
        std::size_t checked = 0;            // how far it got: ops proven fine before it stopped
        std::size_t total = 0;              // ops the check was given
        std::vector<std::int64_t> stuck;    // ids of the ops where it stopped (broken or out of states)
        std::uint64_t explored = 0;         // states visited
        // Filled by explain() only: the minimal set of op ids that cannot be ordered.
        std::vector<std::int64_t> culprit;
        bool minimal = true;                // false: the culprit search ran out of states first
        CulpritStats search;                // what the culprit search cost
    };
    KeyVerdict verdict(int key) const;
    // The verdict plus the culprit: a costly search (up to kCulpritBudget states), run only when
    // asked (a user asking why, a claim on culprit_size), and cached per broken prefix.
    KeyVerdict explain(int key) const;
    HistoryExplanation explainHistory() const override;
    bool linearizable() const;
    // Whether some order of each key's operations, ignoring real time, explains every result;
    // nullopt when the search gave up (unknown, never reported as true).
    std::optional<bool> serializable() const;
    Mode mode() const { return m_cfg.mode; }
    const Siblings& stored(NodeId node, int key) const { return m_nodes[idx(node)].store[static_cast<std::size_t>(key)]; }
    bool inMinority(NodeId node) const;
    // Deliberately broken CP variants ("acks_before_majority", "reads_one_replica") for tests
    // that show the invariants catch them; not parameters, so no lesson or session can reach
    // them. Call after reset; lasts until the next reset.
    std::vector<std::string> brokenVariants() const;
    Status breakOnPurpose(const std::string& variant);

private:
    struct Broken {
        bool acksBeforeMajority = false;  // a write returns once the coordinator stored it
        bool readsOneReplica = false;     // a read returns the coordinator's own copy
    };
    struct Pending {
        std::int64_t op = 0;
        int phase = 1;
        int replies = 0;
        int acks = 0;
        bool allSame = true;
        Version best;
        bool any = false;  // best holds a real version
        Time deadline = 0;
    };
    struct NodeState {
        std::vector<Siblings> store;
        std::map<std::int64_t, Pending> pending;  // CP operations this node coordinates
        std::int64_t autoOp = 0;                  // the node's own client's outstanding op
        std::int64_t staleServed = 0;             // stale reads this node answered
        std::int64_t lostAcked = 0;               // writes it acknowledged that were later lost
    };
    struct Banner {
        Time time = 0;
        std::string text;
    };

    // The culprit found for one key's broken prefix (see culprit()).
    struct CulpritCache {
        std::uint64_t generation = ~std::uint64_t{0};
        std::vector<LinOp> prefix;
        std::vector<std::int64_t> ids;
        CulpritStats stats;
    };

    static std::size_t idx(NodeId n) { return static_cast<std::size_t>(n); }
    std::string name(NodeId n) const;
    std::string keyName(int key) const;
    int majority() const { return m_engine.nodeCount() / 2 + 1; }
    Time clockOf(NodeId node) const;

    // cap_client.cpp: the workload, invocations, completions, timeouts and anomaly accounting.
    void onClientTimer(NodeId node);
    std::int64_t invoke(NodeId node, OpKind kind, int key, std::int64_t value, bool manual);
    void complete(std::int64_t id, Outcome outcome, const Siblings& read = {});
    void scheduleClient(NodeId node);
    void armDeadline(NodeId node);
    void onDeadline(NodeId node);
    void failPending(NodeId node);
    void detectStale(ClientOp& op);
    void banner(std::string text);
    HistoryOp historyOp(const ClientOp& op, Time t) const;  // cap_view.cpp
    // cap_cp.cpp: the quorum protocol.
    void cpStart(NodeId node, std::int64_t id);
    void cpDeliver(const Message<Payload>& m);
    void cpReply(NodeId node, Pending& p, const Payload& reply);
    void cpStore(NodeId node, Pending& p);
    // cap_ap.cpp: local accept, replication and merges.
    void apStart(NodeId node, std::int64_t id);
    void apDeliver(const Message<Payload>& m);
    void apMerge(NodeId node, int key, const Siblings& incoming);
    void mergeLww(NodeId node, int key, const Version& incoming);
    void mergeSiblings(NodeId node, int key, const Siblings& incoming);
    void recordLoss(NodeId node, int key, const Version& loser, const Version& winner);
    void syncAll(NodeId node);
    void refreshMinority();
    // cap_model.cpp: the hooks of NetworkedModel.
    const ParamBinding<Config>& binding() const override;
    Status start(std::uint64_t seed) override;
    void onDeliver(const Message<Payload>& m) override;
    void onTimer(NodeId node, int slot) override;
    void onCrash(NodeId node, Event& out) override;
    void onRestart(NodeId node, Event& out) override;
    void onNetworkChange(const Action& a) override;
    Status onSet(const std::string& name, const Config& before) override;
    Status applyOwn(const Action& a, Event& out) override;
    Status applyClient(const Action& a, Event& out);
    const CulpritCache& culprit(int key) const;
    int divergentKeys() const;
    double meanLatencyMs(OpKind kind) const;

    Broken m_broken;
    std::vector<NodeState> m_nodes;
    std::vector<ClientOp> m_history;
    std::vector<std::vector<std::int64_t>> m_acked;  // per key: acknowledged writes, completion order
    std::int64_t m_nextValue = 0;
    std::int64_t m_staleReads = 0;
    std::int64_t m_lostWrites = 0;
    std::int64_t m_wrongWinners = 0;
    std::int64_t m_siblings = 0;
    std::int64_t m_lastManual = 0;  // id of the latest manual op
    std::vector<Banner> m_banners;
    std::vector<Violation> m_violations;
    // The linearizability checker per key, fed as ops start and end (checked incrementally,
    // lazily), and the culprit found for its broken prefix. Both are caches of pure functions of
    // the history, so copies and replays stay deterministic.
    mutable std::vector<RegisterHistory> m_checkers;
    mutable std::vector<CulpritCache> m_culprits;
};

}  // namespace sb::core::cap
