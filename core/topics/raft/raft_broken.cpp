// Raft broken on purpose, one rule at a time, so tests can show that the invariants catch each
// mistake (issue 17). Not parameters: nothing a learner can reach switches these on.
#include "topics/raft/raft_model.h"

namespace sb::core::raft {

std::vector<std::string> RaftModel::brokenVariants() const {
    return {"vote_ignores_log", "forgets_vote", "truncates_on_match", "ignores_higher_term",
            "commits_old_terms"};
}

Status RaftModel::breakOnPurpose(const std::string& variant) {
    if (variant == "vote_ignores_log") m_broken.voteIgnoresLog = true;
    else if (variant == "forgets_vote") m_broken.forgetsVote = true;
    else if (variant == "truncates_on_match") m_broken.truncatesOnMatch = true;
    else if (variant == "ignores_higher_term") m_broken.ignoresHigherTerm = true;
    // The Figure 8 mistake; also a parameter, because a lesson teaches with it.
    else if (variant == "commits_old_terms") m_cfg.unsafeCommit = true;
    else return makeError("topic raft has no broken variant '" + variant + "'");
    return {};
}

}  // namespace sb::core::raft
