#include "quiz/countdown.h"

#include <algorithm>

namespace sb::widgets {

Countdown::Countdown(QObject* parent) : QObject(parent) {
    m_timer.setInterval(1000);
    connect(&m_timer, &QTimer::timeout, this, &Countdown::tick);
}

void Countdown::start(int seconds) {
    m_remaining = seconds;
    m_running = seconds > 0;
    if (m_running && m_auto) m_timer.start();
    emit ticked(m_remaining);
}

void Countdown::stop() {
    m_running = false;
    m_timer.stop();
}

void Countdown::tick() {
    if (!m_running) return;
    m_remaining = std::max(0, m_remaining - 1);
    emit ticked(m_remaining);
    if (m_remaining == 0) {
        stop();
        emit expired();
    }
}

void Countdown::setAutoTick(bool on) {
    m_auto = on;
    if (!on) m_timer.stop();
    else if (m_running) m_timer.start();
}

QString Countdown::format(int seconds) {
    return QStringLiteral("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

}  // namespace sb::widgets
