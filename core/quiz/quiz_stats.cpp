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

std::vector<DayCalibration> calibrationByDay(const Progress& progress, Day first, Day last) {
    std::vector<DayCalibration> out;
    if (last < first) return out;
    out.resize(static_cast<std::size_t>(last - first + 1));
    for (std::size_t i = 0; i < out.size(); ++i) out[i].day = first + static_cast<Day>(i);
    const FsrsParams params;  // memory and recall do not depend on the desired retention
    for (const auto& [id, item] : progress.items()) {
        FsrsMemory memory;
        Day previous = 0;
        for (const ReviewRecord& r : item.history) {
            if (!r.scheduled) continue;
            const Day d = dayOf(r.time);
            const Day elapsed = memory.isNew() ? 0 : std::max<Day>(0, d - previous);
            if (!memory.isNew() && d >= first && d <= last) {
                DayCalibration& c = out[static_cast<std::size_t>(d - first)];
                ++c.reviews;
                c.recalled += r.grade != Grade::Again ? 1 : 0;
                c.predicted += retrievability(memory, static_cast<double>(elapsed), params);
            }
            memory = nextMemory(memory, r.grade, elapsed, params);
            previous = d;
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
