#include "quiz/recall_view.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

#include "quiz/quiz_widgets.h"

namespace sb::widgets {

using core::quiz::Grade;

QString cardAnswerMarkdown(const core::Card& card) {
    QString md = QString::fromStdString(card.answer);
    if (!card.followUps.empty()) {
        md += QStringLiteral("\n\n**") + RecallView::tr("Follow-ups") + QStringLiteral("**\n");
        for (const auto& f : card.followUps)
            md += QStringLiteral("\n- *%1* %2").arg(QString::fromStdString(f.question), QString::fromStdString(f.answer));
    }
    return md;
}

std::optional<Grade> gradeForKey(int key) {
    switch (key) {
        case Qt::Key_1: return Grade::Again;
        case Qt::Key_2: return Grade::Hard;
        case Qt::Key_3: return Grade::Good;
        case Qt::Key_4: return Grade::Easy;
        default: return std::nullopt;
    }
}

QWidget* makeGradeRow(QWidget* parent, const std::function<void(Grade)>& onGrade) {
    auto* row = new QWidget(parent);
    row->setAccessibleName(RecallView::tr("Grades"));
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    const std::pair<Grade, QString> grades[] = {{Grade::Again, RecallView::tr("1  Again")},
                                                {Grade::Hard, RecallView::tr("2  Hard")},
                                                {Grade::Good, RecallView::tr("3  Good")},
                                                {Grade::Easy, RecallView::tr("4  Easy")}};
    for (const auto& [grade, text] : grades) {
        QPushButton* b = makeKeyButton(text, text.mid(3), row);
        QObject::connect(b, &QPushButton::clicked, row, [onGrade, g = grade] { onGrade(g); });
        layout->addWidget(b);
    }
    return row;
}

RecallView::RecallView(QWidget* parent) : QWidget(parent) {
    setAccessibleName(tr("Card review"));
    setFocusPolicy(Qt::StrongFocus);
    auto* layout = new QVBoxLayout(this);
    m_question = makeQuestionLabel(this);
    layout->addWidget(m_question);
    m_answer = makeAnswerBrowser(this, tr("Answer"));
    layout->addWidget(m_answer, 1);
    m_reveal = makeKeyButton(tr("Reveal the answer (Space)"), tr("Reveal the answer"), this);
    layout->addWidget(m_reveal, 0, Qt::AlignLeft);  // one action: its own width, not a full-width bar
    m_grades = makeGradeRow(this, [this](Grade g) { emit graded(g); });
    layout->addWidget(m_grades);
    m_hint = makeKeyHint(this);
    layout->addWidget(m_hint);
    layout->addStretch(0);  // keeps the question at the top while the answer is hidden
    connect(m_reveal, &QPushButton::clicked, this, &RecallView::reveal);
}

void RecallView::setCard(const core::Card& card) {
    m_question->setText(QString::fromStdString(card.question));
    m_answer->setMarkdown(cardAnswerMarkdown(card));
    m_revealed = false;
    m_answer->hide();
    m_grades->hide();
    m_reveal->show();
    m_hint->setText(tr("Answer in your head or out loud, then press Space to reveal."));
}

void RecallView::reveal() {
    if (m_revealed) return;
    m_revealed = true;
    m_answer->show();
    m_grades->show();
    m_reveal->hide();
    m_hint->setText(tr("How well did you recall it? 1 Again · 2 Hard · 3 Good · 4 Easy"));
}

void RecallView::keyPressEvent(QKeyEvent* event) {
    if (event->key() == Qt::Key_Space && !m_revealed) {
        reveal();
        return;
    }
    if (const auto g = gradeForKey(event->key()); g && m_revealed) {
        emit graded(*g);
        return;
    }
    QWidget::keyPressEvent(event);
}

}  // namespace sb::widgets
