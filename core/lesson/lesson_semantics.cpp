#include <algorithm>

#include "lesson/lesson_parse.h"
#include "sim/run_budget.h"
#include "sim/scenario.h"

namespace sb::core::lesson_detail {

void Problems::add(const std::string& message, const std::string& pointer) {
    if (m_out->size() >= m_limit) return;
    m_out->push_back(Error{message, m_file + ":" + (pointer.empty() ? "/" : pointer)});
}

void Problems::add(const Error& error) { add(error.message, error.where); }

namespace {

std::string joined(const std::vector<std::string>& names) {
    std::string s;
    for (const auto& n : names) s += (s.empty() ? "" : ", ") + n;
    return s;
}

std::vector<std::string> probeNames(const TopicInfo& info) {
    std::vector<std::string> names;
    for (const auto& p : info.probes) names.push_back(p.name);
    return names;
}

std::string stringAt(const nlohmann::json& j, const char* key) {
    const nlohmann::json* v = jsonField(j, key);
    return v && v->is_string() ? v->get<std::string>() : std::string();
}

ProbeValue valueFrom(const nlohmann::json& v) {
    if (v.is_boolean()) return v.get<bool>();
    if (v.is_number_unsigned()) {
        const auto u = v.get<std::uint64_t>();
        if (u <= static_cast<std::uint64_t>(INT64_MAX)) return static_cast<std::int64_t>(u);
        return static_cast<double>(u);
    }
    if (v.is_number_integer()) return v.get<std::int64_t>();
    if (v.is_number()) return v.get<double>();
    if (v.is_string()) return v.get<std::string>();
    return std::monostate{};
}

// Reads the single comparison of a claim or a probe condition (the schema guarantees one).
void readComparison(const nlohmann::json& j, Claim& claim) {
    static const std::pair<const char*, CompareOp> kOps[] = {
        {"equals", CompareOp::Equals},
        {"not_equals", CompareOp::NotEquals},
        {"at_least", CompareOp::AtLeast},
        {"at_most", CompareOp::AtMost}};
    for (const auto& [key, op] : kOps) {
        if (const nlohmann::json* v = jsonField(j, key)) {
            claim.op = op;
            claim.value = valueFrom(*v);
            return;
        }
    }
}

}  // namespace

std::string partName(const std::string& pointer) {
    for (const auto& [prefix, name] : {std::pair{"/steps/", "step "}, std::pair{"/quiz/", "quiz item "}}) {
        if (pointer.rfind(prefix, 0) != 0) continue;
        std::size_t i = 0;
        for (std::size_t at = std::string(prefix).size(); at < pointer.size() && pointer[at] >= '0' && pointer[at] <= '9'; ++at)
            i = i * 10 + static_cast<std::size_t>(pointer[at] - '0');
        return name + std::to_string(i + 1);
    }
    return "this part";
}

void checkMaxEvents(std::size_t maxEvents, const std::string& pointer, Problems& problems) {
    if (maxEvents <= kLessonBudget.events) return;
    problems.add(partName(pointer) + " allows maxEvents = " + groupedNumber(static_cast<std::int64_t>(maxEvents)) +
                     "; a lesson may run at most " + groupedNumber(static_cast<std::int64_t>(kLessonBudget.events)) +
                     " events",
                 pointer + "/maxEvents");
}

void checkNode(const std::string& node, const std::string& pointer, const TopicContext& ctx,
               Problems& problems) {
    if (!ctx.nodesKnown) return;
    if (std::find(ctx.nodes.begin(), ctx.nodes.end(), node) == ctx.nodes.end())
        problems.add("unknown node '" + node + "' (this scenario has: " + joined(ctx.nodes) + ")",
                     pointer);
}

ProbeRef parseProbeRef(const nlohmann::json& j, const std::string& pointer,
                       const TopicContext& ctx, Problems& problems) {
    ProbeRef ref{stringAt(j, "probe"), stringAt(j, "node"), stringAt(j, "key")};
    if (!ctx.info) return ref;
    const ProbeSpec* spec = ctx.info->findProbe(ref.probe);
    if (!spec) {
        problems.add("unknown probe '" + ref.probe + "' for topic '" + ctx.info->id +
                         "' (known: " + joined(probeNames(*ctx.info)) + ")",
                     pointer + "/probe");
        return ref;
    }
    if (spec->perNode && ref.node.empty())
        problems.add("probe '" + ref.probe + "' is per node: add \"node\"", pointer);
    else if (!spec->perNode && !ref.node.empty())
        problems.add("probe '" + ref.probe + "' is not per node: remove \"node\"",
                     pointer + "/node");
    else if (spec->perNode)
        checkNode(ref.node, pointer + "/node", ctx, problems);
    if (spec->perKey && ref.key.empty())
        problems.add("probe '" + ref.probe + "' is per key: add \"key\"", pointer);
    else if (!spec->perKey && !ref.key.empty())
        problems.add("probe '" + ref.probe + "' takes no key: remove \"key\"", pointer + "/key");
    return ref;
}

Claim parseClaim(const nlohmann::json& j, const std::string& pointer, const TopicContext& ctx,
                 Problems& problems) {
    Claim claim;
    claim.ref = parseProbeRef(j, pointer, ctx, problems);
    claim.pointer = pointer;
    readComparison(j, claim);
    return claim;
}

UntilCondition parseUntil(const nlohmann::json& j, const std::string& pointer,
                          const TopicContext& ctx, Problems& problems) {
    using Kind = UntilCondition::Kind;
    UntilCondition u;
    if (j.contains("event")) {
        u.kind = Kind::Event;
        u.event = stringAt(j, "event");
        u.detail = stringAt(j, "detail");
        u.node = stringAt(j, "node");
        u.peer = stringAt(j, "peer");
        if (auto c = j.find("count"); c != j.end() && c->is_number_unsigned())
            u.count = c->get<std::size_t>();
        if (ctx.info) {
            const auto& kinds = ctx.info->eventKinds;
            if (std::find(kinds.begin(), kinds.end(), u.event) == kinds.end())
                problems.add("unknown event kind '" + u.event + "' for topic '" + ctx.info->id +
                                 "' (known: " + joined(kinds) + ")",
                             pointer + "/event");
        }
        if (!u.node.empty()) checkNode(u.node, pointer + "/node", ctx, problems);
        if (!u.peer.empty()) checkNode(u.peer, pointer + "/peer", ctx, problems);
    } else if (j.contains("time_ms") || j.contains("after_ms")) {
        const bool absolute = j.contains("time_ms");
        u.kind = absolute ? Kind::TimeMs : Kind::AfterMs;
        const auto& v = j.at(absolute ? "time_ms" : "after_ms");
        u.ms = v.is_number() ? static_cast<std::int64_t>(v.get<double>()) : 0;
        if (u.ms > kLessonBudget.time / kMillisecond)
            problems.add(partName(pointer) + " runs until " + (absolute ? "t = " : "") + groupedNumber(u.ms) + " ms" +
                             (absolute ? "" : " after it starts") + "; lessons may run at most " +
                             groupedNumber(kLessonBudget.time / kSecond) + " simulated seconds per step",
                         pointer + (absolute ? "/time_ms" : "/after_ms"));
    } else if (j.contains("events")) {
        u.kind = Kind::Events;
        const auto& v = j.at("events");
        u.events = v.is_number_unsigned() ? v.get<std::size_t>() : 1;
    } else if (j.contains("probe")) {
        u.kind = Kind::Probe;
        u.probe = parseClaim(j, pointer, ctx, problems);
    } else {
        u.kind = Kind::Idle;
    }
    return u;
}

std::vector<Action> parseActions(const nlohmann::json& list, const std::string& pointer,
                                 const TopicContext& ctx, Problems& problems) {
    std::vector<Action> actions;
    if (!list.is_array()) return actions;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string at = pointer + "/" + std::to_string(i);
        if (list[i].contains("at_ms")) {
            // Step and predict actions happen when the step starts; a time would be ambiguous.
            problems.add("actions of a step or predict item run when it starts; remove \"at_ms\"",
                         at + "/at_ms");
            continue;
        }
        auto action = actionFromJson(list[i], at);
        if (!action) {
            problems.add(action.error());
            continue;
        }
        if (ctx.info && ctx.nodesKnown) {
            if (Status s = validateActions({action.value()}, *ctx.info, ctx.nodes, pointer); !s) {
                // validateActions numbers its single element 0; put the real index back.
                std::string where = s.error().where;
                const std::string zero = pointer + "/0";
                if (where.rfind(zero, 0) == 0) where.replace(0, zero.size(), at);
                problems.add(s.error().message, where);
                continue;
            }
        }
        action->byUser = true;  // so a branch from an earlier step drops it (Timeline::act)
        actions.push_back(std::move(action.value()));
    }
    return actions;
}

}  // namespace sb::core::lesson_detail
