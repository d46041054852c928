#include "lesson/playback_pace.h"

#include <algorithm>
#include <cmath>
#include <string_view>

namespace sb::core {

double paceWeight(const Event& event) {
    for (std::string_view light : {"send", "deliver", "timer", "drop", "action", "duplicate"})
        if (event.is(light)) return 0.05;
    return 1.0;
}

Time pacedAdvance(const Timeline& t, Time shown, double wallMs, double speed, double stepPace, const PaceRule& rule) {
    const double base = rule.usPerWallMs;
    const auto window = static_cast<Time>(base * rule.windowWallMs);
    // Weighted events due within the window, from the recorded future (a lesson step is
    // recorded before it is animated, so its bunches are known in advance).
    double weight = 0;
    for (std::size_t i = t.position(); i < t.recorded(); ++i) {
        const Event& e = t.event(i);
        if (e.time > shown + window) break;
        if (e.time >= shown) weight += paceWeight(e);
    }
    double rate = base;
    if (weight > 0) {
        // The window should last weight / eventsPerSecond seconds.
        const double wanted = static_cast<double>(window) * rule.eventsPerSecond / (1000.0 * weight);
        rate = std::clamp(wanted, rule.slowest, base);
    } else {
        Time next = -1;
        if (t.position() < t.recorded()) next = t.event(t.position()).time;
        else if (auto n = t.sim().nextTime()) next = *n;
        const double gap = next < 0 ? 0.0 : static_cast<double>(next - shown);
        if (gap > static_cast<double>(window))
            rate = std::clamp((gap - static_cast<double>(window) / 2) / rule.idleWallMs, base, base * rule.idleBoost);
    }
    const double ahead = rate * wallMs * speed * stepPace;
    return std::max<Time>(1, static_cast<Time>(std::llround(ahead)));
}

}  // namespace sb::core
