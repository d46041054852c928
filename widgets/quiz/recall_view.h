#pragma once

#include <QWidget>
#include <functional>
#include <optional>

#include "lesson/lesson.h"
#include "quiz/scheduler.h"

class QLabel;
class QPushButton;
class QTextBrowser;

namespace sb::widgets {

// A card recalled from memory: the question; Space reveals the answer; 1-4 grade it
// Again/Hard/Good/Easy. Also the fallback of a rehearsal card with no checklist.
class RecallView : public QWidget {
    Q_OBJECT
public:
    explicit RecallView(QWidget* parent = nullptr);

    void setCard(const core::Card& card);
    void reveal();
    bool revealed() const { return m_revealed; }

signals:
    void graded(core::quiz::Grade grade);

protected:
    void keyPressEvent(QKeyEvent* event) override;

private:
    QLabel* m_question;
    QTextBrowser* m_answer;
    QLabel* m_hint;
    QPushButton* m_reveal;
    QWidget* m_grades;
    bool m_revealed = false;
};

// The Markdown of a card's answer with its follow-ups.
QString cardAnswerMarkdown(const core::Card& card);
// Keys 1-4 as grades; nullopt for other keys.
std::optional<core::quiz::Grade> gradeForKey(int key);
// A row of four buttons "1 Again" .. "4 Easy"; a click calls `onGrade`.
QWidget* makeGradeRow(QWidget* parent, const std::function<void(core::quiz::Grade)>& onGrade);

}  // namespace sb::widgets
