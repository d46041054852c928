#pragma once
// The registry of shipped topics, built once per test binary. Shared by the tests so each does
// not write its own copy.
#include "sim/registry.h"

namespace sb::test {

inline const core::TopicRegistry& builtinRegistry() {
    static const core::TopicRegistry r = [] {
        core::TopicRegistry reg;
        core::registerBuiltinTopics(reg);
        return reg;
    }();
    return r;
}

}  // namespace sb::test
