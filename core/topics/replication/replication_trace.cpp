// What each replication message puts into its send event, so a checker reading only the trace
// sees every entry a leader streams, every acknowledgement and every epoch a replica announces
// (docs/formats.md, "Messages: replication").
#include <string_view>

#include "topics/replication/replication_types.h"

namespace sb::core::replication {

void traceFields(const Payload& m, Event& e) {
    const std::string_view kind = e.detail;
    e.with("epoch", m.epoch);
    if (kind == "Write") e.with("op", m.op).with("key", m.key).with("value", m.value);
    else if (kind == "Read") e.with("op", m.op).with("key", m.key).with("token", m.token);
    else if (kind == "ReadReply") e.with("op", m.op).with("value", m.value).with("pos", m.version).with("redirect", m.redirect ? 1 : 0);
    else if (kind == "WriteAck") e.with("op", m.op).with("pos", m.version).with("redirect", m.redirect ? 1 : 0);
    else if (kind == "Replicate") e.with("pos", m.index).with("op", m.entry.writeId).with("entry_epoch", m.entry.epoch).with("key", m.entry.key);
    else if (kind == "Ack") e.with("applied", m.index);
    else if (kind == "Sync") e.with("entries", static_cast<std::int64_t>(m.log.size()));
}

}  // namespace sb::core::replication
