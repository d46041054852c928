#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/event.h"
#include "sim/time.h"
#include "sim/topology.h"

namespace sb::core {

// What to draw at time t, in meaning rather than pixels: "role: leader", never "gold". The
// widgets map roles, kinds and tones to shapes, colours and labels; a topic never picks a colour.

enum class Tone { Normal, Good, Warning, Bad, Muted, Accent };

struct Badge {
    std::string label;  // "term 3", "votes 2/5", "suspects n2"
    Tone tone = Tone::Normal;
};

// One entry of a replicated log. `group` picks the cell's colour: the term for Raft, the epoch
// for a leader-based replica, the producer for a stream. The marks are generic: committed
// (durable by the protocol's rule), applied (reflected in the node's state), and the high
// watermark (what readers may see).
struct LogCell {
    std::int64_t group = 0;
    std::string text;        // "x=3"
    bool committed = false;
    bool applied = false;
    bool watermark = false;  // the last cell below the high watermark
};

struct Bar {
    std::string label;  // "load"
    double value = 0;   // 0..1 of the bar
    std::string text;   // "1.4x mean"
    Tone tone = Tone::Normal;
};

struct NodeView {
    NodeId id = kNoNode;
    std::string name;        // "n1"
    NodeKind kind = NodeKind::Peer;  // picks the shape: a database is a cylinder, a client a figure
    int tier = 0;            // column in the Tiers layout; 0 is the hub of the Star layout
    int count = 1;           // > 1: an aggregate of this many alike nodes ("200 clients")
    std::string role;        // "leader", "follower", "candidate", "replica", "cache"...
    bool crashed = false;
    int zone = 0;            // partition zone (0 = the main one)
    std::string value;       // a short main value shown under the name ("x=5", "term 3")
    std::vector<Badge> badges;
    std::vector<Bar> bars;
    std::vector<LogCell> log;
    std::optional<double> timer;  // 1 = just reset, 0 = about to fire (election timer ring)
    bool highlighted = false;
};

struct LinkView {
    NodeId from = kNoNode;
    NodeId to = kNoNode;
    bool cut = false;  // this direction cannot deliver (partition or one-way cut)
};

struct MessageView {
    MsgId id = 0;
    NodeId from = kNoNode;
    NodeId to = kNoNode;
    std::string kind;      // "RequestVote", "AppendEntries", "Heartbeat"
    std::string summary;   // "term 3, last 4/2"
    double progress = 0;   // 0 at send, 1 at delivery
    bool doomed = false;   // will be lost on arrival (loss or partition); shown dashed
    bool reply = false;    // a response rather than a request
    Time sent = 0;
    Time deliver = 0;
};

struct ZoneView {
    int id = 0;
    std::string label;
    std::vector<NodeId> nodes;
};

// A hash ring: positions are fractions of the full circle in [0, 1).
struct RingMark {
    double position = 0;
    NodeId owner = kNoNode;
    std::string label;
    bool highlighted = false;
};

// A key handed to a new owner by the last change, drawn travelling along the ring from the point
// that led to its old owner to the one that leads to its new owner. Ownership changes at once;
// the journey is how the view shows it, over a span of simulated time, so it is part of the
// picture at time t (paused, exported, rewound) like a message in flight.
struct RingMove {
    std::size_t key = SIZE_MAX;  // index into RingView::keys, or SIZE_MAX when keys are a density band
    NodeId from = kNoNode;
    NodeId to = kNoNode;
    double fromPosition = 0;     // ring fractions
    double toPosition = 0;
};

struct RingView {
    std::vector<RingMark> vnodes;
    std::vector<RingMark> keys;  // each key with its owner
    std::vector<double> density; // for very many keys: keys per bucket around the circle, 0..1
    std::vector<RingMove> moves; // keys on their way to a new owner (a sample when there are many)
    double moveProgress = 1;     // of those journeys at the view's time: 0 just changed, 1 arrived
};

// One client operation from invocation to completion, for the history strip under the scene.
// Outcome is given as a word as well as a tone, so colour is never the only signal.
struct HistoryOp {
    std::int64_t id = 0;
    NodeId node = kNoNode;     // the lane: the node the client talks to
    std::string label;         // "w x=3", "r x→2"
    Time start = 0;
    std::optional<Time> end;   // empty while the operation is still pending
    std::string outcome;       // "ok", "failed", "timed out", "pending"
    Tone tone = Tone::Normal;  // Good ok, Bad failed, Warning unknown, Muted pending
    bool flagged = false;      // part of a non-linearizable set, a stale read or a lost write
    std::string note;          // why it is flagged
};

// A row of steps with a status each: a saga's T1..Tn and C1..Cn, a 2PC round, one request's
// retries. Status words are shown as text, the tone colours them.
struct StepCell {
    std::string label;   // "T2 reserve stock"
    std::string status;  // "pending", "running", "done", "failed", "compensating", "compensated"
    Tone tone = Tone::Normal;
    std::string note;    // tooltip: "attempt 3 of 5"
    bool current = false;
};

struct StepStrip {
    std::string title;   // "saga 7 (order 42)"
    std::vector<StepCell> cells;
};

// One key's row in a table under the scene, for topics about keys: a cache's value, TTL left and
// last outcome; a replica's version of a key.
struct KeyRow {
    std::string key;     // "user:42"
    std::string value;   // "v7"
    std::optional<double> left;  // a draining bar, 1 = fresh, 0 = expired (TTL, lease)
    std::string leftText;        // "TTL 12.0 s"
    std::string status;  // "hit", "miss", "recomputing", "stale"
    Tone tone = Tone::Normal;
    bool highlighted = false;
};

// Circle: peers on a circle. Ring: a hash ring. Row: one line. Tiers: columns by NodeView::tier,
// left to right (clients, servers, cache, database). Star: tier 0 in the middle, the rest around.
enum class Layout { Circle, Ring, Row, Tiers, Star };

struct View {
    Time time = 0;
    Layout layout = Layout::Circle;
    std::vector<NodeView> nodes;
    std::vector<LinkView> links;
    std::vector<MessageView> messages;
    std::vector<ZoneView> zones;
    std::optional<RingView> ring;
    std::vector<std::string> annotations;  // one-line banners ("split brain in term 4")
    std::vector<HistoryOp> history;        // client operations, for topics that have clients
    std::vector<StepStrip> strips;         // step/status strips (saga, 2PC, retries)
    std::vector<KeyRow> keys;              // per-key rows (cache, replicated keys)
};

// Key/value rows for the inspector of one node or message.
struct InspectRow {
    std::string key;
    std::string value;
};

}  // namespace sb::core
