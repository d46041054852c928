#include "quiz/review_scheduler.h"

#include <algorithm>

namespace sb::core::quiz {

std::string_view algorithmName(Algorithm a) {
    return a == Algorithm::Sm2 ? "sm2" : "fsrs";
}

std::optional<Algorithm> algorithmFromName(std::string_view name) {
    if (name == "fsrs") return Algorithm::Fsrs;
    if (name == "sm2") return Algorithm::Sm2;
    return std::nullopt;
}

FsrsParams fsrsParams(const SchedulerSettings& settings) {
    FsrsParams p;
    p.desiredRetention = std::clamp(settings.desiredRetention, kMinRetention, kMaxRetention);
    return p;
}

FsrsMemory memoryOf(const SchedulerState& state) {
    return {state.stability, state.difficulty};
}

SchedulerState scheduleReview(const SchedulerState& before, Grade grade, Seconds now,
                              const SchedulerSettings& settings) {
    SchedulerState s = schedule(before, grade, now);
    const FsrsParams params = fsrsParams(settings);
    const std::int64_t elapsed =
        before.isNew() ? 0 : std::max<Day>(0, dayOf(now) - dayOf(before.lastReview));
    const FsrsStep step = fsrsReview(memoryOf(before), grade, elapsed, params);
    s.stability = step.memory.stability;
    s.difficulty = step.memory.difficulty;
    if (settings.algorithm == Algorithm::Fsrs) {
        s.interval = step.interval;
        s.due = dayOf(now) + step.interval;
    }
    return s;
}

double recallOn(const SchedulerState& state, Day day, const FsrsParams& params) {
    if (state.isNew()) return 0.0;
    const Day elapsed = std::max<Day>(0, day - dayOf(state.lastReview));
    return retrievability(memoryOf(state), static_cast<double>(elapsed), params);
}

}  // namespace sb::core::quiz
