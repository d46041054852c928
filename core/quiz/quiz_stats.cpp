#include "quiz/quiz_stats.h"

#include <algorithm>

namespace sb::core::quiz {

std::vector<DayActivity> activityByDay(const Progress& progress, Day first, Day last) {
    std::vector<DayActivity> out;
    if (last < first) return out;
    const auto count = static_cast<std::size_t>(last - first + 1);
    out.resize(count);
    for (std::size_t i = 0; i < count; ++i) out[i].day = first + static_cast<Day>(i);
    for (const auto& [id, item] : progress.items()) {
        for (const ReviewRecord& r : item.history) {
            const Day d = dayOf(r.time);
            if (d < first || d > last) continue;
            DayActivity& a = out[static_cast<std::size_t>(d - first)];
            ++a.reviews;
            if (r.grade != Grade::Again) ++a.correct;
        }
    }
    return out;
}

std::vector<int> dueLoad(const Progress& progress, Day today, int days) {
    std::vector<int> out(static_cast<std::size_t>(std::max(0, days)), 0);
    if (out.empty()) return out;
    for (const auto& [id, item] : progress.items()) {
        if (item.state.isNew()) continue;
        const Day offset = std::max<Day>(0, item.state.due - today);
        if (offset < days) ++out[static_cast<std::size_t>(offset)];
    }
    return out;
}

}  // namespace sb::core::quiz
