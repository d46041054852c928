#pragma once

#include <cstdint>
#include <vector>

#include "sim/event.h"
#include "sim/time.h"

namespace sb::core::cap {

enum class Mode : std::uint8_t { CP, AP };
enum class Merge : std::uint8_t { Lww, Siblings };
enum class OpKind : std::uint8_t { Read, Write };
// What the client was told. Failed means "definitely did not happen" (a CP coordinator that never
// reached a quorum, a crashed node); Timeout means "unknown": the write may or may not have landed.
enum class Outcome : std::uint8_t { Pending, Ok, Failed, Timeout };

// Orders versions. CP: (counter, writer) as in multi-writer ABD. AP last-writer-wins: (the writer's
// clock reading in microseconds, writer), so a skewed clock really does decide the winner.
struct Tag {
    std::int64_t counter = 0;
    NodeId node = kNoNode;
    auto operator<=>(const Tag&) const = default;  // NOLINT(modernize-use-nullptr): tidy 14 bug
};

// One stored version of a key on a replica.
struct Version {
    std::int64_t value = 0;
    std::int64_t writeId = 0;        // id of the client write that produced it; 0 = initial value
    Tag tag;
    std::vector<std::int32_t> vv;    // AP: version vector, one counter per node
    Time acceptedAt = 0;             // true simulated time the write was accepted (for skew audits)
    bool operator==(const Version&) const = default;
};

// A key's versions on one replica: empty = never written (value 0); more than one only in AP
// siblings mode, where concurrent versions are all kept for the client to resolve.
using Siblings = std::vector<Version>;

struct Payload {
    std::int64_t op = 0;
    int phase = 0;                 // CP: 1 = query, 2 = store; replies echo it
    int key = 0;
    Siblings versions;             // a reply's current version, a store's or a replication's
    std::vector<Siblings> state;   // anti-entropy: every key
};

// What a message puts into its send event (docs/formats.md, "Messages: cap"), so a checker
// reading only the trace sees what it said. Found by the engine through argument-dependent lookup.
void traceFields(const Payload& m, Event& e);


// One client operation, invoke to completion: the public history the widgets draw.
struct ClientOp {
    std::int64_t id = 0;
    NodeId node = kNoNode;
    OpKind kind = OpKind::Read;
    int key = 0;
    std::int64_t value = 0;               // write: the value written; read: the first value returned
    std::vector<std::int64_t> values;     // read: every value returned (siblings), sorted
    std::vector<std::int64_t> sources;    // read: the write ids the values came from
    Time invoke = 0;
    Time complete = -1;                   // -1 while pending
    Outcome outcome = Outcome::Pending;
    bool manual = false;                  // from a client_read/client_write action
    bool minority = false;                // its node could not reach a majority at any time while it ran
    bool stale = false;                   // read a value superseded before it began
    bool lost = false;                    // acknowledged write later discarded by a merge
    bool linearizable = true;             // false when part of the checker's minimal violation
};

enum class VvOrder : std::uint8_t { Equal, Before, After, Concurrent };
// a vs b: Before = b dominates a.
VvOrder compareVv(const std::vector<std::int32_t>& a, const std::vector<std::int32_t>& b);
std::vector<std::int32_t> joinVv(const std::vector<std::int32_t>& a, const std::vector<std::int32_t>& b);

const char* outcomeName(Outcome outcome);

}  // namespace sb::core::cap
