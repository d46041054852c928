#include "verify/trace_reader.h"

#include <nlohmann/json.hpp>

namespace sb::core::verify {

std::optional<std::int64_t> TraceEvent::field(std::string_view key) const {
    for (const auto& [k, v] : fields)
        if (k == key) return v;
    return std::nullopt;
}

namespace {

using Json = nlohmann::ordered_json;

std::string at(const std::string& where, std::size_t line) { return where + ":" + std::to_string(line); }

Status readHeader(const Json& j, TraceFile& out, const std::string& where) {
    if (!j["trace"].is_number_integer() || j["trace"].get<std::int64_t>() != 1)
        return makeError("unsupported trace version (this build reads version 1)", where);
    if (j.contains("topic")) {
        if (!j["topic"].is_string()) return makeError("\"topic\" must be a string", where);
        out.topic = j["topic"].get<std::string>();
    }
    if (j.contains("nodes")) {
        if (!j["nodes"].is_array()) return makeError("\"nodes\" must be a list of names", where);
        for (const Json& n : j["nodes"]) {
            if (!n.is_string()) return makeError("\"nodes\" must be a list of names", where);
            out.nodes.push_back(n.get<std::string>());
        }
    }
    if (j.contains("params")) {
        if (!j["params"].is_object()) return makeError("\"params\" must be an object of numbers", where);
        for (const auto& [name, v] : j["params"].items()) {
            if (!v.is_number()) return makeError("\"params\": \"" + name + "\" must be a number", where);
            out.params[name] = v.get<double>();
        }
    }
    return {};
}

Result<TraceEvent> readEvent(const Json& j, std::size_t line, const std::string& where) {
    TraceEvent e;
    e.line = line;
    auto integer = [&](const char* key) -> std::optional<std::int64_t> {
        auto it = j.find(key);
        if (it == j.end() || !it->is_number_integer()) return std::nullopt;
        return it->get<std::int64_t>();
    };
    const auto i = integer("i");
    const auto t = integer("t_us");
    if (!i || !t) return makeError("an event needs integer \"i\" and \"t_us\"", where);
    e.index = *i;
    e.time = *t;
    auto text = [&](const char* key, std::string& into) -> bool {
        auto it = j.find(key);
        if (it == j.end()) return true;
        if (!it->is_string()) return false;
        into = it->get<std::string>();
        return true;
    };
    if (!text("kind", e.kind) || e.kind.empty()) return makeError("an event needs a \"kind\" string", where);
    if (!text("detail", e.detail) || !text("node", e.node) || !text("peer", e.peer))
        return makeError("\"detail\", \"node\" and \"peer\" must be strings", where);
    if (auto m = j.find("msg"); m != j.end()) {
        if (!m->is_number_unsigned()) return makeError("\"msg\" must be a message id", where);
        e.msg = m->get<std::uint64_t>();
    }
    for (auto it = j.begin(); it != j.end(); ++it) {
        const std::string& key = it.key();
        if (key == "i" || key == "t_us" || key == "kind" || key == "detail" || key == "node" ||
            key == "peer" || key == "msg")
            continue;
        // Fields a later format may add as text or lists are skipped, not refused.
        if (it->is_number_integer()) e.fields.emplace_back(key, it->get<std::int64_t>());
    }
    return e;
}

}  // namespace

Result<TraceFile> readTrace(std::istream& in, const std::string& where) {
    TraceFile out;
    std::string text;
    std::size_t line = 0;
    while (std::getline(in, text)) {
        ++line;
        if (text.find_first_not_of(" \t\r") == std::string::npos) continue;
        // Ordered parse keeps the fields in the order the topic wrote them.
        const Json j = Json::parse(text, nullptr, false);
        if (j.is_discarded() || !j.is_object()) return makeError("not a JSON object", at(where, line));
        if (j.contains("trace")) {
            if (!out.events.empty()) return makeError("the header must be the first line", at(where, line));
            if (Status s = readHeader(j, out, at(where, line)); !s) return s.error();
            continue;
        }
        // The run summary `splitbrain-sim run` prints last is not an event.
        if (!j.contains("i") && j.contains("events")) continue;
        auto e = readEvent(j, line, at(where, line));
        if (!e) return e.error();
        out.events.push_back(std::move(e.value()));
    }
    if (in.bad()) return makeError("cannot read the trace", where);
    return out;
}

}  // namespace sb::core::verify
