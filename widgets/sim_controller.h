#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <memory>

#include "sim/registry.h"
#include "sim/timeline.h"

namespace sb::widgets {

// Owns the timeline of the current run and plays it in simulated time. Panels listen to its
// signals; none of them touches the model directly.
class SimController : public QObject {
    Q_OBJECT
public:
    explicit SimController(const core::TopicRegistry& registry, QObject* parent = nullptr);

    core::Status load(const core::Scenario& scenario);
    const core::Timeline* timeline() const { return m_timeline.get(); }
    // The time being shown: between two events while playing, so motion is smooth.
    core::Time displayTime() const { return m_displayTime; }
    bool playing() const { return m_timer.isActive(); }
    double speed() const { return m_speed; }

    void play();
    void pause();
    void setSpeed(double speed);
    void stepForward();
    void stepBack();

signals:
    void changed();
    void playingChanged(bool playing);

private:
    void tick();

    const core::TopicRegistry& m_registry;
    std::unique_ptr<core::Timeline> m_timeline;
    QTimer m_timer;
    QElapsedTimer m_clock;
    core::Time m_displayTime = 0;
    double m_speed = 0.25;  // simulated ms per wall ms; protocols in ms are too fast at 1x
};

}  // namespace sb::widgets
