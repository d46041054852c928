#include "quiz/quiz_session.h"

#include "quiz/fair_order.h"

#include <algorithm>
#include <set>

namespace sb::core::quiz {

namespace {

bool inTopics(const ItemRef& ref, const std::vector<std::string>& topics) {
    return topics.empty() || std::find(topics.begin(), topics.end(), ref.topic) != topics.end();
}

bool isNewItem(const Progress& progress, const ItemRef& ref) {
    const ItemProgress* p = progress.find(ref.id);
    return p == nullptr || p->state.isNew();
}

}  // namespace

std::vector<ItemRef> dueItems(const Progress& progress, const std::vector<ItemRef>& catalog,
                              const std::vector<std::string>& topics, Day today) {
    struct Due {
        Day due;
        std::size_t index;
    };
    std::vector<Due> due;
    std::set<std::string> seen;  // a catalog listing an id twice must not queue it twice
    for (std::size_t i = 0; i < catalog.size(); ++i) {
        const ItemRef& ref = catalog[i];
        if (!inTopics(ref, topics) || !seen.insert(ref.id).second) continue;
        const ItemProgress* p = progress.find(ref.id);
        if (p == nullptr || p->state.isNew() || p->state.due > today) continue;
        due.push_back({p->state.due, i});
    }
    std::stable_sort(due.begin(), due.end(),
                     [](const Due& a, const Due& b) { return a.due < b.due; });
    std::vector<ItemRef> out;
    out.reserve(due.size());
    for (const Due& d : due) out.push_back(catalog[d.index]);
    return out;
}

int newItemsLeftToday(const Progress& progress, int newPerDay, Day today,
                      const std::vector<ReviewMode>& modes) {
    int started = 0;
    for (const auto& [id, item] : progress.items()) {
        const auto first = std::find_if(item.history.begin(), item.history.end(),
                                        [](const ReviewRecord& r) { return r.scheduled; });
        if (first == item.history.end() || dayOf(first->time) != today) continue;
        if (modes.empty() || std::find(modes.begin(), modes.end(), first->mode) != modes.end())
            ++started;
    }
    return std::max(0, newPerDay - started);
}

QuizSession::QuizSession(Progress& progress, const std::vector<ItemRef>& catalog,
                         SessionOptions options, Seconds now)
    : m_progress(progress), m_options(std::move(options)) {
    const Day today = dayOf(now);
    const std::vector<ItemRef> due = dueItems(progress, catalog, m_options.topics, today);
    const std::size_t reviews =
        std::min(due.size(), static_cast<std::size_t>(std::max(0, m_options.maxReviews)));
    for (std::size_t i = 0; i < reviews; ++i) m_queue.push_back({due[i], false, false});
    int newLeft = newItemsLeftToday(progress, m_options.newPerDay, today, m_options.budgetModes);
    std::set<std::string> queued;
    for (const ItemRef& ref : interleaveByTopic(catalog)) {
        if (newLeft <= 0) break;
        if (!inTopics(ref, m_options.topics) || !isNewItem(progress, ref)) continue;
        if (!queued.insert(ref.id).second) continue;
        m_queue.push_back({ref, true, false});
        --newLeft;
    }
}

QuizSession::QuizSession(Progress& progress, const std::vector<ItemRef>& queue,
                         SessionOptions options, GivenOrder)
    : m_progress(progress), m_options(std::move(options)) {
    std::set<std::string> queued;
    for (const ItemRef& ref : queue) {
        if (queued.insert(ref.id).second) m_queue.push_back({ref, isNewItem(progress, ref), false});
    }
}

const SessionItem* QuizSession::current() const {
    return m_queue.empty() ? nullptr : &m_queue.front();
}

Status QuizSession::grade(Grade grade, ReviewMode mode, Seconds now) {
    if (m_queue.empty()) return makeError("the session has no more items");
    const SessionItem item = m_queue.front();
    m_queue.pop_front();
    m_progress.recordReview(item.ref, grade, mode, now, !item.redrill);
    ++m_stats.answered;
    switch (grade) {
        case Grade::Again:
            ++m_stats.again;
            break;
        case Grade::Hard:
            ++m_stats.hard;
            break;
        case Grade::Good:
            ++m_stats.good;
            break;
        case Grade::Easy:
            ++m_stats.easy;
            break;
    }
    if (item.isNew) ++m_stats.newSeen;
    if (item.redrill) ++m_stats.redrills;
    // One re-drill per lapse per session: a second Again on the re-drill is left for tomorrow,
    // when the schedule brings it back anyway.
    if (grade == Grade::Again && m_options.redrillLapses && !item.redrill)
        m_queue.push_back({item.ref, false, true});
    return {};
}

Status QuizSession::gradeAnswer(bool correct, ReviewMode mode, Seconds now) {
    return grade(gradeFromCorrect(correct), mode, now);
}

Status QuizSession::gradeRehearsal(int ticked, Seconds now) {
    if (m_queue.empty()) return makeError("the session has no more items");
    const ItemRef& ref = m_queue.front().ref;
    const std::optional<Grade> g = gradeFromChecklist(ticked, ref.points);
    if (!g) {
        return makeError("cannot score " + std::to_string(ticked) + " of " +
                             std::to_string(ref.points) + " checklist points; grade it yourself",
                         ref.id);
    }
    return grade(*g, ReviewMode::Rehearsal, now);
}

}  // namespace sb::core::quiz
