// What each cache, lock and database message puts into its send event, so a checker reading only
// the trace can follow a request, a lock token and a query end to end (docs/formats.md,
// "Messages: cache").
#include <string_view>

#include "topics/cache/cache_types.h"

namespace sb::core::cache {

void traceFields(const Payload& m, Event& e) {
    const std::string_view kind = e.detail;
    if (kind == "Query" || kind == "Result") {
        e.with("query", m.query).with("key", m.key);
        if (kind == "Result") e.with("ok", m.ok ? 1 : 0);
        return;
    }
    if (kind == "Unlock" || kind == "CacheSet") {  // the token says whose lock it releases
        e.with("key", m.key).with("token", m.token);
        return;
    }
    e.with("req", m.req).with("key", m.key);
    if (kind == "CacheGet") e.with("purpose", static_cast<std::int64_t>(m.purpose));
    else if (kind == "CacheReply") e.with("state", static_cast<std::int64_t>(m.state)).with("version", m.version);
    else if (kind == "LockReply") e.with("ok", m.ok ? 1 : 0).with("token", m.token).with("until_us", m.lockExpiry);
    else if (kind == "Reply") e.with("outcome", static_cast<std::int64_t>(m.outcome)).with("version", m.version);
}

}  // namespace sb::core::cache
