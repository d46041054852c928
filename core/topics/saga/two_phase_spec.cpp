#include "topics/saga/two_phase_spec.h"

namespace sb::core::saga {

std::vector<std::string> TwoPhaseSpace::initial() const {
    // TPInit: every RM working, the TM in init, nothing prepared, no messages.
    std::string s(static_cast<std::size_t>(m_n), 'w');
    s += 'i';
    s += std::string(static_cast<std::size_t>(2 * m_n), '0');
    s += "00";
    return {s};
}

void TwoPhaseSpace::next(const std::string& s, std::vector<Step>& out) const {
    auto step = [&](std::string name, std::string t) { out.push_back(Step{std::move(name), std::move(t)}); };
    const bool init = s[tmAt()] == 'i';
    bool allPrepared = true;
    for (int rm = 1; rm <= m_n; ++rm) allPrepared = allPrepared && s[preparedAt(rm)] == '1';
    if (init && allPrepared) {  // TMCommit
        std::string t = s;
        t[tmAt()] = 'c';
        t[commitAt()] = '1';
        step("TMCommit", t);
    }
    if (init) {  // TMAbort
        std::string t = s;
        t[tmAt()] = 'a';
        t[abortAt()] = '1';
        step("TMAbort", t);
    }
    for (int rm = 1; rm <= m_n; ++rm) {
        const std::string arg = "(" + std::to_string(rm) + ")";
        const char st = s[rmAt(rm)];
        if (init && s[msgAt(rm)] == '1') {  // TMRcvPrepared(rm)
            std::string t = s;
            t[preparedAt(rm)] = '1';
            step("TMRcvPrepared" + arg, t);
        }
        if (st == 'w') {  // RMPrepare(rm), RMChooseToAbort(rm)
            std::string t = s;
            t[rmAt(rm)] = 'p';
            t[msgAt(rm)] = '1';
            step("RMPrepare" + arg, t);
            t = s;
            t[rmAt(rm)] = 'a';
            step("RMChooseToAbort" + arg, t);
        }
        if (s[commitAt()] == '1') {  // RMRcvCommitMsg(rm): no guard on rmState in the spec
            std::string t = s;
            t[rmAt(rm)] = 'c';
            step("RMRcvCommitMsg" + arg, t);
        }
        if (s[abortAt()] == '1') {  // RMRcvAbortMsg(rm)
            std::string t = s;
            t[rmAt(rm)] = 'a';
            step("RMRcvAbortMsg" + arg, t);
        }
        if (m_decideAlone && st == 'p') {  // not in the spec: the broken switch
            std::string t = s;
            t[rmAt(rm)] = 'a';
            step("RMDecideAlone" + arg, t);
        }
    }
}

std::string TwoPhaseSpace::broken(const std::string& s) const {
    bool committed = false, aborted = false;
    for (int rm = 1; rm <= m_n; ++rm) {
        committed = committed || s[rmAt(rm)] == 'c';
        aborted = aborted || s[rmAt(rm)] == 'a';
    }
    return committed && aborted ? "TCConsistent" : "";
}

std::string TwoPhaseSpace::describe(const std::string& s) const {
    auto word = [](char c) {
        switch (c) {
            case 'w': return "working";
            case 'p': return "prepared";
            case 'c': return "committed";
            case 'a': return "aborted";
            default: return "init";
        }
    };
    std::string out;
    for (int rm = 1; rm <= m_n; ++rm) out += "rm" + std::to_string(rm) + " " + word(s[rmAt(rm)]) + ", ";
    out += std::string("tm ") + word(s[tmAt()]);
    std::string msgs;
    for (int rm = 1; rm <= m_n; ++rm)
        if (s[msgAt(rm)] == '1') msgs += (msgs.empty() ? "" : " ") + std::string("Prepared(") + std::to_string(rm) + ")";
    if (s[commitAt()] == '1') msgs += msgs.empty() ? "Commit" : " Commit";
    if (s[abortAt()] == '1') msgs += msgs.empty() ? "Abort" : " Abort";
    return out + "; msgs {" + msgs + "}";
}

}  // namespace sb::core::saga
