// Actions from outside the protocol: crashes, client requests, scripted timeouts and filters.
#include <sstream>

#include "topics/raft/raft_model.h"

namespace sb::core::raft {
namespace {
constexpr int kElectionTimer = 0;

// "AppendEntries" -> bit mask; empty or "all" -> every kind.
std::optional<std::uint8_t> kindMask(const std::string& kind) {
    if (kind.empty() || kind == "all") return static_cast<std::uint8_t>((1u << kMsgTypes) - 1);
    for (int t = 0; t < kMsgTypes; ++t)
        if (kind == msgKind(static_cast<MsgType>(t))) return static_cast<std::uint8_t>(1u << t);
    return std::nullopt;
}
}  // namespace

void RaftModel::onCrash(NodeId n, Event& out) {
    Server& s = srv(n);
    out.with("term", s.currentTerm);
    // Volatile state is gone; currentTerm, votedFor and the log are on disk and stay.
    s.role = Role::Follower;
    s.commitIndex = s.lastApplied = 0;
    s.leaderId = kNoNode;
    s.kv.fill(kUnset);
    s.votes.clear();
    s.nextIndex.clear();
    s.matchIndex.clear();
    s.lastAck.clear();
    s.lastLeaderContact = std::numeric_limits<Time>::min() / 2;
}

void RaftModel::onRestart(NodeId n, Event&) {
    setRole(n, Role::Follower);
    resetElectionTimer(n);
}

// The election timeout range must stay a range: a run refuses a bound past the other one.
Status RaftModel::onSet(const std::string& name, const Config&) {
    if (m_cfg.electionMin > m_cfg.electionMax)
        return makeError("parameter '" + name + "' cannot be set to that value during a run", "/param");
    return {};
}

Status RaftModel::applyOwn(const Action& a, Event& out) {
    if (a.kind == "block" || a.kind == "unblock") return setBlock(a, out, a.kind == "block");
    const NodeId n = m_engine.nodeId(a.str("node"));
    out.node = n;
    if (n == kNoNode) return makeError("unknown server '" + a.str("node") + "'", "/node");
    if (a.kind == "set_log") return setLog(a, out);
    if (!m_engine.up(n)) return makeError(a.str("node") + " is down", "/node");
    if (a.kind == "client_write") return clientWrite(a, out);
    if (a.kind == "client_read") return clientRead(a, out);
    if (a.kind == "force_timeout") {
        if (srv(n).role == Role::Leader) return makeError(a.str("node") + " is the leader: it has no election timer", "/node");
        m_engine.setTimer(n, kElectionTimer, 0, "election");
        return {};
    }
    return makeError("unknown action '" + a.kind + "'", "/do");
}

Status RaftModel::clientWrite(const Action& a, Event& out) {
    const NodeId n = out.node;
    const auto key = a.integer("key");
    const auto value = a.integer("value");
    if (key < 0 || key >= kKeys) return makeError("key must be 0 to 9", "/key");
    if (value < -1000000 || value > 1000000) return makeError("value must be within +-1000000", "/value");
    out.with("key", key).with("value", value);
    Server& s = srv(n);
    if (s.role != Role::Leader) {
        out.with("accepted", 0);
        Event& e = m_engine.emit("redirect", n);
        e.peer = s.leaderId;
        e.with("term", s.currentTerm);
        return {};
    }
    ++m_writesAccepted;
    const auto index = appendLocal(n, static_cast<std::int32_t>(key), static_cast<std::int32_t>(value));
    out.with("accepted", 1).with("index", index).with("term", s.currentTerm);
    broadcastAppend(n);
    advanceCommit(n);
    return {};
}

Status RaftModel::clientRead(const Action& a, Event& out) {
    const auto key = a.integer("key");
    if (key < 0 || key >= kKeys) return makeError("key must be 0 to 9", "/key");
    const Server& s = srv(out.node);
    m_lastRead = s.kv[static_cast<std::size_t>(key)];
    out.with("key", key).with("value", m_lastRead).with("leader", s.role == Role::Leader ? 1 : 0)
        .with("commit_index", s.commitIndex);
    Event& e = m_engine.emit("read", out.node);
    e.with("key", key).with("value", m_lastRead).with("term", s.currentTerm);
    return {};
}

// Setup for reproducing the paper's figures: entry i gets the given term, key (i-1) mod 3 and
// value = its term, so equal (index, term) always means equal entries, as Log Matching needs.
Status RaftModel::setLog(const Action& a, Event& out) {
    std::istringstream in(a.str("terms"));
    std::vector<Entry> log;
    std::string word;
    std::int64_t prev = 0;
    while (std::getline(in, word, ' ')) {
        for (std::string part; !word.empty();) {
            const auto comma = word.find(',');
            part = word.substr(0, comma);
            word = comma == std::string::npos ? "" : word.substr(comma + 1);
            if (part.empty()) continue;
            char* end = nullptr;
            const long long t = std::strtoll(part.c_str(), &end, 10);
            if (*end != '\0' || t < 1 || t < prev || t > 1000000)
                return makeError("terms must be positive, non-decreasing numbers: '" + part + "'", "/terms");
            prev = t;
            const auto index = static_cast<std::int32_t>(log.size());
            log.push_back(Entry{t, index % 3, static_cast<std::int32_t>(t)});
        }
    }
    Server& s = srv(out.node);
    if (s.role == Role::Leader) return makeError("set_log cannot rewrite a leader's log", "/node");
    // The rewrite is traced as a truncation and appends, so a trace checker can follow the log.
    if (!s.log.empty())
        m_engine.emit("truncate", out.node).with("index", 1).with("count", s.lastIndex()).with("term", s.currentTerm);
    for (std::size_t i = 0; i < log.size(); ++i)
        m_engine.emit("append", out.node).with("index", static_cast<std::int64_t>(i + 1)).with("term", log[i].term)
            .with("key", log[i].key).with("value", log[i].value);
    s.log = std::move(log);
    s.commitIndex = std::min(s.commitIndex, s.lastIndex());
    s.lastApplied = std::min(s.lastApplied, s.commitIndex);
    const std::int64_t term = std::max(a.integer("term", s.currentTerm), s.lastTerm());
    if (term != s.currentTerm) {
        s.currentTerm = term;
        s.votedFor = kNoNode;
    }
    m_dirty[at(out.node)] = true;
    m_chainValid[at(out.node)] = 0;
    out.with("term", s.currentTerm).with("last_index", s.lastIndex());
    return {};
}

Status RaftModel::setBlock(const Action& a, Event& out, bool block) {
    const NodeId from = m_engine.nodeId(a.str("from"));
    const NodeId to = m_engine.nodeId(a.str("to"));
    if (from == kNoNode || to == kNoNode || from == to) return makeError("needs two different servers", "/from");
    const auto mask = kindMask(a.str("kind"));
    if (!mask) return makeError("unknown message kind '" + a.str("kind") + "'", "/kind");
    out.node = from;
    out.peer = to;
    auto& bits = m_blocks[at(from) * m_servers.size() + at(to)];
    bits = static_cast<std::uint8_t>(block ? (bits | *mask) : (bits & ~*mask));
    return {};
}

}  // namespace sb::core::raft
