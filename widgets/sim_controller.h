#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <memory>
#include <optional>

#include "lesson/lesson_check.h"
#include "sim/registry.h"
#include "sim/timeline.h"

class QUndoStack;

namespace sb::widgets {

// Enough to rebuild a timeline exactly as it was: the session script (scenario plus every
// scheduled action, the learner's included) and the position in it. Undo restores one.
struct TimelineSnapshot {
    core::Scenario session;
    std::size_t position = 0;
    core::Moment moment;    // a lesson's cursor moment (shown time may be past the last event)
    bool explored = false;  // a lesson's run was already off its path
};

// Owns the run being shown (a plain scenario, or a lesson's run) and plays it in simulated time.
// Panels listen to its signals and read its state; gestures come back in through perform(),
// which records them on the undo stack. Nothing here computes protocol behaviour.
class SimController : public QObject {
    Q_OBJECT
public:
    // At 1x, this many simulated microseconds pass per wall millisecond (10x slower than real
    // time: protocol timings are tens of milliseconds, too quick to follow otherwise).
    static constexpr double kSimUsPerWallMs = 100.0;
    static constexpr std::size_t kPrerecordEvents = 20000;

    explicit SimController(const core::TopicRegistry& registry, QObject* parent = nullptr);
    ~SimController() override;

    core::Status load(const core::Scenario& scenario);
    core::Status loadLesson(const core::Lesson& lesson);
    // After loadLesson: a saved session of that lesson, its cursor on the steps it ran.
    core::Status adoptSession(const core::Scenario& session);
    const core::Timeline* timeline() const;
    const core::LessonRun* lessonRun() const { return m_run.get(); }
    const core::TopicRegistry& registry() const { return m_registry; }
    QUndoStack* undoStack() const { return m_undo; }

    // The time being shown: between two events while playing, so motion is smooth. In a lesson
    // it is the cursor's moment.
    core::Time displayTime() const;
    bool playing() const { return m_timer.isActive(); }
    double speed() const { return m_speed; }
    // The lesson step shown (1-based; 0 at the start): the cursor's step.
    std::size_t currentStep() const;
    // The cursor's step result once that step is done, else null.
    const core::StepResult* lastStepResult() const;

    void play();
    void pause();
    void togglePlay();
    void setSpeed(double speed);
    void stepForward();
    void stepBack();
    void seek(std::size_t position);
    // Moves to the last event at or before simulated time t (recording further if needed).
    void seekTime(core::Time t);
    void reset();
    // Lesson navigation: animates step n (1-based) from the end of step n-1.
    void runStep(std::size_t step);
    void nextStep();
    // Whether nextStep() has anything to do: a lesson is open and its last step is not done.
    bool hasNextStep() const;
    void previousStep();
    // Jumps (no animation) to the end of step n; 0 is the lesson's start.
    void goToStepEnd(std::size_t step);
    // Plays (animated) from the current position and pauses at `position`, which must be ahead
    // (the quiz's predict items run the model forward to their answer this way).
    void playTo(std::size_t position);
    // Plays on to simulated time `t` and pauses there, showing the idle time after the last event
    // too (a predict item that waits is answered at the end of its wait).
    void playToTime(core::Time t);
    // In a lesson: the run leaves the lesson's path here, changing nothing, so playing on shows
    // the model alone (a predict item's reveal must not run the lesson's next step).
    void leaveLessonPath();

    // A learner's gesture: validated, applied at the current position, undoable.
    core::Status perform(core::Action action, const QString& description);
    TimelineSnapshot snapshot() const;
    core::Status restore(const TimelineSnapshot& snapshot);
    // Applies without recording on the undo stack (the undo command calls this).
    core::Status actNow(const core::Action& action);

    // Advances one playback frame of `wallMs` (the timer calls it; benchmarks call it directly).
    void advance(double wallMs);

signals:
    void changed();
    void loaded();
    void playingChanged(bool playing);
    void speedChanged(double speed);
    void branched(std::size_t position);
    void stepStarted(std::size_t step);   // the cursor entered `step`, running
    void stepFinished(std::size_t step);  // playback reached the end of `step`
    // The lesson cursor's step, phase or explored flag changed (every navigation).
    void cursorChanged();
    void error(const QString& message);

private:
    core::Timeline* mutableTimeline();
    void tick();
    void afterMove();
    void stepOnce(bool forward);
    void startAnimation();
    void stopAnimation();
    void lessonMoved(bool finished = false);
    void advanceLesson(core::Time ahead);
    void advancePlain(core::Timeline& timeline, core::Time ahead);
    core::Time pacedAhead(double wallMs) const;

    const core::TopicRegistry& m_registry;
    std::unique_ptr<core::Timeline> m_timeline;  // a plain scenario
    std::unique_ptr<core::LessonRun> m_run;      // or a lesson (which owns its timeline)
    QUndoStack* m_undo;
    QTimer m_timer;
    QElapsedTimer m_clock;
    core::Time m_displayTime = 0;
    double m_speed = 1.0;
    std::optional<std::size_t> m_stopAt;  // playback pauses after this many events (playTo)
    std::optional<core::Time> m_stopTime; // or at this simulated time (playToTime)
    bool m_stopAtStepEnd = false;          // lesson animation of one step: pause at its end
    std::size_t m_shownStep = 0;           // the cursor as last announced (cursorChanged)
    core::StepPhase m_shownPhase = core::StepPhase::Start;
    bool m_shownExplored = false;
};

}  // namespace sb::widgets
