#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "sim/networked_model.h"
#include "topics/raft/raft_types.h"

namespace sb::core::raft {

struct Config : ClusterConfig {
    Time electionMin = 0;
    Time electionMax = 0;
    Time heartbeat = 0;
    std::size_t maxBatch = 16;
    bool conflictTerm = false;
    bool unsafeCommit = false;
    bool preVote = false;
    bool checkQuorum = false;
    bool leaderNoop = false;
};

// Raft leader election and log replication, following Ongaro & Ousterhout, "In Search of an
// Understandable Consensus Algorithm" (USENIX ATC 2014): Figure 2 rule by rule, §5.2 elections,
// §5.3 replication, §5.4 safety with the Figure 8 commit restriction; PreVote and CheckQuorum
// (leader leases against disruptive servers) as in Ongaro's thesis §9.6 and the paper's §6.
//
// Simplifications: no membership changes, snapshots or log compaction; a client request is an
// action applied at one server (a follower answers with a redirect); every server applies a
// committed entry at once; reads are answered from the local state machine with no ReadIndex or
// lease, so a stale read is visible. Durable state survives a crash (currentTerm, votedFor,
// log); commitIndex, role, timers and the state machine do not and are rebuilt after restart.
//
// Invariants checked after every step (Figure 3): election safety, leader append-only, log
// matching, leader completeness, state machine safety; and Figure 2's own rules: one vote per
// term, a leader steps down on a higher term, a follower truncates only entries that conflict
// with its leader's (raft_invariants.cpp). The parameter unsafe_commit_old_terms
// removes the §5.4.2 rule so that the invariants can be seen to catch it.
class RaftModel final : public NetworkedModel<RaftMsg, Config> {
public:
    static const TopicInfo& topicInfo();

    std::unique_ptr<Model> clone() const override { return std::make_unique<RaftModel>(*this); }
    const TopicInfo& info() const override { return topicInfo(); }
    View view(Time t) const override;
    std::vector<Metric> metrics() const override;
    std::vector<Violation> violations() const override { return m_violations; }
    ProbeValue probe(const std::string& key, NodeId node) const override;
    std::string describe(const Event& event) const override;
    // Deliberately broken protocol variants ("vote_ignores_log"), for tests that show the
    // invariants catch a broken protocol. Deliberately not parameters: no lesson, menu, compare
    // view or saved session can switch one on. Call after reset; lasts until the next reset.
    std::vector<std::string> brokenVariants() const;
    Status breakOnPurpose(const std::string& variant);
    std::vector<InspectRow> inspectNode(NodeId node) const override;
    std::vector<InspectRow> inspectMessage(MsgId id) const override;

    // Read access for tests and benchmarks.
    const Server& server(NodeId n) const { return m_servers[at(n)]; }
    int nodeCount() const { return m_engine.nodeCount(); }
    bool up(NodeId n) const { return m_engine.up(n); }
    std::int64_t elections() const { return m_elections; }
    std::int64_t splitVotes() const { return m_splitVotes; }

private:
    // Deliberately broken rules (raft_broken.cpp), each caught by an invariant below.
    struct Broken {
        bool voteIgnoresLog = false;     // grants votes without the §5.4.1 up-to-date check
        bool forgetsVote = false;        // votes again in a term it already voted in
        bool truncatesOnMatch = false;   // deletes matching entries on every AppendEntries
        bool ignoresHigherTerm = false;  // a leader does not step down on a higher term
    };
    struct TermStat {
        int candidates = 0;
        bool leader = false;
        bool closed = false;
    };
    struct CommittedEntry {
        Entry entry;
        std::int64_t commitTerm = 0;  // the term of the server that first committed it
    };

    static std::size_t at(NodeId n) { return static_cast<std::size_t>(n); }
    Server& srv(NodeId n) { return m_servers[at(n)]; }
    const std::string& name(NodeId n) const { return m_engine.names()[at(n)]; }
    int majority() const { return nodeCount() / 2 + 1; }

    // raft_model.cpp: the hooks of NetworkedModel.
    const ParamBinding<Config>& binding() const override;
    Status start(std::uint64_t seed) override;
    void afterStep() override { checkInvariants(); }
    void afterAction() override { checkInvariants(); }

    // raft_election.cpp
    void onTimer(NodeId n, int slot) override;
    void resetElectionTimer(NodeId n);
    void startPreVote(NodeId n);
    void startElection(NodeId n);
    void becomeFollower(NodeId n, std::int64_t term);
    void becomeLeader(NodeId n);
    void setRole(NodeId n, Role role);
    bool logUpToDate(const Server& s, std::int64_t lastIndex, std::int64_t lastTerm) const;
    bool inLease(const Server& s) const;
    void onVoteRequest(const Message<RaftMsg>& m);
    void onVoteReply(const Message<RaftMsg>& m);
    void noteCandidate(NodeId n, std::int64_t term);
    bool checkQuorumLost(NodeId n);

    // raft_replication.cpp
    void sendAppend(NodeId leader, NodeId peer);
    void broadcastAppend(NodeId leader);
    void onAppend(const Message<RaftMsg>& m);
    void onAppendReply(const Message<RaftMsg>& m);
    void advanceCommit(NodeId leader);
    void setCommit(NodeId n, std::int64_t index);
    void truncate(NodeId n, std::int64_t from);
    std::int64_t appendLocal(NodeId leader, std::int32_t key, std::int32_t value);

    // raft_actions.cpp
    void onCrash(NodeId n, Event& out) override;
    void onRestart(NodeId n, Event& out) override;
    Status onSet(const std::string& name, const Config& before) override;
    Status applyOwn(const Action& a, Event& out) override;
    Status clientWrite(const Action& a, Event& out);
    Status clientRead(const Action& a, Event& out);
    Status setLog(const Action& a, Event& out);
    Status setBlock(const Action& a, Event& out, bool block);

    // raft_invariants.cpp
    void checkInvariants();
    void refreshChain(NodeId n);
    void checkLogMatching(NodeId a, NodeId b);
    void checkLeaderCompleteness(NodeId leader);
    void checkTruncation(NodeId follower, NodeId leader, std::int64_t term, std::int64_t from);
    void noteCommitted(NodeId n, std::int64_t index);
    void noteVote(NodeId voter, std::int64_t term, NodeId candidate);
    void noteTermSeen(NodeId n, const RaftMsg& msg);
    void checkServerRules(NodeId n);
    void violate(const char* invariant, std::string detail, std::vector<NodeId> nodes);

    void send(NodeId from, NodeId to, RaftMsg msg);
    void onDeliver(const Message<RaftMsg>& m) override;
    bool blocked(NodeId from, NodeId to, MsgType type) const;
    std::string entryText(const Entry& e) const;

    Broken m_broken;
    std::vector<Server> m_servers;
    std::vector<std::uint8_t> m_blocks;  // from * n + to -> bit per MsgType
    std::vector<bool> m_dirty;           // log changed since the last invariant check
    // Per server, a hash chain over its log (entry i hashes entries 1..i) and how much of it is
    // still valid, so that comparing two log prefixes costs O(1) instead of O(length).
    std::vector<std::vector<std::uint64_t>> m_chain;
    std::vector<std::size_t> m_chainValid;
    std::vector<std::size_t> m_leaderLogLen;
    std::map<std::int64_t, NodeId> m_leaderOfTerm;
    std::map<std::int64_t, TermStat> m_terms;
    std::vector<CommittedEntry> m_committed;
    std::map<std::pair<NodeId, std::int64_t>, NodeId> m_votesCast;  // (voter, term) -> candidate
    std::vector<std::int64_t> m_termSeen;  // per server: the highest real term a message showed it
    std::vector<Violation> m_violations;
    std::set<std::string> m_violated;
    std::int64_t m_violationCount = 0;
    std::int64_t m_elections = 0;
    std::int64_t m_splitVotes = 0;
    std::int64_t m_sent = 0;
    std::int64_t m_lastRead = kUnset;
    std::int64_t m_writesAccepted = 0;
};

}  // namespace sb::core::raft
