#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <vector>

#include "sim/event.h"
#include "sim/time.h"

namespace sb::core::raft {

enum class Role : std::uint8_t { Follower, PreCandidate, Candidate, Leader };

// The state machine is a tiny key-value store: keys 0..kKeys-1 are shown as x, y, z, ...
inline constexpr int kKeys = 10;
inline constexpr std::int32_t kNoopKey = -1;   // a leader's blank entry (param leader_noop)
inline constexpr std::int32_t kUnset = -1;     // a key never written
const char* keyName(std::int32_t key);

// One log entry. Index is implicit: log[i - 1] holds index i, as in the paper (1-based).
struct Entry {
    std::int64_t term = 0;
    std::int32_t key = 0;
    std::int32_t value = 0;
    bool operator==(const Entry&) const = default;
};

enum class MsgType : std::uint8_t {
    RequestVote, RequestVoteReply, PreVote, PreVoteReply, AppendEntries, AppendEntriesReply
};
inline constexpr int kMsgTypes = 6;
const char* msgKind(MsgType type);
bool isReply(MsgType type);

// Every RPC and reply of Figure 2 in one flat struct (a heartbeat is an AppendEntries without
// entries). Flat rather than a variant: cheap to copy when the network duplicates a message.
struct RaftMsg {
    MsgType type = MsgType::RequestVote;
    std::int64_t term = 0;
    std::int64_t lastLogIndex = 0;   // RequestVote / PreVote
    std::int64_t lastLogTerm = 0;
    std::int64_t prevLogIndex = 0;   // AppendEntries, echoed by its reply
    std::int64_t prevLogTerm = 0;
    std::int64_t leaderCommit = 0;
    std::vector<Entry> entries;
    bool granted = false;            // replies: vote granted / append succeeded
    std::int64_t matchIndex = 0;     // successful append: last index known to match the leader
    std::int64_t conflictIndex = 0;  // failed append (conflict-term optimisation)
    std::int64_t conflictTerm = 0;
};

// One server. The first three fields are durable (Figure 2 "persistent state"); the rest is
// lost on a crash.
struct Server {
    std::int64_t currentTerm = 0;
    NodeId votedFor = kNoNode;
    std::vector<Entry> log;

    Role role = Role::Follower;
    std::int64_t commitIndex = 0;
    std::int64_t lastApplied = 0;
    NodeId leaderId = kNoNode;
    Time lastLeaderContact = std::numeric_limits<Time>::min() / 2;
    std::array<std::int32_t, kKeys> kv{};
    std::vector<bool> votes;               // candidate: who granted this term
    std::vector<std::int64_t> nextIndex;   // leader
    std::vector<std::int64_t> matchIndex;  // leader
    std::vector<Time> lastAck;             // leader, for CheckQuorum

    std::int64_t lastIndex() const { return static_cast<std::int64_t>(log.size()); }
    std::int64_t termAt(std::int64_t index) const {
        if (index <= 0 || index > lastIndex()) return 0;
        return log[static_cast<std::size_t>(index - 1)].term;
    }
    std::int64_t lastTerm() const { return termAt(lastIndex()); }
    const Entry& entry(std::int64_t index) const { return log[static_cast<std::size_t>(index - 1)]; }
    int voteCount() const;
};

const char* roleName(Role role);

// The message's fields in its send event (the engine calls it for every send).
void traceFields(const RaftMsg& m, Event& e);

}  // namespace sb::core::raft
