#include "quiz/session_summary.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>
#include "quiz/quiz_widgets.h"
#include "plural.h"

namespace sb::widgets {

SessionSummary::SessionSummary(QWidget* parent) : QWidget(parent) {
    setAccessibleName(tr("Session summary"));
    setFocusPolicy(Qt::StrongFocus);
    QVBoxLayout* layout = makeCentredColumn(this, 880);
    layout->addWidget(makeTitleLabel(tr("Session complete"), this));
    m_text = new QLabel(this);
    m_text->setAccessibleName(tr("Session results"));
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::RichText);
    layout->addWidget(m_text);
    layout->addStretch(1);
    auto* buttons = new QHBoxLayout;
    auto* back = new QPushButton(tr("Back to setup (Esc)"), this);
    back->setAccessibleName(tr("Back to the quiz setup"));
    auto* again = new QPushButton(tr("Another session (Enter)"), this);
    again->setAccessibleName(tr("Start another session"));
    buttons->addWidget(back);
    buttons->addStretch(1);
    buttons->addWidget(again);
    layout->addLayout(buttons);
    connect(back, &QPushButton::clicked, this, &SessionSummary::backRequested);
    connect(again, &QPushButton::clicked, this, &SessionSummary::againRequested);
}

void SessionSummary::setStats(const core::quiz::SessionStats& s, int dueTomorrow, bool saved) {
    if (s.answered == 0) {
        m_text->setText(tr("<p>Nothing was due and no new items were left for today in these topics. "
                           "Pick more topics, raise the number of new items per day, or come back tomorrow.</p>"));
        return;
    }
    const int percent = qRound(100.0 * s.correct() / s.answered);
    QString html = tr("<p><b>%1</b> answered, <b>%2%</b> right (%3 of %4).</p>")
                       .arg(s.answered)
                       .arg(percent)
                       .arg(s.correct())
                       .arg(s.answered);
    html += tr("<p>Again %1 · Hard %2 · Good %3 · Easy %4</p>").arg(s.again).arg(s.hard).arg(s.good).arg(s.easy);
    html += tr("<p>%1 seen, %2 re-drilled at the end.</p>")
                .arg(countText(s.newSeen, tr("%1 new item"), tr("%1 new items")))
                .arg(s.redrills);
    html += tr("<p>%1 due tomorrow.</p>").arg(countText(dueTomorrow, tr("%1 review"), tr("%1 reviews")));
    if (!saved) html += tr("<p><b>⚠ Your progress was not saved</b> (see the notice on the setup page).</p>");
    m_text->setText(html);
}

void SessionSummary::keyPressEvent(QKeyEvent* event) {
    if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) {
        emit againRequested();
        return;
    }
    if (event->key() == Qt::Key_Escape) {
        emit backRequested();
        return;
    }
    QWidget::keyPressEvent(event);
}

}  // namespace sb::widgets
