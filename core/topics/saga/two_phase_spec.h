#pragma once

#include <string>
#include <vector>

#include "sim/explore.h"

namespace sb::core::saga {

// TwoPhase.tla (Lamport; tlaplus/Examples, specifications/transaction_commit) as a state space
// for the kernel's explorer, action for action: TMRcvPrepared(rm), TMCommit, TMAbort,
// RMPrepare(rm), RMChooseToAbort(rm), RMRcvCommitMsg(rm), RMRcvAbortMsg(rm). msgs is the set of
// messages ever sent, as in the spec (never removed, so a receive can repeat). The invariant is
// TCConsistent: no RM committed while another aborted. The spec's comment reports 50816
// reachable states for six RMs; TLC finds 288 for three.
//
// decideAlone adds the deliberately broken RMDecideAlone(rm): a prepared RM aborts on its own,
// as the saga topic's decide_alone switch lets a participant do after a timeout.
//
// The encoding (one char per field): rmState[1..n] as w/p/c/a, tmState as i/c/a, tmPrepared as
// n bits, the Prepared messages as n bits, then whether Commit and Abort were sent.
class TwoPhaseSpace final : public StateSpace {
public:
    TwoPhaseSpace(int rms, bool decideAlone) : m_n(rms), m_decideAlone(decideAlone) {}

    std::vector<std::string> initial() const override;
    void next(const std::string& state, std::vector<Step>& out) const override;
    std::string broken(const std::string& state) const override;
    std::string describe(const std::string& state) const override;

    int rms() const { return m_n; }
    // Field positions, for the refinement check that replays the model's trace on the spec.
    std::size_t rmAt(int rm) const { return static_cast<std::size_t>(rm - 1); }
    std::size_t tmAt() const { return static_cast<std::size_t>(m_n); }

private:
    std::size_t preparedAt(int rm) const { return static_cast<std::size_t>(m_n + rm); }
    std::size_t msgAt(int rm) const { return static_cast<std::size_t>(2 * m_n + rm); }
    std::size_t commitAt() const { return static_cast<std::size_t>(3 * m_n + 1); }
    std::size_t abortAt() const { return static_cast<std::size_t>(3 * m_n + 2); }

    int m_n;
    bool m_decideAlone;
};

}  // namespace sb::core::saga
