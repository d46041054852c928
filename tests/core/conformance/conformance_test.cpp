// The checks every registered topic must pass, whatever it models. A new topic gets them by
// being registered: determinism, exact seek back and forth, probes that answer, parameter
// ranges that are honoured and refused outside, and actions that apply. Topic-specific behaviour
// stays in tests/core/topics/<topic>/.
#include <catch2/catch.hpp>

#include <sstream>

#include "sim/registry.h"
#include "sim/simulation.h"
#include "sim/timeline.h"
#include "sim/trace.h"
#include "fault_script.h"
#include "test_registry.h"

using namespace sb::core;

namespace {

const TopicRegistry& registry() { return sb::test::builtinRegistry(); }

constexpr std::size_t kEvents = 1500;

using sb::test::declares;

// Every run crashes and restarts its first node, when the topic has those actions, so topics
// that sit idle without a script still produce a trace to compare.
Result<Timeline> start(const std::string& topic, ParamValues params = {}, std::uint64_t seed = 7) {
    Scenario sc;
    sc.topic = topic;
    sc.seed = seed;
    sc.params = std::move(params);
    auto sim = Simulation::create(registry(), sc);
    if (!sim.ok()) return sim.error();
    const TopicInfo& info = sim.value().model().info();
    if (declares(info, "crash") && declares(info, "restart")) {
        const std::string first = sim.value().model().nodeNames().at(0);
        for (const auto& [ms, kind] : {std::pair{40, "crash"}, std::pair{160, "restart"}}) {
            Action a;
            a.at = fromMs(ms);
            a.kind = kind;
            a.args = {{"node", first}};
            if (const Status s = sim.value().schedule(a); !s.ok()) return s.error();
        }
    }
    return Timeline(std::move(sim.value()), 64);
}

Timeline mustStart(const std::string& topic, ParamValues params = {}, std::uint64_t seed = 7) {
    auto t = start(topic, std::move(params), seed);
    INFO(topic << ": " << (t.ok() ? "" : t.error().message));
    REQUIRE(t.ok());
    return std::move(t.value());
}

std::string traceText(const Timeline& t) {
    std::ostringstream out;
    writeTrace(out, t.trace(), t.model().nodeNames());
    return out.str();
}

// Everything observable about a model at one moment: every probe (per node where it is per
// node), every metric, the violations and the view's nodes and messages. Two states that agree on
// all of it are the same state as far as any lesson, test or screen can tell.
std::string fingerprint(const Model& m) {
    std::ostringstream out;
    out << "t=" << m.now() << ";";
    const auto nodes = m.nodeNames();
    for (const ProbeSpec& p : m.info().probes) {
        if (p.perKey) continue;
        if (!p.perNode) {
            out << p.name << "=" << probeToString(m.probe(p.name, kNoNode)) << ";";
            continue;
        }
        for (std::size_t n = 0; n < nodes.size(); ++n)
            out << p.name << "(" << nodes[n] << ")=" << probeToString(m.probe(p.name, static_cast<NodeId>(n))) << ";";
    }
    for (const Metric& metric : m.metrics()) out << metric.name << "=" << metric.value << ";";
    for (const Violation& v : m.violations()) out << "!" << v.invariant << ":" << v.detail << ";";
    const View view = m.view(m.now());
    for (const NodeView& n : view.nodes) out << n.name << ":" << n.role << ":" << n.value << ":" << n.crashed << ";";
    for (const MessageView& msg : view.messages) out << "m" << msg.id << ":" << msg.kind << ";";
    return out.str();
}

}  // namespace

TEST_CASE("every topic: the same seed gives the same trace, byte for byte", "[conformance]") {
    for (const std::string& id : registry().ids()) {
        INFO("topic " << id);
        Timeline a = mustStart(id);
        Timeline b = mustStart(id);
        a.seek(kEvents);
        b.seek(kEvents);
        CHECK(a.position() > 0);
        CHECK(traceText(a) == traceText(b));
    }
}

TEST_CASE("every topic: seeking back and forth restores the exact state", "[conformance]") {
    for (const std::string& id : registry().ids()) {
        INFO("topic " << id);
        Timeline t = mustStart(id);
        t.seek(kEvents);
        const std::size_t end = t.position();
        const std::string atEnd = fingerprint(t.model());
        t.seek(end / 3);
        const std::string atThird = fingerprint(t.model());
        t.seek(end);
        CHECK(fingerprint(t.model()) == atEnd);
        while (t.position() > end / 3) t.stepBack();
        CHECK(fingerprint(t.model()) == atThird);
    }
}

TEST_CASE("every topic: each declared probe answers", "[conformance]") {
    for (const std::string& id : registry().ids()) {
        Timeline t = mustStart(id);
        t.seek(kEvents / 4);
        for (const ProbeSpec& p : t.model().info().probes) {
            INFO("topic " << id << ", probe " << p.name);
            CHECK_FALSE(p.description.empty());
            if (p.perKey) continue;  // keys are topic vocabulary; the topic's own tests probe them
            CHECK_FALSE(std::holds_alternative<std::monostate>(t.model().probe(p.name, p.perNode ? 0 : kNoNode)));
        }
    }
}

TEST_CASE("every topic: parameters run at both ends of their range and are refused outside it", "[conformance]") {
    for (const std::string& id : registry().ids()) {
        const TopicInfo& info = *registry().find(id);
        for (const ParamSpec& spec : info.params.specs()) {
            INFO("topic " << id << ", param " << spec.name);
            CHECK_FALSE(spec.description.empty());
            CHECK(spec.min <= spec.defaultValue);
            CHECK(spec.defaultValue <= spec.max);
            for (const double v : {spec.min, spec.max}) {
                Timeline t = mustStart(id, {{spec.name, v}});
                t.seek(300);
                CHECK(t.model().violations().empty());
            }
            if (spec.type == ParamType::Bool || spec.type == ParamType::Choice) continue;
            const double step = spec.type == ParamType::Int ? 1.0 : (spec.max - spec.min) / 10.0 + 1e-9;
            CHECK_FALSE(info.params.check(spec.name, spec.max + step).ok());
            CHECK_FALSE(info.params.check(spec.name, spec.min - step).ok());
            CHECK_FALSE(start(id, {{spec.name, spec.max + step}}).ok());
        }
    }
}

namespace {

// Arguments for an action built from its spec alone. String arguments are topic vocabulary (a
// key name, a term list) that no generic test can invent; those actions are only checked for a
// clean refusal of nonsense below.
std::optional<nlohmann::json> genericArgs(const ActionSpec& spec, const Timeline& t) {
    const auto nodes = t.model().nodeNames();
    nlohmann::json args = nlohmann::json::object();
    for (const ArgSpec& a : spec.args) {
        switch (a.type) {
            case ArgType::Node: args[a.name] = nodes.at(a.name == "to" && nodes.size() > 1 ? 1 : 0); break;
            case ArgType::Nodes: args[a.name] = nlohmann::json::array({nodes.at(0)}); break;
            case ArgType::Groups: args[a.name] = nlohmann::json::array({nlohmann::json::array({nodes.at(0)})}); break;
            case ArgType::Int: args[a.name] = 1; break;
            case ArgType::Real: args[a.name] = 1.0; break;
            case ArgType::Bool: args[a.name] = true; break;
            case ArgType::Message: {
                const View v = t.model().view(t.now());
                if (v.messages.empty()) return std::nullopt;
                args[a.name] = v.messages.front().id;
                break;
            }
            case ArgType::String:
                if (!a.required) break;
                if (spec.kind == "set" && a.name == "param") {
                    args[a.name] = t.model().info().params.specs().at(0).name;
                    break;
                }
                return std::nullopt;
        }
    }
    return args;
}

}  // namespace

TEST_CASE("every topic: each declared action applies, and nonsense is refused without harm", "[conformance]") {
    for (const std::string& id : registry().ids()) {
        const TopicInfo& info = *registry().find(id);
        for (const ActionSpec& spec : info.actions) {
            INFO("topic " << id << ", action " << spec.kind);
            CHECK_FALSE(spec.description.empty());
            Timeline t = mustStart(id);
            t.seek(200);
            if (const auto args = genericArgs(spec, t)) {
                Action a;
                a.kind = spec.kind;
                a.args = *args;
                if (spec.kind == "set") a.args["value"] = info.params.specs().at(0).defaultValue;
                const Status s = t.act(a);
                INFO((s.ok() ? std::string() : s.error().message));
                CHECK(s.ok());
                t.seek(t.position() + 200);  // the run goes on after it
            }
            Action bad;
            bad.kind = spec.kind;
            bad.args = {{"node", "no-such-node"}, {"msg", 999999999}, {"key", 3.5}};
            const Status refused = t.act(bad);
            if (!refused.ok()) CHECK_FALSE(refused.error().message.empty());
        }
    }
}

TEST_CASE("every topic: a crashed node does nothing at all until it restarts", "[conformance][crash]") {
    // The node crashes at instants where other things are due too (every 10 ms, on the same
    // microsecond as scripted actions and the model's timers), over many seeds.
    for (const std::string& id : registry().ids()) {
        const TopicInfo& info = *registry().find(id);
        if (!declares(info, "crash") || !declares(info, "restart")) continue;
        for (std::uint64_t seed = 1; seed <= 40; ++seed) {
            INFO("topic " << id << ", seed " << seed);
            Timeline t = mustStart(id, {}, seed);
            const auto names = t.model().nodeNames();
            const std::string victim = names.at(seed % names.size());
            Action crash;
            crash.at = fromMs(static_cast<std::int64_t>(200 + 10 * (seed % 7)));
            crash.kind = "crash";
            crash.args = {{"node", victim}};
            Action restart = crash;
            restart.at = crash.at + fromMs(300);
            restart.kind = "restart";
            REQUIRE(t.act(crash).ok());
            REQUIRE(t.act(restart).ok());
            t.seek(4000);
            const auto victimId = static_cast<NodeId>(seed % names.size());
            // At the crash instant itself the crash's own consequences may name the node (its keys
            // move off a ring); but it sends nothing, fires no timer and receives nothing, and
            // after that instant nothing at all happens at it except drops of messages to it.
            bool down = false;
            Time crashedAt = 0;
            for (std::size_t i = t.firstKept(); i < t.recorded(); ++i) {
                const Event& e = t.event(i);
                if (e.is("action") && std::string_view(e.detail) == "crash" && e.node == victimId) {
                    down = true;
                    crashedAt = e.time;
                }
                if (e.is("action") && std::string_view(e.detail) == "restart" && e.node == victimId) down = false;
                if (!down || e.node != victimId || e.is("action") || e.is("drop")) continue;
                const bool acts = e.is("send") || e.is("timer") || e.is("deliver");
                if (!acts && e.time == crashedAt) continue;
                FAIL_CHECK("event " << i << " (" << e.kind << " " << e.detail << ") at the crashed node "
                                    << victim << " at t=" << e.time);
                break;
            }
        }
    }
}

TEST_CASE("raft: a write and a crash at the same instant: the write's sends leave first, then silence",
          "[conformance][crash][raft]") {
    Scenario sc;
    sc.topic = "raft";
    sc.seed = 3;
    sc.params = {{"nodes", 5}};
    auto a = [](const char* json) { return actionFromJson(nlohmann::json::parse(json), "").value(); };
    sc.actions = {a(R"({"at_ms":1,"do":"force_timeout","node":"n1"})"),
                  a(R"({"at_ms":100,"do":"client_write","node":"n1","key":0,"value":5})"),
                  a(R"({"at_ms":100,"do":"crash","node":"n1"})")};
    auto sim = Simulation::create(registry(), sc);
    REQUIRE(sim.ok());
    Timeline t(std::move(sim.value()), 64);
    t.seek(3000);
    std::size_t crashAt = 0;
    for (std::size_t i = 0; i < t.recorded(); ++i)
        if (t.event(i).is("action") && std::string_view(t.event(i).detail) == "crash") crashAt = i;
    REQUIRE(crashAt > 0);
    for (std::size_t i = crashAt + 1; i < t.recorded(); ++i) {
        const Event& e = t.event(i);
        INFO("event " << i << ": " << e.kind << " " << e.detail);
        CHECK((e.node != 0 || e.is("drop")));
    }
}
