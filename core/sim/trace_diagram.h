#pragma once

#include <cstddef>
#include <limits>
#include <string>
#include <vector>

#include "sim/event.h"

namespace sb::core {

// Editable diagrams of a trace: a Mermaid or PlantUML sequence diagram the learner can paste
// into notes or slides and edit. One participant per node; one arrow per message, drawn at its
// send (a lost message ends in a cross, one still in flight at the end of the range is dashed
// or open); role changes, commits, actions and topic events become notes. Timers are left out:
// they are the protocol's inner clockwork and would drown the messages.
enum class DiagramFormat { Mermaid, PlantUml };

struct DiagramOptions {
    Time from = 0;                               // events at or after this time...
    Time to = std::numeric_limits<Time>::max();  // ...and at or before this one
    std::size_t maxItems = 400;                  // arrows + notes; the rest is summarised
    std::string title;                           // optional title line
};

std::string traceDiagram(const std::vector<Event>& trace, const std::vector<std::string>& names,
                         DiagramFormat format, const DiagramOptions& options = {});

}  // namespace sb::core
