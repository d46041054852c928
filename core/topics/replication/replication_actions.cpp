// Actions from outside: the network's, user requests, node actions and parameter changes.
#include "topics/replication/replication_model.h"

namespace sb::core::replication {

Status ReplicationModel::apply(const Action& a, Event& out) {
    m_engine.advanceTo(a.at);
    out.time = now();
    if (auto handled = m_engine.applyNetworkAction(a)) {
        static const char* const kKinds[] = {"partition", "heal", "move", "cut", "uncut", "drop", "delay"};
        for (const char* k : kKinds)
            if (a.kind == k) out.detail = k;
        if (a.has("node")) out.node = m_engine.nodeId(a.str("node"));
        return *handled;
    }
    if (a.kind == "client_write" || a.kind == "client_read") return applyClient(a, out);
    if (a.kind == "set") return applySet(a, out);
    if (a.kind == "crash" || a.kind == "restart" || a.kind == "failover" || a.kind == "lag_spike")
        return applyNodeAction(a, out);
    return makeError("unknown action '" + a.kind + "'", "/do");
}

Status ReplicationModel::applyClient(const Action& a, Event& out) {
    const NodeId client = m_engine.nodeId(a.str("node"));
    if (!isClient(client)) return makeError(a.str("node") + " is not a user (users: alice, bob, ...)", "/node");
    const std::string keyText = a.str("key", name(client));
    const NodeId key = m_engine.nodeId(keyText);
    if (!isClient(key)) return makeError("unknown key '" + keyText + "' (keys are the users' names)", "/key");
    if (m_sessions[idx(client)].pending != 0)
        return makeError(a.str("node") + " already has an operation in flight (one at a time per user)", "/node");
    const bool write = a.kind == "client_write";
    const NodeId replica = a.has("replica") ? m_engine.nodeId(a.str("replica")) : kNoNode;
    if (a.has("replica") && !isReplica(replica)) return makeError("'" + a.str("replica") + "' is not a replica", "/replica");
    out.node = client;
    out.detail = write ? "client_write" : "client_read";
    out.with("key", key);
    const std::int64_t value = write ? a.integer("value", ++m_nextValue) : 0;
    if (write) out.with("value", value);
    m_lastManual = invoke(client, write ? OpKind::Write : OpKind::Read, static_cast<int>(key), value, true, replica);
    out.with("op", m_lastManual);
    return {};
}

Status ReplicationModel::applySet(const Action& a, Event& out) {
    const std::string param = a.str("param");
    out.detail = "set";
    const ParamSpec* spec = topicInfo().params.find(param);
    if (!spec) return makeError("unknown parameter '" + param + "'", "/param");
    const double v = a.real("value");  // choices by index, switches as 0 or 1
    if (v < spec->min || v > spec->max) return makeError("value out of range for '" + param + "'", "/value");
    const auto ms = fromMs(static_cast<std::int64_t>(v));
    if (param == "replication_mode") m_mode = static_cast<Mode>(static_cast<int>(v));
    else if (param == "routing") m_routing = static_cast<Routing>(static_cast<int>(v));
    else if (param == "leader_window_ms") m_window = ms;
    else if (param == "causal_fallback") m_causalWait = v == 0;
    else if (param == "fencing") m_fencing = v != 0;
    else if (param == "auto_failover") m_autoFailover = v != 0;
    else if (param == "detect_ms") m_detect = ms;
    else if (param == "op_timeout_ms") m_timeout = ms;
    else if (param == "read_fraction") m_readFraction = v;
    else if (param == "own_key_fraction") m_ownFraction = v;
    else if (param == "client_rate") {
        const bool was = m_rate > 0;
        m_rate = v;
        if (!was)
            for (NodeId c = 0; c < m_clients; ++c) scheduleClient(c);
    } else if (param.size() > 4 && param[0] == 'r' && param.find("_lag_ms") != std::string::npos) {
        const int i = param[1] - '1';
        if (i >= m_replicas) return makeError("this run has no replica " + param.substr(0, 2), "/param");
        m_lag[static_cast<std::size_t>(i)] = ms;
        refreshLinks(m_firstReplica + i);
    } else if (param.size() > 4 && param[0] == 'r' && param.find("_jitter_ms") != std::string::npos) {
        const int i = param[1] - '1';
        if (i >= m_replicas) return makeError("this run has no replica " + param.substr(0, 2), "/param");
        m_jitter[static_cast<std::size_t>(i)] = ms;
        refreshLinks(m_firstReplica + i);
    } else return makeError("parameter '" + param + "' cannot change during a run", "/param");
    return {};
}

}  // namespace sb::core::replication
