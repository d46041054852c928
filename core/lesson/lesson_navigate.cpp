// The lesson cursor: every navigation moves the timeline and the cursor together, so the step
// shown, its narration, its claims and the scene describe one moment (issue 15).
#include <algorithm>

#include "lesson/lesson_check.h"

namespace sb::core {

const StepResult* LessonRun::resultOf(std::size_t n) const {
    if (n == 0 || n > m_results.size()) return nullptr;
    return &m_results[n - 1];
}

void LessonRun::syncCursor(Moment m) {
    m_cursor.ends.clear();
    for (std::size_t k = 0; k < m_stepEnds.size(); ++k) m_cursor.ends.push_back({m_stepEnds[k], m_stepClocks[k]});
    // On a learner's branch, past the last end it shares with the lesson, the step is the one
    // the change was made in; before it the lesson's own ends still place the moment.
    if (m_cursor.explored && m > m_cursor.ends.back()) {
        LessonCursor c = m_branchCursor;
        c.ends = m_cursor.ends;
        c.moment = m;
        c.explored = true;
        m_cursor = std::move(c);
        return;
    }
    m_cursor = locate(m_cursor, m);
}

void LessonRun::rejoinPath() {
    if (!m_cursor.explored) return;
    // Every end kept is at or before the learner's first change: the path is exact up to there.
    m_timeline.seek(m_stepEnds.back());
    m_timeline.discardFuture();
    m_cursor.explored = false;
}

void LessonRun::recordThrough(std::size_t n) {
    rejoinPath();
    n = std::min(n, m_lesson.steps.size());
    while (stepsDone() < n) runNextStep();
}

void LessonRun::extendPathTo(std::size_t position) {
    if (m_cursor.explored) return;
    const std::size_t back = m_timeline.position();
    bool recorded = false;
    while (stepsDone() < m_lesson.steps.size() && m_stepEnds.back() <= position) {
        runNextStep();
        recorded = true;
    }
    if (recorded) m_timeline.seek(back);
}

Status LessonRun::beginStep(std::size_t n) {
    if (n == 0 || n > m_lesson.steps.size())
        return makeError("the lesson has no step " + std::to_string(n), m_lesson.file);
    recordThrough(n);
    m_timeline.seek(m_stepEnds[n - 1]);
    m_cursor.step = n;
    m_cursor.phase = StepPhase::Running;
    syncCursor(Moment{m_stepEnds[n - 1], m_stepClocks[n - 1]});
    return {};
}

Status LessonRun::goToStep(std::size_t n) {
    if (n > m_lesson.steps.size())
        return makeError("the lesson has " + std::to_string(m_lesson.steps.size()) + " steps, not " +
                             std::to_string(n),
                         m_lesson.file);
    recordThrough(n);
    m_timeline.seek(m_stepEnds[n]);
    syncCursor(Moment{m_stepEnds[n], m_stepClocks[n]});
    // Named explicitly: a later step that took no time ends at the same moment.
    m_cursor.step = n;
    m_cursor.phase = n == 0 ? StepPhase::Start : StepPhase::Done;
    return {};
}

Status LessonRun::nextStep() {
    const std::size_t count = m_lesson.steps.size();
    const std::size_t s = m_cursor.step;
    if (count == 0) return {};
    if (s >= count) return m_cursor.running() ? goToStep(count) : Status{};
    return beginStep(s + 1);
}

Status LessonRun::previousStep() {
    const std::size_t s = m_cursor.step;
    if (s == 0) return goToStep(0);
    return goToStep(s - 1);
}

bool LessonRun::advance(Time target, bool stopAtStepEnd, std::size_t stopAt) {
    auto freePlay = [&] {
        while (m_timeline.position() < stopAt) {
            auto next = m_timeline.sim().nextTime();
            if (!next || *next > target || !m_timeline.stepForward()) break;
        }
        const bool stopped = m_timeline.position() >= stopAt;
        syncCursor(Moment{m_timeline.position(),
                          stopped ? m_timeline.now() : std::max({target, m_timeline.now(), m_cursor.moment.time})});
        return stopped;
    };
    if (m_cursor.explored) return freePlay();
    const std::size_t count = m_lesson.steps.size();
    // Each pass either finishes the running step, begins the next one, or runs out of time.
    for (std::size_t guard = 0; guard <= 2 * count + 2; ++guard) {
        const std::size_t s = m_cursor.step;
        if (m_cursor.running()) {
            if (s > stepsDone()) {
                const std::size_t back = m_timeline.position();
                recordThrough(s);
                m_timeline.seek(back);
            }
            const Moment end{m_stepEnds[s], m_stepClocks[s]};
            while (m_timeline.position() < end.position && m_timeline.position() < stopAt) {
                auto next = m_timeline.sim().nextTime();
                if (!next || *next > target || !m_timeline.stepForward()) break;
            }
            if (m_timeline.position() >= stopAt && m_timeline.position() < end.position) {
                syncCursor(Moment{m_timeline.position(), m_timeline.now()});
                return true;
            }
            if (m_timeline.position() < end.position || target < end.time) {
                syncCursor(Moment{m_timeline.position(), std::max({target, m_timeline.now(), m_cursor.moment.time})});
                return false;
            }
            m_cursor.phase = StepPhase::Done;
            syncCursor(end);
            m_cursor.step = s;
            m_cursor.phase = StepPhase::Done;
            if (stopAtStepEnd) return true;
            continue;
        }
        if (s >= count) return freePlay();  // after the last step the run plays on freely
        const bool moving = target > m_cursor.moment.time;
        if (!moving) return false;
        // The next step begins here: record it on the path, then play into it.
        const std::size_t back = m_timeline.position();
        recordThrough(s + 1);
        m_timeline.seek(back);
        m_cursor.step = s + 1;
        m_cursor.phase = StepPhase::Running;
    }
    return false;
}

void LessonRun::stepForward() {
    extendPathTo(m_timeline.position());
    if (m_timeline.stepForward()) syncCursor(Moment{m_timeline.position(), m_timeline.now()});
}

void LessonRun::stepBack() {
    // One event back, as the arrow key promises; at the first event, from a moment later than
    // the state's own clock (a step that waited) back to that clock.
    if (m_timeline.stepBack() || m_cursor.moment.time > m_timeline.now())
        syncCursor(Moment{m_timeline.position(), m_timeline.now()});
}

void LessonRun::seek(std::size_t position) {
    if (position > 0) extendPathTo(position - 1);
    m_timeline.seek(position);
    syncCursor(Moment{m_timeline.position(), m_timeline.now()});
}

void LessonRun::seekTime(Time t) {
    if (!m_cursor.explored) {
        const std::size_t back = m_timeline.position();
        bool recorded = false;
        while (stepsDone() < m_lesson.steps.size() && m_stepClocks.back() < t) {
            runNextStep();
            recorded = true;
        }
        if (recorded) m_timeline.seek(back);
    }
    m_timeline.seekTime(t);
    syncCursor(Moment{m_timeline.position(), std::max(t, m_timeline.now())});
}

// Drops the recorded ends after moment `at`: a future this run no longer has.
void LessonRun::forgetEndsAfter(Moment at) {
    while (m_stepEnds.size() > 1 && Moment{m_stepEnds.back(), m_stepClocks.back()} > at) {
        m_stepEnds.pop_back();
        m_stepClocks.pop_back();
    }
    m_results.resize(m_stepEnds.size() - 1);
}

void LessonRun::leavePath() {
    if (m_cursor.explored) return;
    m_timeline.discardFuture();  // the later steps' actions, scheduled but not applied, go too
    m_branchCursor = m_cursor;
    m_branchCursor.explored = true;
    forgetEndsAfter(m_cursor.moment);
    m_cursor.explored = true;
    syncCursor(m_cursor.moment);
}

Status LessonRun::act(Action action) {
    const Moment at = m_cursor.moment;
    action.byUser = true;
    // A gesture happens at the moment shown; a scripted one (the quiz's) keeps its own time.
    action.at = action.at == Action::kAsap ? std::max(at.time, m_timeline.now() + 1)
                                           : std::max(action.at, m_timeline.now() + 1);
    if (Status s = m_timeline.act(action); !s) return s;
    m_branchCursor = m_cursor;  // the step the change is made in
    m_branchCursor.explored = true;
    forgetEndsAfter(at);  // ends after the change belong to a future this run no longer has
    m_cursor.explored = true;
    m_timeline.seekTime(action.at);
    syncCursor(Moment{m_timeline.position(), std::max(action.at, m_timeline.now())});
    return {};
}

Status LessonRun::restore(const TopicRegistry& registry, const Scenario& session, Moment m, bool explored) {
    auto sim = Simulation::create(registry, session);
    if (!sim) return sim.error();
    m_timeline = Timeline(std::move(sim.value()), m_timeline.checkpointEvery(), m_timeline.limits());
    forgetEndsAfter(m);
    m_cursor.explored = explored;
    if (!explored) {
        // Back on the lesson's path: the steps the change had cut off are recorded again, from
        // a script without the later steps' actions the session still held.
        m_timeline.seek(m_stepEnds.back());
        m_timeline.discardFuture();
        while (stepsDone() < m_lesson.steps.size() && Moment{m_stepEnds.back(), m_stepClocks.back()} < m)
            runNextStep();
    }
    m_timeline.seek(m.position);
    syncCursor(Moment{m_timeline.position(), std::max(m.time, m_timeline.now())});
    // Undone back to a step that had begun: its end is recorded again, so playback (and the
    // pacing, which looks ahead) know where it stops.
    if (!explored && m_cursor.running() && m_cursor.step > stepsDone()) {
        recordThrough(m_cursor.step);
        m_timeline.seek(m.position);
        syncCursor(Moment{m_timeline.position(), std::max(m.time, m_timeline.now())});
    }
    return {};
}

Status LessonRun::adopt(const TopicRegistry& registry, const Scenario& session) {
    // The lesson's own path, every step, is what the session is compared with.
    if (Status s = goToStep(0); !s) return s;
    recordThrough(m_lesson.steps.size());
    const std::vector<Action> path = m_timeline.sim().session().actions;
    const std::vector<Action>& saved = session.actions;
    std::size_t i = 0;
    while (i < path.size() && i < saved.size() && path[i] == saved[i]) ++i;
    if (i == saved.size()) {
        // Nothing but the lesson's own actions (perhaps fewer of them): a moment on the path.
        seek(session.position);
        return {};
    }
    // The learner changed the run at `diverge`: the steps that ended before it are the lesson's.
    const Time diverge = saved[i].at;
    std::size_t keep = 0;
    while (keep < stepsDone() && m_stepClocks[keep + 1] < diverge && m_stepEnds[keep + 1] <= session.position) ++keep;
    // Whether the step after them had begun: its actions are among those the session shares.
    bool began = false;
    for (std::size_t j = 0; j < i; ++j) began = began || (path[j].byUser && path[j].at >= m_stepClocks[keep]);
    goToStep(keep);
    LessonCursor branch = m_cursor;
    if (began && keep < m_lesson.steps.size()) {
        branch.step = keep + 1;
        branch.phase = StepPhase::Running;
    }
    const Moment shared{m_stepEnds[keep], m_stepClocks[keep]};
    m_branchCursor = branch;
    m_branchCursor.explored = true;
    if (Status s = restore(registry, session, shared, true); !s) return s;
    m_timeline.seek(std::max(session.position, shared.position));
    syncCursor(Moment{m_timeline.position(), m_timeline.now()});
    return {};
}

}  // namespace sb::core
