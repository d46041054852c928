#include "sim/time.h"

#include <cstdio>

namespace sb::core {

std::string formatMs(Time t) {
    char buf[48];
    if (t % kMillisecond == 0) {
        std::snprintf(buf, sizeof buf, "%lld ms", static_cast<long long>(t / kMillisecond));
    } else {
        std::snprintf(buf, sizeof buf, "%.3f ms", static_cast<double>(t) / 1000.0);
    }
    return buf;
}

}  // namespace sb::core
