#include "quiz/interview_plan.h"

#include "quiz/fair_order.h"

#include <algorithm>
#include <set>

namespace sb::core::quiz {

namespace {

bool inTopics(const std::string& topic, const std::vector<std::string>& topics) {
    return topics.empty() || std::find(topics.begin(), topics.end(), topic) != topics.end();
}

// One item as the simulation carries it forward.
struct Sim {
    ItemRef ref;
    FsrsMemory memory;
    Day last = 0;
    bool firstToday = false;  // first reviewed on the planning day (counts toward its new quota)
};

struct Planner {
    const FsrsParams& params;
    Day interviewDay;
    double target;

    double recall(const Sim& s, Day day) const {
        return retrievability(s.memory, static_cast<double>(day - s.last), params);
    }
    // The day the plan reviews a learnt item next, from its memory alone.
    Day due(const Sim& s) const {
        const Day normal = s.last + fsrsInterval(s.memory.stability, params);
        if (normal < interviewDay - 1 || recall(s, interviewDay) >= target) return normal;
        return std::max(s.last + 1, interviewDay - 1);
    }
};

std::vector<Sim> itemsToPlan(const Progress& progress, const std::vector<ItemRef>& catalog,
                             const std::vector<std::string>& topics, Day today) {
    std::vector<Sim> out;
    std::set<std::string> seen;
    // Topics in turn, so the first days introduce every topic, not only the catalog's first.
    for (const ItemRef& ref : interleaveByTopic(catalog)) {
        if (!inTopics(ref.topic, topics) || !seen.insert(ref.id).second) continue;
        Sim s{ref, {}, 0, false};
        if (const ItemProgress* p = progress.find(ref.id); p != nullptr && !p->state.isNew()) {
            s.memory = memoryOf(p->state);
            s.last = dayOf(p->state.lastReview);
            const auto first = std::find_if(p->history.begin(), p->history.end(),
                                            [](const ReviewRecord& r) { return r.scheduled; });
            s.firstToday = first != p->history.end() && dayOf(first->time) == today;
        }
        out.push_back(std::move(s));
    }
    return out;
}

}  // namespace

InterviewPlan planInterview(const Progress& progress, const std::vector<ItemRef>& catalog,
                            Day today) {
    InterviewPlan plan;
    const InterviewSettings& iv = progress.interview;
    plan.target = iv.target;
    if (!iv.day || *iv.day <= today) return plan;
    plan.active = true;
    plan.interviewDay = *iv.day;
    FsrsParams params = fsrsParams(progress.settings);
    params.desiredRetention = std::clamp(std::max(params.desiredRetention, iv.target),
                                         kMinRetention, kMaxRetention);
    const Planner planner{params, plan.interviewDay, iv.target};
    std::vector<Sim> items = itemsToPlan(progress, catalog, iv.topics, today);
    std::vector<double> idle;
    for (const Sim& s : items) idle.push_back(s.memory.isNew() ? 0.0 : planner.recall(s, plan.interviewDay));

    int introducedToday = 0;
    for (const Sim& s : items) introducedToday += s.firstToday ? 1 : 0;
    for (Day d = today; d < plan.interviewDay; ++d) {
        std::vector<std::size_t> reviews, fresh;
        for (std::size_t i = 0; i < items.size(); ++i) {
            const Sim& s = items[i];
            if (s.memory.isNew()) fresh.push_back(i);
            else if (s.last < d && planner.due(s) <= d) reviews.push_back(i);
        }
        std::stable_sort(reviews.begin(), reviews.end(), [&](std::size_t a, std::size_t b) {
            return planner.recall(items[a], d) < planner.recall(items[b], d);
        });
        // Front-loaded introduction; today's quota counts what was already started today.
        const int already = d == today ? introducedToday : 0;
        const auto left = static_cast<std::int64_t>(fresh.size()) + already;
        const std::int64_t spread = std::max<std::int64_t>(1, (plan.interviewDay - d + 1) / 2);
        const auto quota = std::max<std::int64_t>(0, (left + spread - 1) / spread - already);
        fresh.resize(static_cast<std::size_t>(std::min<std::int64_t>(quota, static_cast<std::int64_t>(fresh.size()))));
        plan.days.push_back({d, static_cast<int>(reviews.size()), static_cast<int>(fresh.size())});
        for (const std::vector<std::size_t>* group : {&reviews, &fresh}) {
            for (const std::size_t i : *group) {
                Sim& s = items[i];
                if (d == today) plan.today.push_back(s.ref);
                s.memory = nextMemory(s.memory, Grade::Good, s.memory.isNew() ? 0 : d - s.last, params);
                s.last = d;
            }
        }
    }

    std::vector<std::string> order;
    std::vector<TopicRecall> sums;
    for (std::size_t i = 0; i < items.size(); ++i) {
        const double planned = items[i].memory.isNew() ? 0.0 : planner.recall(items[i], plan.interviewDay);
        plan.lowestPlanned = std::min(plan.lowestPlanned, planned);
        plan.belowTarget += planned < iv.target ? 1 : 0;
        auto it = std::find_if(sums.begin(), sums.end(),
                               [&](const TopicRecall& t) { return t.topic == items[i].ref.topic; });
        if (it == sums.end()) it = sums.insert(sums.end(), TopicRecall{items[i].ref.topic, 0, 0.0, 0.0});
        it->items += 1;
        it->now += idle[i];
        it->planned += planned;
    }
    for (TopicRecall& t : sums) {
        t.now /= t.items;
        t.planned /= t.items;
    }
    plan.topics = std::move(sums);
    return plan;
}

std::vector<ItemRef> mostLikelyForgotten(const Progress& progress,
                                         const std::vector<ItemRef>& catalog,
                                         const std::vector<std::string>& topics, Day day,
                                         double below) {
    const FsrsParams params = fsrsParams(progress.settings);
    std::vector<std::pair<double, ItemRef>> weak;
    std::set<std::string> seen;
    for (const ItemRef& ref : catalog) {
        if (!inTopics(ref.topic, topics) || !seen.insert(ref.id).second) continue;
        const ItemProgress* p = progress.find(ref.id);
        const double r = p == nullptr ? 0.0 : recallOn(p->state, day, params);
        if (r < below) weak.emplace_back(r, ref);
    }
    std::stable_sort(weak.begin(), weak.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<ItemRef> out;
    for (auto& w : weak) out.push_back(std::move(w.second));
    return out;
}

}  // namespace sb::core::quiz
