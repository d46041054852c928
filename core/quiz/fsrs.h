#pragma once

#include <array>
#include <cstdint>

#include "quiz/scheduler.h"

namespace sb::core::quiz {

// The FSRS memory model, version FSRS-6 (the open-spaced-repetition project's Free Spaced
// Repetition Scheduler; formulas as implemented by ts-fsrs 5.4.2 "using FSRS-6.0" and py-fsrs
// 6.x), used day-granular: enable_short_term = false and no fuzz, so every review schedules a
// whole number of days and the same history always gives the same schedule. The short-term
// (same-day) weights w17..w19 are therefore unused; a same-day review is an ordinary review
// with elapsed time 0 (retrievability 1), exactly as the reference does with short-term off.
//
// Per card: stability S (days until recall falls to 90%), difficulty D in [1, 10], and
// retrievability R(t, S) = (1 + F * t / S)^(-w20) with F = 0.9^(-1 / w20) - 1, so R(S, S) = 0.9.
//   first review, grade G:  S0 = max(w[G-1], 0.1),  D0 = clamp(w4 - e^(w5 (G-1)) + 1, 1, 10)
//   difficulty:   D' = clamp(w7 D0(Easy) + (1-w7) (D + (-w6 (G-3)) (10-D)/9), 1, 10)
//   recalled (G > 1):  S' = S (1 + e^w8 (11-D) S^-w9 (e^(w10 (1-R)) - 1) h e),
//                      h = w15 if Hard else 1, e = w16 if Easy else 1
//   forgotten (G = 1): S' = min(S, w11 D^-w12 ((S+1)^w13 - 1) e^(w14 (1-R)))
//   S' clamped to [0.001, 36500]
//   interval: I = clamp(round(S * (r^(-1/w20) - 1) / F), 1, maximum) for desired retention r,
//   then ordered across the four grades as the reference's long-term scheduler does:
//   again <= hard, hard >= again + 1, good >= hard + 1, easy >= good + 1.
// Exactness is checked against vectors produced by ts-fsrs itself (tests/core/quiz/fsrs_vectors).

// The FSRS-6 default parameters, w0..w20, as published by the open-spaced-repetition project
// (ts-fsrs `default_w`, py-fsrs `DEFAULT_PARAMETERS`, fsrs-rs `DEFAULT_PARAMETERS`).
inline constexpr std::array<double, 21> kFsrs6DefaultWeights = {
    0.212,  1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001,  1.8722, 0.1666, 0.796,
    1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542};

inline constexpr double kDefaultRetention = 0.9;
inline constexpr double kMinRetention = 0.7;   // below this FSRS schedules very long intervals
inline constexpr double kMaxRetention = 0.99;  // above this the review load explodes

struct FsrsParams {
    std::array<double, 21> w = kFsrs6DefaultWeights;
    double desiredRetention = kDefaultRetention;
    int maximumInterval = 36500;
};

// A card's memory state. Never reviewed: stability 0.
struct FsrsMemory {
    double stability = 0.0;
    double difficulty = 0.0;

    bool isNew() const { return stability <= 0.0; }
    bool operator==(const FsrsMemory&) const = default;
};

// Probability of recall `elapsedDays` after the last review; 0 for a card never reviewed.
double retrievability(const FsrsMemory& memory, double elapsedDays, const FsrsParams& params);

// Memory after one review graded `grade`, `elapsedDays` whole days after the previous one.
FsrsMemory nextMemory(const FsrsMemory& memory, Grade grade, std::int64_t elapsedDays,
                      const FsrsParams& params);

// The interval (days) for one stability at the desired retention, before grade ordering.
int fsrsInterval(double stability, const FsrsParams& params);

// One review: the new memory and the ordered interval for the grade given.
struct FsrsStep {
    FsrsMemory memory;
    int interval = 1;
};
FsrsStep fsrsReview(const FsrsMemory& memory, Grade grade, std::int64_t elapsedDays,
                    const FsrsParams& params);

}  // namespace sb::core::quiz
