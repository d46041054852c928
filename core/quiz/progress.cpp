#include "quiz/progress.h"

#include <algorithm>
#include <array>
#include <tuple>
#include <utility>

namespace sb::core::quiz {

namespace {

constexpr std::array<std::pair<ItemKind, std::string_view>, 3> kKinds{
    {{ItemKind::Card, "card"}, {ItemKind::Choice, "choice"}, {ItemKind::Predict, "predict"}}};
constexpr std::array<std::pair<ReviewMode, std::string_view>, 4> kModes{
    {{ReviewMode::Recall, "recall"},
     {ReviewMode::Rehearsal, "rehearsal"},
     {ReviewMode::Choice, "choice"},
     {ReviewMode::Predict, "predict"}}};

template <class E, std::size_t N>
std::string_view nameOf(const std::array<std::pair<E, std::string_view>, N>& table, E e) {
    for (const auto& [value, name] : table)
        if (value == e) return name;
    return table[0].second;
}

template <class E, std::size_t N>
std::optional<E> valueOf(const std::array<std::pair<E, std::string_view>, N>& table,
                         std::string_view s) {
    for (const auto& [value, name] : table)
        if (name == s) return value;
    return std::nullopt;
}

bool recordLess(const ReviewRecord& a, const ReviewRecord& b) {
    return std::tuple(a.time, static_cast<int>(a.grade), static_cast<int>(a.mode), a.scheduled) <
           std::tuple(b.time, static_cast<int>(b.grade), static_cast<int>(b.mode), b.scheduled);
}

}  // namespace

std::string_view itemKindName(ItemKind k) {
    return nameOf(kKinds, k);
}
std::optional<ItemKind> itemKindFromName(std::string_view n) {
    return valueOf(kKinds, n);
}
std::string_view reviewModeName(ReviewMode m) {
    return nameOf(kModes, m);
}
std::optional<ReviewMode> reviewModeFromName(std::string_view n) {
    return valueOf(kModes, n);
}

double itemMastery(const ItemProgress& item) {
    if (item.state.isNew() || item.state.reps == 0) return 0.0;
    const int capped = std::min(item.state.interval, kMatureInterval);
    return static_cast<double>(capped) / static_cast<double>(kMatureInterval);
}

const ItemProgress* Progress::find(const std::string& id) const {
    const auto it = m_items.find(id);
    return it == m_items.end() ? nullptr : &it->second;
}

const ItemProgress& Progress::recordReview(const ItemRef& ref, Grade grade, ReviewMode mode,
                                           Seconds now, bool scheduled) {
    ItemProgress& item = m_items[ref.id];
    item.topic = ref.topic;
    item.lesson = ref.lesson;
    item.kind = ref.kind;
    if (scheduled) item.state = scheduleReview(item.state, grade, now, settings);
    item.history.push_back(ReviewRecord{now, grade, mode, scheduled});
    return item;
}

double Progress::mastery(const std::vector<ItemRef>& refs) const {
    if (refs.empty()) return 0.0;
    double sum = 0.0;
    for (const ItemRef& r : refs)
        if (const ItemProgress* p = find(r.id)) sum += itemMastery(*p);
    return sum / static_cast<double>(refs.size());
}

namespace {

template <class Key>
std::map<std::string, double> masteryBy(const Progress& p, const std::vector<ItemRef>& refs,
                                        Key key) {
    std::map<std::string, std::vector<ItemRef>> groups;
    for (const ItemRef& r : refs) groups[key(r)].push_back(r);
    std::map<std::string, double> out;
    for (const auto& [name, members] : groups) out[name] = p.mastery(members);
    return out;
}

}  // namespace

std::map<std::string, double> Progress::masteryByTopic(const std::vector<ItemRef>& refs) const {
    return masteryBy(*this, refs, [](const ItemRef& r) { return r.topic; });
}

std::map<std::string, double> Progress::masteryByLesson(const std::vector<ItemRef>& refs) const {
    return masteryBy(*this, refs, [](const ItemRef& r) { return r.lesson; });
}

MergeSummary mergeProgress(Progress& into, const Progress& incoming) {
    MergeSummary summary;
    for (const auto& [id, theirs] : incoming.items()) {
        const ItemProgress* mine = into.find(id);
        if (mine == nullptr) {
            into.put(id, theirs);
            ++summary.itemsAdded;
            summary.reviewsAdded += static_cast<int>(theirs.history.size());
            continue;
        }
        ItemProgress merged = *mine;
        const std::size_t before = merged.history.size();
        merged.history.insert(merged.history.end(), theirs.history.begin(), theirs.history.end());
        std::sort(merged.history.begin(), merged.history.end(), recordLess);
        // Same time, grade and mode is the same review seen through two files.
        const auto same = [](const ReviewRecord& a, const ReviewRecord& b) {
            return a.time == b.time && a.grade == b.grade && a.mode == b.mode;
        };
        merged.history.erase(std::unique(merged.history.begin(), merged.history.end(), same),
                             merged.history.end());
        summary.reviewsAdded +=
            std::max(0, static_cast<int>(merged.history.size()) - static_cast<int>(before));
        if (theirs.state.lastReview > mine->state.lastReview) {
            merged.state = theirs.state;
            merged.topic = theirs.topic;
            merged.lesson = theirs.lesson;
            merged.kind = theirs.kind;
        }
        into.put(id, std::move(merged));
        ++summary.itemsMerged;
    }
    return summary;
}

FsrsMemory replayMemory(const std::vector<ReviewRecord>& history) {
    // Memory does not depend on the desired retention (only intervals do): default params.
    const FsrsParams params;
    FsrsMemory memory;
    Day last = 0;
    for (const ReviewRecord& r : history) {
        if (!r.scheduled) continue;
        const Day day = dayOf(r.time);
        memory = nextMemory(memory, r.grade, memory.isNew() ? 0 : std::max<Day>(0, day - last),
                            params);
        last = day;
    }
    return memory;
}

void rebuildMemory(Progress& progress) {
    std::vector<std::pair<std::string, ItemProgress>> rebuilt;
    for (const auto& [id, item] : progress.items()) {
        ItemProgress next = item;
        const FsrsMemory m = replayMemory(item.history);
        next.state.stability = m.stability;
        next.state.difficulty = m.difficulty;
        rebuilt.emplace_back(id, std::move(next));
    }
    for (auto& [id, item] : rebuilt) progress.put(id, std::move(item));
}

}  // namespace sb::core::quiz
