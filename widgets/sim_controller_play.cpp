// Playback and lesson navigation. In a lesson every move goes through core::LessonRun, which
// keeps the lesson cursor and the timeline together; this file only animates and announces.
#include <QUndoStack>
#include <algorithm>

#include "lesson/playback_pace.h"
#include "sim_controller.h"

namespace sb::widgets {

core::Status SimController::loadLesson(const core::Lesson& lesson) {
    auto run = core::LessonRun::start(lesson, m_registry);
    if (!run) return run.error();
    pause();
    m_timeline.reset();
    m_run = std::make_unique<core::LessonRun>(std::move(run.value()));
    m_stopAt.reset();
    m_stopAtStepEnd = false;
    m_undo->clear();
    afterMove();
    lessonMoved();
    emit loaded();
    emit changed();
    return {};
}

core::Status SimController::adoptSession(const core::Scenario& session) {
    if (!m_run) return core::makeError("no lesson is open");
    pause();
    if (core::Status s = m_run->adopt(m_registry, session); !s) return s;
    m_undo->clear();
    lessonMoved();
    emit cursorChanged();
    emit changed();
    return {};
}

core::Time SimController::displayTime() const { return m_run ? m_run->cursor().moment.time : m_displayTime; }

std::size_t SimController::currentStep() const { return m_run ? m_run->cursor().step : 0; }

const core::StepResult* SimController::lastStepResult() const {
    if (!m_run || !m_run->cursor().done()) return nullptr;
    return m_run->resultOf(m_run->cursor().step);
}

void SimController::startAnimation() {
    m_clock.start();
    if (!m_timer.isActive()) {
        m_timer.start();
        emit playingChanged(true);
    }
}

void SimController::stopAnimation() {
    m_stopAt.reset();
    m_stopTime.reset();
    m_stopAtStepEnd = false;
    if (!m_timer.isActive()) return;
    m_timer.stop();
    emit playingChanged(false);
}

void SimController::play() {
    if (!timeline() || m_timer.isActive()) return;
    m_stopAtStepEnd = false;
    startAnimation();
}

void SimController::pause() {
    if (!m_timer.isActive()) return;
    stopAnimation();
    if (!m_run && timeline()) m_displayTime = timeline()->now();
    // Paused between two events inside a step: show the last event's moment, so stepping back
    // and forward again returns to exactly what is shown now. A step's end keeps its moment.
    if (m_run && !m_run->cursor().done()) {
        m_run->seek(m_run->timeline().position());
        lessonMoved();
    }
    emit changed();
}

void SimController::togglePlay() { playing() ? pause() : play(); }

void SimController::setSpeed(double speed) {
    const double clamped = std::clamp(speed, 0.1, 10.0);
    if (clamped == m_speed) return;
    m_speed = clamped;
    emit speedChanged(m_speed);
}

void SimController::afterMove() {
    if (const core::Timeline* t = timeline()) m_displayTime = t->now();
}

// Announces what the cursor did. `finished`: playback has just reached the running step's end.
void SimController::lessonMoved(bool finished) {
    if (!m_run) return;
    const core::LessonCursor& c = m_run->cursor();
    const bool moved = c.step != m_shownStep || c.phase != m_shownPhase || c.explored != m_shownExplored;
    const bool entered = c.running() && (c.step != m_shownStep || m_shownPhase != core::StepPhase::Running);
    m_shownStep = c.step;
    m_shownPhase = c.phase;
    m_shownExplored = c.explored;
    if (entered) emit stepStarted(c.step);
    if (moved || finished) emit cursorChanged();
    if (finished) emit stepFinished(c.step);
}

void SimController::stepForward() { stepOnce(true); }

void SimController::stepBack() { stepOnce(false); }

// One event forward or back: through the lesson run in a lesson, else on the bare timeline.
void SimController::stepOnce(bool forward) {
    if (m_run) {
        if (forward)
            m_run->stepForward();
        else
            m_run->stepBack();
        lessonMoved();
    } else if (core::Timeline* t = mutableTimeline()) {
        if (forward)
            t->stepForward();
        else
            t->stepBack();
        afterMove();
    }
    if (timeline()) emit changed();
}

void SimController::seek(std::size_t position) {
    core::Timeline* t = mutableTimeline();
    if (!t) return;
    if (m_run) {
        m_run->seek(position);
        lessonMoved();
    } else {
        if (position == t->position()) return;
        t->seek(position);
        afterMove();
    }
    emit changed();
}

void SimController::seekTime(core::Time time) {
    core::Timeline* t = mutableTimeline();
    if (!t) return;
    if (m_run) {
        m_run->seekTime(time);
        lessonMoved();
    } else {
        t->seekTime(time);
        // Show exactly t: the next event is later, so messages in flight sit where they are at t.
        m_displayTime = std::max(t->now(), time);
    }
    emit changed();
}

void SimController::reset() {
    pause();
    if (m_run) {
        goToStepEnd(0);
        return;
    }
    seek(0);
    emit changed();
}

void SimController::runStep(std::size_t step) {
    if (!m_run) return;
    pause();
    // Lesson steps run from the lesson's own path, which abandons the learner's experiments:
    // their undo history goes too.
    m_undo->clear();
    if (core::Status s = m_run->beginStep(step); !s) {
        emit error(QString::fromStdString(s.error().text()));
        return;
    }
    lessonMoved();
    if (m_run->cursor().done()) {
        lessonMoved(true);  // a step that takes no time is over at once
    } else {
        m_stopAtStepEnd = true;
        startAnimation();
    }
    emit changed();
}

bool SimController::hasNextStep() const {
    if (!m_run) return false;
    const core::LessonCursor& c = m_run->cursor();
    return c.step < m_run->lesson().steps.size() || c.running();
}

void SimController::nextStep() {
    if (!hasNextStep()) return;
    const core::LessonCursor& c = m_run->cursor();
    const std::size_t count = m_run->lesson().steps.size();
    if (c.step >= count) {
        goToStepEnd(count);
        return;
    }
    runStep(c.step + 1);
}

void SimController::previousStep() {
    if (!m_run) return;
    const std::size_t s = m_run->cursor().step;
    goToStepEnd(s == 0 ? 0 : s - 1);
}

void SimController::goToStepEnd(std::size_t step) {
    if (!m_run) return;
    pause();
    m_undo->clear();  // as in runStep: back on the lesson's path
    if (core::Status s = m_run->goToStep(step); !s) {
        emit error(QString::fromStdString(s.error().text()));
        return;
    }
    lessonMoved();
    emit cursorChanged();  // even when the cursor names the same step: the claims are decided now
    emit changed();
}

void SimController::playTo(std::size_t position) {
    const core::Timeline* t = timeline();
    if (!t || position <= t->position()) return;
    m_stopAtStepEnd = false;
    m_stopAt = position;
    startAnimation();
}

void SimController::playToTime(core::Time time) {
    if (!timeline() || time <= displayTime()) return;
    m_stopAtStepEnd = false;
    m_stopAt.reset();
    m_stopTime = time;
    startAnimation();
}

void SimController::leaveLessonPath() {
    if (!m_run) return;
    pause();
    m_run->leavePath();
    lessonMoved();
    emit changed();
}

core::Time SimController::pacedAhead(double wallMs) const {
    const core::Timeline* t = timeline();
    double stepPace = 1.0;
    if (m_run) {
        const core::LessonCursor& c = m_run->cursor();
        if (c.step > 0 && c.step <= m_run->lesson().steps.size() && c.running())
            stepPace = m_run->lesson().steps[c.step - 1].pace;
    }
    return core::pacedAdvance(*t, displayTime(), wallMs, m_speed, stepPace);
}

void SimController::advanceLesson(core::Time ahead) {
    const std::size_t stopAt = m_stopAt.value_or(static_cast<std::size_t>(-1));
    const bool stepEnd = m_stopAtStepEnd;
    const bool stopped = m_run->advance(displayTime() + ahead, stepEnd, stopAt);
    const core::LessonCursor& c = m_run->cursor();
    const bool over = c.explored || (c.done() && c.step >= m_run->lesson().steps.size());
    // Going to a time (playToTime) runs on through an idle model: the clock still has to get there.
    const bool idle = over && !m_run->timeline().sim().nextTime() && !m_stopTime;
    if (stopped || idle) {
        stopAnimation();
        lessonMoved(stopped && stepEnd && m_run->cursor().done());
        emit changed();
        return;
    }
    lessonMoved();
    emit changed();
}

void SimController::advance(double wallMs) {
    core::Timeline* t = mutableTimeline();
    if (!t) return;
    core::Time ahead = pacedAhead(wallMs);
    if (m_stopTime) ahead = std::min(ahead, std::max<core::Time>(0, *m_stopTime - displayTime()));
    if (m_run) {
        advanceLesson(ahead);
    } else {
        advancePlain(*t, ahead);
    }
    if (m_stopTime && displayTime() >= *m_stopTime) {
        stopAnimation();
        emit changed();
    }
}

void SimController::advancePlain(core::Timeline& t, core::Time ahead) {
    const core::Time target = m_displayTime + ahead;
    auto next = t.sim().nextTime();
    while (next && *next <= target && (!m_stopAt || t.position() < *m_stopAt)) {
        t.stepForward();
        next = t.sim().nextTime();
    }
    m_displayTime = target;
    if (m_stopAt && t.position() >= *m_stopAt) {
        stopAnimation();
        m_displayTime = t.now();
        emit changed();
        return;
    }
    if (!next && !m_stopTime) {  // the run went idle
        m_displayTime = t.now();
        pause();
    }
    emit changed();
}

void SimController::tick() { advance(static_cast<double>(m_clock.restart())); }

}  // namespace sb::widgets
