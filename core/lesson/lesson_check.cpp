#include "lesson/lesson_check.h"

#include "lesson/highlight_check.h"

#include <algorithm>

#include "sim/run_budget.h"

namespace sb::core {

namespace {

// Applies lesson actions one at a time at `clock` (or just after the last event), running each
// until it has been applied: Timeline::act drops the learner's pending actions, and lesson
// actions are marked as such so that going back to an earlier step and branching drops them.
std::optional<Error> applyActions(Timeline& timeline, const std::vector<Action>& actions,
                                  Time clock, const std::string& where, std::size_t budget,
                                  std::size_t& events) {
    for (std::size_t i = 0; i < actions.size(); ++i) {
        Action a = actions[i];
        a.byUser = true;
        a.at = std::max(clock, timeline.now() + 1);
        const std::size_t rejectedBefore = timeline.sim().rejected().size();
        if (Status s = timeline.act(a); !s)
            return Error{s.error().message, where + "/" + std::to_string(i)};
        bool applied = false;
        while (!applied && events < budget && timeline.stepForward()) {
            ++events;
            const Event& e = timeline.event(timeline.position() - 1);
            applied = e.is("action") && e.time >= a.at;
        }
        if (!applied)
            return Error{"the run stopped after " + groupedNumber(static_cast<std::int64_t>(events)) +
                             " events before this action could be applied",
                         where + "/" + std::to_string(i)};
        if (timeline.sim().rejected().size() > rejectedBefore)
            return Error{"the model refused the action: " + timeline.sim().rejected().back().message,
                         where + "/" + std::to_string(i)};
    }
    return std::nullopt;
}

// Why a run-until condition did not hold, in the words check-lessons prints.
std::string stopReason(const Timeline& timeline, std::size_t events, std::size_t budget,
                       std::size_t maxEvents) {
    const std::string n = groupedNumber(static_cast<std::int64_t>(events));
    if (!timeline.sim().nextTime()) return "the run went idle after " + n + " events";
    if (events >= budget && budget < maxEvents)
        return "stopped after " + n + " events: a lesson may run at most " +
               groupedNumber(static_cast<std::int64_t>(kLessonBudget.events)) + " events in all";
    if (events >= budget) return "stopped after maxEvents = " + groupedNumber(static_cast<std::int64_t>(maxEvents)) + " events";
    return "stopped after " + n + " events at the limit of " + groupedNumber(kLessonBudget.time / kSecond) +
           " simulated seconds per step";
}

}  // namespace

Time clockAfter(const Timeline& timeline, const UntilCondition& until, Time start) {
    Time clock = std::max(start, timeline.now());
    if (until.kind == UntilCondition::Kind::TimeMs) clock = std::max(clock, fromMs(until.ms));
    if (until.kind == UntilCondition::Kind::AfterMs) clock = std::max(clock, start + fromMs(until.ms));
    return clock;
}

bool StepResult::passed() const {
    if (error || !reached) return false;
    return std::all_of(claims.begin(), claims.end(), [](const ClaimResult& c) { return c.passed; });
}

LessonRun::LessonRun(Lesson lesson, Simulation sim)
    : m_lesson(std::move(lesson)), m_timeline(std::move(sim)) {
    m_cursor.stepCount = m_lesson.steps.size();
    syncCursor(Moment{0, m_timeline.now()});
}

Result<LessonRun> LessonRun::start(const Lesson& lesson, const TopicRegistry& registry) {
    Scenario scenario = lesson.scenario;
    if (scenario.topic.empty()) scenario.topic = lesson.topic;
    if (!registry.find(scenario.topic))
        return makeError("unknown topic '" + scenario.topic + "'", lesson.file);
    auto sim = Simulation::create(registry, scenario);
    if (!sim) return makeError(sim.error().message, lesson.file + ":/scenario");
    return LessonRun(lesson, std::move(sim.value()));
}

std::optional<std::size_t> LessonRun::stepEndPosition(std::size_t n) const {
    if (n >= m_stepEnds.size()) return std::nullopt;
    return m_stepEnds[n];
}

void LessonRun::branchHere() {
    const std::size_t pos = m_timeline.position();
    while (m_stepEnds.size() > 1 && m_stepEnds.back() > pos) {
        m_stepEnds.pop_back();
        m_stepClocks.pop_back();
        if (m_results.size() >= m_stepEnds.size()) m_results.resize(m_stepEnds.size() - 1);
    }
}

StepResult LessonRun::runNextStep() {
    const std::size_t k = stepsDone();
    StepResult r;
    r.step = k + 1;
    if (k >= m_lesson.steps.size()) {
        r.error = Error{"the lesson has no step " + std::to_string(k + 1), m_lesson.file};
        return r;
    }
    const Step& step = m_lesson.steps[k];
    const std::string where = m_lesson.file + ":/steps/" + std::to_string(k);
    if (m_timeline.position() != m_stepEnds[k]) m_timeline.seek(m_stepEnds[k]);
    const Time start = m_stepClocks[k];
    const std::size_t startPosition = m_timeline.position();

    // Every step on the lesson's path shares one budget: position counts the events so far.
    const std::size_t left = kLessonBudget.events > startPosition ? kLessonBudget.events - startPosition : 0;
    const std::size_t budget = std::min(step.maxEvents, left);
    r.error = applyActions(m_timeline, step.actions, start, where + "/actions", budget, r.events);
    if (!r.error) {
        r.events += runUntil(m_timeline, step.until, start, startPosition, budget - r.events, r.reached);
        if (!r.reached)
            r.error = Error{"the step never reached its condition (" + step.until.text() +
                                "): " + stopReason(m_timeline, r.events, budget, step.maxEvents),
                            where + "/until"};
    }
    // A step that stopped short ends where it stopped: the next one's after_ms counts from here,
    // not from a moment the run never reached. Its claims describe its end, the moment the scene
    // draws, which after a wait is later than the last event (a lag or a TTL has moved on).
    r.endTime = r.error ? std::max(start, m_timeline.now()) : clockAfter(m_timeline, step.until, start);
    r.claims = evaluate(step.expect, r.endTime);
    m_stepEnds.push_back(m_timeline.position());
    m_stepClocks.push_back(r.endTime);
    m_results.push_back(r);
    return r;
}

Result<std::vector<StepResult>> LessonRun::runToEndOfStep(std::size_t n) {
    if (n > m_lesson.steps.size())
        return makeError("the lesson has " + std::to_string(m_lesson.steps.size()) + " steps, not " +
                             std::to_string(n),
                         m_lesson.file);
    std::vector<StepResult> results;
    if (n <= stepsDone()) {
        m_timeline.seek(m_stepEnds[n]);
        return results;
    }
    while (stepsDone() < n) results.push_back(runNextStep());
    return results;
}

std::vector<ClaimResult> LessonRun::evaluate(const std::vector<Claim>& claims, Time t) const {
    std::vector<ClaimResult> results;
    results.reserve(claims.size());
    for (const auto& c : claims) results.push_back(evaluateClaim(c, m_timeline.model(), t));
    return results;
}

Result<ProbeValue> LessonRun::predict(const QuizItem& item) {
    if (item.type != QuizType::Predict) return makeError("not a predict item", item.id);
    std::size_t index = 0;
    while (index < m_lesson.quiz.size() && m_lesson.quiz[index].id != item.id) ++index;
    const std::string where = m_lesson.file + ":/quiz/" + std::to_string(index);
    const std::size_t back = m_timeline.position();
    auto reached = runToEndOfStep(item.fromStep);
    if (!reached) return reached.error();
    // A scratch timeline from the state at the end of step `from`: the main one keeps its future.
    // Later steps' actions are still scheduled in the run's script when the lesson has gone past
    // `from`; they belong to the lesson's future, not to this question, so the scratch run drops
    // them (an item with actions of its own dropped them anyway, when its first action branched).
    Simulation start = m_timeline.sim();
    start.dropPendingUserActions();
    Timeline scratch(std::move(start));
    const Time clock = m_stepClocks[item.fromStep];
    m_timeline.seek(std::min(back, m_timeline.recorded()));

    std::size_t events = 0;
    const std::size_t startPosition = scratch.position();
    // Each predict item may run as much as a whole lesson (its maxEvents is at most that).
    const std::size_t budget = std::min(item.maxEvents, kLessonBudget.events);
    if (auto error = applyActions(scratch, item.actions, clock, where + "/actions", budget, events)) return *error;
    bool ok = false;
    events += runUntil(scratch, item.until, clock, startPosition, budget - events, ok);
    if (!ok)
        return makeError("the predict item never reached its condition (" + item.until.text() +
                             "): " + stopReason(scratch, events, budget, item.maxEvents),
                         where + "/until");
    Claim probe;
    probe.ref = item.probe;
    // Read where the condition holds, as a step's claims are: after a wait that is later than
    // the last event (a TTL or a window has moved on), and the quiz's reveal plays to there.
    ClaimResult value = evaluateClaim(probe, scratch.model(), clockAfter(scratch, item.until, clock));
    if (!value.problem.empty()) return makeError(value.problem, where + "/probe");
    return value.actual;
}

bool LessonCheck::passed() const {
    if (!errors.empty()) return false;
    for (const auto& s : steps)
        if (!s.passed()) return false;
    for (const auto& p : predicts)
        if (p.error) return false;
    return true;
}

std::size_t LessonCheck::claimCount() const {
    std::size_t n = 0;
    for (const auto& s : steps) n += s.claims.size();
    return n;
}

std::size_t LessonCheck::failedCount() const {
    std::size_t n = errors.size();
    for (const auto& s : steps) {
        if (s.error) ++n;
        for (const auto& c : s.claims) n += c.passed ? 0U : 1U;
    }
    for (const auto& p : predicts) n += p.error ? 1U : 0U;
    return n;
}

namespace {

std::optional<std::string> answerTypeProblem(const ProbeValue& v, AnswerType type, const Model& model) {
    switch (type) {
        case AnswerType::Node: {
            const auto* s = std::get_if<std::string>(&v);
            const auto names = model.nodeNames();
            if (!s || std::find(names.begin(), names.end(), *s) == names.end())
                return "answerType is node, but the probe gave " + probeToString(v);
            return std::nullopt;
        }
        case AnswerType::Bool:
            if (!std::holds_alternative<bool>(v)) return "answerType is bool, but the probe gave " + probeToString(v);
            return std::nullopt;
        case AnswerType::Number:
            if (!std::holds_alternative<std::int64_t>(v) && !std::holds_alternative<double>(v))
                return "answerType is number, but the probe gave " + probeToString(v);
            return std::nullopt;
    }
    return std::nullopt;
}

}  // namespace

LessonCheck checkLesson(const Lesson& lesson, const TopicRegistry& registry) {
    LessonCheck check;
    check.file = lesson.file;
    check.lessonId = lesson.id;
    auto run = LessonRun::start(lesson, registry);
    if (!run) {
        check.errors.push_back(run.error());
        return check;
    }
    for (std::size_t i = 0; i < lesson.steps.size(); ++i) {
        const std::size_t start = run->timeline().position();
        check.steps.push_back(run->runNextStep());
        for (auto& e : highlightProblems(lesson, i, run->timeline(), start, run->stepClock(i + 1)))
            check.errors.push_back(std::move(e));
    }
    for (const auto& v : run->timeline().model().violations())
        check.errors.push_back(Error{"invariant '" + v.invariant + "' broken: " + v.detail, lesson.file});
    for (std::size_t i = 0; i < lesson.quiz.size(); ++i) {
        const QuizItem& item = lesson.quiz[i];
        if (item.type != QuizType::Predict) continue;
        PredictResult p;
        p.itemId = item.id;
        auto answer = run->predict(item);
        if (!answer) {
            p.error = answer.error();
        } else {
            p.answer = answer.value();
            if (auto problem = answerTypeProblem(answer.value(), item.answerType, run->timeline().model()))
                p.error = Error{*problem, lesson.file + ":/quiz/" + std::to_string(i) + "/answerType"};
        }
        check.predicts.push_back(std::move(p));
    }
    return check;
}

}  // namespace sb::core
