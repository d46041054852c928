#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <vector>

#include "sim/event.h"
#include "sim/time.h"
#include "topics/saga/saga_types.h"

namespace sb::core::saga {

// How a saga service tells the rest of the system what it did (the "publish" parameter).
//
// Off: it does not (the topology has no broker). Row then event, event then row: the dual write,
// two separate writes to two systems (the service's database and the broker) with no transaction
// around them; the process can die between them (publish_gap_ms apart), leaving a row nobody
// hears about, or an event about a row that never committed. The in-memory publisher retries an
// unacknowledged event while the process lives and forgets it when the process dies.
// Outbox, polling or log tailing: the event is a row in the service's own database, written in
// the same local transaction as the business row, so both commit or neither; a relay publishes
// the outbox rows to the broker in commit order and marks them published when the broker
// acknowledges (at least once: a relay that dies between sending and the acknowledgement sends
// again). The polling relay queries the outbox every poll_interval_ms; the log-tailing relay
// (change data capture, as Debezium reads a write-ahead log) sees each commit tail_lag_ms after it.
enum class Publish { Off, RowThenEvent, EventThenRow, OutboxPolling, OutboxTailing };
inline bool usesOutbox(Publish p) { return p == Publish::OutboxPolling || p == Publish::OutboxTailing; }

// One domain event ("payment charged for order 3"): the model's ground truth about it, which no
// node sees whole. A checker compares it with the consumer's copy.
struct DomainEvent {
    std::int64_t id = 0;
    int service = 0;            // step number of the service that wrote it
    int saga = 0;
    bool comp = false;          // it announces a compensation
    std::int64_t delta = 0;     // what the row did (or would do) to the service's total
    bool rowCommitted = false;
    bool rowAborted = false;    // event first: the local transaction it announced never committed
    Time committed = -1;        // the row committed (outbox: the row and the event together)
    Time consumed = -1;         // the consumer first applied it
    int applied = 0;            // times the consumer applied it (more than 1: no deduplication)
};

// A service's side of publishing. With an outbox `unpublished` is a table in the service's
// database (durable); with a dual write it lives in the process (lost in a crash).
struct Publisher {
    std::vector<std::int64_t> unpublished;     // event ids in commit order, not yet acknowledged
    std::map<std::int64_t, Time> sentAt;       // volatile: when the relay last sent each one
    std::map<int, Payload> deferred;           // event first: requests whose row is not written yet
    int nextDeferred = 0;
};

// The broker's log and the consumer (a downstream service keeping its own copy of every total).
struct EventSide {
    std::vector<std::int64_t> log;             // the broker's log: every append, duplicates too
    std::set<std::int64_t> seen;               // the consumer's processed event ids (dedupe table)
    std::vector<std::int64_t> projection;      // the consumer's copy of each service's total
    std::int64_t duplicatesIgnored = 0;
    std::int64_t doubleApplied = 0;            // events the consumer applied more than once
    std::int64_t lostInCrash = 0;              // dual write: rows whose event died with the process
    std::int64_t phantoms = 0;                 // event first: events whose row never committed
    std::int64_t polls = 0, emptyPolls = 0;    // the polling relay's queries
    Time lagSum = 0;                           // commit to consumption, over consumed events
    std::int64_t lagCount = 0;
    Time lastLag = -1;
};

}  // namespace sb::core::saga
