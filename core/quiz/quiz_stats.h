#pragma once

#include <vector>

#include "quiz/progress.h"

namespace sb::core::quiz {

// Figures for the statistics page. Days are counted as in scheduler.h (dayOf).

struct DayActivity {
    Day day = 0;
    int reviews = 0;  // every recorded review, re-drills included
    int correct = 0;  // reviews graded Hard, Good or Easy
    // Accuracy of the day in [0, 1]; 0 on a day without reviews.
    double accuracy() const {
        return reviews == 0 ? 0.0 : static_cast<double>(correct) / static_cast<double>(reviews);
    }
};

// One entry per day from `first` to `last` inclusive (empty days included, so a chart's x axis
// is continuous).
std::vector<DayActivity> activityByDay(const Progress& progress, Day first, Day last);

// Calibration of the memory model against the learner's own answers: for every scheduled
// review after an item's first, the recall FSRS predicted just before it (from the memory the
// earlier reviews built) and whether the answer was a recall (Hard, Good, Easy).
struct DayCalibration {
    Day day = 0;
    int reviews = 0;         // reviews that had a prediction
    int recalled = 0;        // of those, answered Hard, Good or Easy
    double predicted = 0.0;  // sum of the predicted recall of those reviews
    double measuredRate() const { return reviews == 0 ? 0.0 : recalled / static_cast<double>(reviews); }
    double predictedRate() const { return reviews == 0 ? 0.0 : predicted / reviews; }
};
// One entry per day from `first` to `last` inclusive, as activityByDay.
std::vector<DayCalibration> calibrationByDay(const Progress& progress, Day first, Day last);

// Upcoming due load: entry i is how many reviewed items fall due on today + i, for i in
// [0, days); items already overdue are counted on today.
std::vector<int> dueLoad(const Progress& progress, Day today, int days);

}  // namespace sb::core::quiz
