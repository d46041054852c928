// Claims and run-until conditions: the parts of the runner that read model state.
#include <algorithm>
#include <cmath>

#include "lesson/lesson_check.h"
#include "sim/model_capabilities.h"
#include "sim/run_budget.h"

namespace sb::core {

namespace {

std::optional<double> number(const ProbeValue& v) {
    if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
    if (const auto* d = std::get_if<double>(&v)) return *d;
    return std::nullopt;
}

bool same(const ProbeValue& a, const ProbeValue& b) {
    const auto* ia = std::get_if<std::int64_t>(&a);
    const auto* ib = std::get_if<std::int64_t>(&b);
    if (ia && ib) return *ia == *ib;
    auto na = number(a);
    auto nb = number(b);
    if (na && nb) {
        // Ratios like "max_load at_most 1.2" come out of floating point; compare with slack.
        const double scale = std::max({1.0, std::fabs(*na), std::fabs(*nb)});
        return std::fabs(*na - *nb) <= 1e-9 * scale;
    }
    return a == b;
}

NodeId nodeIdOf(const Model& model, const std::string& name) {
    if (name.empty()) return kNoNode;
    const auto names = model.nodeNames();
    auto it = std::find(names.begin(), names.end(), name);
    return it == names.end() ? kNoNode - 1 : static_cast<NodeId>(it - names.begin());
}

}  // namespace

bool compareProbe(const ProbeValue& actual, CompareOp op, const ProbeValue& expected) {
    switch (op) {
        case CompareOp::Equals: return same(actual, expected);
        case CompareOp::NotEquals: return !same(actual, expected);
        case CompareOp::AtLeast:
        case CompareOp::AtMost: {
            auto a = number(actual);
            auto e = number(expected);
            if (!a || !e) return false;
            return op == CompareOp::AtLeast ? *a >= *e - 1e-9 * std::max(1.0, std::fabs(*e))
                                            : *a <= *e + 1e-9 * std::max(1.0, std::fabs(*e));
        }
    }
    return false;
}

ClaimResult evaluateClaim(const Claim& claim, const Model& model) { return evaluateClaim(claim, model, model.now()); }

ClaimResult evaluateClaim(const Claim& claim, const Model& model, Time t) {
    ClaimResult r;
    r.claim = claim;
    const NodeId node = nodeIdOf(model, claim.ref.node);
    if (node < kNoNode) {
        r.problem = "node '" + claim.ref.node + "' does not exist in this run";
        return r;
    }
    r.actual = probeAt(model, claim.ref.probe, node, claim.ref.key, std::max(t, model.now()));
    r.passed = compareProbe(r.actual, claim.op, claim.value);
    return r;
}

std::size_t LessonRun::runUntil(Timeline& timeline, const UntilCondition& until, Time startTime,
                                std::size_t startPosition, std::size_t maxEvents, bool& reached) {
    const std::size_t already = timeline.position() > startPosition ? timeline.position() - startPosition : 0;
    using Kind = UntilCondition::Kind;
    reached = false;
    // However it is phrased, a step spans at most kLessonBudget.time of simulated time.
    const Time deadline = startTime + kLessonBudget.time;
    auto pastDeadline = [&] {
        auto next = timeline.sim().nextTime();
        return next && *next > deadline;
    };
    switch (until.kind) {
        case Kind::Event: {
            const Model& model = timeline.model();
            const NodeId node = until.node.empty() ? kNoNode : nodeIdOf(model, until.node);
            const NodeId peer = until.peer.empty() ? kNoNode : nodeIdOf(model, until.peer);
            auto matches = [&](const Event& e) {
                if (until.event != e.kind) return false;
                if (!until.detail.empty() && until.detail != e.detail) return false;
                if (!until.node.empty() && e.node != node) return false;
                return until.peer.empty() || e.peer == peer;
            };
            std::size_t seen = 0;
            // Events older than the timeline keeps cannot be counted; a lesson step never runs
            // that long (kDefaultStepMaxEvents is far below TimelineLimits::keptEvents).
            for (std::size_t i = std::max(startPosition, timeline.firstKept());
                 i < timeline.position() && i < timeline.recorded(); ++i)
                seen += matches(timeline.event(i)) ? 1U : 0U;
            if (seen >= until.count) {
                reached = true;
                return 0;
            }
            const std::size_t n = timeline.runUntil(
                [&](const Event& e) { return (matches(e) && ++seen >= until.count) || pastDeadline(); }, maxEvents);
            reached = seen >= until.count;
            return n;
        }
        case Kind::TimeMs:
        case Kind::AfterMs: {
            const Time target = fromMs(until.ms) + (until.kind == Kind::AfterMs ? startTime : 0);
            std::size_t n = 0;
            while (true) {
                auto next = timeline.sim().nextTime();
                if (!next || *next > target) {
                    reached = true;  // nothing else happens by then: the time has come
                    break;
                }
                if (n >= maxEvents || !timeline.stepForward()) break;
                ++n;
            }
            return n;
        }
        case Kind::Events: {
            const std::size_t want = until.events > already ? until.events - already : 0;
            const std::size_t n =
                want == 0 || pastDeadline() ? 0 : timeline.runUntil([&](const Event&) { return pastDeadline(); }, std::min(want, maxEvents));
            reached = n == want;
            return n;
        }
        case Kind::Probe: {
            auto holds = [&] { return evaluateClaim(until.probe, timeline.model()).passed; };
            if (holds()) {
                reached = true;
                return 0;
            }
            const std::size_t n = timeline.runUntil([&](const Event&) { return holds() || pastDeadline(); }, maxEvents);
            reached = holds();
            return n;
        }
        case Kind::Idle: {
            std::size_t n = 0;
            while (n < maxEvents && !pastDeadline() && timeline.stepForward()) ++n;
            reached = !timeline.sim().nextTime().has_value();
            return n;
        }
    }
    return 0;
}

}  // namespace sb::core
