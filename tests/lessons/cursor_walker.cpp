// Random learner navigations and the agreement check run after each.
#include <sstream>

#include "cursor_support.h"

namespace sb::test {

using namespace sb::core;

namespace {

std::string describe(const LessonCursor& c) {
    std::ostringstream out;
    out << "step " << c.step << (c.running() ? " running" : c.done() ? " done" : " start") << " at "
        << c.moment.position << '/' << c.moment.time << (c.explored ? " explored" : "");
    return out.str();
}

bool userActionsMatchPath(const std::vector<Action>& run, const std::vector<Action>& path, Time upTo) {
    std::vector<Action> a;
    std::vector<Action> b;
    for (const auto& x : run)
        if (x.at < upTo) a.push_back(x);
    for (const auto& x : path)
        if (x.at < upTo) b.push_back(x);
    return a == b;
}

}  // namespace

Walker::Walker(const Lesson& lesson, Reference& reference, std::uint64_t seed)
    : m_lesson(lesson), m_reference(reference), m_run(LessonRun::start(lesson, registry()).value()), m_rng(seed) {}

void Walker::gesture() {
    std::vector<Action> pool;
    for (const auto& step : m_lesson.steps)
        for (const auto& a : step.actions) pool.push_back(a);
    const auto names = m_run.timeline().model().nodeNames();
    Action crash;
    crash.kind = "crash";
    crash.args["node"] = names[static_cast<std::size_t>(m_rng.range(0, static_cast<std::int64_t>(names.size()) - 1))];
    pool.push_back(crash);
    Action a = pool[static_cast<std::size_t>(m_rng.range(0, static_cast<std::int64_t>(pool.size()) - 1))];
    a.at = Action::kAsap;
    Saved before{m_run.timeline().sim().session(), m_run.cursor().moment, m_run.cursor().explored};
    if (m_run.act(a)) m_undo.push_back(std::move(before));
}

std::string Walker::randomStep() {
    const auto steps = static_cast<std::int64_t>(m_lesson.steps.size());
    const Time horizon = m_reference.ends().back().time + fromMs(200);
    std::string what;
    switch (m_rng.range(0, 12)) {
        case 0: what = "next"; m_run.nextStep(); break;
        case 1: what = "previous"; m_run.previousStep(); break;
        case 2: {
            const std::size_t s = std::max<std::size_t>(m_run.cursor().step, 1);
            what = "run step " + std::to_string(s);
            m_run.beginStep(s);
            break;
        }
        case 3: {
            const auto n = static_cast<std::size_t>(m_rng.range(0, steps));
            what = "go to step " + std::to_string(n);
            m_run.goToStep(n);
            break;
        }
        case 4: what = "reset"; m_run.goToStep(0); break;
        case 5: {
            const auto p = static_cast<std::size_t>(m_rng.range(0, static_cast<std::int64_t>(m_run.timeline().recorded())));
            what = "scrub to event " + std::to_string(p);
            m_run.seek(p);
            break;
        }
        case 6: {
            const Time t = m_rng.range(0, horizon);
            what = "scrub to " + std::to_string(t) + " us";
            m_run.seekTime(t);
            break;
        }
        case 7: {
            const Time dt = m_rng.range(1, fromMs(300));
            const bool stop = m_rng.chance(0.5);
            what = std::string(stop ? "animate " : "play ") + std::to_string(dt) + " us";
            m_run.advance(m_run.cursor().moment.time + dt, stop);
            break;
        }
        case 8: what = "forward"; m_run.stepForward(); break;
        case 9: what = "back"; m_run.stepBack(); break;
        case 10: what = "gesture"; gesture(); break;
        case 11: what = "leave the path"; m_run.leavePath(); break;  // a predict item's reveal
        default:
            what = "undo";
            if (!m_undo.empty()) {
                const Saved s = m_undo.back();
                m_undo.pop_back();
                m_run.restore(registry(), s.session, s.moment, s.explored);
            }
            break;
    }
    // A lesson navigation goes back to the lesson's path, which ends the undo history.
    if (what == "next" || what == "previous" || what == "reset" || what.rfind("run step", 0) == 0 ||
        what.rfind("go to", 0) == 0)
        m_undo.clear();
    m_history += what + " -> " + describe(m_run.cursor()) + "; ";
    return what;
}

std::string Walker::check() {
    const LessonCursor& c = m_run.cursor();
    const Timeline& t = m_run.timeline();
    const auto& ref = m_reference.ends();
    if (c.moment.position != t.position()) return "the cursor's moment is not the timeline's position";
    if (c.moment.time < t.now()) return "the cursor's moment is before the model's clock";
    for (std::size_t k = 0; k < c.ends.size(); ++k)
        if (k >= ref.size() || c.ends[k] != ref[k]) return "end of step " + std::to_string(k) + " differs from a fresh run";
    // The step's span holds the moment.
    const std::size_t known = c.knownSteps();
    if (c.phase == StepPhase::Start && (c.step != 0 || (!c.explored && c.moment > c.ends[0])))
        return "start shown away from the start";
    if (c.running()) {
        if (c.step == 0 || c.step > m_lesson.steps.size()) return "running a step that does not exist";
        if (c.step <= known + 1 && c.moment < c.ends[c.step - 1]) return "running step shown before its start";
        if (c.step <= known && c.moment >= c.ends[c.step] && !c.explored) return "running step shown after its end";
        if (!c.explored && c.step > known) return "running step with no recorded end on the lesson's path";
    }
    if (c.done() && !c.explored && c.moment != c.ends[c.step] && !(c.step == m_lesson.steps.size() && c.moment > c.ends.back()))
        return "done step shown away from its end";
    // The model: a fresh run of the lesson to the cursor, or on the learner's branch, a fresh
    // replay of the session script (the learner's changes included) to the same position.
    const std::string shown = fingerprint(t);
    if (!c.explored) {
        if (!userActionsMatchPath(t.sim().session().actions, m_reference.script(), c.moment.time))
            return "the run's actions up to the moment are not the lesson's";
        if (shown != m_reference.stateAt(t.position())) return "model differs from a fresh run of the lesson";
    } else {
        auto sim = Simulation::create(registry(), t.sim().session());
        if (!sim) return "the explored session does not replay: " + sim.error().text();
        // One checkpoint only: this timeline is read once, at one position.
        Timeline fresh(std::move(sim.value()), std::size_t{1} << 30);
        fresh.seek(t.position());
        if (fingerprint(fresh) != shown) return "explored model differs from a fresh replay of its session";
    }
    // The claims shown are the shown step's, decided only once it is done.
    const ShownStep s = shownStep(m_run);
    if (c.step == 0) return s.claims.empty() ? std::string() : "claims shown at the start";
    const auto& expect = m_lesson.steps[c.step - 1].expect;
    if (s.claims.size() != expect.size()) return "claims of another step shown";
    for (std::size_t i = 0; i < expect.size(); ++i) {
        if (s.claims[i].text != expect[i].label(&t.model().info())) return "claim text of another step";
        if (c.running() && s.claims[i].mark != ClaimMark::NotYet) return "claim decided before its step ended";
        if (c.done()) {
            const auto& r = m_reference.results()[c.step - 1].claims[i];
            if (s.claims[i].mark != (r.passed ? ClaimMark::Holds : ClaimMark::Fails)) return "claim mark differs from a fresh run";
            // At the step's end on the path, the value shown is the model's at the moment shown
            // (after a wait, the lag or TTL the scene draws then, not the last event's).
            if (!c.explored && c.moment == c.ends[c.step] && r.problem.empty() &&
                s.claims[i].actual != valueWords(evaluateClaim(expect[i], t.model(), c.moment.time).actual))
                return "claim value differs from the model at the moment shown";
        }
    }
    return {};
}

}  // namespace sb::test
