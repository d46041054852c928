#pragma once
// Template definitions for Engine; included at the end of engine.h only.

#include <algorithm>
#include <cmath>

namespace sb::core {

template <class P>
void Engine<P>::resetCluster(const ParamValues& p, std::uint64_t seed) {
    const int n = static_cast<int>(p.at("nodes"));
    std::vector<std::string> names;
    for (int i = 1; i <= n; ++i) names.push_back("n" + std::to_string(i));
    reset(std::move(names), seed);
    LinkConfig& link = m_net.defaults();
    link.minLatency = fromMs(static_cast<std::int64_t>(p.at("latency_min_ms")));
    link.maxLatency = std::max(link.minLatency, fromMs(static_cast<std::int64_t>(p.at("latency_max_ms"))));
    link.drop = p.at("loss");
    if (const auto dup = p.find("duplicate"); dup != p.end()) link.duplicate = dup->second;
}

template <class P>
void Engine<P>::reset(std::vector<std::string> names, std::uint64_t seed) {
    Topology t;
    for (auto& name : names) t.add(std::move(name), NodeKind::Peer);
    reset(std::move(t), seed);
}

template <class P>
void Engine<P>::reset(Topology topology, std::uint64_t seed) {
    m_now = 0;
    m_rng.reseed(seed);
    m_topology = std::move(topology);
    m_names = m_topology.names();
    const auto n = m_names.size();
    m_net = Network{};
    m_net.resize(static_cast<int>(n));
    for (const EdgeSpec& e : m_topology.edges) {
        if (!e.custom) continue;
        m_net.setLink(e.a, e.b, e.config);
        m_net.setLink(e.b, e.a, e.config);
    }
    m_up.assign(n, true);
    m_timers.clear();
    m_timerVersion = 0;
    m_queue.clear();
    m_inFlight.clear();
    m_pending.clear();
    m_nextMsg = 1;
}

template <class P>
NodeView Engine<P>::nodeView(NodeId n) const {
    NodeView v;
    v.id = n;
    v.name = m_names[idx(n)];
    const NodeSpec& spec = m_topology.nodes[idx(n)];
    v.kind = spec.kind;
    v.tier = spec.tier;
    v.count = spec.count;
    v.crashed = !up(n);
    v.zone = m_net.zoneOf(n);
    return v;
}

template <class P>
NodeId Engine<P>::nodeId(const std::string& name) const {
    for (std::size_t i = 0; i < m_names.size(); ++i)
        if (m_names[i] == name) return static_cast<NodeId>(i);
    return kNoNode;
}

template <class P>
Event& Engine<P>::emit(const char* kind, NodeId node, const char* detail) {
    Event& e = m_pending.emplace_back();
    e.time = m_now;
    e.kind = kind;
    e.detail = detail;
    e.node = node;
    return e;
}

template <class P>
MsgId Engine<P>::send(NodeId from, NodeId to, const char* kind, P payload) {
    const MsgId first = m_nextMsg;
    bool copy = false;
    for (const Fate& fate : m_net.send(from, to, m_now, m_rng)) {
        Message<P> m;
        m.id = m_nextMsg++;
        m.from = from;
        m.to = to;
        m.kind = kind;
        m.payload = payload;
        m.sent = m_now;
        m.deliver = fate.deliver;
        m.lost = fate.lost;
        m.duplicate = copy;
        copy = true;
        Event& e = emit("send", from, kind);
        e.peer = to;
        e.msg = m.id;
        e.with("deliver_us", m.deliver);
        if (m.duplicate) e.with("duplicate", 1);
        // A topic that defines traceFields(const Payload&, Event&) (found by argument-dependent
        // lookup) puts the message's protocol fields into its send event, so a checker reading
        // only the trace sees what every message said.
        if constexpr (requires(const P& p, Event& ev) { traceFields(p, ev); }) traceFields(m.payload, e);
        m_queue.push(m.deliver, Item{ItemType::Deliver, m.id, 0});
        m_inFlight.emplace(m.id, std::move(m));
    }
    return first;
}

template <class P>
const typename Engine<P>::Timer* Engine<P>::findTimer(std::uint64_t key) const {
    auto it = m_timers.find(key);
    return it == m_timers.end() || !it->second.armed ? nullptr : &it->second;
}

template <class P>
void Engine<P>::setTimer(NodeId node, int tag, Time delay, const char* kind) {
    const std::uint64_t key = timerKey(node, tag);
    Timer& t = m_timers[key];
    t.version = ++m_timerVersion;
    t.armed = true;
    t.setAt = m_now;
    t.deadline = m_now + std::max<Time>(delay, 0);
    t.kind = kind;
    m_queue.push(t.deadline, Item{ItemType::Timer, key, t.version});
}

template <class P>
void Engine<P>::cancelTimer(NodeId node, int tag) {
    if (m_timers.erase(timerKey(node, tag)) > 0)
        prune();  // keep nextTime() exact when the cancelled timer was the head of the queue
}

template <class P>
std::optional<Time> Engine<P>::timerDeadline(NodeId node, int tag) const {
    const Timer* t = findTimer(timerKey(node, tag));
    if (!t) return std::nullopt;
    return t->deadline;
}

template <class P>
std::optional<double> Engine<P>::timerLeft(NodeId node, int tag, Time at) const {
    const Timer* t = findTimer(timerKey(node, tag));
    if (!t || t->deadline <= t->setAt) return std::nullopt;
    const double left = static_cast<double>(t->deadline - at) / static_cast<double>(t->deadline - t->setAt);
    return std::clamp(left, 0.0, 1.0);
}

template <class P>
void Engine<P>::crash(NodeId node) {
    m_up[idx(node)] = false;
    const std::uint64_t first = timerKey(node, 0);
    const std::uint64_t last = first | 0xffffffffULL;
    m_timers.erase(m_timers.lower_bound(first), m_timers.upper_bound(last));
    prune();
}

template <class P>
bool Engine<P>::live(const Item& item) const {
    if (item.type == ItemType::Timer) {
        const Timer* t = findTimer(item.ref);
        return t && t->version == item.version;
    }
    auto it = m_inFlight.find(item.ref);
    return it != m_inFlight.end() && it->second.version == item.version;
}

template <class P>
void Engine<P>::prune() {
    while (!m_queue.empty() && !live(m_queue.top().item)) m_queue.pop();
}

template <class P>
std::optional<Time> Engine<P>::nextTime() const {
    if (!m_pending.empty()) return m_now;
    if (m_queue.empty()) return std::nullopt;
    return m_queue.top().time;
}

template <class P>
template <class OnDeliver, class OnTimer>
std::optional<Event> Engine<P>::step(OnDeliver&& onDeliver, OnTimer&& onTimer) {
    prune();
    if (m_pending.empty() && !m_queue.empty()) {
        auto entry = m_queue.pop();
        m_now = std::max(m_now, entry.time);
        if (entry.item.type == ItemType::Timer) {
            auto it = m_timers.find(entry.item.ref);
            const char* kind = it->second.kind;
            m_timers.erase(it);
            const auto node = static_cast<NodeId>(static_cast<std::uint32_t>(entry.item.ref >> 32));
            const auto tag = static_cast<int>(static_cast<std::uint32_t>(entry.item.ref & 0xffffffffULL));
            emit("timer", node, kind);
            onTimer(node, tag);
        } else {
            auto it = m_inFlight.find(entry.item.ref);
            Message<P> m = std::move(it->second);
            m_inFlight.erase(it);
            const char* reason = m.lost                         ? "loss"
                                 : !m_net.reachable(m.from, m.to) ? "partition"
                                 : !up(m.to)                     ? "node down"
                                                                 : nullptr;
            Event& e = emit(reason ? "drop" : "deliver", m.to, m.kind);
            e.peer = m.from;
            e.msg = m.id;
            if (reason) {
                e.detail = reason;
                e.with("lost", 1);
            } else {
                onDeliver(m);
            }
        }
    }
    prune();
    if (m_pending.empty()) return std::nullopt;
    Event e = m_pending.front();
    m_pending.pop_front();
    return e;
}

template <class P>
const Message<P>* Engine<P>::message(MsgId id) const {
    auto it = m_inFlight.find(id);
    return it == m_inFlight.end() ? nullptr : &it->second;
}

template <class P>
std::optional<Status> Engine<P>::applyNetworkAction(const Action& a) {
    auto node = [&](const char* key) { return nodeId(a.str(key)); };
    if (a.kind == "partition") {
        std::vector<std::vector<NodeId>> groups;
        for (const auto& g : a.args.at("groups")) {
            auto& ids = groups.emplace_back();
            for (const auto& n : g) ids.push_back(nodeId(n.get<std::string>()));
        }
        m_net.partition(groups);
    } else if (a.kind == "heal") {
        m_net.heal();
    } else if (a.kind == "move") {
        m_net.moveToZone(node("node"), static_cast<int>(a.integer("zone")));
    } else if (a.kind == "cut") {
        m_net.cut(node("from"), node("to"));
    } else if (a.kind == "uncut") {
        m_net.uncut(node("from"), node("to"));
    } else if (a.kind == "drop" || a.kind == "delay") {
        auto it = m_inFlight.find(static_cast<MsgId>(a.integer("msg")));
        if (it == m_inFlight.end())
            return Status(makeError("message " + std::to_string(a.integer("msg")) +
                                    " is not in flight", "/msg"));
        if (a.kind == "drop") {
            m_inFlight.erase(it);
        } else {
            auto by = static_cast<Time>(std::llround(a.real("by_ms") * 1000.0));
            it->second.deliver += std::max<Time>(by, 0);
            ++it->second.version;
            m_queue.push(it->second.deliver, Item{ItemType::Deliver, it->first, it->second.version});
        }
    } else {
        return std::nullopt;
    }
    prune();
    return Status{};
}

template <class P>
void Engine<P>::fillNetworkView(View& view, Time t) const {
    for (const int zone : m_net.zones()) {
        ZoneView z;
        z.id = zone;
        z.label = zone == 0 ? "main" : "zone " + std::to_string(zone);
        for (NodeId n = 0; n < nodeCount(); ++n)
            if (m_net.zoneOf(n) == zone) z.nodes.push_back(n);
        view.zones.push_back(std::move(z));
    }
    if (m_topology.fullMesh()) {
        for (NodeId a = 0; a < nodeCount(); ++a)
            for (NodeId b = 0; b < nodeCount(); ++b)
                if (a != b) view.links.push_back(LinkView{a, b, !m_net.reachable(a, b)});
    } else {
        for (const EdgeSpec& e : m_topology.edges) {
            view.links.push_back(LinkView{e.a, e.b, !m_net.reachable(e.a, e.b)});
            view.links.push_back(LinkView{e.b, e.a, !m_net.reachable(e.b, e.a)});
        }
    }
    for (const auto& [id, m] : m_inFlight) {
        MessageView mv;
        mv.id = id;
        mv.from = m.from;
        mv.to = m.to;
        mv.kind = m.kind;
        mv.sent = m.sent;
        mv.deliver = m.deliver;
        const auto span = static_cast<double>(std::max<Time>(m.deliver - m.sent, 1));
        mv.progress = std::clamp(static_cast<double>(t - m.sent) / span, 0.0, 1.0);
        mv.doomed = m.lost || !m_net.reachable(m.from, m.to) || !up(m.to);
        view.messages.push_back(std::move(mv));
    }
}

}  // namespace sb::core
