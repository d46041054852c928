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
    m_stopAt.reset();
    m_undo->clear();
    afterMove();
    emit loaded();
    emit changed();
    return {};
}

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
    const std::size_t before = t->position();
    if (m_run) {
        if (core::Status s = m_run->act(action); !s) return s;
        // An animated step no longer ends where it was recorded: play on freely instead.
        m_stopAtStepEnd = false;
        m_stopAt.reset();
        lessonMoved();
    } else {
        if (core::Status s = t->act(action); !s) return s;
        m_stopAt.reset();
        // Apply it now, so the learner sees the effect of the gesture at once.
        t->seekTime(t->now() + 1);
        afterMove();
    }
    emit branched(before);
    emit changed();
    return {};
}

TimelineSnapshot SimController::snapshot() const {
    const core::Timeline* t = timeline();
    if (!t) return {};
    TimelineSnapshot s{t->sim().session(), t->position(), {t->position(), displayTime()}, false};
    if (m_run) s.explored = m_run->cursor().explored;
    return s;
}

core::Status SimController::restore(const TimelineSnapshot& snapshot) {
    core::Timeline* t = mutableTimeline();
    if (!t) return core::makeError("nothing is loaded");
    pause();
    if (m_run) {
        if (core::Status s = m_run->restore(m_registry, snapshot.session, snapshot.moment, snapshot.explored); !s)
            return s;
        lessonMoved();
    } else {
        auto sim = core::Simulation::create(m_registry, snapshot.session);
        if (!sim) return sim.error();
        *t = core::Timeline(std::move(sim.value()), t->checkpointEvery());
        t->seek(snapshot.position);
        afterMove();
    }
    emit branched(snapshot.position);
    emit changed();
    return {};
}

}  // namespace sb::widgets
