#pragma once

#include <QWidget>
#include <vector>

#include "lesson/lesson.h"

class QLabel;
class QPushButton;
class QTextBrowser;

namespace sb::widgets {

// The lesson's interview cards, one at a time: the question first, "Reveal" flips it to the
// answer, the points a strong answer covers and the follow-ups; "Show me" jumps to the step that
// demonstrates it.
class CardDeck : public QWidget {
    Q_OBJECT
public:
    explicit CardDeck(QWidget* parent = nullptr);

    void setCards(std::vector<core::Card> cards);
    void showCard(std::size_t index);
    void flip();
    bool revealed() const { return m_revealed; }
    std::size_t current() const { return m_index; }
    std::size_t count() const { return m_cards.size(); }

signals:
    void showMe(std::size_t step);

private:
    void render();

    std::vector<core::Card> m_cards;
    std::size_t m_index = 0;
    bool m_revealed = false;
    QLabel* m_counter;
    QLabel* m_question;
    QTextBrowser* m_answer;
    QPushButton* m_flip;
    QPushButton* m_prev;
    QPushButton* m_next;
    QPushButton* m_showMe;
};

}  // namespace sb::widgets
