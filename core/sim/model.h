#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "sim/action.h"
#include "sim/event.h"
#include "sim/params.h"
#include "sim/result.h"
#include "sim/view.h"

namespace sb::core {

// A safety property that did not hold, found by the model's own check after a step.
struct Violation {
    std::string invariant;  // "election safety"
    std::string detail;     // "n1 and n3 are both leader in term 4"
    Time time = 0;
    std::vector<NodeId> nodes{};  // the nodes it involves, for the scene's alarm marks
};

struct Metric {
    std::string name;  // "elections", "commit_index.n1"
    double value = 0;
};

// A named piece of model state that lessons can make claims about ("leader", "commit_index").
using ProbeValue = std::variant<std::monostate, bool, std::int64_t, double, std::string>;

struct ProbeSpec {
    std::string name;
    bool perNode = false;   // needs a "node" argument
    std::string description;
    bool perKey = false;    // needs a "key" argument: a key, a request or an instance by name
    // Words for people, with {node} and {key} where the arguments go ("{node} is in the
    // minority"); empty: made from the name by rule (sim/labels.h). Lessons show claims with it.
    std::string label = {};
};

// Everything static about a topic: what the CLI lists and what loaders validate against.
struct TopicInfo {
    std::string id;          // "raft"
    std::string title;       // "Raft consensus"
    std::string summary;
    ParamSet params;
    std::vector<ActionSpec> actions;
    std::vector<ProbeSpec> probes;
    std::vector<std::string> eventKinds;  // kinds a run-until condition may name

    // The declaration of an action or probe by its id, or nullptr when the topic has none.
    const ActionSpec* findAction(std::string_view kind) const;
    const ProbeSpec* findProbe(std::string_view name) const;
};

// One topic's simulation. State is a value: clone() is a checkpoint. A model never reads the
// wall clock or global state; everything random comes from the Rng seeded in reset().
class Model {
public:
    virtual ~Model() = default;

    virtual std::unique_ptr<Model> clone() const = 0;
    virtual const TopicInfo& info() const = 0;

    // `params` has been completed and range-checked against info().params.
    virtual Status reset(const ParamValues& params, std::uint64_t seed) = 0;
    // Applies an action at time `action.at` (>= now()); fills `out` with the one event that
    // records it. The action has been validated against info().actions and node names.
    virtual Status apply(const Action& action, Event& out) = 0;
    // Processes exactly one event; nullopt when nothing is left to happen.
    virtual std::optional<Event> step() = 0;

    virtual Time now() const = 0;
    virtual std::optional<Time> nextTime() const = 0;
    // True while events of a handler that already ran (a delivery, a timer, an applied action)
    // wait to be reported one per step(). The simulation reports them before it applies the
    // next action, even one due at the same instant: what a handler did happened before the
    // action, so a node crashed "at the same time" as its own write crashes after the write's
    // sends, never between them, and does nothing at all afterwards.
    virtual bool reporting() const { return false; }
    virtual std::vector<std::string> nodeNames() const = 0;

    virtual View view(Time t) const = 0;
    virtual std::vector<Metric> metrics() const = 0;
    virtual std::vector<Violation> violations() const = 0;
    virtual ProbeValue probe(const std::string& name, NodeId node) const = 0;
    // Probes addressed by key ("ttl_left" of "user:42", "status" of saga "s3"). The default
    // forwards to the node form, for topics whose probes take no key.
    virtual ProbeValue probeKey(const std::string& name, NodeId node, const std::string& key) const;

    // One human sentence for an event ("n2 votes for n1 in term 3").
    virtual std::string describe(const Event& event) const;
    // Inspector rows for a node or a message in flight.
    virtual std::vector<InspectRow> inspectNode(NodeId node) const;
    virtual std::vector<InspectRow> inspectMessage(MsgId id) const;
};

std::string probeToString(const ProbeValue& value);

}  // namespace sb::core
