// What the kernel guarantees in every topic's trace (docs/formats.md, "Trace"): events in order,
// every message ends in at most one deliver or drop at its delivery time, and a crashed node
// does nothing until it restarts.
#include <map>
#include <set>

#include "verify/property.h"

namespace sb::core::verify {
namespace {

struct Sent {
    std::string from, to, kind;
    std::int64_t time = 0;
    std::optional<std::int64_t> deliverAt;
    bool delayed = false;
    bool ended = false;
};

void checkOrder(const TraceFile& trace, std::vector<Finding>& out) {
    Property p("event order");
    const TraceEvent* prev = nullptr;
    for (const TraceEvent& e : trace.events) {
        p.checked();
        if (prev && e.index != prev->index + 1) p.fail(e, "index follows " + std::to_string(prev->index));
        if (prev && e.time < prev->time) p.fail(e, "time goes backwards from " + std::to_string(prev->time) + " us");
        prev = &e;
    }
    out.push_back(p.finish("events"));
}

void checkMessages(const TraceFile& trace, std::vector<Finding>& out) {
    Property p("message delivery");
    std::map<std::uint64_t, Sent> sent;
    for (const TraceEvent& e : trace.events) {
        if (e.is("action") && e.detail == "delay" && e.msg != 0) {
            if (auto it = sent.find(e.msg); it != sent.end()) it->second.delayed = true;
        } else if (e.is("send")) {
            if (e.msg == 0 || sent.count(e.msg)) {
                p.fail(e, "a send needs a fresh message id");
                continue;
            }
            sent[e.msg] = Sent{e.node, e.peer, e.detail, e.time, e.field("deliver_us"), false, false};
        } else if (e.is("deliver") || e.is("drop")) {
            p.checked();
            auto it = sent.find(e.msg);
            if (it == sent.end()) {
                p.fail(e, "message " + std::to_string(e.msg) + " ends but was never sent");
                continue;
            }
            Sent& s = it->second;
            if (s.ended) p.fail(e, "message " + std::to_string(e.msg) + " ends twice");
            if (e.node != s.to || e.peer != s.from)
                p.fail(e, "message " + std::to_string(e.msg) + " was sent " + s.from + "->" + s.to);
            if (e.is("deliver") && e.detail != s.kind)
                p.fail(e, "message " + std::to_string(e.msg) + " was sent as " + s.kind);
            if (e.time < s.time) p.fail(e, "message arrives before it was sent");
            if (!s.delayed && s.deliverAt && e.time != *s.deliverAt)
                p.fail(e, "message was due at " + std::to_string(*s.deliverAt) + " us");
            s.ended = true;
        }
    }
    out.push_back(p.finish("deliveries and drops"));
}

void checkCrashed(const TraceFile& trace, std::vector<Finding>& out) {
    Property p("crashed nodes are silent");
    std::map<std::string, std::int64_t> down;  // node -> when it crashed
    for (const TraceEvent& e : trace.events) {
        if (e.is("action") && e.detail == "crash" && !e.node.empty()) {
            down[e.node] = e.time;
            p.checked();
            continue;
        }
        if (e.is("action") && e.detail == "restart") down.erase(e.node);
        if (e.is("action") || e.is("drop") || e.node.empty()) continue;
        auto it = down.find(e.node);
        if (it == down.end()) continue;
        // At the crash instant the crash's own consequences may name the node (its keys move
        // off a ring); it still sends nothing, fires no timer and receives nothing.
        const bool acts = e.is("send") || e.is("timer") || e.is("deliver");
        if (acts || e.time > it->second) p.fail(e, e.kind + " at " + e.node + ", which crashed at " +
                                                       std::to_string(it->second) + " us");
    }
    out.push_back(p.finish("crashes"));
}

}  // namespace

void checkKernel(const TraceFile& trace, std::vector<Finding>& out) {
    checkOrder(trace, out);
    checkMessages(trace, out);
    checkCrashed(trace, out);
}

}  // namespace sb::core::verify
