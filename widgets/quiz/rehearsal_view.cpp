#include "quiz/rehearsal_view.h"

#include <QCheckBox>
#include <QKeyEvent>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

#include "quiz/choice_view.h"
#include "quiz/countdown.h"
#include "quiz/quiz_catalog.h"
#include "quiz/quiz_widgets.h"
#include "quiz/recall_view.h"

namespace sb::widgets {

RehearsalView::RehearsalView(QWidget* parent) : QWidget(parent), m_countdown(new Countdown(this)) {
    setAccessibleName(tr("Interview rehearsal"));
    setFocusPolicy(Qt::StrongFocus);
    auto* layout = new QVBoxLayout(this);
    m_question = makeQuestionLabel(this);
    layout->addWidget(m_question);
    m_clock = new QLabel(this);
    m_clock->setAccessibleName(tr("Time left"));
    QFont clockFont = m_clock->font();
    clockFont.setBold(true);
    m_clock->setFont(clockFont);
    layout->addWidget(m_clock);
    m_notes = new QPlainTextEdit(this);
    m_notes->setAccessibleName(tr("Your notes"));
    m_notes->setPlaceholderText(tr("Sketch your answer here: the points you would make, in order."));
    m_notes->setTabChangesFocus(true);
    m_notes->installEventFilter(this);
    layout->addWidget(m_notes, 1);
    m_reveal = makeKeyButton(tr("Show the model answer (Ctrl+Enter)"), tr("Show the model answer"), this);
    layout->addWidget(m_reveal, 0, Qt::AlignLeft);  // one action: its own width, not a full-width bar
    m_answer = makeAnswerBrowser(this, tr("Model answer"));
    layout->addWidget(m_answer, 2);
    m_checklist = new QWidget(this);
    m_checklist->setAccessibleName(tr("Checklist"));
    new QVBoxLayout(m_checklist);
    m_checklist->layout()->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_checklist);
    m_submit = makeKeyButton(tr("Score it (Enter)"), tr("Score the rehearsal"), this);
    layout->addWidget(m_submit, 0, Qt::AlignLeft);
    m_grades = makeGradeRow(this, [this](core::quiz::Grade g) { emit graded(g); });
    layout->addWidget(m_grades);
    m_hint = makeKeyHint(this);
    layout->addWidget(m_hint);

    connect(m_countdown, &Countdown::ticked, this, &RehearsalView::showTime);
    connect(m_countdown, &Countdown::expired, this, &RehearsalView::reveal);
    connect(m_reveal, &QPushButton::clicked, this, &RehearsalView::reveal);
    connect(m_submit, &QPushButton::clicked, this, &RehearsalView::submit);
}

void RehearsalView::setCard(const core::Card& card, int seconds) {
    m_revealed = false;
    m_question->setText(QString::fromStdString(card.question));
    m_notes->clear();
    m_notes->setReadOnly(false);
    m_notes->setMaximumHeight(QWIDGETSIZE_MAX);
    m_answer->setMarkdown(cardAnswerMarkdown(card));
    for (QCheckBox* c : m_checks) delete c;
    m_checks.clear();
    const auto points = checklistOf(card);
    for (std::size_t i = 0; i < points.size(); ++i) {
        auto* box = new QCheckBox(tr("%1.  %2").arg(i + 1).arg(QString::fromStdString(points[i])), m_checklist);
        box->setAccessibleName(tr("Point %1: %2").arg(i + 1).arg(QString::fromStdString(points[i])));
        box->setFocusPolicy(Qt::NoFocus);
        m_checklist->layout()->addWidget(box);
        m_checks.push_back(box);
    }
    m_answer->hide();
    m_checklist->hide();
    m_submit->hide();
    m_grades->hide();
    m_reveal->show();
    m_hint->setText(tr("Answer as you would in an interview. Ctrl+Enter shows the model answer."));
    m_countdown->start(seconds);
}

void RehearsalView::focusAnswer() {
    if (m_revealed) setFocus();
    else m_notes->setFocus();
}

void RehearsalView::showTime(int remaining) {
    m_clock->setText(remaining > 0 ? tr("Time left: %1").arg(Countdown::format(remaining)) : tr("Time is up"));
}

void RehearsalView::reveal() {
    if (m_revealed) return;
    m_revealed = true;
    m_countdown->stop();
    m_notes->setReadOnly(true);
    m_notes->setMaximumHeight(m_notes->fontMetrics().lineSpacing() * 5);  // room for the answer
    m_reveal->hide();
    m_answer->show();
    const bool scored = !m_checks.empty();
    m_checklist->setVisible(scored);
    m_submit->setVisible(scored);
    m_grades->setVisible(!scored);
    m_hint->setText(scored ? tr("Tick the points you made (1-%1), then Enter.").arg(m_checks.size())
                           : tr("How well did you answer? 1 Again · 2 Hard · 3 Good · 4 Easy"));
    setFocus();
}

void RehearsalView::toggle(std::size_t point) {
    if (m_revealed && point < m_checks.size()) m_checks[point]->toggle();
}

int RehearsalView::ticked() const {
    int n = 0;
    for (const QCheckBox* c : m_checks) n += c->isChecked() ? 1 : 0;
    return n;
}

void RehearsalView::submit() {
    if (m_revealed && !m_checks.empty()) emit rehearsed(ticked());
}

bool RehearsalView::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_notes && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) && (key->modifiers() & Qt::ControlModifier)) {
            reveal();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void RehearsalView::keyPressEvent(QKeyEvent* event) {
    const int key = event->key();
    const bool enter = key == Qt::Key_Return || key == Qt::Key_Enter;
    if (!m_revealed && (key == Qt::Key_Space || enter)) {
        reveal();
        return;
    }
    if (m_revealed && m_checks.empty()) {
        if (const auto g = gradeForKey(key)) {
            emit graded(*g);
            return;
        }
    } else if (m_revealed) {
        if (const auto i = indexForKey(key)) {
            toggle(*i);
            return;
        }
        if (enter) {
            submit();
            return;
        }
    }
    QWidget::keyPressEvent(event);
}

}  // namespace sb::widgets
