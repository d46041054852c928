#pragma once

#include <QWidget>
#include <vector>

#include "lesson/lesson.h"

class QLabel;
class QPushButton;
class QTextBrowser;

namespace sb::widgets {

// A multiple-choice item: the options numbered 1..n in the order given (number keys choose by
// the number shown). After the answer, every option is listed in that same order with a ✓/✗
// mark, its explanation, and which one the learner chose; Space or Enter moves on.
class ChoiceView : public QWidget {
    Q_OBJECT
public:
    explicit ChoiceView(QWidget* parent = nullptr);

    // `order[p]` is the option shown at position p (core::quiz::optionOrder); empty = as written.
    void setItem(const core::QuizItem& item, std::vector<std::size_t> order = {});
    // Chooses the option shown at `position` (0-based), as pressing its number does.
    void choose(std::size_t position);
    const std::vector<std::size_t>& order() const { return m_order; }
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
    std::vector<std::size_t> m_order;
    std::optional<std::size_t> m_chosen;  // the position chosen
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
