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

namespace {

// The average weight per window over the stretch before `shown` (up to `windows` windows, as
// far as the kept trace reaches); 0 when nothing is before it.
double before(const Timeline& t, Time shown, Time window, int windows) {
    const std::vector<Event>& trace = t.trace();
    Time from = std::max<Time>(0, shown - window * windows);
    if (t.firstKept() > 0 && !trace.empty()) from = std::max(from, trace.front().time);
    if (shown <= from) return 0;
    // The trace is in time order: find the stretch by bisection, not by walking a long run.
    auto it = std::lower_bound(trace.begin(), trace.end(), from, [](const Event& e, Time v) { return e.time < v; });
    double weight = 0;
    for (; it != trace.end() && it->time < shown; ++it) weight += paceWeight(*it);
    return weight * static_cast<double>(window) / static_cast<double>(shown - from);
}

}  // namespace

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
        // The window should last weight / eventsPerSecond seconds, unless the run was about as
        // busy before it: then it slows only by how much busier it is than what came before.
        const double wanted = static_cast<double>(window) * rule.eventsPerSecond / (1000.0 * weight);
        const double usual = base * std::min(1.0, rule.contrast * before(t, shown, window, rule.aroundWindows) / weight);
        rate = std::clamp(std::max(wanted, usual), rule.slowest, base);
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
