#include "quiz/interview_box.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QStandardItemModel>
#include <cmath>

namespace sb::widgets {

using core::quiz::Algorithm;

namespace {
const QDate kEpoch(1970, 1, 1);
}

core::quiz::Day dayOfDate(QDate date) { return kEpoch.daysTo(date); }
QDate dateOfDay(core::quiz::Day day) { return kEpoch.addDays(day); }

InterviewBox::InterviewBox(QWidget* parent) : QGroupBox(tr("Scheduling and interview"), parent) {
    auto* form = new QFormLayout(this);
    m_algorithm = new QComboBox(this);
    m_algorithm->setAccessibleName(tr("Scheduler"));
    m_algorithm->addItem(tr("FSRS: models your memory and predicts recall"), static_cast<int>(Algorithm::Fsrs));
    m_algorithm->addItem(tr("SM-2: the classic fixed-growth schedule"), static_cast<int>(Algorithm::Sm2));
    form->addRow(tr("Schedu&ler:"), m_algorithm);

    m_retention = new QSpinBox(this);
    m_retention->setAccessibleName(tr("Desired retention"));
    m_retention->setRange(qRound(core::quiz::kMinRetention * 100), qRound(core::quiz::kMaxRetention * 100));
    m_retention->setSuffix(tr(" %"));
    m_retention->setValue(90);
    m_retention->setToolTip(tr("How likely you want to be to recall a card when it comes due. Higher means more reviews."));
    form->addRow(tr("&Desired retention:"), m_retention);

    auto* dateRow = new QHBoxLayout;
    m_hasInterview = new QCheckBox(tr("I have an intervie&w on"), this);
    m_hasInterview->setAccessibleName(tr("I have an interview"));
    m_date = new QDateEdit(this);
    m_date->setAccessibleName(tr("Interview date"));
    m_date->setCalendarPopup(true);
    m_date->setDisplayFormat(QStringLiteral("ddd d MMM yyyy"));
    dateRow->addWidget(m_hasInterview);
    dateRow->addWidget(m_date);
    dateRow->addStretch(1);
    form->addRow(dateRow);

    m_order = new QComboBox(this);
    m_order->setAccessibleName(tr("What the session shows"));
    m_order->addItem(tr("Due reviews, then new items"), static_cast<int>(SessionOrder::Normal));
    m_order->addItem(tr("Today's interview plan"), static_cast<int>(SessionOrder::Plan));
    m_order->addItem(tr("Day before: what I'm most likely to forget"), static_cast<int>(SessionOrder::DayBefore));
    form->addRow(tr("Sessi&on shows:"), m_order);

    m_summary = new QLabel(this);
    m_summary->setAccessibleName(tr("Interview outlook"));
    m_summary->setWordWrap(true);
    form->addRow(m_summary);

    connect(m_algorithm, &QComboBox::currentIndexChanged, this, [this] {
        updateEnabled();
        emit schedulerChanged();
    });
    connect(m_retention, &QSpinBox::valueChanged, this, &InterviewBox::schedulerChanged);
    connect(m_hasInterview, &QCheckBox::toggled, this, [this] {
        updateEnabled();
        emit interviewChanged();
    });
    connect(m_date, &QDateEdit::dateChanged, this, &InterviewBox::interviewChanged);
    updateEnabled();
}

core::quiz::SchedulerSettings InterviewBox::scheduler() const {
    return {static_cast<Algorithm>(m_algorithm->currentData().toInt()), m_retention->value() / 100.0};
}

void InterviewBox::setScheduler(const core::quiz::SchedulerSettings& s) {
    const QSignalBlocker a(m_algorithm), r(m_retention);
    m_algorithm->setCurrentIndex(m_algorithm->findData(static_cast<int>(s.algorithm)));
    m_retention->setValue(static_cast<int>(std::lround(s.desiredRetention * 100)));
    updateEnabled();
}

std::optional<QDate> InterviewBox::interviewDate() const {
    if (!m_hasInterview->isChecked()) return std::nullopt;
    return m_date->date();
}

void InterviewBox::setInterviewDate(std::optional<QDate> date, QDate today) {
    const QSignalBlocker c(m_hasInterview), d(m_date);
    m_hasInterview->setChecked(date.has_value());
    m_date->setDate(date.value_or(today.addDays(14)));
    updateEnabled();
}

SessionOrder InterviewBox::order() const { return static_cast<SessionOrder>(m_order->currentData().toInt()); }
void InterviewBox::setOrder(SessionOrder order) { m_order->setCurrentIndex(m_order->findData(static_cast<int>(order))); }
void InterviewBox::setSummary(const QString& text) { m_summary->setText(text); }

void InterviewBox::updateEnabled() {
    m_retention->setEnabled(scheduler().algorithm == Algorithm::Fsrs);
    m_date->setEnabled(m_hasInterview->isChecked());
    // A plan needs a date: offered only once one is set, instead of refusing at Start.
    const int plan = m_order->findData(static_cast<int>(SessionOrder::Plan));
    if (auto* model = qobject_cast<QStandardItemModel*>(m_order->model()))
        model->item(plan)->setEnabled(m_hasInterview->isChecked());
    if (!m_hasInterview->isChecked() && order() == SessionOrder::Plan) setOrder(SessionOrder::Normal);
}

}  // namespace sb::widgets
