#include "quiz/choice_view.h"

#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

#include "quiz/quiz_widgets.h"

namespace sb::widgets {

std::optional<std::size_t> indexForKey(int key) {
    if (key < Qt::Key_1 || key > Qt::Key_9) return std::nullopt;
    return static_cast<std::size_t>(key - Qt::Key_1);
}

ChoiceView::ChoiceView(QWidget* parent) : QWidget(parent) {
    setAccessibleName(tr("Multiple-choice question"));
    setFocusPolicy(Qt::StrongFocus);
    auto* layout = new QVBoxLayout(this);
    m_question = makeQuestionLabel(this);
    layout->addWidget(m_question);
    m_options = new QWidget(this);
    m_options->setAccessibleName(tr("Options"));
    new QVBoxLayout(m_options);
    m_options->layout()->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_options);
    m_verdict = makeTitleLabel(QString(), this, 1.2);
    m_verdict->setAccessibleName(tr("Verdict"));
    layout->addWidget(m_verdict);
    m_feedback = makeAnswerBrowser(this, tr("Explanations"));
    layout->addWidget(m_feedback, 1);
    m_hint = makeKeyHint(this);
    layout->addWidget(m_hint);
    // Takes the spare height only while the explanations (stretch 1) are hidden, so the
    // question and its options stay together at the top.
    layout->addStretch(0);
}

void ChoiceView::setItem(const core::QuizItem& item, std::vector<std::size_t> order) {
    m_item = item;
    if (order.size() != item.options.size()) {
        order.resize(item.options.size());
        for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    }
    m_order = std::move(order);
    m_chosen.reset();
    for (QPushButton* b : m_buttons) delete b;
    m_buttons.clear();
    m_question->setText(QString::fromStdString(item.question));
    for (std::size_t i = 0; i < item.options.size(); ++i) {
        const QString text = QString::fromStdString(item.options[m_order[i]].text);
        QPushButton* b = makeKeyButton(tr("%1.  %2").arg(i + 1).arg(text), tr("Option %1: %2").arg(i + 1).arg(text), m_options);
        b->setStyleSheet(QStringLiteral("text-align: left; padding: 6px;"));
        connect(b, &QPushButton::clicked, this, [this, i] { choose(i); });
        m_options->layout()->addWidget(b);
        m_buttons.push_back(b);
    }
    m_options->show();
    m_verdict->hide();
    m_feedback->hide();
    m_hint->setText(tr("Press 1-%1 to choose an option.").arg(item.options.size()));
}

void ChoiceView::choose(std::size_t position) {
    if (m_chosen || position >= m_item.options.size()) return;
    m_chosen = position;
    const bool correct = m_item.options[m_order[position]].correct;
    m_options->hide();
    m_verdict->setText(verdictText(correct));
    m_verdict->show();
    m_feedback->setMarkdown(feedbackMarkdown());
    m_feedback->show();
    m_hint->setText(tr("Space or Enter: next question."));
    emit answeredItem(correct);
}

QString ChoiceView::feedbackMarkdown() const {
    QString md;
    for (std::size_t i = 0; i < m_item.options.size(); ++i) {
        const auto& o = m_item.options[m_order[i]];
        const QString mark = o.correct ? tr("✓ Correct") : tr("✗ Incorrect");
        const QString mine = m_chosen == i ? tr(" — *your answer*") : QString();
        md += QStringLiteral("**%1. %2** %3%4\n\n%5\n\n")
                  .arg(i + 1)
                  .arg(QString::fromStdString(o.text), mark, mine, QString::fromStdString(o.why));
    }
    return md;
}

void ChoiceView::keyPressEvent(QKeyEvent* event) {
    const int key = event->key();
    if (!m_chosen) {
        if (const auto i = indexForKey(key)) {
            choose(*i);
            return;
        }
    } else if (key == Qt::Key_Space || key == Qt::Key_Return || key == Qt::Key_Enter) {
        emit next();
        return;
    }
    QWidget::keyPressEvent(event);
}

}  // namespace sb::widgets
