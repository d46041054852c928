#pragma once

// Optional capabilities a topic's Model may add beside the Model interface. Callers ask with a
// dynamic_cast, so topics without them need nothing, and model.h (which nearly every file
// includes) stays as it is.

#include <cstdint>
#include <string>
#include <vector>

#include "sim/model.h"

namespace sb::core {

// Why a run's client history breaks a rule, when a user asks.
struct HistoryExplanation {
    std::vector<std::int64_t> ops;  // ids of View::history operations that show it
    std::string summary;            // one sentence for people; empty when there is nothing to explain
};

// The history operations that show why the run's history breaks its rule (CAP: the smallest
// set that cannot be ordered). May be a costly search: the widgets ask only when the user asks
// why, never per frame or per step.
class ExplainsHistory {
public:
    virtual ~ExplainsHistory() = default;
    virtual HistoryExplanation explainHistory() const = 0;
};

// A topic whose reset is heavy (the hash ring hashes its whole key table) gives the node names a
// run with these (completed, range-checked) params would have from the params alone, with the
// errors reset would give: loaders check a file's node names against them without running it.
class NamesFromParams {
public:
    virtual ~NamesFromParams() = default;
    virtual Result<std::vector<std::string>> namesFor(const ParamValues& params) const = 0;
};

// A topic some of whose probes read the clock (a follower's lag is the age of the oldest entry it
// lacks; a cache entry's TTL counts down) gives them at a time `t` at or after now() and before
// the next event: the model's state, read at t. A lesson step that waits ("after_ms") ends after
// its last event, and its claims must describe that moment, the one the scene draws with view(t).
class ProbesAtTime {
public:
    virtual ~ProbesAtTime() = default;
    virtual ProbeValue probeAt(const std::string& name, NodeId node, const std::string& key, Time t) const = 0;
    // The metrics read at t in the same way: the plot's lines run on to the moment shown.
    virtual std::vector<Metric> metricsAt(Time t) const = 0;
};

// A probe at time t: through ProbesAtTime where the topic has it; otherwise the probe does not
// depend on the clock and the state is the same anywhere before the next event.
inline ProbeValue probeAt(const Model& model, const std::string& name, NodeId node, const std::string& key, Time t) {
    const auto* p = dynamic_cast<const ProbesAtTime*>(&model);
    return p ? p->probeAt(name, node, key, t) : model.probeKey(name, node, key);
}

// The metrics at time t (at or after now(), before the next event), likewise.
inline std::vector<Metric> metricsAt(const Model& model, Time t) {
    const auto* p = dynamic_cast<const ProbesAtTime*>(&model);
    return p ? p->metricsAt(t) : model.metrics();
}

inline HistoryExplanation explainHistory(const Model& model) {
    const auto* e = dynamic_cast<const ExplainsHistory*>(&model);
    return e ? e->explainHistory() : HistoryExplanation{};
}

}  // namespace sb::core
