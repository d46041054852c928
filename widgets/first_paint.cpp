#include "first_paint.h"

#include <QEvent>
#include <QTimer>
#include <QWidget>
#include <QWindow>
#include <ctime>

namespace sb::widgets {
namespace {

class ExposeWatcher : public QObject {
public:
    ExposeWatcher(QWindow* window, std::function<void()> done) : QObject(window), m_done(std::move(done)) {}

    bool eventFilter(QObject* watched, QEvent* event) override {
        auto* window = qobject_cast<QWindow*>(watched);
        if (event->type() != QEvent::Expose || !window || m_fired) return false;
        // isExposed() is updated before the event is delivered; the paint follows in its handler.
        if (!window->isExposed()) return false;
        m_fired = true;
        window->removeEventFilter(this);
        // A zero timer runs once the Expose handler (and so the first paint) has returned.
        QTimer::singleShot(0, window, [done = std::move(m_done)] { done(); });
        deleteLater();
        return false;
    }

private:
    std::function<void()> m_done;
    bool m_fired = false;
};

}  // namespace

void afterFirstPaint(QWidget* window, std::function<void()> done) {
    window->winId();  // creates the platform window if it does not exist yet
    QWindow* handle = window->windowHandle();
    if (!handle) return;
    handle->installEventFilter(new ExposeWatcher(handle, std::move(done)));
}

double processCpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

}  // namespace sb::widgets
