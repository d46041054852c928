#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "verify/trace_reader.h"

namespace sb::core::verify {

enum class Verdict { Ok, Violated, Unknown };
const char* verdictName(Verdict v);  // "ok", "violated", "unknown"

// One property's result. A property the trace cannot decide (fields missing, no checker for the
// topic) is Unknown with the reason, never Ok.
struct Finding {
    std::string property;  // "election safety"
    Verdict verdict = Verdict::Unknown;
    std::string detail;    // what was checked ("412 votes") or what broke, with the event
    std::int64_t event = -1;  // the first offending event's "i", for a violation
};

struct Report {
    std::string topic;
    std::size_t events = 0;
    std::vector<Finding> findings;
    // Violated if any finding is; else Unknown if any is; else Ok.
    Verdict overall() const;
};

// Checks a trace: the kernel's guarantees for every topic, plus the topic's own safety
// properties where this checker knows them (Raft, the hash ring, CAP, saga, cache, replication). `topic` overrides the
// header's.
Report verifyTrace(const TraceFile& trace, const std::string& topic = {});

// The checks, one group per file; each appends its findings.
void checkKernel(const TraceFile& trace, std::vector<Finding>& out);
void checkRaft(const TraceFile& trace, std::vector<Finding>& out);
void checkHashring(const TraceFile& trace, std::vector<Finding>& out);
void checkCap(const TraceFile& trace, std::vector<Finding>& out);
void checkSaga(const TraceFile& trace, std::vector<Finding>& out);
void checkCache(const TraceFile& trace, std::vector<Finding>& out);
void checkReplication(const TraceFile& trace, std::vector<Finding>& out);

}  // namespace sb::core::verify
