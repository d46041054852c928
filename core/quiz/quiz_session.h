#pragma once

#include <cstddef>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "quiz/progress.h"
#include "sim/result.h"

namespace sb::core::quiz {

struct SessionOptions {
    std::vector<std::string> topics;  // topics to practise; empty means all
    int newPerDay = 10;               // new items introduced per day, counted across sessions
    // Whose budget the new items come out of: items first reviewed today in one of these modes
    // count against newPerDay (empty = every mode, one budget shared by all). The workspace
    // gives each of its modes its own budget, so a quiz sitting leaves the card review's intact.
    std::vector<ReviewMode> budgetModes;
    int maxReviews = 200;             // cap on due reviews in one session
    bool redrillLapses = true;        // re-show items graded Again once at the end (SM-2 step 6)
};

struct SessionItem {
    ItemRef ref;
    bool isNew = false;    // never reviewed before this session
    bool redrill = false;  // a lapsed item shown again; its grade does not move the schedule
};

struct SessionStats {
    int answered = 0;
    int again = 0, hard = 0, good = 0, easy = 0;
    int newSeen = 0;
    int redrills = 0;
    // Right answers: every grade except Again.
    int correct() const { return hard + good + easy; }
};

// Items of `catalog` in `topics` (empty = all) that are due on `today` or earlier, the most
// overdue first, ties in catalog order.
std::vector<ItemRef> dueItems(const Progress& progress, const std::vector<ItemRef>& catalog,
                              const std::vector<std::string>& topics, Day today);
// How many new items may still be introduced today: newPerDay minus the items whose first
// review fell on `today` in one of `modes` (empty = any mode).
int newItemsLeftToday(const Progress& progress, int newPerDay, Day today,
                      const std::vector<ReviewMode>& modes = {});

// One sitting of practice, as the quiz workspace drives it: look at current(), show it, then
// call one of the grade functions, until done(). The session writes into `progress`; the caller
// saves the store after each answer (saves are atomic, so a crash loses at most one answer).
// Queue at construction: due reviews first (see dueItems), capped by maxReviews, then new items
// up to newItemsLeftToday, taken from the chosen topics in turn (interleaveByTopic).
// Tag for a session over a queue chosen elsewhere (the interview plan, the day-before drill).
struct GivenOrder {};

class QuizSession {
public:
    QuizSession(Progress& progress, const std::vector<ItemRef>& catalog, SessionOptions options,
                Seconds now);
    // Shows `queue` in its order, whole: whoever chose it chose its length (the plan's forecast
    // promises that day's load), so topics, newPerDay and maxReviews are not applied.
    QuizSession(Progress& progress, const std::vector<ItemRef>& queue, SessionOptions options,
                GivenOrder);

    const SessionItem* current() const;
    bool done() const { return m_queue.empty(); }
    std::size_t remaining() const { return m_queue.size(); }
    const SessionStats& stats() const { return m_stats; }

    // Grades the current item and moves on. Errors if the session is done.
    Status grade(Grade grade, ReviewMode mode, Seconds now);
    // Right/wrong items (choice, predict): right -> Good, wrong -> Again (gradeFromCorrect).
    Status gradeAnswer(bool correct, ReviewMode mode, Seconds now);
    // Interview rehearsal: `ticked` of the card's checklist points (gradeFromChecklist).
    Status gradeRehearsal(int ticked, Seconds now);

private:
    Progress& m_progress;
    SessionOptions m_options;
    std::deque<SessionItem> m_queue;
    SessionStats m_stats;
};

}  // namespace sb::core::quiz
