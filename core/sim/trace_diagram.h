#pragma once

#include <cstddef>
#include <limits>
#include <string>
#include <vector>

#include "sim/event.h"

namespace sb::core {

// Editable diagrams of a trace: a Mermaid or PlantUML sequence diagram the learner can paste
// into notes or slides and edit. One participant per node that takes part; one arrow per
// message, drawn at its send (a lost message ends in a cross, one still in flight at the end of
// the range is dashed or open); role changes, commits, actions and topic events become notes.
// Timers are left out: they are the protocol's inner clockwork and would drown the messages.
// An item that repeats one already drawn since the last shared change of state (a role,
// an action, a commit, a violation) is folded: a message of the same kind between the same
// nodes with the same fate (a heartbeat round), or a topic note of the same kind at the same
// node (a cache hit). What was folded is told in one note before the next note, saying how
// often each kind repeated and when, so a quiet stretch reads as one line, not a wall of arrows.
enum class DiagramFormat { Mermaid, PlantUml };

// About what fits on a slide or a wiki page; a reader asks for more with maxItems.
inline constexpr std::size_t kDiagramItems = 60;

struct DiagramOptions {
    Time from = 0;                               // events at or after this time...
    Time to = std::numeric_limits<Time>::max();  // ...and at or before this one
    std::size_t maxItems = kDiagramItems;        // arrows + notes; the rest is summarised
    std::string title;                           // optional title line
    // The nodes to declare (ids into the names), in this order; a node an event names is added.
    // Empty: every name. A model with fixed slots (the hash ring's n1..n64) passes its members.
    std::vector<NodeId> participants;
    bool foldRepeats = true;
};

std::string traceDiagram(const std::vector<Event>& trace, const std::vector<std::string>& names,
                         DiagramFormat format, const DiagramOptions& options = {});

// The participant and item counts of a diagram traceDiagram wrote (for tests and reports).
struct DiagramSize {
    std::size_t participants = 0;
    std::size_t items = 0;
    bool cut = false;  // the item limit left events out
};
DiagramSize measureDiagram(const std::string& text, DiagramFormat format);

}  // namespace sb::core
