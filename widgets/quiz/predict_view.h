#pragma once

#include <QWidget>
#include <optional>
#include <vector>

#include "lesson/lesson.h"
#include "sim/registry.h"
#include "sim/timeline.h"

class QLabel;
class QPushButton;
class QSpinBox;

namespace sb::widgets {

class SceneView;
class SimController;

// "Predict what happens next": the scene shows the lesson's run paused at the item's moment (the
// end of its `from` step). The learner answers (a node, yes/no or a number); then the item's
// actions are applied and the model runs forward on screen to the item's condition, and the
// answer is graded against the value the model computes (LessonRun::predict). A wrong answer
// offers the lesson step that explains it.
class PredictView : public QWidget {
    Q_OBJECT
public:
    // The run to the answer is animated at this speed (a few hundred simulated ms take ~1 s).
    static constexpr double kRevealSpeed = 4.0;
    static constexpr int kChoiceColumns = 6;

    PredictView(const core::TopicRegistry& registry, QWidget* parent = nullptr);

    // False (with the reason in `error`) when the scenario or the answer cannot be computed.
    bool setItem(const core::Lesson& lesson, const core::QuizItem& item, QString* error = nullptr);
    void submit(const core::ProbeValue& guess);
    // Puts the keyboard focus where the answer is typed (the number box) or keyed (the view).
    void focusAnswer();
    bool answered() const { return m_answered; }
    const std::optional<core::ProbeValue>& truth() const { return m_truth; }
    // Where the animated run to the answer stops (the timeline position of the item's condition).
    std::size_t revealPosition() const { return m_target; }
    // And the moment it stops at, where the answer is read: after a wait, later than that event.
    core::Time revealTime() const { return m_targetTime; }
    SimController* controller() const { return m_controller; }
    SceneView* scene() const { return m_scene; }
    QSpinBox* numberBox() const { return m_number; }
    QLabel* verdict() const { return m_verdict; }
    QLabel* explainLink() const { return m_explain; }

signals:
    void answeredItem(bool correct);
    void next();
    void openStep(const QString& lessonId, int step);

protected:
    void keyPressEvent(QKeyEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void buildChoices();
    void runForward();
    // What runForward() will show, on a copy, and the moment it ends (the answer's moment).
    struct Reveal {
        core::Timeline run;
        core::Time end = 0;
    };
    Reveal revealRun() const;
    void refreshScene();

    const core::TopicRegistry& m_registry;
    core::Lesson m_lesson;
    core::QuizItem m_item;
    std::vector<core::ProbeValue> m_choices;  // what keys 1..n answer (node and bool items)
    std::optional<core::ProbeValue> m_truth;
    bool m_answered = false;
    std::size_t m_target = 0;
    core::Time m_targetTime = 0;
    SimController* m_controller;
    SceneView* m_scene;
    QLabel* m_question;
    QLabel* m_moment;
    QWidget* m_buttons;
    QSpinBox* m_number;
    QPushButton* m_submit;
    QLabel* m_verdict;
    QLabel* m_explain;
    QLabel* m_hint;
};

// Whether a learner's prediction matches the model's value. Counts, nodes and yes/no must be
// exact; a measured quantity (a non-integer value, e.g. a latency of 189.99 ms) is right within
// 10% (at least 1 unit), since nobody predicts a latency to the hundredth.
bool predictionMatches(const core::ProbeValue& truth, const core::ProbeValue& guess);

}  // namespace sb::widgets
