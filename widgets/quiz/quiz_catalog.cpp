#include "quiz/quiz_catalog.h"

#include <algorithm>

#include "lesson/lesson_catalog.h"

namespace sb::widgets {

using core::quiz::ItemKind;
using core::quiz::ItemRef;

std::vector<std::string> checklistOf(const core::Card& card) {
    if (!card.points.empty()) return card.points;
    std::vector<std::string> out;
    for (const auto& f : card.followUps) out.push_back(f.question);
    return out;
}

void QuizCatalog::rebuild(const core::LessonCatalog& catalog) {
    m_entries.clear();
    m_index.clear();
    m_topics.clear();
    for (const core::Lesson* lesson : catalog.lessons()) {
        if (std::find(m_topics.begin(), m_topics.end(), lesson->topic) == m_topics.end())
            m_topics.push_back(lesson->topic);
        auto add = [&](const std::string& id, ItemKind kind, const core::Card* card,
                       const core::QuizItem* item) {
            QuizEntry e;
            e.ref = {core::quiz::itemKey(lesson->id, id), lesson->topic, lesson->id, kind, 0};
            if (card) e.ref.points = static_cast<int>(checklistOf(*card).size());
            e.lesson = lesson;
            e.card = card;
            e.item = item;
            m_index[e.ref.id] = m_entries.size();
            m_entries.push_back(std::move(e));
        };
        for (const auto& card : lesson->cards) add(card.id, ItemKind::Card, &card, nullptr);
        for (const auto& item : lesson->quiz)
            add(item.id, item.type == core::QuizType::Choice ? ItemKind::Choice : ItemKind::Predict,
                nullptr, &item);
    }
}

std::vector<ItemRef> QuizCatalog::refs(QuizMode mode) const {
    std::vector<ItemRef> out;
    for (const auto& e : m_entries) {
        const bool isCard = e.ref.kind == ItemKind::Card;
        if (isCard == (mode != QuizMode::Quiz)) out.push_back(e.ref);
    }
    return out;
}

std::vector<ItemRef> QuizCatalog::allRefs() const {
    std::vector<ItemRef> out;
    out.reserve(m_entries.size());
    for (const auto& e : m_entries) out.push_back(e.ref);
    return out;
}

const QuizEntry* QuizCatalog::find(const std::string& id) const {
    const auto it = m_index.find(id);
    return it == m_index.end() ? nullptr : &m_entries[it->second];
}

const core::Lesson* QuizCatalog::lesson(const std::string& id) const {
    for (const auto& e : m_entries)
        if (e.lesson->id == id) return e.lesson;
    return nullptr;
}

}  // namespace sb::widgets
