#pragma once

#include <QObject>
#include <QTimer>

namespace sb::widgets {

// The interview rehearsal's clock: whole seconds counted down by tick(). A QTimer calls tick()
// once a second while running; tests leave the timer off (setAutoTick(false)) and call tick()
// themselves, so nothing depends on wall time.
class Countdown : public QObject {
    Q_OBJECT
public:
    explicit Countdown(QObject* parent = nullptr);

    void start(int seconds);
    void stop();
    void tick();
    int remaining() const { return m_remaining; }
    bool running() const { return m_running; }
    void setAutoTick(bool on);
    bool autoTick() const { return m_auto; }
    // "1:05"
    static QString format(int seconds);

signals:
    void ticked(int remaining);
    void expired();

private:
    QTimer m_timer;
    int m_remaining = 0;
    bool m_running = false;
    bool m_auto = true;
};

}  // namespace sb::widgets
