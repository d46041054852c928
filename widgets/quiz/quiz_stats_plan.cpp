// The statistics page's FSRS charts: the review forecast, calibration, and predicted recall per
// topic on the interview day.
#include <QFontMetrics>
#include <QLocale>
#include <algorithm>
#include <cmath>
#include <qcustomplot.h>

#include "quiz/interview_box.h"
#include "quiz/quiz_stats.h"
#include "quiz/quiz_stats_page.h"

namespace sb::widgets {

namespace quiz = core::quiz;

namespace {

QCPBars* addBars(QCustomPlot* plot, const QString& name, double width = 0.7, bool across = false) {
    auto* bars = across ? new QCPBars(plot->yAxis, plot->xAxis) : new QCPBars(plot->xAxis, plot->yAxis);
    bars->setName(name);
    bars->setWidth(width);
    return bars;
}

void textTicks(QCustomPlot* plot, const QStringList& labels) {
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    for (int i = 0; i < labels.size(); ++i) ticker->addTick(i, labels[i]);
    plot->xAxis->setTicker(ticker);
    plot->xAxis->setRange(-0.6, static_cast<double>(labels.size()) - 0.4);
}

void setTitle(QCustomPlot* plot, const QString& title) {
    if (auto* t = qobject_cast<QCPTextElement*>(plot->plotLayout()->element(0, 0))) t->setText(title);
}

}  // namespace

void QuizStatsPage::setForecast(const quiz::Progress& progress, quiz::Day today, const quiz::InterviewPlan& plan) {
    m_due->clearPlottables();
    QStringList names;
    QVector<double> xs, reviews, fresh;
    if (plan.active) {
        setTitle(m_due, tr("Planned reviews per day until the interview"));
        for (std::size_t i = 0; i < plan.days.size(); ++i) {
            const quiz::PlanDay& d = plan.days[i];
            names << (i == 0 ? tr("today") : QLocale().toString(dateOfDay(d.day), QStringLiteral("d MMM")));
            xs << static_cast<double>(i);
            reviews << d.reviews;
            fresh << d.newItems;
        }
    } else {
        setTitle(m_due, tr("Reviews due (next 14 days)"));
        const auto load = quiz::dueLoad(progress, today, kDueDays);
        for (int i = 0; i < static_cast<int>(load.size()); ++i) {
            // Short names, under an axis titled "days from today": "today" took the room of two.
            names << (i == 0 ? QStringLiteral("0") : QStringLiteral("+%1").arg(i));
            xs << i;
            reviews << load[static_cast<std::size_t>(i)];
        }
    }
    QCPBars* due = addBars(m_due, plan.active ? tr("reviews") : tr("reviews due"));
    due->setData(xs, reviews, true);
    double top = *std::max_element(reviews.begin(), reviews.end());
    if (plan.active) {
        QCPBars* learn = addBars(m_due, tr("new items"));
        learn->setData(xs, fresh, true);
        learn->moveAbove(due);  // stacked: the bar's height is the day's whole load
        for (int i = 0; i < xs.size(); ++i) top = std::max(top, reviews[i] + fresh[i]);
    }
    textTicks(m_due, names);
    m_due->xAxis->setLabel(plan.active ? QString() : tr("days from today"));
    m_dueNames = names;
    m_dueBusy.clear();
    for (int i = 0; i < xs.size(); ++i) m_dueBusy << (reviews[i] > 0 || (plan.active && fresh[i] > 0));
    thinDueTicks();
    m_due->yAxis->setRange(0, std::max(4.0, top * 1.15));
}

void QuizStatsPage::thinDueTicks() {
    // Every day's name where the chart is wide enough, else as many as fit without touching:
    // each day with a bar first (a lone bar at "+1" once had no name under it), then today,
    // then the rest in order. The axis is laid out at the chart's size first, to measure it.
    auto ticker = qSharedPointerDynamicCast<QCPAxisTickerText>(m_due->xAxis->ticker());
    if (!ticker || m_dueNames.isEmpty()) return;
    m_due->setViewport(m_due->rect());  // its own resizeEvent, which sets this, may come later
    m_due->replot();
    const QFontMetrics metrics(m_due->xAxis->tickLabelFont());
    const double room = m_due->xAxis->coordToPixel(1) - m_due->xAxis->coordToPixel(0);
    std::vector<int> order;
    for (int i = 0; i < m_dueNames.size(); ++i)
        if (m_dueBusy.value(i)) order.push_back(i);
    for (int i = 0; i < m_dueNames.size(); ++i)
        if (!m_dueBusy.value(i)) order.push_back(i);
    std::vector<int> kept;
    for (int i : order) {
        const double w = metrics.horizontalAdvance(m_dueNames[i]);
        const bool fits = std::all_of(kept.begin(), kept.end(), [&](int j) {
            return std::abs(i - j) * room >= (w + metrics.horizontalAdvance(m_dueNames[j])) / 2 + 6;
        });
        if (fits) kept.push_back(i);
    }
    ticker->clear();
    for (int i : kept) ticker->addTick(i, m_dueNames[i]);
    m_due->replot();
}

QString QuizStatsPage::setCalibration(const quiz::Progress& progress, quiz::Day today) {
    const auto days = quiz::calibrationByDay(progress, today - kHistoryDays + 1, today);
    m_calibration->clearPlottables();
    QCPGraph* measured = m_calibration->addGraph();
    measured->setName(tr("your answers"));
    measured->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDiamond, 7));
    QCPGraph* predicted = m_calibration->addGraph();
    predicted->setName(tr("FSRS predicted"));
    predicted->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 6));
    int reviews = 0, recalled = 0;
    double expected = 0;
    for (const quiz::DayCalibration& d : days) {
        if (d.reviews == 0) continue;
        const double key = static_cast<double>(d.day) * 86400.0;
        measured->addData(key, d.measuredRate() * 100.0);
        predicted->addData(key, d.predictedRate() * 100.0);
        reviews += d.reviews;
        recalled += d.recalled;
        expected += d.predicted;
    }
    auto dates = QSharedPointer<QCPAxisTickerDateTime>::create();
    dates->setDateTimeFormat(QStringLiteral("d MMM"));
    dates->setTimeZone(QTimeZone::utc());
    m_calibration->xAxis->setTicker(dates);
    const auto first = static_cast<double>(today - kHistoryDays), last = static_cast<double>(today + 1);
    m_calibration->xAxis->setRange(first * 86400.0, last * 86400.0);
    m_calibration->yAxis->setRange(kPercentRange.first, kPercentRange.second);
    if (reviews == 0) return tr("No repeat reviews yet to compare with FSRS's predictions.");
    return tr("FSRS predicted %1% recall over your last %2 repeat reviews; you recalled %3%.")
        .arg(qRound(100.0 * expected / reviews))
        .arg(reviews)
        .arg(qRound(100.0 * recalled / reviews));
}

void QuizStatsPage::setRecall(const quiz::Progress& progress, const std::vector<quiz::ItemRef>& catalog,
                              const std::vector<std::string>& topics, quiz::Day today, const quiz::InterviewPlan& plan) {
    m_recall->clearPlottables();
    QStringList names;
    QVector<double> xs, now, planned;
    if (plan.active) {
        setTitle(m_recall, tr("Predicted recall on %1 per topic (%)").arg(QLocale().toString(dateOfDay(plan.interviewDay), QStringLiteral("d MMM"))));
        for (std::size_t i = 0; i < plan.topics.size(); ++i) {
            names << topicName(plan.topics[i].topic);
            xs << static_cast<double>(i);
            now << plan.topics[i].now * 100.0;
            planned << plan.topics[i].planned * 100.0;
        }
    } else {
        setTitle(m_recall, tr("Predicted recall today per topic (%)"));
        const quiz::FsrsParams params = quiz::fsrsParams(progress.settings);
        for (std::size_t i = 0; i < topics.size(); ++i) {
            double sum = 0;
            int count = 0;
            for (const quiz::ItemRef& ref : catalog) {
                if (ref.topic != topics[i]) continue;
                ++count;
                if (const quiz::ItemProgress* p = progress.find(ref.id)) sum += quiz::recallOn(p->state, today, params);
            }
            names << topicName(topics[i]);
            xs << static_cast<double>(i);
            now << (count == 0 ? 0.0 : 100.0 * sum / count);
        }
    }
    QCPBars* idle = addBars(m_recall, plan.active ? tr("with no more reviews") : tr("today"), plan.active ? 0.38 : 0.7, true);
    idle->setData(xs, now, true);
    if (plan.active) {
        QCPBars* followed = addBars(m_recall, tr("following the plan"), 0.38, true);
        followed->setData(xs, planned, true);
        auto* group = new QCPBarsGroup(m_recall);
        group->append(idle);
        group->append(followed);
    }
    setTopicAxis(m_recall, names, 105);
}

}  // namespace sb::widgets
