#pragma once

#include <QWidget>
#include <vector>

#include "lesson/lesson.h"

class QLabel;
class QPushButton;
class QTextBrowser;

namespace sb::widgets {

// A multiple-choice item: the options numbered 1..n (number keys choose). After the answer,
// every option is listed with a ✓/✗ mark, its explanation, and which one the learner chose;
// Space or Enter moves on.
class ChoiceView : public QWidget {
    Q_OBJECT
public:
    explicit ChoiceView(QWidget* parent = nullptr);

    void setItem(const core::QuizItem& item);
    void choose(std::size_t option);
    bool answered() const { return m_chosen.has_value(); }
    QTextBrowser* feedback() const { return m_feedback; }

signals:
    void answeredItem(bool correct);
    void next();

protected:
    void keyPressEvent(QKeyEvent* event) override;

private:
    QString feedbackMarkdown() const;

    core::QuizItem m_item;
    std::optional<std::size_t> m_chosen;
    QLabel* m_question;
    QWidget* m_options;
    std::vector<QPushButton*> m_buttons;
    QLabel* m_verdict;
    QTextBrowser* m_feedback;
    QLabel* m_hint;
};

// Number keys 1-9 as a 0-based index; nullopt for other keys.
std::optional<std::size_t> indexForKey(int key);

}  // namespace sb::widgets
