#include "topics/cap/cap_model.h"

#include <algorithm>

namespace sb::core::cap {
namespace {

constexpr int kClientTimer = 0;
constexpr int kDeadlineTimer = 1;
constexpr int kAntiEntropyTimer = 2;

std::vector<ActionSpec> capActions() {
    auto specs = genericActionSpecs();
    specs.push_back({"client_write", "The client at a node writes a value to a key (x, y or z)",
                     {arg("node", ArgType::Node), arg("key", ArgType::String, false), arg("value", ArgType::Int)}});
    specs.push_back({"client_read", "The client at a node reads a key (x, y or z)",
                     {arg("node", ArgType::Node), arg("key", ArgType::String, false)}});
    return specs;
}

std::vector<ProbeSpec> capProbes() {
    return {
        {"mode", false, R"("CP" or "AP")"},
        {"merge", false, R"(AP conflict handling: "lww" or "siblings")"},
        {"ok_writes", false, "Writes acknowledged to the client", false, "Acknowledged writes"},
        {"failed_writes", false, "Writes that failed or timed out", false, "Writes that failed"},
        {"ok_reads", false, "Reads that returned a value"},
        {"failed_reads", false, "Reads that failed or timed out"},
        {"timeouts", false, "Operations whose outcome is unknown to the client"},
        {"minority_ok", false, "Successful operations invoked on the minority side of a partition", false, "Successful operations on the minority side"},
        {"minority_failed", false, "Failed or timed-out operations invoked on the minority side", false, "Failed operations on the minority side"},
        {"majority_ok", false, "Successful operations invoked where a majority was reachable"},
        {"availability", false, "Fraction of finished operations that succeeded (0..1)"},
        {"availability_minority", false, "The same, for operations invoked on the minority side"},
        {"stale_reads", false, "Reads that returned an already superseded value"},
        {"lost_writes", false, "Acknowledged writes later discarded by a last-writer-wins merge", false, "Acknowledged writes lost"},
        {"wrong_winners", false, "LWW merges that kept the write made earlier in true time", false, "LWW merges won by the older write"},
        {"siblings", false, "Times a replica started keeping concurrent versions side by side", false, "Times a replica kept siblings"},
        {"linearizable", false, "Whether the checker can order the whole history (per key); \"unknown\" if it gave up", false, "The history is linearizable"},
        {"serializable", false, "Whether some order of the operations explains every result if real time is ignored (per key; \"unknown\" if the search gave up)", false, "The history is serializable"},
        {"culprit_size", false, "Operations in the smallest violation the checker names", false, "Operations in the smallest violation"},
        {"divergent_keys", false, "Keys on which the replicas do not all hold the same version", false, "Keys the replicas disagree on"},
        {"partitioned", false, "Whether any partition or cut is in place", false, "The network is partitioned"},
        {"pending_ops", false, "Operations invoked but not finished"},
        {"last_ok", false, "Whether the latest manual client request succeeded", false, "The last request succeeded"},
        {"last_outcome", false, "ok, failed, timeout or pending, for the latest manual request", false, "Outcome of the last request"},
        {"last_value", false, "The value the latest manual read returned", false, "Value the last read returned"},
        {"last_latency_ms", false, "How long the latest manual request took (0 while pending)", false, "Latency of the last request (ms)"},
        {"read_latency_ms", false, "Mean latency of successful reads"},
        {"write_latency_ms", false, "Mean latency of successful writes"},
        {"value", true, "The node's value of key x (0 if never written; first sibling)", false, "Value of x at {node}"},
        {"version", true, "The node's version of x: CP tag counter, AP writes it has seen", false, "Version of x at {node}"},
        {"sibling_count", true, "How many versions of x the node keeps", false, "Versions of x that {node} keeps"},
        {"in_minority", true, "Whether the node cannot reach a majority of the cluster", false, "{node} is in the minority"},
        {"up", true, "Whether the node is running", false, "{node} is up"},
    };
}

const ParamBinding<Config>& capBinding() {
    static const ParamBinding<Config> binding = [] {
        ParamBinding<Config> b;
        b.integer("nodes", "nodes", 3, 7, 5, "How many replicas", &Config::nodes);
        b.choice("mode", {"CP", "AP"}, 0, "CP: majority quorums; AP: accept locally, replicate later", &Config::mode);
        b.choice("ap_merge", {"lww", "siblings"}, 0, "AP conflicts: last-writer-wins by clock, or keep siblings", &Config::merge);
        b.integer("keys", "keys", 1, 3, 1, "How many keys the clients use (x, y, z)", &Config::keys);
        b.real("client_rate", "ops/s", 0, 100, 0, "Requests per second from each node's client (0: manual only)", &Config::rate).live();
        b.real("read_fraction", "", 0, 1, 0.5, "Share of generated requests that are reads", &Config::readFraction).live();
        b.millis("op_timeout_ms", 10, 10000, 250, "How long a CP coordinator waits for a quorum", &Config::timeout).live();
        bindLink(b, 5, 15, false);
        b.millis("clock_skew_ms", -100000, 100000, 0, "How far the skewed node's clock runs ahead (AP LWW)", &Config::skew).live();
        b.custom({"skewed_node", ParamType::Int, "", 1, 7, 5, "Which node (1-based) has the skewed clock", {}},
                 [](Config& c, double v) { c.skewed = static_cast<NodeId>(v) - 1; });
        b.millis("anti_entropy_ms", 0, 60000, 1000, "AP: period of full-state exchange (0: only on heal)", &Config::antiEntropy);
        return b;
    }();
    return binding;
}

}  // namespace

const ParamBinding<Config>& CapModel::binding() const { return capBinding(); }

const TopicInfo& CapModel::topicInfo() {
    static const TopicInfo info = [] {
        TopicInfo t;
        t.id = "cap";
        t.title = "CAP: consistency or availability under a partition";
        t.summary = "A replicated register that either refuses without a majority (CP) or accepts "
                    "everywhere and reconciles later (AP), with every history checked for linearizability.";
        t.params = capBinding().paramSet();
        t.actions = capActions();
        t.probes = capProbes();
        t.eventKinds = {"send", "deliver", "drop", "timer", "action", "invoke", "complete",
                        "stale_read", "lost_write", "sibling", "read_value"};
        return t;
    }();
    return info;
}

Status CapModel::start(std::uint64_t seed) {
    const int n = m_cfg.nodes;
    resetCluster(seed);
    m_nodes.assign(static_cast<std::size_t>(n), NodeState{});
    for (auto& node : m_nodes) node.store.assign(static_cast<std::size_t>(m_cfg.keys), Siblings{});
    m_history.clear();
    m_acked.assign(static_cast<std::size_t>(m_cfg.keys), {});
    m_nextValue = m_staleReads = m_lostWrites = m_wrongWinners = m_siblings = m_lastManual = 0;
    m_banners.clear();
    m_violations.clear();
    m_broken = {};
    m_checkers.assign(static_cast<std::size_t>(m_cfg.keys), RegisterHistory(0));
    m_culprits.assign(static_cast<std::size_t>(m_cfg.keys), CulpritCache{});
    for (NodeId i = 0; i < n; ++i) {
        scheduleClient(i);
        if (m_cfg.mode == Mode::AP && m_cfg.antiEntropy > 0)
            m_engine.setTimer(i, kAntiEntropyTimer, m_engine.rng().range(1, m_cfg.antiEntropy), "anti-entropy");
    }
    return {};
}

std::string CapModel::name(NodeId n) const {
    return n >= 0 && idx(n) < m_engine.names().size() ? m_engine.names()[idx(n)] : std::string("?");
}

std::string CapModel::keyName(int key) const { return std::string(1, static_cast<char>('x' + key)); }

Time CapModel::clockOf(NodeId node) const { return now() + (node == m_cfg.skewed ? m_cfg.skew : 0); }

bool CapModel::inMinority(NodeId node) const {
    int reach = 0;
    for (NodeId j = 0; j < m_engine.nodeCount(); ++j)
        if (m_engine.up(j) && (j == node || (m_engine.net().reachable(node, j) && m_engine.net().reachable(j, node))))
            ++reach;
    return reach < majority();
}

// An op counts as "minority" only if its node could not reach a majority at any moment of its
// life: a request sent just before a heal may legitimately be answered once the heal lands.
void CapModel::refreshMinority() {
    for (ClientOp& op : m_history)
        if (op.outcome == Outcome::Pending && op.minority && !inMinority(op.node)) op.minority = false;
}

void CapModel::onDeliver(const Message<Payload>& m) {
    if (m_cfg.mode == Mode::CP) cpDeliver(m);
    else apDeliver(m);
}

void CapModel::onTimer(NodeId node, int slot) {
    if (slot == kClientTimer) onClientTimer(node);
    else if (slot == kDeadlineTimer) onDeadline(node);
    else if (slot == kAntiEntropyTimer) {
        syncAll(node);
        if (m_cfg.antiEntropy > 0) m_engine.setTimer(node, kAntiEntropyTimer, m_cfg.antiEntropy, "anti-entropy");
    }
}

void CapModel::onNetworkChange(const Action& a) {
    refreshMinority();
    // Anti-entropy on every topology change: whoever can talk again swaps state at once.
    if (m_cfg.mode == Mode::AP && a.kind != "drop" && a.kind != "delay")
        for (NodeId i = 0; i < m_engine.nodeCount(); ++i)
            if (m_engine.up(i)) syncAll(i);
}

void CapModel::onCrash(NodeId node, Event&) { failPending(node); }

void CapModel::onRestart(NodeId node, Event&) {
    // The store is durable; pending requests were lost with the crash.
    refreshMinority();
    scheduleClient(node);
    if (m_cfg.mode == Mode::AP && m_cfg.antiEntropy > 0) m_engine.setTimer(node, kAntiEntropyTimer, 1, "anti-entropy");
}

Status CapModel::applyOwn(const Action& a, Event& out) {
    if (a.kind == "client_write" || a.kind == "client_read") return applyClient(a, out);
    return makeError("unknown action '" + a.kind + "'", "/do");
}

Status CapModel::applyClient(const Action& a, Event& out) {
    const NodeId node = m_engine.nodeId(a.str("node"));
    const std::string key = a.str("key", "x");
    if (key.size() != 1 || key[0] < 'x' || key[0] >= 'x' + m_cfg.keys)
        return makeError("unknown key '" + key + "' (this run has " + std::to_string(m_cfg.keys) + " keys from x)", "/key");
    const int k = key[0] - 'x';
    const bool write = a.kind == "client_write";
    out.node = node;
    out.detail = write ? "client_write" : "client_read";
    out.with("key", k);
    if (write) out.with("value", a.integer("value"));
    m_lastManual = invoke(node, write ? OpKind::Write : OpKind::Read, k, a.integer("value"), true);
    out.with("op", m_lastManual);
    return {};
}

// A client that was idle at rate 0 starts once the rate goes up.
Status CapModel::onSet(const std::string& name, const Config&) {
    if (name == "client_rate")
        for (NodeId i = 0; i < m_engine.nodeCount(); ++i)
            if (m_nodes[idx(i)].autoOp == 0 && !m_engine.timerDeadline(i, kClientTimer)) scheduleClient(i);
    return {};
}

std::vector<Violation> CapModel::violations() const {
    std::vector<Violation> out = m_violations;
    if (m_cfg.mode != Mode::CP) return out;
    // Checked after every step, so no culprit search here: the ops of the stretch no order gets
    // through (the culprit is among them; explainHistory() narrows it down when asked).
    for (int k = 0; k < m_cfg.keys; ++k) {
        const KeyVerdict v = verdict(k);
        if (v.linearizable || v.unknown || v.stuck.empty()) continue;  // unknown is no proof of a violation
        std::vector<NodeId> nodes;
        for (const std::int64_t id : v.stuck)
            if (id >= 1 && static_cast<std::size_t>(id) <= m_history.size()) {
                const NodeId n = m_history[static_cast<std::size_t>(id - 1)].node;
                if (std::find(nodes.begin(), nodes.end(), n) == nodes.end()) nodes.push_back(n);
            }
        const std::string range = v.stuck.size() == 1 ? "#" + std::to_string(v.stuck.front())
                                                      : "#" + std::to_string(v.stuck.front()) + " to #" + std::to_string(v.stuck.back());
        out.push_back({"linearizability", "no order of the operations on " + keyName(k) + " gets through " + range +
                                              " (the " + std::to_string(v.checked) + " before them are fine)",
                       now(), std::move(nodes)});
    }
    return out;
}

}  // namespace sb::core::cap
