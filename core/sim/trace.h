#pragma once

#include <cstdint>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "sim/event.h"

namespace sb::core {

// JSON Lines trace format, one event per line, fields always in this order:
//   {"i":12,"t_us":153000,"kind":"send","detail":"RequestVote","node":"n1","peer":"n2",
//    "msg":31,"term":3,...}
// "detail", "node", "peer" and "msg" are left out when empty; topic fields follow in the order
// the topic wrote them. See docs/formats.md.
std::string traceLine(std::size_t index, const Event& event, const std::vector<std::string>& names);

// The first line of a trace file: {"trace":1,"topic":"raft","seed":3,"nodes":["n1",...],
// "params":{...}}, so a checker knows the topic, the cluster and the run's parameters (every one,
// defaults included; a choice as its index) without the scenario. No "params" when none given.
std::string traceHeader(const std::string& topic, std::uint64_t seed, const std::vector<std::string>& names,
                        const std::map<std::string, double>& params = {});

void writeTrace(std::ostream& out, const std::vector<Event>& events,
                const std::vector<std::string>& names, std::size_t firstIndex = 0);

}  // namespace sb::core
