// The cache, checked from the trace alone. A lock (Redis SET key token NX PX ttl) has at most one
// holder per key at a time: a new lock_taken needs the last holder's lock released (an Unlock or
// CacheSet carrying its token reached the cache), expired (its until_us passed), or lost with the
// cache node's crash. A key's cache versions only grow, and every version a reader is answered
// with was stored by a cache_set first.
#include <map>
#include <optional>
#include <set>

#include "verify/property.h"

namespace sb::core::verify {
namespace {

struct Holder {
    std::int64_t token = 0;
    std::int64_t until = 0;
    const TraceEvent* taken = nullptr;
};

struct Release {
    std::int64_t key = 0, token = 0;
};

class CacheChecker {
public:
    explicit CacheChecker(const TraceFile& t) {
        if (auto p = t.params.find("prewarm"); p != t.params.end()) m_prewarm = p->second != 0;
    }

    void on(const TraceEvent& e) {
        if (e.is("send") && (e.detail == "Unlock" || e.detail == "CacheSet")) {
            const auto key = e.field("key"), token = e.field("token");
            if (key && token) m_releases[e.msg] = Release{*key, *token};
        } else if (e.is("deliver")) {
            auto it = m_releases.find(e.msg);
            if (it == m_releases.end()) return;
            auto h = m_holder.find(it->second.key);
            if (h != m_holder.end() && it->second.token != 0 && h->second.token == it->second.token) m_holder.erase(h);
            m_releases.erase(it);
        } else if (e.is("action") && e.detail == "crash" && e.node == "cache" && !e.field("rejected")) {
            m_holder.clear();  // the locks lived in the cache node's memory
        } else if (e.is("lock_taken")) {
            onLock(e);
        } else if (e.is("cache_set")) {
            onSet(e);
        } else if (e.is("hit") || e.is("stale")) {
            onServed(e);
        }
    }

    void finish(std::vector<Finding>& out) {
        out.push_back(m_lock.finish("locks taken"));
        out.push_back(m_versions.finish("stored versions"));
        out.push_back(m_served.finish("answers"));
    }

private:
    void onLock(const TraceEvent& e) {
        const auto key = e.field("key"), req = e.field("req"), until = e.field("until_us");
        if (!key || !req) return;
        if (!until) {
            m_lock.unknown("lock_taken events do not say until when (until_us): an older trace format");
            return;
        }
        m_lock.checked();
        auto it = m_holder.find(*key);
        if (it != m_holder.end() && e.time < it->second.until)
            m_lock.fail(e, "k" + std::to_string(*key + 1) + "'s lock goes to request " + std::to_string(*req) +
                               " while request " + std::to_string(it->second.token) + " holds it until " +
                               std::to_string(it->second.until) + " us");
        m_holder[*key] = Holder{*req, *until, &e};
    }

    void onSet(const TraceEvent& e) {
        const auto key = e.field("key"), version = e.field("version");
        if (!key || !version) return;
        m_versions.checked();
        auto [it, fresh] = m_latest.emplace(*key, *version);
        if (!fresh && *version <= it->second)
            m_versions.fail(e, "k" + std::to_string(*key + 1) + " stored version " + std::to_string(*version) +
                                   " after version " + std::to_string(it->second));
        it->second = std::max(it->second, *version);
        m_stored.insert({*key, *version});
    }

    void onServed(const TraceEvent& e) {
        const auto key = e.field("key"), version = e.field("version");
        if (!key || !version) return;
        m_served.checked();
        // Version 0: never written. A prewarmed cache holds version 1 of every key from t = 0,
        // stored before the first event, so only the header's params can vouch for it.
        if (*version == 0 || m_stored.count({*key, *version})) return;
        if (*version == 1 && !m_prewarm) {
            m_served.unknown("the trace header has no params, so whether the cache was prewarmed is unknown");
            return;
        }
        if (*version != 1 || !*m_prewarm)
            m_served.fail(e, "a reader is answered with k" + std::to_string(*key + 1) + " version " +
                                 std::to_string(*version) + ", which no cache_set stored");
    }

    std::map<std::int64_t, Holder> m_holder;      // key -> current lock
    std::map<std::uint64_t, Release> m_releases;  // message id -> what it releases
    std::map<std::int64_t, std::int64_t> m_latest;
    std::set<std::pair<std::int64_t, std::int64_t>> m_stored;
    std::optional<bool> m_prewarm;
    Property m_lock{"one lock holder per key"};
    Property m_versions{"versions only grow"};
    Property m_served{"answers come from stored versions"};
};

}  // namespace

void checkCache(const TraceFile& trace, std::vector<Finding>& out) {
    runChecker(CacheChecker(trace), trace, out);
}

}  // namespace sb::core::verify
