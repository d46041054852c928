// The cache topic's scene: tiers, the hot keys' rows, the database's queue and latency gauge.
#include <algorithm>
#include <string_view>

#include "topics/cache/cache_model.h"

namespace sb::core::cache {
namespace {

std::string seconds(Time t) {
    const double s = static_cast<double>(t) / static_cast<double>(kSecond);
    char buf[32];
    std::snprintf(buf, sizeof buf, s < 10 ? "%.1f s" : "%.0f s", s);
    return buf;
}

// Rounded, except that 100% and 0% mean all and none: 1,992 hits of 2,000 reads "99%", not "100%"
// (a stampede's first misses must not vanish into the rounding).
std::string percent(double share) {
    int p = static_cast<int>(share * 100 + 0.5);
    if (share < 1.0) p = std::min(p, 99);
    if (share > 0.0) p = std::max(p, 1);
    return std::to_string(p) + "%";
}

}  // namespace

View CacheModel::view(Time t) const {
    View v;
    v.time = t;
    v.layout = Layout::Tiers;
    for (NodeId i = 0; i < m_engine.nodeCount(); ++i) {
        NodeView n = m_engine.nodeView(i);
        if (i == kClients) {
            n.role = "clients";
            n.value = std::to_string(static_cast<int>(m_cfg.rate)) + " req/s";
            if (!m_attempts.empty()) n.badges.push_back({"waiting " + std::to_string(m_attempts.size()), Tone::Normal});
            if (m_c.retries > 0) n.badges.push_back({"retries " + std::to_string(m_c.retries), Tone::Warning});
            if (m_c.failed > 0) n.badges.push_back({"failed " + std::to_string(m_c.failed), Tone::Bad});
        } else if (isApp(i)) {
            const AppState& as = m_apps[static_cast<std::size_t>(i - 1)];
            n.role = "app server";
            int recomputing = 0;
            for (const auto& [q, r] : m_recomputes) recomputing += r.app == i ? 1 : 0;
            std::size_t waiting = as.polls.size();
            for (const auto& [k, f] : as.flights) waiting += f.waiters.size();
            n.value = recomputing > 0 ? "recomputing " + std::to_string(recomputing) : "";
            if (waiting > 0) n.badges.push_back({"waiting " + std::to_string(waiting), Tone::Normal});
            if (!as.revalidating.empty()) n.badges.push_back({"revalidating", Tone::Accent});
        } else if (i == cacheNode()) {
            n.role = "cache";
            // Of the lookups since the start, counted when the cache is asked, not when the client
            // is answered: a stampede's misses count at once, though their answers wait (counting
            // answers, the cache read "hits 100%" with 392 misses waiting).
            if (const auto share = lookupHitRatio()) n.value = "hits " + percent(*share) + " so far";
            for (int k = 0; k < m_cfg.keys && k < 5; ++k) {
                const Lock& l = m_locks[static_cast<std::size_t>(k)];
                if (l.token != 0 && t < l.expiry) n.badges.push_back({"lock " + keyName(k), Tone::Accent});
            }
        } else {
            n.role = "database";
            const auto queued = static_cast<std::int64_t>(m_dbQueue.size());
            // The queue in words too: under a node the scene leaves a gauge's own text no room.
            n.value = queued > 0 ? std::to_string(queued) + " queued, " + std::to_string(m_dbBusy.size()) + " busy"
                                 : std::to_string(m_dbBusy.size()) + "/" + std::to_string(m_cfg.dbSlots) + " busy";
            const double fill = std::min(1.0, static_cast<double>(queued) / std::max(1.0, 10.0 * m_cfg.dbSlots));
            n.bars.push_back({"queue", fill, std::to_string(queued) + " queued", queued > m_cfg.dbSlots ? Tone::Bad : queued > 0 ? Tone::Warning : Tone::Good});
            // What a query arriving now would wait: the rounds of c queries ahead of it, plus its own.
            const Time wait = (static_cast<int>(m_dbBusy.size()) < m_cfg.dbSlots ? 0 : (queued / m_cfg.dbSlots + 1) * m_cfg.recompute) + m_cfg.recompute;
            const bool late = wait >= m_cfg.clientTimeout;
            n.bars.push_back({"latency", std::min(1.0, static_cast<double>(wait) / static_cast<double>(m_cfg.clientTimeout)),
                              seconds(wait) + (late ? " (past the client timeout)" : ""), late ? Tone::Bad : wait > m_cfg.recompute ? Tone::Warning : Tone::Good});
        }
        v.nodes.push_back(std::move(n));
    }
    m_engine.fillNetworkView(v, t);
    for (MessageView& mv : v.messages) {
        const Message<Payload>* m = m_engine.message(mv.id);
        if (!m) continue;
        const std::string_view kind = m->kind;
        mv.reply = kind == "Reply" || kind == "CacheReply" || kind == "LockReply" || kind == "Result";
        // The label shows the first field only ("Query k1"); the inspector shows the whole summary.
        mv.summary = keyName(m->payload.key) + (kind == "Query" ? ", to recompute" : "");
    }
    for (int k = 0; k < m_cfg.keys && k < 5; ++k) {
        const Entry& e = m_store[static_cast<std::size_t>(k)];
        const KeyStats& ks = m_keys[static_cast<std::size_t>(k)];
        KeyRow row;
        row.key = keyName(k);
        const bool cached = e.present && t < e.hard;
        row.value = cached ? "v" + std::to_string(e.version) : "-";
        if (!cached) {
            row.leftText = "not cached";
            row.left = 0.0;
        } else if (t < e.soft) {
            row.left = static_cast<double>(e.soft - t) / static_cast<double>(std::max<Time>(1, e.soft - e.setAt));
            row.leftText = "TTL " + seconds(e.soft - t);
        } else {
            row.left = 0.0;
            row.leftText = "expired " + seconds(t - e.soft) + " ago, kept";
        }
        if (ks.inFlight > 0) {
            row.status = ks.inFlight == 1 ? "recomputing" : "recomputing \u00d7" + std::to_string(ks.inFlight);
            row.tone = ks.inFlight == 1 ? Tone::Accent : Tone::Bad;
        } else {
            row.status = ks.last;
            const std::string_view last = ks.last;
            row.tone = last == "hit" ? Tone::Good : last == "stale" ? Tone::Warning : last == "error" ? Tone::Bad : Tone::Normal;
        }
        row.highlighted = k == 0;
        v.keys.push_back(std::move(row));
        // A few overlapping recomputes are XFetch or one per server doing their job; a herd is
        // more than every server could start on its own.
        if (ks.inFlight >= 2)
            v.annotations.push_back(keyName(k) + ": " + std::to_string(ks.inFlight) + " recomputes in flight at once" +
                                    (ks.inFlight > 2 * m_cfg.servers + 2 ? ", a stampede" : ""));
    }
    if (!m_dbQueue.empty() && static_cast<Time>(m_dbQueue.size() / static_cast<std::size_t>(m_cfg.dbSlots)) * m_cfg.recompute >= m_cfg.clientTimeout)
        v.annotations.push_back("the database queue is longer than clients wait: new queries are wasted work");
    return v;
}

std::string CacheModel::describe(const Event& e) const {
    const std::string key = keyName(static_cast<int>(e.field("key").value_or(0)));
    const auto f = [&](const char* k) { return std::to_string(e.field(k).value_or(0)); };
    const auto t = [&](const char* k) { return formatMs(e.field(k).value_or(0)); };
    const std::string who = name(e.node);
    if (e.is("hit")) return who + " serves " + key + " v" + f("version") + " from the cache";
    if (e.is("miss")) return who + " misses " + key + (e.field("stale").value_or(0) ? " (expired, a stale copy is kept)" : "");
    if (e.is("stale")) return who + " serves " + key + " v" + f("version") + ", " + t("stale_us") + " past its TTL";
    if (e.is("recompute_start")) return who + " recomputes " + key + (e.field("background").value_or(0) ? " in the background" : "") + " (query " + f("query") + ")";
    if (e.is("recompute_done")) return who + " has " + key + " recomputed after " + t("took_us");
    if (e.is("early_recompute")) return who + " recomputes " + key + " early, " + t("lead_us") + " before it expires (XFetch)";
    if (e.is("refresh_ahead")) return who + " schedules a reload of " + key + " (refresh-ahead)";
    if (e.is("lock_taken")) return "the cache gives the lock on " + key + " to request " + f("req");
    if (e.is("lock_refused")) return "the cache refuses the lock on " + key + ": request " + f("holder") + " holds it";
    if (e.is("coalesced")) return who + " lets request " + f("req") + " wait for the " + key + " load in flight (" + f("waiting") + " waiting)";
    if (e.is("cache_set")) return "the cache stores " + key + " v" + f("version");
    if (e.is("expire")) return "the cache drops " + key + " v" + f("version");
    if (e.is("db_queued")) return "the database queues query " + f("query") + " for " + key + " (" + f("queue") + " waiting)";
    if (e.is("db_served")) return "the database answers query " + f("query") + " after " + t("latency_us");
    if (e.is("db_timeout")) return "the database cancels query " + f("query") + " after " + t("waited_us") + " in its queue";
    if (e.is("db_refused")) return "the database refuses query " + f("query") + ": its queue is full";
    if (e.is("timeout")) return "a client gives up on request " + f("req") + " for " + key;
    if (e.is("retry")) return "a client retries " + key + " (attempt " + f("attempt") + ")";
    if (e.is("error")) return "a request for " + key + " fails after " + f("attempts") + " attempts";
    return Model::describe(e);
}

std::vector<InspectRow> CacheModel::inspectNode(NodeId node) const {
    std::vector<InspectRow> rows;
    rows.push_back({"state", m_engine.up(node) ? "up" : "crashed"});
    if (node == kClients) {
        rows.push_back({"requests", std::to_string(m_c.logical)});
        rows.push_back({"attempts waiting", std::to_string(m_attempts.size())});
        rows.push_back({"hits / misses / stale", std::to_string(m_c.hits) + " / " + std::to_string(m_c.missServed) + " / " + std::to_string(m_c.staleServed)});
        rows.push_back({"timeouts / retries / failed", std::to_string(m_c.timeouts) + " / " + std::to_string(m_c.retries) + " / " + std::to_string(m_c.failed)});
    } else if (node == dbNode()) {
        rows.push_back({"queued / running", std::to_string(m_dbQueue.size()) + " / " + std::to_string(m_dbBusy.size())});
        rows.push_back({"served / cancelled / refused", std::to_string(m_c.dbServed) + " / " + std::to_string(m_c.dbTimeouts) + " / " + std::to_string(m_c.dbRefused)});
        rows.push_back({"latency p50 / p99", formatMs(static_cast<Time>(m_dbLatency.quantileMs(0.5) * 1000)) + " / " + formatMs(static_cast<Time>(m_dbLatency.quantileMs(0.99) * 1000))});
    } else if (node == cacheNode()) {
        for (int k = 0; k < m_cfg.keys && k < 10; ++k) {
            const Entry& e = m_store[static_cast<std::size_t>(k)];
            rows.push_back({keyName(k), e.present ? "v" + std::to_string(e.version) + ", expires at " + formatMs(e.soft) : "not cached"});
        }
    } else if (isApp(node)) {
        const AppState& as = m_apps[static_cast<std::size_t>(node - 1)];
        rows.push_back({"lock waiters", std::to_string(as.polls.size())});
        rows.push_back({"flights", std::to_string(as.flights.size())});
    }
    return rows;
}

}  // namespace sb::core::cache
