#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "sim/event.h"
#include "sim/time.h"

namespace sb::core::replication {

enum class Mode : std::uint8_t { Async, SemiSync, Sync };
enum class Routing : std::uint8_t { Leader, RandomFollower, StickyFollower, LeaderWindow, CausalToken };
enum class Role : std::uint8_t { Leader, Follower };
enum class OpKind : std::uint8_t { Read, Write };
// Rejected: a replica that is not the leader (or was fenced) refused the write.
enum class Outcome : std::uint8_t { Pending, Ok, TimedOut, Rejected };

// Anomalies a session's history can show; one op may carry several (a bit each).
enum Anomaly : std::uint8_t {
    kReadYourWrites = 1,
    kMonotonicReads = 2,
    kMonotonicWrites = 4,
    kWritesFollowReads = 8,
    kConsistentPrefix = 16,
    kLostWrite = 32,
    kStale = 64,  // older than a write acknowledged (to anyone) before the read began
};

// One write in a replica's log. Positions are 1-based indexes into the log.
struct Entry {
    std::int64_t writeId = 0;  // unique per client write; the op id of the write
    int key = 0;
    std::int64_t value = 0;
    int epoch = 1;             // the leader's epoch when it appended the entry
    Time at = 0;               // when the leader appended it (for time lag)
};

struct Payload {
    int epoch = 0;
    std::int64_t op = 0;        // client op id
    std::int64_t index = 0;     // Replicate: the entry's position; Ack: applied up to; reply: replica's applied
    Entry entry;                // Replicate
    std::vector<Entry> log;     // Sync: the leader's whole log
    int key = 0;
    std::int64_t value = 0;     // Write: value; ReadReply: the value read
    std::int64_t version = 0;   // ReadReply: position of the version read (0 = never written); WriteAck: position
    std::int64_t source = 0;    // ReadReply: write id of the version read
    std::int64_t token = 0;     // Read: causal token (position the replica must have applied)
    bool redirect = false;      // ReadReply: replica behind the token, go to the leader
};

// What a message puts into its send event (docs/formats.md, "Messages: replication"), so a checker
// reading only the trace sees what it said. Found by the engine through argument-dependent lookup.
void traceFields(const Payload& m, Event& e);


// One client operation from invocation to completion.
struct ClientOp {
    std::int64_t id = 0;
    NodeId client = kNoNode;
    OpKind kind = OpKind::Read;
    int key = 0;
    std::int64_t value = 0;     // write: the value; read: the value returned
    std::int64_t version = 0;   // write: its log position; read: the position of the version returned
    std::int64_t source = 0;    // read: the write id returned (0 = initial)
    std::int64_t applied = 0;   // read: how far the serving replica had applied
    std::int64_t mustSee = 0;   // read: latest acknowledged position of the key when it began
    NodeId replica = kNoNode;   // who served (or, for a pending op, who was asked)
    Time invoke = 0;
    Time complete = -1;
    Outcome outcome = Outcome::Pending;
    bool manual = false;
    bool acked = false;         // write: the leader acknowledged it (the client may not know yet)
    std::uint32_t heldAtAck = 0;  // write acknowledged in sync mode: the replicas (bit per replica) that held it then
    std::uint8_t anomalies = 0;
    std::string note;           // why it is flagged
};

// A client's session: what it has written and read, for routing and for the checkers.
struct Session {
    std::int64_t pending = 0;      // op in progress (one at a time)
    NodeId leader = kNoNode;       // where it sends writes
    int epoch = 1;                 // the highest epoch it has heard of
    std::int64_t token = 0;        // position of its last acknowledged write (causal token)
    Time lastWrite = -1;           // when its last write was acknowledged to it
    std::map<int, std::int64_t> ownPos;    // key -> position of its last acknowledged write
    std::map<int, std::int64_t> ownOp;     // key -> that write's op id
    std::map<int, std::int64_t> readPos;   // key -> newest position it has read
    std::map<int, std::int64_t> readOp;    // key -> the read that saw it
    std::map<int, std::int64_t> readSource;  // key -> write id it last read (for writes-follow-reads)
    std::int64_t seenPos = 0;      // newest position any of its reads reflected
    std::int64_t seenOp = 0;       // the read that did
    std::vector<std::int64_t> writes;  // its acknowledged writes, in order
    std::vector<std::int64_t> lost;    // its writes lost at a failover, not yet reported by monotonic writes
};

const char* modeName(Mode mode);
const char* routingName(Routing routing);
const char* outcomeName(Outcome outcome);
std::string anomalyNames(std::uint8_t anomalies);

}  // namespace sb::core::replication
