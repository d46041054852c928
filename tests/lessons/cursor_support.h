#pragma once
// Helpers for the lesson cursor tests: the shipped lessons, a fresh reference run of each, and
// a walker that applies random navigations the way a learner would.
#include <string>
#include <vector>

#include "lesson/lesson_check.h"
#include "lesson/step_shown.h"
#include "sim/rng.h"

namespace sb::test {

const core::TopicRegistry& registry();
std::vector<const core::Lesson*> shippedLessons();
core::LessonRun startLesson(const std::string& id);
// The walk's size: LESSON_CURSOR_SEQUENCES per light lesson (default 250).
std::size_t sequencesPerLesson();
// For a lesson whose path runs `events` events: all of them up to 1,000 events, then fewer in
// proportion (at least 6), so the cache lessons' hundreds of thousands of events stay affordable.
std::size_t sequencesFor(std::size_t events);

// Plays the running step to its end in 1x frames (16 ms of wall time each). With `next`, first
// begins the next step (Page Down).
bool playStep(core::LessonRun& run, bool next);
bool playToEnd(core::LessonRun& run);
std::string probeText(const core::LessonRun& run, const std::string& probe, const std::string& node = {});
// The observable model state: position, clock, every probe of every node, metrics.
std::string fingerprint(const core::Timeline& timeline);
// The run's state equals a fresh run of the lesson to the same moment.
bool sameAsFreshRun(const core::LessonRun& run);

// A fresh run of a lesson with every step recorded: the lesson's own path.
class Reference {
public:
    explicit Reference(const core::Lesson& lesson);
    std::string stateAt(std::size_t position);
    const std::vector<core::Moment>& ends() const { return m_ends; }
    const std::vector<core::StepResult>& results() const { return m_results; }
    const std::vector<core::Action>& script() const { return m_script; }

private:
    core::LessonRun m_run;
    std::vector<core::Moment> m_ends;
    std::vector<core::StepResult> m_results;
    std::vector<core::Action> m_script;
};

class Walker {
public:
    Walker(const core::Lesson& lesson, Reference& reference, std::uint64_t seed);
    std::string randomStep();  // applies one random navigation; returns its name
    std::string check();       // empty when cursor, claims and model agree
    std::string history() const { return m_history; }

private:
    struct Saved {
        core::Scenario session;
        core::Moment moment;
        bool explored = false;
    };
    void gesture();

    const core::Lesson& m_lesson;
    Reference& m_reference;
    core::LessonRun m_run;
    core::Rng m_rng;
    std::vector<Saved> m_undo;
    std::string m_history;
};

}  // namespace sb::test
