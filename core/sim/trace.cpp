#include "sim/trace.h"

#include <charconv>

#include "sim/json_io.h"

namespace sb::core {

std::string traceLine(std::size_t index, const Event& e, const std::vector<std::string>& names) {
    auto name = [&](NodeId n) -> std::string {
        if (n >= 0 && static_cast<std::size_t>(n) < names.size()) return names[static_cast<std::size_t>(n)];
        return std::to_string(n);
    };
    std::string out;
    out.reserve(160);
    out += "{\"i\":";
    out += std::to_string(index);
    out += ",\"t_us\":";
    out += std::to_string(e.time);
    out += ",\"kind\":";
    appendJsonString(out, e.kind);
    if (*e.detail) {
        out += ",\"detail\":";
        appendJsonString(out, e.detail);
    }
    if (e.node != kNoNode) {
        out += ",\"node\":";
        appendJsonString(out, name(e.node));
    }
    if (e.peer != kNoNode) {
        out += ",\"peer\":";
        appendJsonString(out, name(e.peer));
    }
    if (e.msg != 0) {
        out += ",\"msg\":";
        out += std::to_string(e.msg);
    }
    for (std::uint8_t i = 0; i < e.fieldCount; ++i) {
        out += ',';
        appendJsonString(out, e.fields[i].key);
        out += ':';
        out += std::to_string(e.fields[i].value);
    }
    out += '}';
    return out;
}

std::string traceHeader(const std::string& topic, std::uint64_t seed, const std::vector<std::string>& names,
                        const std::map<std::string, double>& params) {
    std::string out = "{\"trace\":1,\"topic\":";
    appendJsonString(out, topic);
    out += ",\"seed\":" + std::to_string(seed) + ",\"nodes\":[";
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i) out += ',';
        appendJsonString(out, names[i]);
    }
    out += ']';
    if (!params.empty()) {
        out += ",\"params\":{";
        bool first = true;
        for (const auto& [name, value] : params) {  // std::map: sorted, so the line is deterministic
            if (!first) out += ',';
            first = false;
            appendJsonString(out, name);
            out += ':';
            char buf[32];
            const auto res = std::to_chars(buf, buf + sizeof buf, value);  // shortest round trip
            out.append(buf, res.ptr);
        }
        out += '}';
    }
    out += '}';
    return out;
}

void writeTrace(std::ostream& out, const std::vector<Event>& events,
                const std::vector<std::string>& names, std::size_t firstIndex) {
    for (std::size_t i = 0; i < events.size(); ++i)
        out << traceLine(firstIndex + i, events[i], names) << '\n';
}

}  // namespace sb::core
