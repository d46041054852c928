#include "sim_controller.h"

#include <QUndoStack>
#include <algorithm>
#include <cmath>

#include "undo_commands.h"

namespace sb::widgets {

SimController::SimController(const core::TopicRegistry& registry, QObject* parent)
    : QObject(parent), m_registry(registry), m_undo(new QUndoStack(this)) {
    m_timer.setInterval(16);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &SimController::tick);
}

SimController::~SimController() = default;

const core::Timeline* SimController::timeline() const {
    if (m_run) return &m_run->timeline();
    return m_timeline.get();
}

core::Timeline* SimController::mutableTimeline() {
    if (m_run) return &m_run->timeline();
    return m_timeline.get();
}

core::Status SimController::load(const core::Scenario& scenario) {
    auto sim = core::Simulation::create(m_registry, scenario);
    if (!sim) return sim.error();
    pause();
    m_run.reset();
    m_timeline = std::make_unique<core::Timeline>(std::move(sim.value()));
    // Record the scripted part of the run up front (and a second after it), so the scrubber
    // spans the scenario from the start. Capped: a long script must not stall loading.
    core::Time horizon = core::kSecond;
    for (const auto& a : scenario.actions) horizon = std::max(horizon, a.at + core::kSecond);
    m_timeline->runUntil([horizon](const core::Event& e) { return e.time >= horizon; }, kPrerecordEvents);
    m_timeline->seek(0);
    m_currentStep = 0;
    m_stopAt.reset();
    m_pendingStep.reset();
    m_lastStep.reset();
    m_undo->clear();
    afterMove();
    emit loaded();
    emit changed();
    return {};
}

core::Status SimController::loadLesson(const core::Lesson& lesson) {
    auto run = core::LessonRun::start(lesson, m_registry);
    if (!run) return run.error();
    pause();
    m_timeline.reset();
    m_run = std::make_unique<core::LessonRun>(std::move(run.value()));
    m_currentStep = 0;
    m_stopAt.reset();
    m_pendingStep.reset();
    m_lastStep.reset();
    m_undo->clear();
    afterMove();
    emit loaded();
    emit changed();
    return {};
}

void SimController::play() {
    if (!timeline() || m_timer.isActive()) return;
    m_clock.start();
    m_timer.start();
    emit playingChanged(true);
}

void SimController::pause() {
    if (!m_timer.isActive()) return;
    m_timer.stop();
    m_stopAt.reset();
    if (timeline()) m_displayTime = timeline()->now();
    emit playingChanged(false);
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

void SimController::stepForward() {
    core::Timeline* t = mutableTimeline();
    if (!t) return;
    t->stepForward();
    afterMove();
    emit changed();
}

void SimController::stepBack() {
    core::Timeline* t = mutableTimeline();
    if (!t) return;
    t->stepBack();
    afterMove();
    emit changed();
}

void SimController::seek(std::size_t position) {
    core::Timeline* t = mutableTimeline();
    if (!t || position == t->position()) return;
    t->seek(position);
    afterMove();
    emit changed();
}

void SimController::seekTime(core::Time time) {
    core::Timeline* t = mutableTimeline();
    if (!t) return;
    t->seekTime(time);
    // Show exactly t: the next event is later, so messages in flight sit where they are at t.
    m_displayTime = std::max(t->now(), time);
    emit changed();
}

void SimController::reset() {
    pause();
    seek(0);
    m_currentStep = 0;
    m_lastStep.reset();
    emit changed();
}

void SimController::runStep(std::size_t step) {
    if (!m_run || step == 0 || step > m_run->lesson().steps.size()) return;
    pause();
    // Lesson steps run from the lesson's own path (LessonRun seeks to the recorded end of the
    // previous step), which abandons the learner's experiments: their undo history goes too.
    m_undo->clear();
    if (auto done = m_run->runToEndOfStep(step - 1); !done) {
        emit error(QString::fromStdString(done.error().text()));
        return;
    }
    const std::size_t from = m_run->timeline().position();
    m_pendingStep = m_run->runNextStep();  // records the step so playback can animate it
    const std::size_t to = m_run->timeline().position();
    m_currentStep = step;
    m_run->timeline().seek(from);
    afterMove();
    emit stepStarted(step);
    if (to == from) {
        finishStep();
        return;
    }
    m_stopAt = to;
    m_clock.start();
    m_timer.start();
    emit playingChanged(true);
    emit changed();
}

void SimController::finishStep() {
    m_lastStep = std::move(m_pendingStep);
    m_pendingStep.reset();
    emit stepFinished(m_currentStep);
    emit changed();
}

void SimController::nextStep() {
    if (!m_run) return;
    const std::size_t next = std::min(m_currentStep + 1, m_run->lesson().steps.size());
    if (next != m_currentStep || !m_lastStep) runStep(next);
}

void SimController::previousStep() {
    if (m_currentStep > 0) goToStepEnd(m_currentStep - 1);
}

void SimController::goToStepEnd(std::size_t step) {
    if (!m_run || step > m_run->lesson().steps.size()) return;
    pause();
    m_undo->clear();  // as in runStep: back on the lesson's path
    if (auto done = m_run->runToEndOfStep(step); !done) {
        emit error(QString::fromStdString(done.error().text()));
        return;
    }
    m_currentStep = step;
    m_lastStep.reset();
    afterMove();
    emit stepStarted(step);
    emit changed();
}

void SimController::playTo(std::size_t position) {
    const core::Timeline* t = timeline();
    if (!t || position <= t->position()) return;
    m_pendingStep.reset();
    m_stopAt = position;
    m_clock.start();
    m_timer.start();
    emit playingChanged(true);
}

void SimController::advance(double wallMs) {
    core::Timeline* t = mutableTimeline();
    if (!t) return;
    const auto ahead = static_cast<core::Time>(std::llround(wallMs * kSimUsPerWallMs * m_speed));
    const core::Time target = m_displayTime + std::max<core::Time>(ahead, 1);
    auto next = t->sim().nextTime();
    while (next && *next <= target && (!m_stopAt || t->position() < *m_stopAt)) {
        t->stepForward();
        next = t->sim().nextTime();
    }
    m_displayTime = target;
    if (m_stopAt && t->position() >= *m_stopAt) {
        m_timer.stop();
        m_stopAt.reset();
        m_displayTime = t->now();
        emit playingChanged(false);
        finishStep();
        return;
    }
    if (!next) {  // the run went idle
        m_displayTime = t->now();
        pause();
    }
    emit changed();
}

void SimController::tick() { advance(static_cast<double>(m_clock.restart())); }

core::Status SimController::perform(core::Action action, const QString& description) {
    if (!timeline()) return core::makeError("nothing is loaded");
    action.byUser = true;
    if (core::Status s = timeline()->sim().validate(action); !s) return s;
    m_undo->push(new ActionCommand(this, std::move(action), description));
    return {};
}

core::Status SimController::actNow(const core::Action& action) {
    core::Timeline* t = mutableTimeline();
    if (!t) return core::makeError("nothing is loaded");
    if (core::Status s = t->act(action); !s) return s;
    if (m_run) m_run->branchHere();
    // A step being animated no longer ends where it was recorded: play on freely instead.
    m_stopAt.reset();
    m_pendingStep.reset();
    // Apply it now, so the learner sees the effect of the gesture at once.
    const std::size_t before = t->position();
    t->seekTime(t->now() + 1);
    afterMove();
    emit branched(before);
    emit changed();
    return {};
}

TimelineSnapshot SimController::snapshot() const {
    const core::Timeline* t = timeline();
    if (!t) return {};
    return {t->sim().session(), t->position()};
}

core::Status SimController::restore(const TimelineSnapshot& snapshot) {
    core::Timeline* t = mutableTimeline();
    if (!t) return core::makeError("nothing is loaded");
    auto sim = core::Simulation::create(m_registry, snapshot.session);
    if (!sim) return sim.error();
    pause();
    *t = core::Timeline(std::move(sim.value()), t->checkpointEvery());
    t->seek(snapshot.position);
    if (m_run) m_run->branchHere();
    afterMove();
    emit branched(snapshot.position);
    emit changed();
    return {};
}

}  // namespace sb::widgets
