#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/event.h"
#include "sim/time.h"

namespace sb::core {

// What to draw at time t, in meaning rather than pixels: "role: leader", never "gold". The
// widgets map roles, kinds and tones to shapes, colours and labels; a topic never picks a colour.

enum class Tone { Normal, Good, Warning, Bad, Muted, Accent };

struct Badge {
    std::string label;  // "term 3", "votes 2/5", "suspects n2"
    Tone tone = Tone::Normal;
};

struct LogCell {
    std::int64_t term = 0;   // what the cell is coloured by
    std::string text;        // "x=3"
    bool committed = false;
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

struct RingView {
    std::vector<RingMark> vnodes;
    std::vector<RingMark> keys;  // each key with its owner
    std::vector<double> density; // for very many keys: keys per bucket around the circle, 0..1
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

enum class Layout { Circle, Ring, Row };

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
};

// Key/value rows for the inspector of one node or message.
struct InspectRow {
    std::string key;
    std::string value;
};

}  // namespace sb::core
