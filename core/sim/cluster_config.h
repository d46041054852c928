#pragma once

#include <algorithm>

#include "sim/network.h"
#include "sim/param_binding.h"
#include "sim/time.h"

namespace sb::core {

// What every cluster of peers shares: how many nodes (n1..nN) and the default link between
// them. A topic's config derives from it; NetworkedModel then keeps the network in step with it
// at reset and after every "set".
struct ClusterConfig {
    int nodes = 1;
    Time latencyMin = 0;
    Time latencyMax = 0;
    double loss = 0;
    double duplicate = 0;

    // Writes the link fields (the slowest delay never below the fastest) and keeps the rest.
    void applyTo(LinkConfig& link) const {
        link.minLatency = latencyMin;
        link.maxLatency = std::max(latencyMin, latencyMax);
        link.drop = loss;
        link.duplicate = duplicate;
    }
};

// Declares the default link's parameters with the words every cluster topic uses: the fastest
// and slowest one-way delay, loss and (when `duplicate`) duplication, all changeable by "set".
template <class Config>
void bindLink(ParamBinding<Config>& b, double latencyMinDefault, double latencyMaxDefault, bool duplicate) {
    b.millis("latency_min_ms", 0, 1000, latencyMinDefault, "Fastest one-way message delay", &Config::latencyMin).live();
    b.millis("latency_max_ms", 0, 2000, latencyMaxDefault, "Slowest one-way message delay", &Config::latencyMax).live();
    b.real("loss", "", 0, 0.9, 0, "Probability that a message is lost", &Config::loss).live();
    if (duplicate)
        b.real("duplicate", "", 0, 0.9, 0, "Probability that a message arrives twice", &Config::duplicate).live();
}

}  // namespace sb::core
