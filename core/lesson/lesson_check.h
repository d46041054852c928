#pragma once

#include <optional>
#include <string>
#include <vector>

#include "lesson/lesson.h"
#include "lesson/lesson_cursor.h"
#include "sim/registry.h"
#include "sim/result.h"
#include "sim/timeline.h"

namespace sb::core {

// Compares a probe value with a claim's value. Numbers compare as numbers (int with double is
// fine); ordering ops need numbers on both sides.
bool compareProbe(const ProbeValue& actual, CompareOp op, const ProbeValue& expected);
// Evaluates a claim against a model's current state. Node names are looked up in the model.
struct ClaimResult {
    Claim claim;
    ProbeValue actual;
    bool passed = false;
    std::string problem;  // set when the claim could not be evaluated (unknown node...)
};
ClaimResult evaluateClaim(const Claim& claim, const Model& model);
// The same at time `t` (at or after the model's clock, before its next event): a step that waits
// ends after its last event, and its claims describe the moment the scene draws, t.
ClaimResult evaluateClaim(const Claim& claim, const Model& model, Time t);

// The moment a run of `until` that began at `start` ends, given the timeline where it stopped:
// its last event, or for a wait ("after_ms", "time_ms") the time waited to, which is later. A
// step's claims and a predict item's answer are read there, where the scene is drawn.
Time clockAfter(const Timeline& timeline, const UntilCondition& until, Time start);

// What happened in one step: how it stopped and what its claims found.
struct StepResult {
    std::size_t step = 0;         // 1-based
    bool reached = false;         // the until condition held (false: maxEvents or idle first)
    std::size_t events = 0;       // events the step ran
    Time endTime = 0;             // the moment its claims describe (after a wait: later than the last event)
    std::vector<ClaimResult> claims;
    std::optional<Error> error;   // an action refused, or the condition never met

    bool passed() const;
};

// Runs a lesson on a Timeline, step by step. The GUI drives one of these (the lesson pane turns
// claims green as steps end; the quiz asks predict()) and check-lessons drives another.
// Positions of step ends are remembered, so going back to an earlier step is a Timeline seek.
class LessonRun {
public:
    // Builds the simulation from lesson.scenario. Fails if the topic is missing.
    static Result<LessonRun> start(const Lesson& lesson, const TopicRegistry& registry);

    const Lesson& lesson() const { return m_lesson; }
    Timeline& timeline() { return m_timeline; }
    const Timeline& timeline() const { return m_timeline; }

    // Steps completed from the start (0..steps.size()) on the recorded path.
    std::size_t stepsDone() const { return m_stepEnds.size() - 1; }
    // Runs the next step: applies its actions, runs until its condition, checks its claims.
    StepResult runNextStep();
    // Brings the timeline to the end of step n (0 = start), running the missing steps or seeking
    // back to a recorded end. Returns the result of each step run now (empty on a pure seek).
    Result<std::vector<StepResult>> runToEndOfStep(std::size_t n);
    // Timeline position at the end of step n, if that step has been run.
    std::optional<std::size_t> stepEndPosition(std::size_t n) const;
    // Lesson time at the end of step n (>= the model's clock: a step may wait); n <= stepsDone().
    Time stepClock(std::size_t n) const { return m_stepClocks[n]; }

    // Call after acting on timeline() directly (a learner's gesture): the recorded ends of steps
    // after the current position no longer describe this run and are forgotten.
    void branchHere();

    // --- The lesson cursor and the navigations that keep it and the timeline together
    // (lesson_navigate.cpp). Each leaves the timeline at cursor().moment; the lesson's own path
    // is always run by the lesson's steps, so the state at a cursor equals a fresh run to it.
    const LessonCursor& cursor() const { return m_cursor; }
    // The stored result of step n (1-based), once it has been run on the current path.
    const StepResult* resultOf(std::size_t n) const;
    // Step n starts now: the end of step n - 1 on the lesson's path, with step n recorded ahead
    // so playback can animate it (cursor: step n running). Drops the learner's changes.
    Status beginStep(std::size_t n);
    // The end of step n, 0 = the start (cursor: step n done). Drops the learner's changes.
    Status goToStep(std::size_t n);
    Status nextStep();      // begins the step after the one shown
    Status previousStep();  // the end of the step before the one shown
    // Plays forward to simulated time `target`. Crossing the end of the running step either
    // stops exactly there (`stopAtStepEnd`, returns true) or begins the next step and goes on.
    // It also stops (returning true) once `stopAt` events have been applied.
    bool advance(Time target, bool stopAtStepEnd, std::size_t stopAt = static_cast<std::size_t>(-1));
    void stepForward();
    void stepBack();
    void seek(std::size_t position);  // the moment after `position` events
    void seekTime(Time t);            // the moment t (events up to t applied)
    // A learner's gesture at the moment shown: the run leaves the lesson's path.
    Status act(Action action);
    // The run leaves the lesson's path at the moment shown without a change: playing on shows
    // the model alone, without the later steps' actions (the quiz's reveal of a predict item).
    void leavePath();
    // Undo: the run as a session script was at moment `m` (explored or not).
    Status restore(const TopicRegistry& registry, const Scenario& session, Moment m, bool explored);
    // A saved session of this lesson: follows its script, recognising the steps it ran.
    Status adopt(const TopicRegistry& registry, const Scenario& session);

    // Claims evaluated at the timeline's current state, read at time `t` (>= the model's clock).
    std::vector<ClaimResult> evaluate(const std::vector<Claim>& claims, Time t) const;

    // The answer to a predict item, computed on a scratch copy: the state at the end of step
    // `item.fromStep` (running to it if needed), then its actions, then its until condition.
    // The main timeline's position and future are left as they were.
    Result<ProbeValue> predict(const QuizItem& item);

    // Runs `until` on `timeline` from its current position. The step began at `startPosition`
    // and `startTime` (for after_ms): events since then, such as those its actions caused,
    // count towards "event" and "events" conditions. Returns the number of events run now;
    // sets `reached`.
    static std::size_t runUntil(Timeline& timeline, const UntilCondition& until, Time startTime,
                                std::size_t startPosition, std::size_t maxEvents, bool& reached);

private:
    LessonRun(Lesson lesson, Simulation sim);

    Lesson m_lesson;
    Timeline m_timeline;
    std::vector<std::size_t> m_stepEnds{0};  // m_stepEnds[k] = position at the end of step k
    std::vector<Time> m_stepClocks{0};       // lesson time at the end of step k (>= model time)
    std::vector<StepResult> m_results;       // m_results[k - 1] = what step k found at its end
    LessonCursor m_cursor;
    LessonCursor m_branchCursor;  // where the learner's change was made (explored runs)

    void syncCursor(Moment m);
    void rejoinPath();
    void recordThrough(std::size_t n);
    void extendPathTo(std::size_t position);
    void forgetEndsAfter(Moment at);
};

// The report check-lessons prints for one lesson.
struct PredictResult {
    std::string itemId;
    std::optional<ProbeValue> answer;
    std::optional<Error> error;
};
struct LessonCheck {
    std::string file;
    std::string lessonId;
    std::vector<StepResult> steps;
    std::vector<PredictResult> predicts;
    std::vector<Error> errors;  // could not start, invariant violations...

    bool passed() const;
    std::size_t claimCount() const;
    std::size_t failedCount() const;
};

// Runs every step, checks every claim, computes every predict answer (and checks it has the
// item's answerType). Never throws.
LessonCheck checkLesson(const Lesson& lesson, const TopicRegistry& registry);

}  // namespace sb::core
