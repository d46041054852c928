#include "quiz/quiz_setup_page.h"

#include <QButtonGroup>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

#include "plural.h"
#include "quiz/interview_box.h"
#include "quiz/quiz_widgets.h"

namespace sb::widgets {

namespace {
constexpr int kTopicRole = Qt::UserRole + 1;
}

QuizSetupPage::QuizSetupPage(QWidget* parent) : QWidget(parent) {
    setAccessibleName(tr("Quiz setup"));
    setFocusPolicy(Qt::StrongFocus);
    QVBoxLayout* layout = makeCentredColumn(this, 880);
    layout->addWidget(makeTitleLabel(tr("Quiz mode"), this));
    m_notice = new QLabel(this);
    m_notice->setAccessibleName(tr("Progress file notice"));
    m_notice->setWordWrap(true);
    m_notice->setFrameShape(QFrame::StyledPanel);
    m_notice->setMargin(8);
    m_notice->hide();
    layout->addWidget(m_notice);

    auto* topics = new QGroupBox(tr("&Topics"), this);
    auto* topicLayout = new QVBoxLayout(topics);
    m_topics = new QListWidget(topics);
    m_topics->setAccessibleName(tr("Topics to practise"));
    topicLayout->addWidget(m_topics);
    layout->addWidget(topics, 1);

    auto* modes = new QGroupBox(tr("Mode"), this);
    auto* modeLayout = new QVBoxLayout(modes);
    m_modes = new QButtonGroup(this);
    const std::pair<QuizMode, QString> modeNames[] = {
        {QuizMode::Review, tr("Review &cards: recall the answer, then grade yourself 1-4")},
        {QuizMode::Quiz, tr("&Quiz items: multiple choice and predict-what-happens")},
        {QuizMode::Rehearsal, tr("&Interview rehearsal: answer against the clock, then check the points")}};
    for (const auto& [mode, text] : modeNames) {
        auto* radio = new QRadioButton(text, modes);
        radio->setAccessibleName(text.section(QLatin1Char(':'), 0, 0).remove(QLatin1Char('&')));
        m_modes->addButton(radio, static_cast<int>(mode));
        modeLayout->addWidget(radio);
    }
    m_modes->button(static_cast<int>(QuizMode::Review))->setChecked(true);
    layout->addWidget(modes);

    auto* form = new QFormLayout;
    m_newPerDay = new QSpinBox(this);
    m_newPerDay->setRange(0, 500);
    m_newPerDay->setValue(20);
    m_newPerDay->setAccessibleName(tr("New items per day, for each mode"));
    m_newPerDay->setToolTip(tr("Each mode has its own allowance: a quiz sitting does not use up the new cards of a review."));
    form->addRow(tr("&New items per day (each mode):"), m_newPerDay);
    layout->addLayout(form);
    m_interview = new InterviewBox(this);
    layout->addWidget(m_interview);

    auto* buttons = new QHBoxLayout;
    m_stats = new QPushButton(tr("&Statistics"), this);
    m_stats->setAccessibleName(tr("Show statistics"));
    m_start = new QPushButton(tr("Start (Enter)"), this);
    m_start->setAccessibleName(tr("Start the session"));
    m_start->setDefault(true);
    buttons->addWidget(m_stats);
    buttons->addStretch(1);
    buttons->addWidget(m_start);
    layout->addLayout(buttons);

    connect(m_start, &QPushButton::clicked, this, &QuizSetupPage::startRequested);
    connect(m_stats, &QPushButton::clicked, this, &QuizSetupPage::statsRequested);
    connect(m_topics, &QListWidget::itemChanged, this, &QuizSetupPage::topicsChanged);
}

void QuizSetupPage::setTopics(const std::vector<TopicSummary>& topics) {
    const QStringList selected = selectedTopics();
    const bool first = m_topics->count() == 0;
    const QSignalBlocker block(m_topics);  // rebuilding the list is not the learner's choice
    m_topics->clear();
    for (const auto& t : topics) {
        const QString title = t.title.isEmpty() ? t.topic : t.title;
        // A topic whose lessons have no cards or questions yet cannot be practised: it is shown
        // (so its absence is not a mystery) but greyed and never ticked, so no sitting is empty.
        const bool empty = t.total == 0;
        auto* item = new QListWidgetItem(empty ? tr("%1 — no questions yet").arg(title)
                                               : tr("%1 — %2% mastered · %3 due · %4")
                                                     .arg(title)
                                                     .arg(qRound(t.mastery * 100))
                                                     .arg(t.due)
                                                     .arg(countText(t.total, tr("%1 item"), tr("%1 items"))),
                                         m_topics);
        item->setData(kTopicRole, t.topic);
        item->setFlags(empty ? Qt::ItemIsUserCheckable : Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
        item->setCheckState(!empty && (first || selected.contains(t.topic)) ? Qt::Checked : Qt::Unchecked);
    }
}

QStringList QuizSetupPage::selectedTopics() const {
    QStringList out;
    for (int i = 0; i < m_topics->count(); ++i)
        if (m_topics->item(i)->checkState() == Qt::Checked) out << m_topics->item(i)->data(kTopicRole).toString();
    return out;
}

void QuizSetupPage::setSelectedTopics(const QStringList& topics) {
    const QSignalBlocker block(m_topics);
    for (int i = 0; i < m_topics->count(); ++i) {
        QListWidgetItem* item = m_topics->item(i);
        const bool practisable = item->flags().testFlag(Qt::ItemIsEnabled);
        item->setCheckState(practisable && topics.contains(item->data(kTopicRole).toString()) ? Qt::Checked : Qt::Unchecked);
    }
    emit topicsChanged();
}

QuizMode QuizSetupPage::mode() const { return static_cast<QuizMode>(m_modes->checkedId()); }
void QuizSetupPage::setMode(QuizMode mode) { m_modes->button(static_cast<int>(mode))->setChecked(true); }
int QuizSetupPage::newPerDay() const { return m_newPerDay->value(); }
void QuizSetupPage::setNewPerDay(int n) { m_newPerDay->setValue(n); }

void QuizSetupPage::setNotice(const QString& text) {
    m_notice->setText(text.isEmpty() ? QString() : tr("⚠ %1").arg(text));
    m_notice->setVisible(!text.isEmpty());
}

void QuizSetupPage::keyPressEvent(QKeyEvent* event) {
    if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) {
        emit startRequested();
        return;
    }
    QWidget::keyPressEvent(event);
}

}  // namespace sb::widgets
