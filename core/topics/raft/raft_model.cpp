#include "topics/raft/raft_model.h"

#include <algorithm>

namespace sb::core::raft {

const char* keyName(std::int32_t key) {
    static const char* const kNames[kKeys] = {"x", "y", "z", "w", "v", "u", "t", "s", "r", "q"};
    if (key == kNoopKey) return "no-op";
    return key >= 0 && key < kKeys ? kNames[key] : "?";
}

const char* msgKind(MsgType type) {
    switch (type) {
        case MsgType::RequestVote: return "RequestVote";
        case MsgType::RequestVoteReply: return "RequestVoteReply";
        case MsgType::PreVote: return "PreVote";
        case MsgType::PreVoteReply: return "PreVoteReply";
        case MsgType::AppendEntries: return "AppendEntries";
        case MsgType::AppendEntriesReply: return "AppendEntriesReply";
    }
    return "?";
}

bool isReply(MsgType type) {
    return type == MsgType::RequestVoteReply || type == MsgType::PreVoteReply ||
           type == MsgType::AppendEntriesReply;
}

const char* roleName(Role role) {
    switch (role) {
        case Role::Follower: return "follower";
        case Role::PreCandidate: return "precandidate";
        case Role::Candidate: return "candidate";
        case Role::Leader: return "leader";
    }
    return "?";
}

int Server::voteCount() const { return static_cast<int>(std::count(votes.begin(), votes.end(), true)); }

namespace {

const ParamBinding<Config>& raftBinding() {
    static const ParamBinding<Config> binding = [] {
        ParamBinding<Config> b;
        b.integer("nodes", "nodes", 3, 9, 5, "How many servers form the cluster", &Config::nodes);
        b.millis("election_timeout_min_ms", 10, 5000, 150, "Shortest randomized election timeout", &Config::electionMin).live();
        b.millis("election_timeout_max_ms", 10, 10000, 300, "Longest randomized election timeout", &Config::electionMax).live();
        b.millis("heartbeat_ms", 5, 2000, 50, "Time between a leader's heartbeats", &Config::heartbeat).live();
        bindLink(b, 5, 15, true);
        b.integer("max_batch", "entries", 1, 1000, 16, "Most entries in one AppendEntries", &Config::maxBatch);
        b.flag("conflict_term_backoff", false, "Followers return the conflicting term so nextIndex skips a whole term", &Config::conflictTerm).live();
        b.flag("unsafe_commit_old_terms", false, "UNSAFE: let a leader commit old-term entries by counting replicas (breaks Figure 8)", &Config::unsafeCommit).live();
        b.flag("prevote", false, "Ask for pre-votes before raising the term", &Config::preVote).live();
        b.flag("check_quorum", false, "Leaders step down without a quorum; servers ignore votes while they hear a leader", &Config::checkQuorum).live();
        b.flag("leader_noop", false, "A new leader appends a blank entry to commit its predecessors' entries", &Config::leaderNoop).live();
        return b;
    }();
    return binding;
}

}  // namespace

const ParamBinding<Config>& RaftModel::binding() const { return raftBinding(); }

const TopicInfo& RaftModel::topicInfo() {
    static const TopicInfo info = [] {
        TopicInfo t;
        t.id = "raft";
        t.title = "Raft consensus";
        t.summary = "Leader election and log replication, rule by rule from the Raft paper.";
        t.params = raftBinding().paramSet();
        t.actions = genericActionSpecs();
        t.actions.push_back({"client_write", "Ask a server to write key=value (a follower redirects)",
                             {arg("node", ArgType::Node), arg("key", ArgType::Int), arg("value", ArgType::Int)}});
        t.actions.push_back({"client_read", "Read a key from a server's local state machine",
                             {arg("node", ArgType::Node), arg("key", ArgType::Int)}});
        t.actions.push_back({"force_timeout", "Make a server's election timer fire now", {arg("node", ArgType::Node)}, "Force an election timeout"});
        t.actions.push_back({"block", "Drop every message of a kind from one server to another (kind omitted: all)",
                             {arg("from", ArgType::Node), arg("to", ArgType::Node), arg("kind", ArgType::String, false)}, "Block messages to a server"});
        t.actions.push_back({"unblock", "Remove a block (kind omitted: all kinds)",
                             {arg("from", ArgType::Node), arg("to", ArgType::Node), arg("kind", ArgType::String, false)}, "Unblock messages to a server"});
        t.actions.push_back({"set_log", "Setup: replace a server's log by entries of the given terms (\"1 1 4\"), optionally its term",
                             {arg("node", ArgType::Node), arg("terms", ArgType::String), arg("term", ArgType::Int, false)}, "Replace the log"});
        t.probes = {
            {"leader", false, "The leader with the highest term among running servers, or \"none\""},
            {"leader_count", false, "How many running servers believe they are leader", false, "Servers that think they lead"},
            {"max_term", false, "The highest term of any server", false, "Highest term"},
            {"elections", false, "Elections started (candidacies) since the start", false, "Elections started"},
            {"split_votes", false, "Terms in which two or more candidates ran and nobody won"},
            {"committed", false, "Highest index committed by any server", false, "Highest committed index"},
            {"committed_log", false, "Terms of the entries committed anywhere, e.g. \"1,1,2\"", false, "Terms of the committed entries"},
            {"messages", false, "Messages sent since the start"},
            {"last_read", false, "Value returned by the last client_read (-1: unset)"},
            {"violations", false, "Invariant violations found so far", false, "Invariant violations"},
            {"violation", false, "Name of the first invariant violated, or \"none\""},
            {"term", true, "The server's currentTerm", false, "Term of {node}"},
            {"role", true, "leader, follower, candidate, precandidate or crashed", false, "Role of {node}"},
            {"voted_for", true, "Who the server voted for in its current term, or \"none\"", false, "Vote of {node} this term"},
            {"votes", true, "Votes a candidate holds (itself included)", false, "Votes for {node}"},
            {"commit_index", true, "The server's commitIndex", false, "Commit index of {node}"},
            {"last_log_index", true, "Index of the server's last log entry", false, "Last log index of {node}"},
            {"last_log_term", true, "Term of the server's last log entry", false, "Last log term of {node}"},
            {"log", true, "The terms of the server's log, e.g. \"1,1,4\"", false, "Terms in {node}'s log"},
            {"state", true, "The server's key-value state machine, e.g. \"x=3 y=1\"", false, "State machine of {node}"},
            {"up", true, "Whether the server is running", false, "{node} is up"},
        };
        t.eventKinds = {"send", "deliver", "drop", "timer", "action", "role", "vote", "prevote",
                        "append", "truncate", "commit", "redirect", "read", "blocked", "split_vote", "violation"};
        return t;
    }();
    return info;
}

Status RaftModel::start(std::uint64_t seed) {
    const int n = m_cfg.nodes;
    resetCluster(seed);
    m_cfg.electionMax = std::max(m_cfg.electionMin, m_cfg.electionMax);
    const auto count = static_cast<std::size_t>(n);
    Server fresh;
    fresh.kv.fill(kUnset);
    m_servers.assign(count, fresh);
    m_blocks.assign(count * count, 0);
    m_dirty.assign(count, false);
    m_chain.assign(count, {});
    m_chainValid.assign(count, 0);
    m_leaderLogLen.assign(count, 0);
    m_leaderOfTerm.clear();
    m_terms.clear();
    m_committed.clear();
    m_broken = {};
    m_votesCast.clear();
    m_termSeen.assign(count, 0);
    m_violations.clear();
    m_violated.clear();
    m_violationCount = m_elections = m_splitVotes = m_sent = m_writesAccepted = 0;
    m_lastRead = kUnset;
    for (NodeId i = 0; i < n; ++i) resetElectionTimer(i);
    return {};
}

void RaftModel::send(NodeId from, NodeId to, RaftMsg msg) {
    if (blocked(from, to, msg.type)) {
        Event& e = m_engine.emit("blocked", from, msgKind(msg.type));
        e.peer = to;
        e.with("term", msg.term);
        return;
    }
    ++m_sent;
    const char* kind = msgKind(msg.type);
    m_engine.send(from, to, kind, std::move(msg));
}

bool RaftModel::blocked(NodeId from, NodeId to, MsgType type) const {
    const auto bit = static_cast<std::uint8_t>(1u << static_cast<unsigned>(type));
    return (m_blocks[at(from) * m_servers.size() + at(to)] & bit) != 0;
}

void RaftModel::onDeliver(const Message<RaftMsg>& m) {
    // A block set while the message was travelling still catches it, so a script can rely on it.
    if (blocked(m.from, m.to, m.payload.type)) {
        Event& e = m_engine.emit("blocked", m.from, m.kind);
        e.peer = m.to;
        return;
    }
    noteTermSeen(m.to, m.payload);
    if (m_broken.ignoresHigherTerm && srv(m.to).role == Role::Leader && m.payload.term > srv(m.to).currentTerm)
        return;
    switch (m.payload.type) {
        case MsgType::RequestVote:
        case MsgType::PreVote: onVoteRequest(m); break;
        case MsgType::RequestVoteReply:
        case MsgType::PreVoteReply: onVoteReply(m); break;
        case MsgType::AppendEntries: onAppend(m); break;
        case MsgType::AppendEntriesReply: onAppendReply(m); break;
    }
}

std::string RaftModel::entryText(const Entry& e) const {
    if (e.key == kNoopKey) return "no-op";
    return std::string(keyName(e.key)) + "=" + std::to_string(e.value);
}

}  // namespace sb::core::raft
