#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "sim/registry.h"
#include "test_registry.h"

// Shared by every fuzz target. A target's entry point is the libFuzzer one,
// LLVMFuzzerTestOneInput; the same source links into a fuzzer (SPLITBRAIN_FUZZ=ON, clang) or
// into replay_main.cpp, which feeds it every file of a corpus as an ordinary test.
namespace sb::fuzz {

inline std::string_view asText(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};  // NOLINT: bytes viewed as text
}

// Built once: the registry is immutable and building it per input would dominate the run.
inline const core::TopicRegistry& registry() { return test::builtinRegistry(); }

// A property the loader promises was broken: abort, so libFuzzer (and the replay test) reports
// the input. assert() would vanish in the optimised CI build.
inline void require(bool ok, const char* what) {
    if (ok) return;
    std::fprintf(stderr, "fuzz property violated: %s\n", what);
    std::abort();
}

}  // namespace sb::fuzz
