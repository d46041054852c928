#include "cursor_support.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <sstream>

#include "lesson/lesson_catalog.h"
#include "sim/trace.h"
#include "test_registry.h"

namespace sb::test {

using namespace sb::core;

const TopicRegistry& registry() { return builtinRegistry(); }

std::vector<const Lesson*> shippedLessons() {
    static const LessonCatalog catalog = [] {
        LessonCatalog c(registry());
        c.load(std::string(SPLITBRAIN_SOURCE_DIR) + "/lessons");
        return c;
    }();
    return catalog.lessons();
}

LessonRun startLesson(const std::string& id) {
    for (const Lesson* l : shippedLessons())
        if (l->id == id) return LessonRun::start(*l, registry()).value();
    FAIL("no shipped lesson " << id);
    return LessonRun::start(*shippedLessons().front(), registry()).value();
}

std::size_t sequencesPerLesson() {
    if (const char* n = std::getenv("LESSON_CURSOR_SEQUENCES")) return static_cast<std::size_t>(std::atoll(n));
    return 250;
}

std::size_t sequencesFor(std::size_t events) {
    // A sequence costs about one run of the lesson (each step re-recorded after a gesture, each
    // explored state replayed from the start), so a lesson of many events gets fewer.
    constexpr std::size_t kFull = 1000;
    constexpr std::size_t kFewest = 6;
    const std::size_t full = sequencesPerLesson();
    if (events <= kFull) return full;
    return std::min(full, std::max(kFewest, full * kFull / events));
}

bool playToEnd(LessonRun& run) {
    for (int frame = 0; frame < 1000000; ++frame)
        if (run.advance(run.cursor().moment.time + 1600, true)) return true;
    return false;
}

bool playStep(LessonRun& run, bool next) {
    if (next && !run.nextStep()) return false;
    return run.cursor().done() || playToEnd(run);
}

std::string probeText(const LessonRun& run, const std::string& probe, const std::string& node) {
    Claim c;
    c.ref.probe = probe;
    c.ref.node = node;
    return probeToString(evaluateClaim(c, run.timeline().model(), run.cursor().moment.time).actual);
}

std::string fingerprint(const Timeline& t) {
    const Model& m = t.model();
    std::ostringstream out;
    out << t.position() << '@' << t.now() << ';';
    const auto names = m.nodeNames();
    for (const auto& spec : m.info().probes) {
        if (!spec.perNode) out << spec.name << '=' << probeToString(m.probe(spec.name, kNoNode)) << ';';
        else
            for (std::size_t n = 0; n < names.size(); ++n)
                out << spec.name << '(' << names[n] << ")=" << probeToString(m.probe(spec.name, static_cast<NodeId>(n))) << ';';
    }
    for (const auto& metric : m.metrics()) out << metric.name << '=' << metric.value << ';';
    out << "violations=" << m.violations().size();
    // The latest events as well: two runs with the same probes may still have reached them
    // differently (a message in flight, a timer armed).
    for (std::size_t i = t.position() >= 3 ? t.position() - 3 : 0; i < t.position(); ++i)
        if (i >= t.firstKept()) out << '\n' << traceLine(i, t.event(i), names);
    return out.str();
}

bool sameAsFreshRun(const LessonRun& run) {
    Reference fresh(run.lesson());
    const std::string expected = fresh.stateAt(run.timeline().position());
    const std::string actual = fingerprint(run.timeline());
    INFO("fresh: " << expected << "\nshown: " << actual);
    return expected == actual;
}

Reference::Reference(const Lesson& lesson) : m_run(LessonRun::start(lesson, registry()).value()) {
    m_run.goToStep(lesson.steps.size());
    m_ends = m_run.cursor().ends;
    for (std::size_t k = 1; k <= lesson.steps.size(); ++k) m_results.push_back(*m_run.resultOf(k));
    m_script = m_run.timeline().sim().session().actions;
}

std::string Reference::stateAt(std::size_t position) {
    m_run.seek(position);
    return fingerprint(m_run.timeline());
}

}  // namespace sb::test
