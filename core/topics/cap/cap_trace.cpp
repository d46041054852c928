// What each CAP message puts into its send event, so a checker reading only the trace can see
// which value and version every replica sent (docs/formats.md, "Messages: cap").
#include <string_view>

#include "topics/cap/cap_types.h"

namespace sb::core::cap {

void traceFields(const Payload& m, Event& e) {
    const std::string_view kind = e.detail;
    if (kind == "Sync") {  // anti-entropy: the whole store, too big for a line; its size
        std::int64_t versions = 0;
        for (const Siblings& s : m.state) versions += static_cast<std::int64_t>(s.size());
        e.with("keys", static_cast<std::int64_t>(m.state.size())).with("versions", versions);
        return;
    }
    e.with("op", m.op).with("key", m.key);
    if (m.versions.empty()) return;
    // CP stores and replies carry one version; AP replication one too. More would be siblings.
    const Version& v = m.versions.front();
    e.with("value", v.value).with("write", v.writeId).with("tag", v.tag.counter);
}

}  // namespace sb::core::cap
