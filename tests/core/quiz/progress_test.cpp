#include <catch2/catch.hpp>

#include "quiz/progress.h"
#include "quiz/progress_json.h"
#include "quiz/quiz_stats.h"

using namespace sb::core::quiz;

namespace {

constexpr Seconds kDay = 86400;
constexpr Day kToday = 19000;
Seconds at(Day d, int hour = 9) {
    return d * kDay + hour * 3600;
}

const ItemRef kCard{"raft-why-terms", "raft", "raft-election", ItemKind::Card, 4};
const ItemRef kChoice{"ring-q-move", "hashring", "ring-add-node", ItemKind::Choice, 0};
const ItemRef kPredict{"cap-p-stale", "cap", "cap-partition", ItemKind::Predict, 0};
const ItemRef kUnseen{"raft-q-unseen", "raft", "raft-election", ItemKind::Choice, 0};

// Exact mastery and due days below are SM-2's (hand-checkable); fsrs_test.cpp covers FSRS.
Progress sample() {
    Progress p;
    p.settings.algorithm = Algorithm::Sm2;
    p.recordReview(kCard, Grade::Good, ReviewMode::Recall, at(kToday));
    p.recordReview(kCard, Grade::Easy, ReviewMode::Rehearsal, at(kToday + 1));
    p.recordReview(kChoice, Grade::Again, ReviewMode::Choice, at(kToday));
    p.recordReview(kChoice, Grade::Again, ReviewMode::Choice, at(kToday) + 60, false);
    p.recordReview(kPredict, Grade::Good, ReviewMode::Predict, at(kToday, 23));
    p.saveCount = 12;
    return p;
}

}  // namespace

TEST_CASE("progress survives a JSON round trip exactly", "[progress]") {
    const Progress p = sample();
    const std::string text = progressToJson(p);
    const ProgressParse back = progressFromJson(text, "p.json", 1 << 20);
    REQUIRE(back.ok());
    CHECK(*back.progress == p);
    CHECK(progressToJson(*back.progress) == text);  // byte-stable
    CHECK_THAT(text, Catch::Contains("\"version\":2"));
    CHECK_THAT(text, Catch::Contains("\"redrill\":true"));
}

TEST_CASE("a re-drill is recorded but leaves the schedule alone", "[progress]") {
    const Progress p = sample();
    const ItemProgress* choice = p.find(kChoice.id);
    REQUIRE(choice != nullptr);
    CHECK(choice->history.size() == 2);
    CHECK(choice->state.reviews == 1);
    CHECK(choice->state.lapses == 1);
    CHECK(choice->state.due == kToday + 1);
}

TEST_CASE("mastery grows to 21 days and is zero after a lapse and unseen items count",
          "[progress]") {
    const Progress p = sample();
    // Card: Good then Easy -> reps 2, interval 6 -> 6/21.
    CHECK(itemMastery(*p.find(kCard.id)) == Approx(6.0 / 21.0));
    CHECK(itemMastery(*p.find(kChoice.id)) == 0.0);  // latest graded review was Again
    CHECK(itemMastery(*p.find(kPredict.id)) == Approx(1.0 / 21.0));
    const std::vector<ItemRef> catalog{kCard, kChoice, kPredict, kUnseen};
    const auto byTopic = p.masteryByTopic(catalog);
    CHECK(byTopic.at("raft") == Approx((6.0 / 21.0 + 0.0) / 2.0));  // unseen counts 0
    CHECK(byTopic.at("hashring") == 0.0);
    CHECK(byTopic.at("cap") == Approx(1.0 / 21.0));
    CHECK(p.masteryByLesson(catalog).at("raft-election") == Approx(3.0 / 21.0));
    // A card at a 3-week interval or more is fully mastered.
    ItemProgress mature;
    mature.state.reviews = 5;
    mature.state.reps = 4;
    mature.state.interval = 40;
    CHECK(itemMastery(mature) == 1.0);
    CHECK(Progress{}.mastery({}) == 0.0);
}

TEST_CASE("merge unites histories and keeps the most recent scheduler state", "[progress]") {
    Progress mine = sample();
    Progress theirs;
    theirs.settings.algorithm = Algorithm::Sm2;
    // Same card reviewed later on another machine; one review is shared with `mine`.
    theirs.recordReview(kCard, Grade::Good, ReviewMode::Recall, at(kToday));
    theirs.recordReview(kCard, Grade::Hard, ReviewMode::Recall, at(kToday + 3));
    theirs.recordReview(kUnseen, Grade::Good, ReviewMode::Choice, at(kToday + 3));
    // An older review of the predict item: history gains it, state stays ours.
    theirs.recordReview(kPredict, Grade::Again, ReviewMode::Predict, at(kToday - 5));
    const SchedulerState ourPredict = mine.find(kPredict.id)->state;

    const MergeSummary s = mergeProgress(mine, theirs);
    CHECK(s.itemsAdded == 1);
    CHECK(s.itemsMerged == 2);
    CHECK(s.reviewsAdded == 3);  // card Hard, unseen Good, predict Again
    const ItemProgress& card = *mine.find(kCard.id);
    CHECK(card.history.size() == 3);
    CHECK(card.state == theirs.find(kCard.id)->state);
    CHECK(card.history.back().grade == Grade::Hard);
    const ItemProgress& predict = *mine.find(kPredict.id);
    CHECK(predict.state == ourPredict);
    CHECK(predict.history.front().time == at(kToday - 5));  // ordered by time
    // Merging the same file again adds nothing.
    const MergeSummary again = mergeProgress(mine, theirs);
    CHECK(again.reviewsAdded == 0);
    CHECK(again.itemsAdded == 0);
}

TEST_CASE("statistics give reviews and accuracy per day and the upcoming due load", "[progress]") {
    const Progress p = sample();
    const auto days = activityByDay(p, kToday - 1, kToday + 2);
    REQUIRE(days.size() == 4);
    CHECK(days[0].reviews == 0);
    CHECK(days[0].accuracy() == 0.0);
    CHECK(days[1].day == kToday);
    CHECK(days[1].reviews == 4);  // card Good, choice Again, re-drill Again, predict Good
    CHECK(days[1].correct == 2);
    CHECK(days[1].accuracy() == Approx(0.5));
    CHECK(days[2].reviews == 1);
    CHECK(days[2].correct == 1);
    // Due: card on kToday+7, choice and predict on kToday+1. Seen from kToday+2, the last two
    // are overdue and counted today.
    const auto load = dueLoad(p, kToday + 2, 7);
    REQUIRE(load.size() == 7);
    CHECK(load[0] == 2);
    CHECK(load[5] == 1);
    CHECK(load[1] + load[2] + load[3] + load[4] + load[6] == 0);
    CHECK(dueLoad(p, kToday, 0).empty());
}

TEST_CASE("item keys join lesson and item ids and errors escape them as JSON pointers",
          "[progress]") {
    CHECK(itemKey("raft-election", "why-terms") == "raft-election/why-terms");
    Progress p;
    p.recordReview({itemKey("l~1", "c"), "raft", "l~1", ItemKind::Card, 0}, Grade::Good,
                   ReviewMode::Recall, at(kToday));
    std::string text = progressToJson(p);
    CHECK(progressFromJson(text, "k.json", 1 << 20).ok());
    const std::string interval =
        "\"interval\":" + std::to_string(p.items().begin()->second.state.interval);
    const auto pos = text.find(interval);
    REQUIRE(pos != std::string::npos);
    text.replace(pos, interval.size(), "\"interval\":-1");
    const ProgressParse bad = progressFromJson(text, "k.json", 1 << 20);
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.failure.kind == ParseFailure::Corrupt);
    CHECK_THAT(bad.failure.error.text(), Catch::Contains("/items/l~01~1c/state/interval"));
}
