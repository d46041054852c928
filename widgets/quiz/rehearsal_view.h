#pragma once

#include <QWidget>
#include <vector>

#include "lesson/lesson.h"
#include "quiz/scheduler.h"

class QCheckBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTextBrowser;

namespace sb::widgets {

class Countdown;

// Interview rehearsal of one card: the question with a countdown (two minutes by default) and a
// notes box; then the model answer and the checklist of points a strong answer covers. The
// learner ticks the points they made (number keys toggle them) and Enter scores it; the score
// becomes a grade through core's gradeFromChecklist. Keys: Ctrl+Enter (or Space outside the
// notes) reveals; the countdown running out reveals too.
class RehearsalView : public QWidget {
    Q_OBJECT
public:
    static constexpr int kDefaultSeconds = 120;

    explicit RehearsalView(QWidget* parent = nullptr);

    void setCard(const core::Card& card, int seconds = kDefaultSeconds);
    void reveal();
    // The notes box before the answer is shown, the view (for the checklist keys) after.
    void focusAnswer();
    void submit();
    void toggle(std::size_t point);
    bool revealed() const { return m_revealed; }
    int ticked() const;
    Countdown* countdown() const { return m_countdown; }
    QPlainTextEdit* notes() const { return m_notes; }
    const std::vector<QCheckBox*>& checks() const { return m_checks; }

signals:
    void rehearsed(int ticked);
    // A card without a checklist is graded by the learner instead.
    void graded(core::quiz::Grade grade);

protected:
    void keyPressEvent(QKeyEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void showTime(int remaining);

    Countdown* m_countdown;
    QLabel* m_question;
    QLabel* m_clock;
    QPlainTextEdit* m_notes;
    QPushButton* m_reveal;
    QTextBrowser* m_answer;
    QWidget* m_checklist;
    std::vector<QCheckBox*> m_checks;
    QPushButton* m_submit;
    QWidget* m_grades;
    QLabel* m_hint;
    bool m_revealed = false;
};

}  // namespace sb::widgets
