// What each Raft message puts into its send event, so that a checker reading only the trace
// (splitbrain-sim verify) can follow the vote rule and the log consistency check message by
// message. Field names are documented in docs/formats.md ("Raft").
#include "topics/raft/raft_types.h"

namespace sb::core::raft {

void traceFields(const RaftMsg& m, Event& e) {
    e.with("term", m.term);
    switch (m.type) {
        case MsgType::RequestVote:
        case MsgType::PreVote:
            e.with("last_index", m.lastLogIndex).with("last_term", m.lastLogTerm);
            return;
        case MsgType::RequestVoteReply:
        case MsgType::PreVoteReply: e.with("granted", m.granted ? 1 : 0); return;
        case MsgType::AppendEntries:
            e.with("prev_index", m.prevLogIndex)
                .with("prev_term", m.prevLogTerm)
                .with("entries", static_cast<std::int64_t>(m.entries.size()))
                .with("commit", m.leaderCommit);
            return;
        case MsgType::AppendEntriesReply:
            e.with("success", m.granted ? 1 : 0);
            if (m.granted) e.with("match", m.matchIndex);
            else e.with("conflict_index", m.conflictIndex);
            return;
    }
}

}  // namespace sb::core::raft
