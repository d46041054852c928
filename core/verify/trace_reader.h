#pragma once

#include <cstdint>
#include <istream>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/result.h"

namespace sb::core::verify {

// One line of a JSON Lines trace, as docs/formats.md defines it. Node names stay names: the
// checker does not assume the model's numbering.
struct TraceEvent {
    std::size_t line = 0;     // 1-based line in the file, for messages
    std::int64_t index = 0;   // "i"
    std::int64_t time = 0;    // "t_us"
    std::string kind, detail, node, peer;
    std::uint64_t msg = 0;
    std::vector<std::pair<std::string, std::int64_t>> fields;  // the integer topic fields, in order

    std::optional<std::int64_t> field(std::string_view key) const;
    bool is(std::string_view k) const { return kind == k; }
};

struct TraceFile {
    std::string topic;               // from the header line; empty when the trace has none
    std::vector<std::string> nodes;  // from the header line
    std::map<std::string, double> params;  // from the header line: every parameter of the run
    std::vector<TraceEvent> events;
};

// Reads a trace: an optional header line {"trace":1,"topic":...,"nodes":[...]} and one event
// per line. Errors name the line: "run.jsonl:12: not a JSON object".
Result<TraceFile> readTrace(std::istream& in, const std::string& where);

}  // namespace sb::core::verify
