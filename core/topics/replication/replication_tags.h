#pragma once
// Internal to the replication topic: timer tags and the probe list.

#include <vector>

#include "sim/model.h"

namespace sb::core::replication {

constexpr int kThinkTimer = 0;   // a client's next generated operation
constexpr int kOpTimer = 1;      // a client's operation timeout
constexpr int kDetectTimer = 2;  // the monitor noticing a crashed leader
constexpr int kSpikeTimer = 10;  // + replica index: the end of that replica's lag spike

std::vector<ProbeSpec> probeSpecs();

}  // namespace sb::core::replication
