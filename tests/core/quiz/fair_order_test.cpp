// The fair quiz: shuffled options, new items interleaved across topics, a daily new-item
// budget per mode, and a recovered progress file written back at once.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>

#include "lesson/lesson_catalog.h"
#include "quiz/fair_order.h"
#include "quiz/progress_store.h"
#include "quiz/quiz_session.h"
#include "sim/registry.h"
#include "temp_dir.h"

using namespace sb::core;
using namespace sb::core::quiz;

namespace {

constexpr Day kToday = 19000;
Seconds at(Day d, int minute = 0) { return d * 86400 + 9 * 3600 + minute * 60; }

TopicRegistry builtinTopics() {
    TopicRegistry registry;
    registerBuiltinTopics(registry);
    return registry;
}

// Every shipped lesson, loaded as the app loads them.
struct Shipped {
    TopicRegistry registry = builtinTopics();
    LessonCatalog catalog{registry};
    Shipped() { catalog.load(SPLITBRAIN_LESSONS_DIR); }
};

std::vector<ItemRef> shippedRefs(const LessonCatalog& catalog, ItemKind only) {
    std::vector<ItemRef> out;
    for (const Lesson* l : catalog.lessons()) {
        if (only == ItemKind::Card) {
            for (const Card& c : l->cards) out.push_back({itemKey(l->id, c.id), l->topic, l->id, ItemKind::Card, 0});
        } else {
            for (const QuizItem& q : l->quiz)
                out.push_back({itemKey(l->id, q.id), l->topic, l->id,
                               q.type == QuizType::Choice ? ItemKind::Choice : ItemKind::Predict, 0});
        }
    }
    return out;
}

// Where the right answer of `q` is shown in one presentation.
std::size_t shownAt(const std::string& id, const QuizItem& q, std::uint64_t sitting) {
    const std::vector<std::size_t> order = optionOrder(id, sitting, q.options.size());
    return static_cast<std::size_t>(std::find(order.begin(), order.end(), q.correctOption()) - order.begin());
}

}  // namespace

TEST_CASE("option orders are permutations fixed by item and sitting", "[fair]") {
    for (std::size_t n : {0u, 1u, 2u, 4u, 7u}) {
        std::vector<std::size_t> order = optionOrder("l/q", 5, n);
        CHECK(optionOrder("l/q", 5, n) == order);  // the same presentation every time
        std::sort(order.begin(), order.end());
        for (std::size_t i = 0; i < n; ++i) CHECK(order[i] == i);
    }
    // Other sittings and other items see other orders.
    std::set<std::vector<std::size_t>> seen;
    for (std::uint64_t sitting = 0; sitting < 50; ++sitting) seen.insert(optionOrder("l/q", sitting, 4));
    CHECK(seen.size() > 12);
    std::set<std::vector<std::size_t>> items;
    for (int i = 0; i < 50; ++i) items.insert(optionOrder("l/q" + std::to_string(i), 5, 4));
    CHECK(items.size() > 12);
}

TEST_CASE("the right answer's position is spread over the positions of shipped items", "[fair]") {
    Shipped s;
    std::vector<std::pair<std::string, const QuizItem*>> choice;
    for (const Lesson* l : s.catalog.lessons())
        for (const QuizItem& q : l->quiz)
            if (q.type == QuizType::Choice) choice.emplace_back(itemKey(l->id, q.id), &q);
    REQUIRE(choice.size() >= 10);
    // As authored, the right answer is mostly first: pressing 1 would pass.
    std::size_t authoredFirst = 0;
    for (const auto& [id, q] : choice) authoredFirst += q->correctOption() == 0 ? 1u : 0u;
    INFO(authoredFirst << " of " << choice.size() << " items are written with the answer first");
    // One sitting: no position holds most of the right answers, and several positions are used.
    for (std::uint64_t sitting : {1u, 2u, 1733000000u}) {
        std::map<std::size_t, std::size_t> positions;
        for (const auto& [id, q] : choice) ++positions[shownAt(id, *q, sitting)];
        INFO("sitting " << sitting);
        CHECK(positions.size() >= 3);
        for (const auto& [pos, count] : positions) CHECK(count * 2 <= choice.size());
    }
    // Across many sittings each item's right answer visits every position about equally.
    constexpr int kSittings = 400;
    for (const auto& [id, q] : choice) {
        const std::size_t n = q->options.size();
        std::vector<int> count(n, 0);
        for (int sitting = 0; sitting < kSittings; ++sitting) ++count[shownAt(id, *q, static_cast<std::uint64_t>(sitting))];
        INFO(id << ": " << n << " options");
        for (std::size_t p = 0; p < n; ++p) {
            CHECK(count[p] > kSittings / static_cast<int>(n) / 2);
            CHECK(count[p] < kSittings * 3 / static_cast<int>(n) / 2);
        }
    }
}

TEST_CASE("interleaving takes the topics in turn, each in its own order", "[fair]") {
    const std::vector<ItemRef> items = {
        {"a1", "raft", "l", ItemKind::Card, 0}, {"a2", "raft", "l", ItemKind::Card, 0},
        {"a3", "raft", "l", ItemKind::Card, 0}, {"b1", "cap", "l", ItemKind::Card, 0},
        {"c1", "ring", "l", ItemKind::Card, 0}, {"c2", "ring", "l", ItemKind::Card, 0}};
    std::vector<std::string> ids;
    for (const ItemRef& r : interleaveByTopic(items)) ids.push_back(r.id);
    CHECK(ids == std::vector<std::string>{"a1", "b1", "c1", "a2", "c2", "a3"});
    CHECK(interleaveByTopic({}).empty());
}

TEST_CASE("a sitting over every topic introduces each of them first", "[fair]") {
    Shipped s;
    const std::vector<ItemRef> cards = shippedRefs(s.catalog, ItemKind::Card);
    std::vector<std::string> topics;
    for (const ItemRef& r : cards)
        if (std::find(topics.begin(), topics.end(), r.topic) == topics.end()) topics.push_back(r.topic);
    REQUIRE(topics.size() >= 4);
    Progress p;
    SessionOptions o;
    o.newPerDay = static_cast<int>(topics.size());
    QuizSession session(p, cards, o, at(kToday));
    std::set<std::string> seen;
    while (const SessionItem* item = session.current()) {
        seen.insert(item->ref.topic);
        REQUIRE(session.grade(Grade::Good, ReviewMode::Recall, at(kToday, 1)));
    }
    CHECK(seen.size() == topics.size());  // the last topic in the catalog too
    // With two topics ticked, new items alternate between them.
    Progress q;
    o.topics = {topics.back(), topics.front()};
    o.newPerDay = 4;
    QuizSession two(q, cards, o, at(kToday));
    std::vector<std::string> order;
    while (const SessionItem* item = two.current()) {
        order.push_back(item->ref.topic);
        REQUIRE(two.grade(Grade::Good, ReviewMode::Recall, at(kToday, 1)));
    }
    CHECK(order == std::vector<std::string>{topics.front(), topics.back(), topics.front(), topics.back()});
}

TEST_CASE("each mode has its own daily budget of new items", "[fair]") {
    Shipped s;
    const std::vector<ItemRef> cards = shippedRefs(s.catalog, ItemKind::Card);
    const std::vector<ItemRef> items = shippedRefs(s.catalog, ItemKind::Choice);
    Progress p;
    SessionOptions quizOptions;
    quizOptions.newPerDay = 5;
    quizOptions.budgetModes = {ReviewMode::Choice, ReviewMode::Predict};
    QuizSession quiz(p, items, quizOptions, at(kToday));
    REQUIRE(quiz.remaining() == 5);
    while (quiz.current() != nullptr) REQUIRE(quiz.gradeAnswer(true, ReviewMode::Choice, at(kToday, 1)));
    // The quiz spent its budget; review, which has seen no card, still has all of its own.
    SessionOptions reviewOptions = quizOptions;
    reviewOptions.budgetModes = {ReviewMode::Recall};
    CHECK(newItemsLeftToday(p, 5, kToday, reviewOptions.budgetModes) == 5);
    QuizSession review(p, cards, reviewOptions, at(kToday, 10));
    CHECK(review.remaining() == 5);
    while (review.current() != nullptr) REQUIRE(review.grade(Grade::Good, ReviewMode::Recall, at(kToday, 11)));
    // Both budgets are now spent for today, and each is whole again tomorrow.
    CHECK(newItemsLeftToday(p, 5, kToday, quizOptions.budgetModes) == 0);
    CHECK(newItemsLeftToday(p, 5, kToday, reviewOptions.budgetModes) == 0);
    CHECK(newItemsLeftToday(p, 5, kToday, {ReviewMode::Rehearsal}) == 5);
    CHECK(newItemsLeftToday(p, 5, kToday + 1, reviewOptions.budgetModes) == 5);
    // No modes named: one budget shared by all, as before.
    CHECK(newItemsLeftToday(p, 12, kToday) == 2);
    QuizSession again(p, items, quizOptions, at(kToday, 20));
    CHECK(again.done());  // nothing due yet, and no new quiz items left today
}

TEST_CASE("a progress file restored from its backup is written back at once", "[fair][store]") {
    sb::test::TempDir dir("restore-once");
    const std::string path = dir.file("progress.json");
    const ItemRef ref{"l/c", "raft", "l", ItemKind::Card, 0};
    {
        ProgressStore store(path);
        store.load();
        store.progress().recordReview(ref, Grade::Good, ReviewMode::Recall, at(kToday));
        REQUIRE(store.save());
        store.progress().recordReview(ref, Grade::Good, ReviewMode::Recall, at(kToday + 3));
        REQUIRE(store.save());  // the first save is now backup 1
    }
    std::ofstream(path, std::ios::trunc) << "{ damaged";
    ProgressStore first(path);
    const LoadReport recovered = first.load();
    REQUIRE(recovered.outcome == LoadOutcome::RestoredFromBackup);
    CHECK(first.progress().find("l/c")->history.size() == 1);
    // The next launch finds a good file and has nothing to report.
    ProgressStore second(path);
    const LoadReport next = second.load();
    CHECK(next.outcome == LoadOutcome::Loaded);
    CHECK(second.progress().find("l/c")->history.size() == 1);
    CHECK(next.setAside.empty());
}
