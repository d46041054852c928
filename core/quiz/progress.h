#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "quiz/review_scheduler.h"

namespace sb::core::quiz {

// What kind of thing is practised: a lesson's Q&A card, a multiple-choice item, a predict item.
enum class ItemKind { Card, Choice, Predict };
// How one review was done: recalling a card and grading oneself, rehearsing it against its
// checklist, answering a multiple-choice item, or predicting the model's behaviour.
enum class ReviewMode { Recall, Rehearsal, Choice, Predict };

std::string_view itemKindName(ItemKind k);
std::optional<ItemKind> itemKindFromName(std::string_view name);
std::string_view reviewModeName(ReviewMode m);
std::optional<ReviewMode> reviewModeFromName(std::string_view name);

// One review as it happened. `scheduled` is false for the session's end-of-session re-drill of
// a lapsed item, which is recorded (it counts as practice and for accuracy) but did not move
// the schedule.
struct ReviewRecord {
    Seconds time = 0;
    Grade grade = Grade::Good;
    ReviewMode mode = ReviewMode::Recall;
    bool scheduled = true;

    bool operator==(const ReviewRecord&) const = default;
};

// Everything remembered about one card or quiz item, keyed by a globally unique id. The lesson
// loader only makes card and item ids unique within a lesson, so callers key items with
// itemKey(lesson id, card id), e.g. "raft-election/raft-why-terms".
struct ItemProgress {
    std::string topic;
    std::string lesson;
    ItemKind kind = ItemKind::Card;
    SchedulerState state;
    std::vector<ReviewRecord> history;  // oldest first

    bool operator==(const ItemProgress&) const = default;
};

// Mastery of one item, in [0, 1]: min(interval, 21) / 21 for an item whose last graded review
// was a success, and 0 for an item never reviewed or whose latest review was Again. 21 days is
// the point at which Anki calls a card "mature": an item you recall after three weeks is one
// you know. Mastery of a topic or lesson is the mean over ALL its items, never-seen ones
// counting 0, so it measures coverage as well as strength.
inline constexpr int kMatureInterval = 21;
double itemMastery(const ItemProgress& item);

inline std::string itemKey(const std::string& lessonId, const std::string& itemId) {
    return lessonId + "/" + itemId;
}

// A card or item the catalog knows about (the session and mastery need unseen items too).
struct ItemRef {
    std::string id;  // itemKey(lesson, card or item id)
    std::string topic;
    std::string lesson;
    ItemKind kind = ItemKind::Card;
    int points = 0;  // checklist length, for rehearsal

    bool operator==(const ItemRef&) const = default;
};

// The learner's whole progress: a value type, copied and compared freely. std::map keeps the
// saved file's order stable.
class Progress {
public:
    const std::map<std::string, ItemProgress>& items() const { return m_items; }
    const ItemProgress* find(const std::string& id) const;

    // Applies a graded review to `ref` at `now` (creating its entry on first sight) with the
    // scheduler in `settings`, or only records it when `scheduled` is false. Returns the item.
    const ItemProgress& recordReview(const ItemRef& ref, Grade grade, ReviewMode mode, Seconds now,
                                     bool scheduled = true);

    // Replaces one item outright (used by loading and merging).
    void put(const std::string& id, ItemProgress item) { m_items[id] = std::move(item); }

    // Mean item mastery over `refs`; 0 when there are none.
    double mastery(const std::vector<ItemRef>& refs) const;
    // Mastery per topic and per lesson over the catalog `refs`.
    std::map<std::string, double> masteryByTopic(const std::vector<ItemRef>& refs) const;
    std::map<std::string, double> masteryByLesson(const std::vector<ItemRef>& refs) const;

    // Monotonic save counter, bumped by each successful save (lets tests and the crash
    // checker see which write a file came from).
    std::uint64_t saveCount = 0;
    // Saved with the progress so they travel with it (export/import keeps the receiver's).
    SchedulerSettings settings;
    InterviewSettings interview;

    bool operator==(const Progress& o) const {
        return m_items == o.m_items && saveCount == o.saveCount && settings == o.settings &&
               interview == o.interview;
    }

private:
    std::map<std::string, ItemProgress> m_items;
};

// Merges `incoming` into `into`: histories are united per item id (duplicates, same time, grade,
// mode, dropped; result ordered by time), and the scheduler state of whichever side reviewed
// the item most recently wins (ties keep `into`'s). Returns how many reviews were new.
struct MergeSummary {
    int itemsAdded = 0;
    int itemsMerged = 0;
    int reviewsAdded = 0;
};
MergeSummary mergeProgress(Progress& into, const Progress& incoming);

// The FSRS memory an item's review log implies: its scheduled reviews replayed in order (the
// way Anki builds FSRS state for a collection that was scheduled by SM-2). Re-drills are
// skipped, as they never moved the schedule.
FsrsMemory replayMemory(const std::vector<ReviewRecord>& history);

// Migration from a file without FSRS memory: rebuilds every item's stability and difficulty
// from its review log and leaves everything else (history, SM-2 fields, due days) alone, so
// no review is lost and running it twice changes nothing.
void rebuildMemory(Progress& progress);

}  // namespace sb::core::quiz
