#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "sim/time.h"

namespace sb::core {

using NodeId = std::int32_t;
using MsgId = std::uint64_t;
inline constexpr NodeId kNoNode = -1;

// One named integer carried by an event: a term, an index, a value, a key. Keys are string
// literals owned by the topic, so an event costs no allocation.
struct Field {
    const char* key = nullptr;
    std::int64_t value = 0;
};

// One visible thing that happened. Model::step() produces exactly one. An event carries the
// protocol facts an independent checker needs (for Raft: terms, roles, indexes, committed values)
// as fields; its human sentence comes from Model::describe().
struct Event {
    static constexpr std::size_t kMaxFields = 7;

    Time time = 0;
    const char* kind = "";    // "send", "deliver", "drop", "timer", "role", "commit", "action"...
    const char* detail = "";  // message kind, timer kind, role name, action kind
    NodeId node = kNoNode;
    NodeId peer = kNoNode;
    MsgId msg = 0;
    std::array<Field, kMaxFields> fields{};
    std::uint8_t fieldCount = 0;

    Event& with(const char* key, std::int64_t value) {
        if (fieldCount < kMaxFields) fields[fieldCount++] = Field{key, value};
        return *this;
    }
    std::optional<std::int64_t> field(std::string_view key) const {
        for (std::uint8_t i = 0; i < fieldCount; ++i)
            if (key == fields[i].key) return fields[i].value;
        return std::nullopt;
    }
    bool is(std::string_view k) const { return k == kind; }
};

bool operator==(const Event& a, const Event& b);

}  // namespace sb::core
