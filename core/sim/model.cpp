#include "sim/model.h"

#include <cstdio>

namespace sb::core {

const ActionSpec* TopicInfo::findAction(std::string_view kind) const {
    for (const ActionSpec& spec : actions)
        if (spec.kind == kind) return &spec;
    return nullptr;
}

const ProbeSpec* TopicInfo::findProbe(std::string_view name) const {
    for (const ProbeSpec& spec : probes)
        if (spec.name == name) return &spec;
    return nullptr;
}

std::string Model::describe(const Event& e) const {
    const auto names = nodeNames();
    auto name = [&](NodeId n) {
        return n >= 0 && static_cast<std::size_t>(n) < names.size() ? names[static_cast<std::size_t>(n)]
                                                                      : std::string("-");
    };
    std::string s = name(e.node) + " " + e.kind;
    if (*e.detail) s += std::string(" ") + e.detail;
    if (e.peer != kNoNode) s += (e.is("send") ? " to " : " from ") + name(e.peer);
    return s;
}

std::vector<InspectRow> Model::inspectNode(NodeId) const { return {}; }
std::vector<InspectRow> Model::inspectMessage(MsgId) const { return {}; }

ProbeValue Model::probeKey(const std::string& name, NodeId node, const std::string& key) const {
    if (!key.empty()) return std::monostate{};
    return probe(name, node);
}

std::string probeToString(const ProbeValue& value) {
    struct Visitor {
        std::string operator()(std::monostate) const { return "none"; }
        std::string operator()(bool b) const { return b ? "true" : "false"; }
        std::string operator()(std::int64_t i) const { return std::to_string(i); }
        std::string operator()(double d) const {
            char buf[32];
            std::snprintf(buf, sizeof buf, "%g", d);
            return buf;
        }
        std::string operator()(const std::string& s) const { return s; }
    };
    return std::visit(Visitor{}, value);
}

}  // namespace sb::core
