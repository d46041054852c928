#include "lesson/playback_pace.h"

#include <algorithm>
#include <cmath>
#include <string_view>

namespace sb::core {

double paceWeight(const Event& event) {
    // Asked of every event in the simulated second around the shown time, on every frame (a
    // sixth of a busy cache lesson's frame went here): one look at the first letter, then at
    // most three comparisons, not six.
    const std::string_view kind = event.kind;
    bool light = false;
    switch (kind.empty() ? '\0' : kind.front()) {
        case 's': light = kind == "send"; break;
        case 'd': light = kind == "deliver" || kind == "drop" || kind == "duplicate"; break;
        case 't': light = kind == "timer"; break;
        case 'a': light = kind == "action"; break;
        default: break;
    }
    return light ? 0.05 : 1.0;
}

namespace {

// The average weight per window of the run around the window starting at `shown`, the window
// itself left out: the `windows` windows before it, or near the start of the run, where there
// is not that much before it, as much of the recorded run after it as makes up the difference.
double context(const Timeline& t, Time shown, Time window, int windows) {
    const std::vector<Event>& trace = t.trace();
    if (trace.empty()) return 0;
    const Time span = window * windows;
    Time from = std::max<Time>(0, shown - span);
    if (t.firstKept() > 0) from = std::max(from, trace.front().time);
    const Time to = std::max(shown, std::min(from + span, trace.back().time));
    const Time covered = (shown - from) + std::max<Time>(0, to - (shown + window));
    if (covered <= 0) return 0;
    // The trace is in time order: find the stretch by bisection, not by walking a long run.
    auto it = std::lower_bound(trace.begin(), trace.end(), from, [](const Event& e, Time v) { return e.time < v; });
    double weight = 0;
    for (; it != trace.end() && it->time <= to; ++it)
        if (it->time < shown || it->time > shown + window) weight += paceWeight(*it);
    return weight * static_cast<double>(window) / static_cast<double>(covered);
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
        // The window should last weight / eventsPerSecond seconds, unless the run around it is
        // about as busy: then it slows only by how much busier it is than its context.
        const double wanted = static_cast<double>(window) * rule.eventsPerSecond / (1000.0 * weight);
        const double usual = base * std::min(1.0, rule.contrast * context(t, shown, window, rule.aroundWindows) / weight);
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
