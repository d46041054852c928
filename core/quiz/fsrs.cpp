#include "quiz/fsrs.h"

#include <algorithm>
#include <cmath>

namespace sb::core::quiz {

namespace {

constexpr double kMinStability = 0.001;
constexpr double kMaxStability = 36500.0;

// The reference rounds its intermediate values to 8 decimals (JavaScript Math.round, half
// toward +infinity); doing the same at the same places keeps long histories within 1e-6 of it
// instead of drifting by ~1e-5 on stabilities in the thousands.
double round8(double x) {
    return std::floor(x * 1e8 + 0.5) / 1e8;
}

double decayFactor(const FsrsParams& p) {
    return round8(std::pow(0.9, -1.0 / p.w[20]) - 1.0);
}

int gradeValue(Grade g) {
    return static_cast<int>(g);
}

double initDifficultyRaw(int g, const FsrsParams& p) {
    return round8(p.w[4] - std::exp(static_cast<double>(g - 1) * p.w[5]) + 1.0);
}

double nextDifficulty(double d, int g, const FsrsParams& p) {
    const double delta = -p.w[6] * static_cast<double>(g - 3);
    const double damped = d + round8(delta * (10.0 - d) / 9.0);  // linear damping toward 10
    // Mean reversion toward the initial difficulty of an Easy first answer (not clamped there).
    const double reverted = round8(p.w[7] * initDifficultyRaw(4, p) + (1.0 - p.w[7]) * damped);
    return std::clamp(reverted, 1.0, 10.0);
}

double recallStability(double d, double s, double r, int g, const FsrsParams& p) {
    const double hard = g == 2 ? p.w[15] : 1.0;
    const double easy = g == 4 ? p.w[16] : 1.0;
    const double inc = std::exp(p.w[8]) * (11.0 - d) * std::pow(s, -p.w[9]) *
                       (std::exp((1.0 - r) * p.w[10]) - 1.0) * hard * easy;
    return round8(std::clamp(s * (1.0 + inc), kMinStability, kMaxStability));
}

double forgetStability(double d, double s, double r, const FsrsParams& p) {
    const double f = p.w[11] * std::pow(d, -p.w[12]) * (std::pow(s + 1.0, p.w[13]) - 1.0) *
                     std::exp((1.0 - r) * p.w[14]);
    // A lapse never raises stability (short-term off, so the floor is S itself).
    return std::min(std::max(round8(s), kMinStability),
                    round8(std::clamp(f, kMinStability, kMaxStability)));
}

}  // namespace

double retrievability(const FsrsMemory& m, double elapsedDays, const FsrsParams& p) {
    if (m.isNew()) return 0.0;
    const double t = std::max(0.0, elapsedDays);
    return round8(std::pow(1.0 + decayFactor(p) * t / m.stability, -p.w[20]));
}

FsrsMemory nextMemory(const FsrsMemory& m, Grade grade, std::int64_t elapsedDays,
                      const FsrsParams& p) {
    const int g = gradeValue(grade);
    if (m.isNew()) {
        return {std::max(p.w[static_cast<std::size_t>(g - 1)], 0.1),
                std::clamp(initDifficultyRaw(g, p), 1.0, 10.0)};
    }
    const double r = retrievability(m, static_cast<double>(std::max<std::int64_t>(0, elapsedDays)), p);
    FsrsMemory out;
    out.stability = g == 1 ? forgetStability(m.difficulty, m.stability, r, p)
                           : recallStability(m.difficulty, m.stability, r, g, p);
    out.difficulty = nextDifficulty(m.difficulty, g, p);
    return out;
}

int fsrsInterval(double stability, const FsrsParams& p) {
    const double factor = decayFactor(p);
    const double modifier = round8((std::pow(p.desiredRetention, -1.0 / p.w[20]) - 1.0) / factor);
    const double days = std::floor(stability * modifier + 0.5);
    return static_cast<int>(std::clamp(days, 1.0, static_cast<double>(p.maximumInterval)));
}

FsrsStep fsrsReview(const FsrsMemory& m, Grade grade, std::int64_t elapsedDays,
                    const FsrsParams& p) {
    // The reference computes all four outcomes and orders their intervals, so that a better
    // grade never schedules sooner; the interval of one grade depends on the others.
    std::array<int, 4> ivl{};
    FsrsMemory chosen;
    for (const Grade g : {Grade::Again, Grade::Hard, Grade::Good, Grade::Easy}) {
        const FsrsMemory next = nextMemory(m, g, elapsedDays, p);
        ivl[static_cast<std::size_t>(gradeValue(g) - 1)] = fsrsInterval(next.stability, p);
        if (g == grade) chosen = next;
    }
    ivl[0] = std::min(ivl[0], ivl[1]);
    ivl[1] = std::max(ivl[1], ivl[0] + 1);
    ivl[2] = std::max(ivl[2], ivl[1] + 1);
    ivl[3] = std::max(ivl[3], ivl[2] + 1);
    return {chosen, ivl[static_cast<std::size_t>(gradeValue(grade) - 1)]};
}

}  // namespace sb::core::quiz
