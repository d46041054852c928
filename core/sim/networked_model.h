#pragma once

#include <string>
#include <type_traits>

#include "sim/cluster_config.h"
#include "sim/engine.h"
#include "sim/model.h"
#include "sim/param_binding.h"

namespace sb::core {

// What every message-passing topic shares, written once: the engine, the config loaded through
// the topic's parameter binding, the clock and node list, one event per step, and apply() for
// the generic actions (partition, heal, move, cut, uncut, drop, delay, crash, restart, set).
// A topic writes its protocol in the hooks below and its own actions in applyOwn().
//
// apply() fills the action's event the same way for every topic: its time, the action kind as
// detail, and the node, peer and message it names. When Config derives from ClusterConfig the
// default link follows the config at reset and after every "set".
template <class Payload, class Config>
class NetworkedModel : public Model {
public:
    Status reset(const ParamValues& params, std::uint64_t seed) final {
        Config config{};
        if (Status s = binding().load(params, config); !s) return s;
        m_cfg = config;
        return start(seed);
    }
    Status apply(const Action& action, Event& out) final;
    std::optional<Event> step() final {
        auto event = m_engine.step([this](const Message<Payload>& m) { onDeliver(m); },
                                   [this](NodeId node, int tag) { onTimer(node, tag); });
        if (event) afterStep();
        return event;
    }
    Time now() const final { return m_engine.now(); }
    std::optional<Time> nextTime() const final { return m_engine.nextTime(); }
    bool reporting() const final { return m_engine.reporting(); }
    std::vector<std::string> nodeNames() const final { return m_engine.names(); }

    const Config& config() const { return m_cfg; }

protected:
    // The topic's parameters, declared once (a function-local static in the topic).
    virtual const ParamBinding<Config>& binding() const = 0;
    // reset(): m_cfg holds every parameter. Reset the engine (resetCluster() for n1..nN peers)
    // and the topic's state.
    virtual Status start(std::uint64_t seed) = 0;
    virtual void onDeliver(const Message<Payload>& m) = 0;
    virtual void onTimer(NodeId node, int tag) = 0;
    // After each event step() reports: the invariants.
    virtual void afterStep() {}
    // After the engine marked the node down (its timers are gone) / up again.
    virtual void onCrash(NodeId, Event&) {}
    virtual void onRestart(NodeId, Event&) {}
    // After a network action (partition, heal, move, cut, uncut, drop, delay) succeeded.
    virtual void onNetworkChange(const Action&) {}
    // After "set" stored a value in m_cfg; an error puts `before` back and refuses the action.
    virtual Status onSet(const std::string&, const Config&) { return {}; }
    // The topic's own actions.
    virtual Status applyOwn(const Action& a, Event&) { return makeError("unknown action '" + a.kind + "'", "/do"); }
    // After any action, applied or refused.
    virtual void afterAction() {}

    // The reset of a cluster of peers n1..nN with the configured default link.
    void resetCluster(std::uint64_t seed) requires std::is_base_of_v<ClusterConfig, Config> {
        std::vector<std::string> names;
        for (int i = 1; i <= m_cfg.nodes; ++i) names.push_back("n" + std::to_string(i));
        m_engine.reset(std::move(names), seed);
        m_cfg.applyTo(m_engine.net().defaults());
    }

    Engine<Payload> m_engine;
    Config m_cfg{};

private:
    Status applyGeneric(const Action& a, Event& out);
    Status applySet(const Action& a);
};

template <class Payload, class Config>
Status NetworkedModel<Payload, Config>::apply(const Action& a, Event& out) {
    m_engine.advanceTo(a.at);
    out.time = now();
    // The kind as a string that outlives the event: the static TopicInfo owns it.
    for (const ActionSpec& spec : info().actions)
        if (spec.kind == a.kind) out.detail = spec.kind.c_str();
    Status s = applyGeneric(a, out);
    afterAction();
    return s;
}

template <class Payload, class Config>
Status NetworkedModel<Payload, Config>::applyGeneric(const Action& a, Event& out) {
    if (auto handled = m_engine.applyNetworkAction(a)) {
        if (a.has("node")) out.node = m_engine.nodeId(a.str("node"));
        if (a.has("from")) out.node = m_engine.nodeId(a.str("from"));
        if (a.has("to")) out.peer = m_engine.nodeId(a.str("to"));
        if (a.has("msg")) out.msg = static_cast<MsgId>(a.integer("msg"));
        if (handled->ok()) onNetworkChange(a);
        return *handled;
    }
    if (a.kind == "set") return applySet(a);
    if (a.kind != "crash" && a.kind != "restart") return applyOwn(a, out);
    const std::string name = a.str("node");
    const NodeId node = m_engine.nodeId(name);
    if (node == kNoNode) return makeError("unknown node '" + name + "'", "/node");
    out.node = node;
    if (a.kind == "crash") {
        if (!m_engine.up(node)) return makeError(name + " is already down", "/node");
        m_engine.crash(node);
        onCrash(node, out);
    } else {
        if (m_engine.up(node)) return makeError(name + " is already running", "/node");
        m_engine.restart(node);
        onRestart(node, out);
    }
    return {};
}

template <class Payload, class Config>
Status NetworkedModel<Payload, Config>::applySet(const Action& a) {
    const std::string name = a.str("param");
    const Config before = m_cfg;
    if (Status s = binding().set(name, a.real("value"), m_cfg); !s) return s;
    if (Status s = onSet(name, before); !s) {
        m_cfg = before;
        return s;
    }
    if constexpr (std::is_base_of_v<ClusterConfig, Config>) m_cfg.applyTo(m_engine.net().defaults());
    return {};
}

}  // namespace sb::core
