#pragma once

#include <map>
#include <string>
#include <vector>

#include "lesson/lesson.h"
#include "quiz/progress.h"

namespace sb::core {
class LessonCatalog;
}

namespace sb::widgets {

// What a quiz session drills: a lesson's cards recalled and graded 1-4, its multiple-choice and
// predict items, or its cards rehearsed as interview answers against a checklist.
enum class QuizMode { Review, Quiz, Rehearsal };

// One practisable thing with pointers back into the lesson catalog it came from.
struct QuizEntry {
    core::quiz::ItemRef ref;
    const core::Lesson* lesson = nullptr;
    const core::Card* card = nullptr;      // a card (Review, Rehearsal)
    const core::QuizItem* item = nullptr;  // or a quiz item (Quiz)
};

// The checklist a strong answer to `card` covers: its points, or, for a card without any, its
// follow-up questions (each one names a thing the answer should have anticipated).
std::vector<std::string> checklistOf(const core::Card& card);

// Every card and quiz item of a lesson catalog, keyed by itemKey(lesson, id), in catalog order.
// The pointers stay valid until the lesson catalog changes; rebuild() after it does.
class QuizCatalog {
public:
    void rebuild(const core::LessonCatalog& catalog);

    // Items a session in `mode` may show, in catalog order.
    std::vector<core::quiz::ItemRef> refs(QuizMode mode) const;
    // Every item (cards once), for mastery and statistics.
    std::vector<core::quiz::ItemRef> allRefs() const;
    const QuizEntry* find(const std::string& id) const;
    // Topics in catalog order.
    const std::vector<std::string>& topics() const { return m_topics; }
    const core::Lesson* lesson(const std::string& id) const;

private:
    std::vector<QuizEntry> m_entries;
    std::map<std::string, std::size_t> m_index;
    std::vector<std::string> m_topics;
};

}  // namespace sb::widgets
