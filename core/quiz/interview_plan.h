#pragma once

#include <string>
#include <vector>

#include "quiz/progress.h"

namespace sb::core::quiz {

// Planning toward an interview date with the FSRS memory model.
//
// The plan simulates every day from today to the day before the interview, assuming each
// planned review is answered Good, and decides per day:
//   - reviews: every learnt item whose FSRS interval at the plan retention (the larger of the
//     desired retention and the interview target) has run out, plus, on the day before, any
//     item whose predicted recall on the day would otherwise end below the target. Weakest
//     first (lowest recall today).
//   - new items: never-seen items, the topics taken in turn, front-loaded: each day introduces
//     ceil(left / ceil(days left / 2)), so everything is learnt in the first half of whatever
//     time remains and the rest of the time consolidates it.
// Each day's decision depends only on the memory of each item and the day, so replanning the
// next morning after answering Good reproduces the rest of the same plan: the forecast is what
// the learner will actually be shown. A lapse makes tomorrow's plan differ, as it should.
// On and after the interview day the plan is inactive and the normal schedule applies.

struct PlanDay {
    Day day = 0;
    int reviews = 0;
    int newItems = 0;
    int total() const { return reviews + newItems; }
};

struct TopicRecall {
    std::string topic;
    int items = 0;
    double now = 0.0;      // mean predicted recall on the day with no more reviews
    double planned = 0.0;  // mean predicted recall on the day after following the plan
};

struct InterviewPlan {
    bool active = false;  // an interview day is set and is after today
    Day interviewDay = 0;
    double target = kDefaultRetention;
    std::vector<PlanDay> days;        // today .. the day before the interview
    std::vector<ItemRef> today;       // today's queue: reviews weakest first, then new items
    std::vector<TopicRecall> topics;  // in catalog order
    double lowestPlanned = 1.0;       // the weakest item's recall on the day, plan followed
    int belowTarget = 0;              // items the plan cannot bring to the target
};

// `catalog` is every item that can be practised; only those in the interview's topics (all,
// when it names none) are planned. Items reviewed today already count as done for today.
InterviewPlan planInterview(const Progress& progress, const std::vector<ItemRef>& catalog,
                            Day today);

// "The day before": the items of `topics` (empty = all) whose predicted recall on `day` is
// below `below`, least likely remembered first (never-seen items, at 0, lead), catalog order
// breaking ties.
std::vector<ItemRef> mostLikelyForgotten(const Progress& progress,
                                         const std::vector<ItemRef>& catalog,
                                         const std::vector<std::string>& topics, Day day,
                                         double below);

}  // namespace sb::core::quiz
