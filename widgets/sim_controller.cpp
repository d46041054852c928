#include "sim_controller.h"

#include <cmath>

namespace sb::widgets {

SimController::SimController(const core::TopicRegistry& registry, QObject* parent)
    : QObject(parent), m_registry(registry) {
    m_timer.setInterval(16);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &SimController::tick);
}

core::Status SimController::load(const core::Scenario& scenario) {
    auto sim = core::Simulation::create(m_registry, scenario);
    if (!sim) return sim.error();
    m_timeline = std::make_unique<core::Timeline>(std::move(sim.value()));
    m_displayTime = 0;
    emit changed();
    return {};
}

void SimController::play() {
    if (!m_timeline || m_timer.isActive()) return;
    m_clock.start();
    m_timer.start();
    emit playingChanged(true);
}

void SimController::pause() {
    if (!m_timer.isActive()) return;
    m_timer.stop();
    emit playingChanged(false);
}

void SimController::setSpeed(double speed) { m_speed = std::clamp(speed, 0.1, 10.0); }

void SimController::stepForward() {
    if (!m_timeline) return;
    m_timeline->stepForward();
    m_displayTime = m_timeline->now();
    emit changed();
}

void SimController::stepBack() {
    if (!m_timeline) return;
    m_timeline->stepBack();
    m_displayTime = m_timeline->now();
    emit changed();
}

void SimController::tick() {
    const auto elapsedMs = static_cast<double>(m_clock.restart());
    // Simulated microseconds for this frame, at the chosen speed (1x = 1 simulated ms per ms).
    const auto advance = static_cast<core::Time>(std::llround(elapsedMs * 1000.0 * m_speed));
    const core::Time target = m_displayTime + std::max<core::Time>(advance, 1);
    auto next = m_timeline->sim().nextTime();
    while (next && *next <= target) {
        m_timeline->stepForward();
        next = m_timeline->sim().nextTime();
    }
    m_displayTime = target;
    if (!next) {
        m_displayTime = m_timeline->now();
        pause();
    }
    emit changed();
}

}  // namespace sb::widgets
