#include "learn/card_deck.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace sb::widgets {

CardDeck::CardDeck(QWidget* parent) : QWidget(parent) {
    setAccessibleName(tr("Question cards"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    m_counter = new QLabel(this);
    m_counter->setAccessibleName(tr("Card number"));
    layout->addWidget(m_counter);
    m_question = new QLabel(this);
    m_question->setWordWrap(true);
    m_question->setAccessibleName(tr("Card question"));
    QFont f = m_question->font();
    f.setPointSizeF(f.pointSizeF() * 1.15);
    f.setBold(true);
    m_question->setFont(f);
    layout->addWidget(m_question);
    m_answer = new QTextBrowser(this);
    m_answer->setAccessibleName(tr("Card answer"));
    m_answer->setOpenLinks(false);
    layout->addWidget(m_answer, 1);
    auto* buttons = new QHBoxLayout;
    m_prev = new QPushButton(tr("◀"), this);
    m_prev->setAccessibleName(tr("Previous card"));
    m_prev->setToolTip(tr("Previous card"));
    m_flip = new QPushButton(tr("Reveal"), this);
    m_flip->setAccessibleName(tr("Reveal or hide the answer"));
    m_showMe = new QPushButton(tr("Show me"), this);
    m_showMe->setAccessibleName(tr("Show me in the simulation"));
    m_next = new QPushButton(tr("▶"), this);
    m_next->setAccessibleName(tr("Next card"));
    m_next->setToolTip(tr("Next card"));
    buttons->addWidget(m_prev);
    buttons->addWidget(m_flip, 1);
    buttons->addWidget(m_showMe);
    buttons->addWidget(m_next);
    layout->addLayout(buttons);

    connect(m_flip, &QPushButton::clicked, this, &CardDeck::flip);
    connect(m_prev, &QPushButton::clicked, this, [this] {
        if (m_index > 0) showCard(m_index - 1);
    });
    connect(m_next, &QPushButton::clicked, this, [this] {
        if (m_index + 1 < m_cards.size()) showCard(m_index + 1);
    });
    connect(m_showMe, &QPushButton::clicked, this, [this] {
        if (m_index < m_cards.size() && m_cards[m_index].showMeStep > 0) emit showMe(m_cards[m_index].showMeStep);
    });
    render();
}

void CardDeck::setCards(std::vector<core::Card> cards) {
    m_cards = std::move(cards);
    m_index = 0;
    m_revealed = false;
    render();
}

void CardDeck::showCard(std::size_t index) {
    if (index >= m_cards.size()) return;
    m_index = index;
    m_revealed = false;
    render();
}

void CardDeck::flip() {
    if (m_cards.empty()) return;
    m_revealed = !m_revealed;
    render();
}

void CardDeck::render() {
    const bool any = !m_cards.empty();
    m_prev->setEnabled(any && m_index > 0);
    m_next->setEnabled(any && m_index + 1 < m_cards.size());
    m_flip->setEnabled(any);
    if (!any) {
        m_counter->setText(tr("This lesson has no cards."));
        m_question->clear();
        m_answer->clear();
        m_showMe->setEnabled(false);
        return;
    }
    const core::Card& card = m_cards[m_index];
    m_counter->setText(tr("Card %1 of %2").arg(m_index + 1).arg(m_cards.size()));
    m_question->setText(QString::fromStdString(card.question));
    m_showMe->setEnabled(card.showMeStep > 0);
    m_flip->setText(m_revealed ? tr("Hide answer") : tr("Reveal"));
    if (!m_revealed) {
        m_answer->setMarkdown(tr("*Say your answer out loud, then reveal.*"));
        return;
    }
    QString md = QString::fromStdString(card.answer);
    if (!card.points.empty()) {
        md += QStringLiteral("\n\n**") + tr("A strong answer covers") + QStringLiteral("**\n\n");
        for (const auto& p : card.points) md += QStringLiteral("- ") + QString::fromStdString(p) + QStringLiteral("\n");
    }
    for (const auto& f : card.followUps)
        md += QStringLiteral("\n\n**") + tr("Follow-up:") + QStringLiteral("** ") + QString::fromStdString(f.question) +
              QStringLiteral("\n\n") + QString::fromStdString(f.answer);
    m_answer->setMarkdown(md);
}

}  // namespace sb::widgets
