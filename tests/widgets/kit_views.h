#pragma once
// Hand-built views in the kit's vocabulary (tiers, a star, aggregates, strips, key rows, log
// marks), for the scene tests, the screenshots and the frame benchmark. No model behind them:
// they exercise the renderer, not a protocol. `phase` (0..1) moves messages and drains TTLs.

#include <cmath>
#include <string>

#include "sim/view.h"

namespace sb::test {

inline void link(core::View& v, core::NodeId a, core::NodeId b) {
    v.links.push_back({a, b, false});
    v.links.push_back({b, a, false});
}

inline core::NodeView kitNode(core::NodeId id, std::string name, core::NodeKind kind, int tier, int count = 1) {
    core::NodeView n;
    n.id = id;
    n.name = std::move(name);
    n.kind = kind;
    n.tier = tier;
    n.count = count;
    return n;
}

inline double wrap(double x) { return x - std::floor(x); }

// A cache stampede's shape: 200 clients as one node, three app servers, a cache, a database.
inline core::View tieredView(double phase = 0.3, int servers = 3) {
    using core::NodeKind;
    core::View v;
    v.layout = core::Layout::Tiers;
    v.nodes.push_back(kitNode(0, "clients", NodeKind::Client, 0, 200));
    v.nodes[0].value = "180 req/s";
    for (int i = 0; i < servers; ++i) {
        v.nodes.push_back(kitNode(1 + i, "app" + std::to_string(i + 1), NodeKind::Server, 1));
        v.nodes.back().bars.push_back({"busy", 0.3 + 0.2 * i, std::to_string(30 + 20 * i) + "%", core::Tone::Normal});
    }
    const core::NodeId cache = 1 + servers, db = 2 + servers;
    v.nodes.push_back(kitNode(cache, "cache", NodeKind::Cache, 2));
    v.nodes.back().value = "hit 62%";
    v.nodes.push_back(kitNode(db, "db", NodeKind::Database, 3));
    v.nodes.back().value = "35 queued";
    v.nodes.back().bars.push_back({"queue", 0.7, "35 of 50", core::Tone::Warning});
    v.nodes.back().badges.push_back({"overloaded", core::Tone::Bad});
    for (int i = 0; i < servers; ++i) {
        link(v, 0, 1 + i);
        link(v, 1 + i, cache);
        link(v, 1 + i, db);
    }
    core::MsgId id = 1;
    for (int i = 0; i < servers; ++i) {
        for (int k = 0; k < 4; ++k) {
            const double p = wrap(phase + 0.25 * k + 0.1 * i);
            v.messages.push_back({id++, 0, 1 + i, "GET", "user:42", p, false, false, 0, 0});
            v.messages.push_back({id++, 1 + i, db, "SELECT", "user:42", wrap(p + 0.5), false, false, 0, 0});
        }
        v.messages.push_back({id++, 1 + i, cache, "cache get", "user:42", wrap(phase + 0.3 * i), false, false, 0, 0});
        v.messages.push_back({id++, cache, 1 + i, "miss", "user:42", wrap(phase + 0.2 + 0.3 * i), false, true, 0, 0});
    }
    const char* status[] = {"hit", "miss", "recomputing", "hit", "stale", "hit"};
    const core::Tone tone[] = {core::Tone::Good, core::Tone::Bad, core::Tone::Warning, core::Tone::Good,
                               core::Tone::Warning, core::Tone::Good};
    for (int k = 0; k < 6; ++k) {
        core::KeyRow row;
        row.key = "user:" + std::to_string(40 + k);
        row.value = "v" + std::to_string(3 + k);
        row.left = k == 1 ? 0.0 : wrap(1.0 - phase - 0.17 * k);
        row.leftText = k == 1 ? "expired" : "TTL " + std::to_string(static_cast<int>(*row.left * 30)) + " s";
        row.status = status[k];
        row.tone = tone[k];
        row.highlighted = k == 2;
        v.keys.push_back(row);
    }
    return v;
}

// A saga's shape: an orchestrator in the middle, four services and a client around it.
inline core::View starView(double phase = 0.3) {
    using core::NodeKind;
    core::View v;
    v.layout = core::Layout::Star;
    v.nodes.push_back(kitNode(0, "orchestrator", NodeKind::Orchestrator, 0));
    v.nodes[0].value = "saga 7";
    const char* services[] = {"orders", "payment", "stock", "shipping"};
    for (int i = 0; i < 4; ++i) {
        v.nodes.push_back(kitNode(1 + i, services[i], NodeKind::Service, 1));
        link(v, 0, 1 + i);
    }
    v.nodes[3].crashed = true;
    v.nodes.push_back(kitNode(5, "client", NodeKind::Client, 2));
    link(v, 0, 5);
    v.messages.push_back({1, 0, 2, "charge", "order 42", phase, false, false, 0, 0});
    v.messages.push_back({2, 1, 0, "reserved", "order 42", wrap(phase + 0.4), false, true, 0, 0});
    v.messages.push_back({3, 0, 3, "release", "order 42", wrap(phase + 0.7), true, false, 0, 0});
    core::StepStrip saga;
    saga.title = "saga 7 (order 42)";
    const char* labels[] = {"T1 create order", "T2 charge card", "T3 reserve stock", "C2 refund", "C1 cancel order"};
    const char* words[] = {"done", "done", "failed", "compensating", "pending"};
    const core::Tone tones[] = {core::Tone::Good, core::Tone::Good, core::Tone::Bad, core::Tone::Warning, core::Tone::Muted};
    for (int i = 0; i < 5; ++i) saga.cells.push_back({labels[i], words[i], tones[i], "attempt 1 of 3", i == 3});
    v.strips.push_back(saga);
    core::StepStrip retry;
    retry.title = "request 12 retries";
    for (int i = 0; i < 3; ++i)
        retry.cells.push_back({"try " + std::to_string(i + 1), i < 2 ? "timed out" : "running",
                               i < 2 ? core::Tone::Bad : core::Tone::Accent, "", i == 2});
    v.strips.push_back(retry);
    return v;
}

// Replication lag's shape: a leader, followers at different lags with applied and watermark
// marks on their logs, and a client that reads.
inline core::View replicatedLogView() {
    using core::NodeKind;
    core::View v;
    v.layout = core::Layout::Tiers;
    v.nodes.push_back(kitNode(0, "client", NodeKind::Client, 0));
    v.nodes.push_back(kitNode(1, "leader", NodeKind::Replica, 1));
    v.nodes[1].role = "leader";
    for (int i = 0; i < 3; ++i) {
        v.nodes.push_back(kitNode(2 + i, "f" + std::to_string(i + 1), NodeKind::Replica, 2));
        v.nodes.back().role = "follower";
        link(v, 1, 2 + i);
    }
    link(v, 0, 1);
    link(v, 0, 2);
    for (std::size_t n = 1; n < v.nodes.size(); ++n) {
        const int have = n == 1 ? 9 : 9 - static_cast<int>(n);
        for (int e = 0; e < have; ++e) {
            core::LogCell c;
            c.group = e < 4 ? 1 : 2;
            c.text = "x=" + std::to_string(e);
            c.committed = e < 6;
            c.applied = e < have - 2;
            c.watermark = e == 4;
            v.nodes[n].log.push_back(c);
        }
        v.nodes[n].bars.push_back({"applied", static_cast<double>(have - 2) / 9.0,
                                   std::to_string(have - 2) + " of 9", core::Tone::Normal});
    }
    v.messages.push_back({1, 1, 4, "append", "7..9", 0.4, false, false, 0, 0});
    v.messages.push_back({2, 0, 2, "read", "x", 0.6, false, false, 0, 0});
    return v;
}

}  // namespace sb::test
