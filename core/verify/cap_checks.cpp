// CAP in CP mode: the history of each key, rebuilt from "invoke" and "complete" events, must be
// linearizable for a read/write register that starts at 0 (Herlihy and Wing 1990). The search is
// Wing and Gong's, with Lowe's memo of (operations linearized, register value) so a state is
// never explored twice; a search that outgrows its budget says "unknown". Written from the
// definition and the documented trace fields, not from the model's own checker.
//
// Outcomes as docs/formats.md gives them: "ok" took effect at some instant between invoke and
// complete; "failed" had no effect; "timeout" (or no complete in the trace) may have taken effect
// at any instant after its invoke, or never; a read that did not succeed says nothing.
#include <algorithm>
#include <cstdint>
#include <limits>
#include <map>
#include <set>

#include "verify/property.h"

namespace sb::core::verify {
namespace {

constexpr std::int64_t kNever = std::numeric_limits<std::int64_t>::max();
constexpr std::size_t kStateBudget = 200000;  // memoised states per key before "unknown"

struct Op {
    std::int64_t id = 0, invoke = 0, ret = kNever, value = 0;
    bool write = false, ok = false, failed = false;
    const TraceEvent* at = nullptr;  // its invoke, for the report
};

enum class Lin { Yes, No, Unknown };

std::uint64_t splitmix(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

// Depth-first over linearization orders. An op may go next when no op still to place returned
// before it was invoked; returns Yes once every op that succeeded is placed. The memo keys a
// state by two independent 64-bit Zobrist hashes of the placed set plus the value.
class Search {
public:
    explicit Search(std::vector<Op> ops) : m_ops(std::move(ops)), m_done(m_ops.size(), false) {
        for (const Op& o : m_ops) m_mustPlace += o.ok ? 1 : 0;
        for (std::size_t i = 0; i < m_ops.size(); ++i) {
            m_z1.push_back(splitmix(2 * i + 1));
            m_z2.push_back(splitmix(~(2 * i + 1)));
        }
    }

    Lin run() { return step(0, 0); }

private:
    Lin step(std::int64_t value, std::size_t placed) {
        if (placed == m_mustPlace) return Lin::Yes;
        const auto v = static_cast<std::uint64_t>(value);
        if (!m_seen.insert({m_h1 ^ splitmix(v), m_h2 ^ splitmix(v ^ 0x5bd1e995ULL)}).second) return Lin::No;
        if (m_seen.size() > kStateBudget) return Lin::Unknown;
        std::int64_t minRet = kNever;
        for (std::size_t i = 0; i < m_ops.size(); ++i)
            if (!m_done[i] && m_ops[i].ok) minRet = std::min(minRet, m_ops[i].ret);
        bool unknown = false;
        for (std::size_t i = 0; i < m_ops.size(); ++i) {
            const Op& o = m_ops[i];
            if (m_done[i] || o.invoke > minRet) continue;  // something returned before it began
            if (!o.write && o.value != value) continue;
            toggle(i);
            const Lin r = step(o.write ? o.value : value, placed + (o.ok ? 1 : 0));
            toggle(i);
            if (r == Lin::Yes) return r;
            unknown = unknown || r == Lin::Unknown;
        }
        return unknown ? Lin::Unknown : Lin::No;
    }

    void toggle(std::size_t i) {
        m_done[i] = !m_done[i];
        m_h1 ^= m_z1[i];
        m_h2 ^= m_z2[i];
    }

    std::vector<Op> m_ops;
    std::vector<bool> m_done;
    std::vector<std::uint64_t> m_z1, m_z2;
    std::uint64_t m_h1 = 0, m_h2 = 0;
    std::size_t m_mustPlace = 0;
    std::set<std::pair<std::uint64_t, std::uint64_t>> m_seen;
};

}  // namespace

void checkCap(const TraceFile& trace, std::vector<Finding>& out) {
    Property lin("linearizability (CP)");
    const auto mode = trace.params.find("mode");
    if (mode == trace.params.end()) {
        lin.unknown("the trace header has no params, so CP or AP is unknown");
        out.push_back(lin.finish("operations"));
        return;
    }
    if (mode->second != 0) {
        lin.unknown("AP mode promises no linearizability; nothing to check");
        out.push_back(lin.finish("operations"));
        return;
    }
    std::map<std::int64_t, Op> ops;               // by op id
    std::map<std::int64_t, std::int64_t> keyOf;   // op id -> key
    for (const TraceEvent& e : trace.events) {
        const auto id = e.field("op");
        if (!id || (!e.is("invoke") && !e.is("complete"))) continue;
        if (e.is("invoke")) {
            Op& o = ops[*id];
            o.id = *id;
            o.invoke = e.time;
            o.write = e.detail == "write";
            o.value = o.write ? e.field("value").value_or(0) : 0;
            o.at = &e;
            keyOf[*id] = e.field("key").value_or(0);
            continue;
        }
        auto it = ops.find(*id);
        if (it == ops.end()) continue;  // the trace starts after its invoke
        Op& o = it->second;
        o.ret = e.time;
        o.ok = e.detail == "ok";
        o.failed = e.detail == "failed";
        if (o.ok && !o.write) o.value = e.field("value").value_or(0);
        if (!o.ok && !o.failed) o.ret = kNever;  // timeout: unknown effect, no real-time bound
    }
    std::map<std::int64_t, std::vector<Op>> perKey;
    for (const auto& [id, o] : ops) {
        if (o.failed || (!o.write && !o.ok)) continue;  // no effect, or a read that said nothing
        perKey[keyOf[id]].push_back(o);
        lin.checked();
    }
    for (auto& [key, list] : perKey) {
        Search search(list);
        const Lin r = search.run();
        if (r == Lin::Unknown) lin.unknown("key " + std::to_string(key) + ": the search outgrew its budget");
        if (r == Lin::No && list.front().at)
            lin.fail(*list.front().at, "no order of the " + std::to_string(list.size()) + " operations on key " +
                                           std::to_string(key) + " explains every result");
    }
    out.push_back(lin.finish("operations"));
}

}  // namespace sb::core::verify
