#pragma once

#include <string>
#include <string_view>

#include "sim/action.h"
#include "sim/model.h"
#include "sim/params.h"

namespace sb::core {

// Words for people from the identifiers that files and the CLI use (which keep the ids). An
// action or probe may declare its own `label` beside its description, in its topic; a few shared
// ids have a written label here; every other id is turned into words by rule, so a new action,
// parameter, probe or metric is never shown to a learner as `client_write` or
// `current_suspicions`.
//
//   "client_write"            -> "Client write"
//   "election_timeout_min_ms" -> "Election timeout minimum (ms)"
//   "commit_index.n1"         -> "Commit index (n1)"
std::string humanize(std::string_view id);

std::string labelOf(const ActionSpec& spec);
std::string labelOf(const ArgSpec& spec);
std::string labelOf(const ParamSpec& spec);
std::string labelOf(const ProbeSpec& spec);  // its label with "a node"/"a key" for the places
// A probe read for one node and key: "{node} is in the minority" -> "n4 is in the minority". A
// label without a place for an argument given (or no label) gets it in brackets: "Term (n1)".
std::string probeLabel(const ProbeSpec* spec, std::string_view probe, std::string_view node,
                       std::string_view key);
std::string labelOf(const Metric& metric);
// A parameter's value in words: a choice's name, "on"/"off", or the number with its unit.
std::string valueLabel(const ParamSpec& spec, double value);

// What a plotted metric is, for legends, tooltips and axis titles. The description is the probe's
// of the same name when the topic declares one ("commit_index.n1" -> the commit_index probe), so
// each is written once, in the topic; the unit comes from the id's ending ("_ms", "_ratio").
// Quantities that are positions on a scale rather than counts (a term, a log index) have a unit
// of their own, so a plot never puts a term and a count on one axis; a metric named like one of
// the topic's parameters takes that parameter's unit ("balance" in $).
struct MetricText {
    std::string label;        // "Read latency (ms)", "Commit index (n1)", "Hit ratio (0-1)"
    std::string unit;         // "ms", "per second", "0-1", "term", "log index", "$", or "" for a count
    std::string description;  // one line; empty when nothing declares one
    std::string quantity;     // the label without node or key: "Commit index", "Lag (ms)"
    std::string axis;         // an axis title for any metric of this unit: "time (ms)", "count"
};
MetricText describeMetric(const TopicInfo& info, std::string_view name);

// "1 step", "3 steps": counts in text that core writes (annotations, event sentences).
std::string countOf(long long n, std::string_view singular, std::string_view plural);

}  // namespace sb::core
