#pragma once

#include <QStringList>
#include <QWidget>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "quiz/interview_plan.h"
#include "quiz/progress.h"

class QCustomPlot;
class QLabel;

namespace sb::widgets {

// Topic names down the y axis (first on top) and values 0..maxValue across: bar charts per
// topic lie on their side so the names read level at any width.
void setTopicAxis(QCustomPlot* plot, const QStringList& topics, double maxValue);

// The statistics page: reviews per day and accuracy over the last 30 days, mastery per topic,
// the review forecast (each day until the interview when a plan is active, else the next 14
// days' due load), calibration (recall measured from the answers against what FSRS predicted,
// per day), and predicted recall per topic on the interview day (or today). A text summary
// says the main numbers, so they are readable without the pictures.
class QuizStatsPage : public QWidget {
    Q_OBJECT
public:
    static constexpr int kHistoryDays = 30;
    static constexpr int kDueDays = 14;
    // Percentages run a little below 0 and above 100, so a day at 0% or 100% shows its whole
    // point instead of half of one cut by the axis.
    static constexpr std::pair<double, double> kPercentRange{-6.0, 106.0};

    explicit QuizStatsPage(QWidget* parent = nullptr);

    // `topics` in display order; `today` as in core::quiz::dayOf.
    void setData(const core::quiz::Progress& progress, const std::vector<core::quiz::ItemRef>& catalog,
                 const std::vector<std::string>& topics, core::quiz::Day today,
                 const core::quiz::InterviewPlan& plan = {});

    QCustomPlot* reviewsPlot() const { return m_reviews; }
    QCustomPlot* accuracyPlot() const { return m_accuracy; }
    QCustomPlot* masteryPlot() const { return m_mastery; }
    QCustomPlot* duePlot() const { return m_due; }  // the forecast
    QCustomPlot* calibrationPlot() const { return m_calibration; }
    QCustomPlot* recallPlot() const { return m_recall; }
    QLabel* summary() const { return m_summary; }
    // Chart labels for topic ids (an id without one is shown as it is).
    void setTopicNames(std::map<std::string, QString> names) { m_topicNames = std::move(names); }
    QString topicName(const std::string& topic) const;

signals:
    void backRequested();

protected:
    void changeEvent(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QString emptyNote(const QCustomPlot* plot) const;  // what a chart with nothing to draw says
    QCustomPlot* makePlot(const QString& title, const QString& accessibleName, bool legend = false);
    void restyle();
    void thinDueTicks();  // the forecast's day names that fit at the chart's width
    void setForecast(const core::quiz::Progress& progress, core::quiz::Day today, const core::quiz::InterviewPlan& plan);
    QString setCalibration(const core::quiz::Progress& progress, core::quiz::Day today);
    void setRecall(const core::quiz::Progress& progress, const std::vector<core::quiz::ItemRef>& catalog,
                   const std::vector<std::string>& topics, core::quiz::Day today, const core::quiz::InterviewPlan& plan);

    QCustomPlot* m_reviews;
    QCustomPlot* m_accuracy;
    QCustomPlot* m_mastery;
    QCustomPlot* m_due;
    QCustomPlot* m_calibration;
    QCustomPlot* m_recall;
    QLabel* m_summary;
    std::map<std::string, QString> m_topicNames;
    QStringList m_dueNames;  // the forecast's day names, one per bar
    QList<bool> m_dueBusy;   // which days have a bar
};

}  // namespace sb::widgets
