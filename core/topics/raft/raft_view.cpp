// The Raft topic's presentation: view, metrics, event sentences and inspector rows.
#include "topics/raft/raft_model.h"

namespace sb::core::raft {
namespace {
constexpr int kElectionTimer = 0;
std::string num(std::int64_t v) { return std::to_string(v); }
}  // namespace

View RaftModel::view(Time t) const {
    View v;
    v.time = t;
    v.layout = Layout::Circle;
    for (NodeId i = 0; i < nodeCount(); ++i) {
        const Server& s = server(i);
        NodeView n;
        n.id = i;
        n.name = name(i);
        n.crashed = !up(i);
        n.role = n.crashed ? "crashed" : roleName(s.role);
        n.zone = m_engine.net().zoneOf(i);
        n.value = "term " + num(s.currentTerm);
        n.timer = m_engine.timerLeft(i, kElectionTimer, t);
        n.badges.push_back({"term " + num(s.currentTerm), Tone::Normal});
        if (s.role == Role::Candidate || s.role == Role::PreCandidate)
            n.badges.push_back({(s.role == Role::PreCandidate ? "pre-votes " : "votes ") + num(s.voteCount()) + "/" +
                                    num(nodeCount()), Tone::Accent});
        if (s.role == Role::Leader) n.badges.push_back({"leader t" + num(s.currentTerm), Tone::Good});
        if (s.votedFor != kNoNode && s.role == Role::Follower)
            n.badges.push_back({"voted " + name(s.votedFor), Tone::Muted});
        n.badges.push_back({"commit " + num(s.commitIndex), Tone::Normal});
        for (std::int64_t k = 1; k <= s.lastIndex(); ++k) {
            const Entry& e = s.entry(k);
            n.log.push_back(LogCell{e.term, entryText(e), k <= s.commitIndex});
        }
        v.nodes.push_back(std::move(n));
    }
    m_engine.fillNetworkView(v, t);
    for (auto& mv : v.messages) {
        const auto* m = m_engine.message(mv.id);
        if (!m) continue;
        const RaftMsg& p = m->payload;
        mv.reply = isReply(p.type);
        switch (p.type) {
            case MsgType::RequestVote:
            case MsgType::PreVote:
                mv.summary = "term " + num(p.term) + ", last " + num(p.lastLogIndex) + "/" + num(p.lastLogTerm);
                break;
            case MsgType::AppendEntries:
                if (p.entries.empty()) mv.kind = "Heartbeat";
                mv.summary = "term " + num(p.term) + ", prev " + num(p.prevLogIndex) + "/" + num(p.prevLogTerm) +
                             (p.entries.empty() ? "" : ", " + num(static_cast<std::int64_t>(p.entries.size())) + " entries") +
                             ", commit " + num(p.leaderCommit);
                break;
            case MsgType::AppendEntriesReply:
                mv.summary = "term " + num(p.term) + (p.granted ? ", ok, match " + num(p.matchIndex) : ", rejected");
                break;
            default:
                mv.summary = "term " + num(p.term) + (p.granted ? ", granted" : ", refused");
        }
    }
    for (const auto& viol : m_violations) v.annotations.push_back(viol.invariant + " violated: " + viol.detail);
    return v;
}

std::vector<Metric> RaftModel::metrics() const {
    std::vector<Metric> out;
    NodeId leader = kNoNode;
    for (NodeId i = 0; i < nodeCount(); ++i) {
        const Server& s = server(i);
        out.push_back({"term." + name(i), static_cast<double>(s.currentTerm)});
        out.push_back({"commit_index." + name(i), static_cast<double>(s.commitIndex)});
        if (up(i) && s.role == Role::Leader && (leader == kNoNode || s.currentTerm > server(leader).currentTerm))
            leader = i;
    }
    out.push_back({"leader", static_cast<double>(leader == kNoNode ? 0 : leader + 1)});
    out.push_back({"elections", static_cast<double>(m_elections)});
    out.push_back({"split_votes", static_cast<double>(m_splitVotes)});
    out.push_back({"messages", static_cast<double>(m_sent)});
    const double seconds = static_cast<double>(now()) / static_cast<double>(kSecond);
    out.push_back({"messages_per_second", seconds > 0 ? static_cast<double>(m_sent) / seconds : 0.0});
    out.push_back({"committed", static_cast<double>(m_committed.size())});
    out.push_back({"writes_accepted", static_cast<double>(m_writesAccepted)});
    out.push_back({"violations", static_cast<double>(m_violationCount)});
    out.push_back({"in_flight", static_cast<double>(m_engine.inFlight().size())});
    return out;
}

std::string RaftModel::describe(const Event& e) const {
    auto who = [&](NodeId n) { return n >= 0 && n < nodeCount() ? name(n) : std::string("?"); };
    auto f = [&](const char* k) { return num(e.field(k).value_or(0)); };
    if (e.is("role")) return who(e.node) + " becomes " + e.detail + " in term " + f("term");
    if (e.is("vote"))
        return who(e.node) + (e.field("granted").value_or(0) ? " votes for " : " refuses its vote to ") + who(e.peer) +
               " in term " + f("term");
    if (e.is("prevote"))
        return who(e.node) + (e.field("granted").value_or(0) ? " would vote for " : " would not vote for ") +
               who(e.peer) + " in term " + f("term");
    if (e.is("append")) return who(e.node) + " appends entry " + f("index") + " (term " + f("term") + ") to its log";
    if (e.is("truncate")) return who(e.node) + " deletes " + f("count") + " conflicting entries from index " + f("index");
    if (e.is("commit")) {
        const auto key = static_cast<std::int32_t>(e.field("key").value_or(0));
        const std::string what = key == kNoopKey ? "no-op" : std::string(keyName(key)) + "=" + f("value");
        return who(e.node) + " commits and applies entry " + f("index") + " (term " + f("term") + "): " + what;
    }
    if (e.is("redirect"))
        return who(e.node) + " is not the leader" + (e.peer >= 0 ? " and points the client to " + who(e.peer) : "");
    if (e.is("read")) return who(e.node) + " answers a read from its own state machine: " + f("value");
    if (e.is("blocked")) return std::string(e.detail) + " from " + who(e.node) + " to " + who(e.peer) + " is blocked";
    if (e.is("split_vote")) return "term " + f("term") + " ended in a split vote: nobody won";
    if (e.is("violation")) return std::string("invariant violated: ") + e.detail;
    if (e.is("timer") && std::string(e.detail) == "election") return who(e.node) + "'s election timer fires";
    if (e.is("timer")) return who(e.node) + " sends heartbeats";
    return Model::describe(e);
}

std::vector<InspectRow> RaftModel::inspectNode(NodeId node) const {
    const Server& s = server(node);
    std::vector<InspectRow> rows;
    // In words, with the paper's name of each variable (Figure 2) beside it: the names an
    // interviewer will use.
    rows.push_back({"role", up(node) ? roleName(s.role) : "crashed"});
    rows.push_back({"current term (currentTerm)", num(s.currentTerm)});
    rows.push_back({"voted for (votedFor)", s.votedFor == kNoNode ? "none" : name(s.votedFor)});
    rows.push_back({"log", probeToString(probe("log", node))});
    rows.push_back({"commit index (commitIndex)", num(s.commitIndex)});
    rows.push_back({"last applied (lastApplied)", num(s.lastApplied)});
    rows.push_back({"state machine", probeToString(probe("state", node))});
    rows.push_back({"leader known", s.leaderId == kNoNode ? "none" : name(s.leaderId)});
    if (s.role == Role::Leader)
        for (NodeId p = 0; p < nodeCount(); ++p)
            if (p != node)
                rows.push_back({"next/match " + name(p), num(s.nextIndex[at(p)]) + " / " + num(s.matchIndex[at(p)])});
    return rows;
}

std::vector<InspectRow> RaftModel::inspectMessage(MsgId id) const {
    const auto* m = m_engine.message(id);
    if (!m) return {};
    const RaftMsg& p = m->payload;
    std::vector<InspectRow> rows{{"kind", m->kind}, {"from", name(m->from)}, {"to", name(m->to)}, {"term", num(p.term)}};
    if (p.type == MsgType::RequestVote || p.type == MsgType::PreVote) {
        rows.push_back({"last log index (lastLogIndex)", num(p.lastLogIndex)});
        rows.push_back({"last log term (lastLogTerm)", num(p.lastLogTerm)});
    } else if (p.type == MsgType::AppendEntries) {
        rows.push_back({"previous log index (prevLogIndex)", num(p.prevLogIndex)});
        rows.push_back({"previous log term (prevLogTerm)", num(p.prevLogTerm)});
        rows.push_back({"entries", num(static_cast<std::int64_t>(p.entries.size()))});
        rows.push_back({"leader commit (leaderCommit)", num(p.leaderCommit)});
    } else {
        rows.push_back({p.type == MsgType::AppendEntriesReply ? "success" : "granted", p.granted ? "yes" : "no"});
        if (p.type == MsgType::AppendEntriesReply) rows.push_back({"match index (matchIndex)", num(p.matchIndex)});
    }
    return rows;
}

}  // namespace sb::core::raft
