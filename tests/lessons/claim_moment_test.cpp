// A step's claims, its narration and the scene describe one moment: the step's end. A step that
// waits ("after_ms": 30) ends after its last event, and the scene is drawn at the end, so a
// claim read at the last event (replication-lag step 2: "lag 22 ms" under a badge of 32 ms)
// would contradict the picture beside it.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <optional>

#include "cursor_support.h"

using namespace sb::core;
using namespace sb::test;

namespace {

const NodeView* nodeNamed(const View& view, const std::string& name) {
    for (const NodeView& n : view.nodes)
        if (n.name == name) return &n;
    return nullptr;
}

const KeyRow* rowOf(const View& view, const std::string& key) {
    for (const KeyRow& r : view.keys)
        if (r.key == key) return &r;
    return nullptr;
}

std::optional<double> number(const ProbeValue& v) {
    if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
    if (const auto* d = std::get_if<double>(&v)) return *d;
    return std::nullopt;
}

// The scene's words for a claim's probe, and the claim's value put the way the scene puts it;
// nullopt for the probes the scene does not show as a number or word of its own.
struct Shown {
    std::string scene;
    std::string claim;
};

std::string secondsText(double ms) {
    char buf[32];
    const double s = ms / 1000.0;
    std::snprintf(buf, sizeof buf, s < 10 ? "%.1f s" : "%.0f s", s);
    return buf;
}

std::optional<Shown> sceneValue(const View& view, const ClaimResult& r) {
    const ProbeRef& ref = r.claim.ref;
    const auto value = number(r.actual);
    if (ref.probe == "lag_ms" && value) {  // replication: the follower's "lag 32 ms" badge
        const NodeView* n = nodeNamed(view, ref.node);
        if (!n) return Shown{"no node " + ref.node, ""};
        for (const Badge& b : n->badges)
            if (b.label.rfind("lag ", 0) == 0 && b.label.rfind("lag spike", 0) != 0)
                return Shown{b.label, "lag " + std::to_string(static_cast<std::int64_t>(std::floor(*value))) + " ms"};
        return std::nullopt;  // a crashed follower shows no lag
    }
    const KeyRow* row = ref.key.empty() ? nullptr : rowOf(view, ref.key);
    if (!row) return std::nullopt;  // the cache shows its first five keys only
    if (ref.probe == "ttl_left_ms" && value && row->leftText.rfind("TTL ", 0) == 0)
        return Shown{row->leftText, "TTL " + secondsText(*value)};
    if (ref.probe == "cached" && std::holds_alternative<bool>(r.actual))
        return Shown{row->value == "-" ? "not cached" : "cached", std::get<bool>(r.actual) ? "cached" : "not cached"};
    if (ref.probe == "version" && value && row->value != "-")
        return Shown{row->value, "v" + std::to_string(static_cast<std::int64_t>(*value))};
    return std::nullopt;
}

}  // namespace

TEST_CASE("every claim the scene shows reads as the scene does at its step's end") {
    std::size_t compared = 0;
    std::size_t afterWaits = 0;
    for (const Lesson* lesson : shippedLessons()) {
        LessonRun run = LessonRun::start(*lesson, registry()).value();
        for (std::size_t n = 1; n <= lesson->steps.size(); ++n) {
            const StepResult r = run.runNextStep();
            INFO(lesson->id << " step " << n);
            // The claims describe the moment the cursor shows for the step's end.
            CHECK(r.endTime == run.stepClock(n));
            const View view = run.timeline().model().view(run.stepClock(n));
            for (const ClaimResult& c : r.claims) {
                const auto shown = sceneValue(view, c);
                if (!shown) continue;
                INFO(c.claim.text());
                CHECK(shown->claim == shown->scene);
                ++compared;
                if (run.stepClock(n) > run.timeline().now()) ++afterWaits;
            }
        }
    }
    // Not vacuous: replication-lag waits 30 ms and 500 ms with a claim on a follower's lag.
    CHECK(compared >= 10);
    CHECK(afterWaits >= 2);
}

TEST_CASE("replication-lag step 2 claims the lag its badge shows, 30 ms after the write") {
    LessonRun run = startLesson("replication-lag");
    REQUIRE(run.goToStep(2));
    const StepResult* r = run.resultOf(2);
    REQUIRE(r != nullptr);
    REQUIRE(r->claims.size() == 3);
    // r3 still lacks the entry written at 0 ms... the step ends 30 ms after step 1's 4 ms.
    CHECK(run.stepClock(2) == run.stepClock(1) + fromMs(30));
    CHECK(run.timeline().now() < run.stepClock(2));
    CHECK(probeToString(r->claims[2].actual) == probeText(run, "lag_ms", "r3"));
    CHECK(shownStep(run).claims[2].actual == valueWords(r->claims[2].actual));
}
