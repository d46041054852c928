#pragma once

#include <string>
#include <utility>
#include <vector>

#include "verify/verify.h"

namespace sb::core::verify {

// Accumulates one property's verdict: the first violation wins, checks are counted so an "ok"
// says how much it rests on, and Unknown (with its reason) beats Ok but never a violation.
class Property {
public:
    explicit Property(std::string name) {
        m_f.property = std::move(name);
        m_f.verdict = Verdict::Ok;
    }
    bool failed() const { return m_f.verdict == Verdict::Violated; }
    void checked() { ++m_checked; }
    void fail(const TraceEvent& e, const std::string& what) {
        if (failed()) return;
        m_f.verdict = Verdict::Violated;
        m_f.event = e.index;
        m_f.detail = "event " + std::to_string(e.index) + " (line " + std::to_string(e.line) + ", t=" +
                     std::to_string(e.time) + " us): " + what;
    }
    void unknown(const std::string& why) {
        if (m_f.verdict != Verdict::Ok) return;
        m_f.verdict = Verdict::Unknown;
        m_f.detail = why;
    }
    // `what` names the thing counted: "votes", "messages".
    Finding finish(const std::string& what) {
        if (m_f.verdict == Verdict::Ok) m_f.detail = std::to_string(m_checked) + " " + what + " checked";
        return m_f;
    }

private:
    Finding m_f;
    std::size_t m_checked = 0;
};

// Feeds every event of the trace to a checker (its on(event)), then lets it add its findings.
template <class Checker>
void runChecker(Checker&& checker, const TraceFile& trace, std::vector<Finding>& out) {
    for (const TraceEvent& e : trace.events) checker.on(e);
    checker.finish(out);
}

}  // namespace sb::core::verify
