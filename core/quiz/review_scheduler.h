#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "quiz/fsrs.h"
#include "quiz/scheduler.h"

namespace sb::core::quiz {

// Which scheduler sets the due day. FSRS is the default; SM-2 stays selectable for one release
// (progress files written before FSRS keep working either way).
enum class Algorithm { Fsrs, Sm2 };
std::string_view algorithmName(Algorithm a);  // "fsrs", "sm2"
std::optional<Algorithm> algorithmFromName(std::string_view name);

struct SchedulerSettings {
    Algorithm algorithm = Algorithm::Fsrs;
    double desiredRetention = kDefaultRetention;  // FSRS only; kMinRetention..kMaxRetention

    bool operator==(const SchedulerSettings&) const = default;
};

// The learner's interview: the day of it, the topics it covers (empty = all) and the recall
// to reach on that day for every card.
struct InterviewSettings {
    std::optional<Day> day;
    std::vector<std::string> topics;
    double target = kDefaultRetention;

    bool operator==(const InterviewSettings&) const = default;
};

FsrsParams fsrsParams(const SchedulerSettings& settings);
FsrsMemory memoryOf(const SchedulerState& state);

// One review: SM-2's fields (reps, lapses, ease) and the FSRS memory are both updated; the
// interval and due day come from the selected algorithm. With Algorithm::Sm2 the result's
// SM-2 fields are exactly schedule()'s.
SchedulerState scheduleReview(const SchedulerState& before, Grade grade, Seconds now,
                              const SchedulerSettings& settings);

// Predicted recall of a reviewed item on `day` (whole days after its last review); 0 for an
// item never reviewed.
double recallOn(const SchedulerState& state, Day day, const FsrsParams& params);

}  // namespace sb::core::quiz
