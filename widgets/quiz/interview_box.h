#pragma once

#include <QDate>
#include <QGroupBox>
#include <optional>

#include "quiz/review_scheduler.h"

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QSpinBox;

namespace sb::widgets {

// Which items a sitting shows, and in what order.
enum class SessionOrder {
    Normal,     // due reviews, most overdue first, then new items up to the daily limit
    Plan,       // today's part of the interview plan
    DayBefore,  // the items most likely forgotten by the interview (or tomorrow) first
};

// The setup page's scheduler and interview settings: FSRS or SM-2, FSRS's desired retention,
// the interview date, what a sitting follows, and a line saying where the learner stands.
class InterviewBox : public QGroupBox {
    Q_OBJECT
public:
    explicit InterviewBox(QWidget* parent = nullptr);

    core::quiz::SchedulerSettings scheduler() const;
    void setScheduler(const core::quiz::SchedulerSettings& s);
    std::optional<QDate> interviewDate() const;
    void setInterviewDate(std::optional<QDate> date, QDate today);
    SessionOrder order() const;
    void setOrder(SessionOrder order);
    void setSummary(const QString& text);

    QComboBox* algorithmBox() const { return m_algorithm; }
    QSpinBox* retentionBox() const { return m_retention; }
    QCheckBox* interviewCheck() const { return m_hasInterview; }
    QDateEdit* dateEdit() const { return m_date; }
    QComboBox* orderBox() const { return m_order; }
    QLabel* summary() const { return m_summary; }

signals:
    void schedulerChanged();
    void interviewChanged();

private:
    void updateEnabled();

    QComboBox* m_algorithm;
    QSpinBox* m_retention;
    QCheckBox* m_hasInterview;
    QDateEdit* m_date;
    QComboBox* m_order;
    QLabel* m_summary;
};

// Days as core::quiz counts them (days since 1970-01-01, local time) and back.
core::quiz::Day dayOfDate(QDate date);
QDate dateOfDay(core::quiz::Day day);

}  // namespace sb::widgets
