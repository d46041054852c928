// The quiz workspace's side of scheduling: FSRS or SM-2 and the desired retention, the
// interview date and its plan, the day-before drill, and the outlook line on the setup page.
#include <QLocale>

#include "quiz/interview_box.h"
#include "quiz/interview_plan.h"
#include "quiz/quiz_setup_page.h"
#include "quiz/quiz_workspace.h"

namespace sb::widgets {

namespace quiz = core::quiz;

void QuizWorkspace::applyScheduler() {
    const quiz::SchedulerSettings s = m_setup->interviewBox()->scheduler();
    if (s == m_store.progress().settings) return;
    m_store.progress().settings = s;
    save();
    refreshSetup();
}

void QuizWorkspace::applyInterview() {
    quiz::InterviewSettings next = m_store.progress().interview;
    const std::optional<QDate> date = m_setup->interviewBox()->interviewDate();
    next.day = date ? std::optional<quiz::Day>(dayOfDate(*date)) : std::nullopt;
    next.topics.clear();
    for (const QString& t : m_setup->selectedTopics()) next.topics.push_back(t.toStdString());
    if (next == m_store.progress().interview) return;
    m_store.progress().interview = next;
    save();
    refreshSetup();
    emit progressChanged();
}

quiz::InterviewPlan QuizWorkspace::plan() const {
    return quiz::planInterview(m_store.progress(), m_catalog.allRefs(), quiz::dayOf(now()));
}

std::optional<std::vector<quiz::ItemRef>> QuizWorkspace::plannedQueue(SessionOrder order, QString* why) const {
    const quiz::Day today = quiz::dayOf(now());
    const quiz::Progress& p = m_store.progress();
    std::vector<quiz::ItemRef> queue;
    if (order == SessionOrder::Plan) {
        const quiz::InterviewPlan planned = plan();
        if (!planned.active) {
            *why = tr("Set an interview date after today to follow a plan.");
            return std::nullopt;
        }
        queue = planned.today;
    } else {
        std::vector<std::string> topics;
        for (const QString& t : m_setup->selectedTopics()) topics.push_back(t.toStdString());
        const bool upcoming = p.interview.day && *p.interview.day > today;
        const quiz::Day day = upcoming ? *p.interview.day : today + 1;
        const double target = upcoming ? p.interview.target : p.settings.desiredRetention;
        queue = quiz::mostLikelyForgotten(p, m_catalog.allRefs(), topics, day, target);
    }
    // Only what this mode can show (cards for review and rehearsal, items for the quiz).
    std::vector<quiz::ItemRef> shown;
    const std::vector<quiz::ItemRef> inMode = m_catalog.refs(m_mode);
    for (const quiz::ItemRef& ref : queue)
        for (const quiz::ItemRef& m : inMode)
            if (m.id == ref.id) shown.push_back(ref);
    return shown;
}

QString QuizWorkspace::interviewSummary() const {
    const quiz::Progress& p = m_store.progress();
    const quiz::Day today = quiz::dayOf(now());
    const QString scheduler = p.settings.algorithm == quiz::Algorithm::Fsrs
                                  ? tr("FSRS schedules each card for %1% recall when it comes due.")
                                        .arg(qRound(p.settings.desiredRetention * 100))
                                  : tr("SM-2 schedules by fixed steps; recall is still predicted with FSRS.");
    if (!p.interview.day) return scheduler + QLatin1Char(' ') + tr("Set an interview date to plan toward it.");
    const QString date = QLocale().toString(dateOfDay(*p.interview.day), QLocale::LongFormat);
    if (*p.interview.day < today) return tr("The interview on %1 has passed; the normal schedule applies.").arg(date);
    if (*p.interview.day == today) return tr("The interview is today. Good luck! The normal schedule applies from tomorrow.");
    const quiz::InterviewPlan planned = plan();
    double idleSum = 0, plannedSum = 0;
    int items = 0;
    for (const quiz::TopicRecall& t : planned.topics) {
        idleSum += t.now * t.items;
        plannedSum += t.planned * t.items;
        items += t.items;
    }
    const int reviews = planned.days.empty() ? 0 : planned.days.front().reviews;
    const int fresh = planned.days.empty() ? 0 : planned.days.front().newItems;
    const qint64 days = *p.interview.day - today;
    const QString when = days == 1 ? tr("Interview tomorrow, %1.").arg(date) : tr("Interview in %1 days, on %2.").arg(days).arg(date);
    QString text = when + QLatin1Char(' ') +
                   tr("Predicted recall on the day: %1% now, %2% if you follow the plan (target %3%). "
                      "Today's plan: %4 reviews and %5 new items.")
                       .arg(items == 0 ? 0 : qRound(100 * idleSum / items))
                       .arg(items == 0 ? 0 : qRound(100 * plannedSum / items))
                       .arg(qRound(planned.target * 100))
                       .arg(reviews)
                       .arg(fresh);
    if (planned.belowTarget > 0)
        text += QLatin1Char(' ') + tr("%1 of them cannot reach the target in the time left.").arg(planned.belowTarget);
    return text;
}

}  // namespace sb::widgets
