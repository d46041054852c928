#include "verify/verify.h"

namespace sb::core::verify {

const char* verdictName(Verdict v) {
    switch (v) {
        case Verdict::Ok: return "ok";
        case Verdict::Violated: return "violated";
        case Verdict::Unknown: return "unknown";
    }
    return "unknown";
}

Verdict Report::overall() const {
    bool unknown = findings.empty();
    for (const Finding& f : findings) {
        if (f.verdict == Verdict::Violated) return Verdict::Violated;
        if (f.verdict == Verdict::Unknown) unknown = true;
    }
    return unknown ? Verdict::Unknown : Verdict::Ok;
}

Report verifyTrace(const TraceFile& trace, const std::string& topic) {
    Report r;
    r.topic = topic.empty() ? trace.topic : topic;
    r.events = trace.events.size();
    checkKernel(trace, r.findings);
    if (r.topic == "raft") {
        checkRaft(trace, r.findings);
    } else if (r.topic == "hashring") {
        checkHashring(trace, r.findings);
    } else if (r.topic == "cap") {
        checkCap(trace, r.findings);
    } else if (r.topic == "saga") {
        checkSaga(trace, r.findings);
    } else if (r.topic == "cache") {
        checkCache(trace, r.findings);
    } else if (r.topic == "replication") {
        checkReplication(trace, r.findings);
    } else {
        Finding f;
        f.property = "protocol safety";
        f.detail = r.topic.empty() ? "the trace names no topic (give --topic)"
                                   : "no trace checker for topic '" + r.topic + "' yet";
        r.findings.push_back(f);
    }
    return r;
}

}  // namespace sb::core::verify
