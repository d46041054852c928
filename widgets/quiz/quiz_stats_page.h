#pragma once

#include <QWidget>
#include <map>
#include <string>
#include <vector>

#include "quiz/progress.h"

class QCustomPlot;
class QLabel;

namespace sb::widgets {

// The statistics page: reviews per day and accuracy over the last 30 days, mastery per topic,
// and how many reviews fall due in each of the next 14 days. Each chart has a text summary
// beside it, so the numbers are readable without the picture.
class QuizStatsPage : public QWidget {
    Q_OBJECT
public:
    static constexpr int kHistoryDays = 30;
    static constexpr int kDueDays = 14;

    explicit QuizStatsPage(QWidget* parent = nullptr);

    // `topics` in display order; `today` as in core::quiz::dayOf.
    void setData(const core::quiz::Progress& progress, const std::vector<core::quiz::ItemRef>& catalog,
                 const std::vector<std::string>& topics, core::quiz::Day today);

    QCustomPlot* reviewsPlot() const { return m_reviews; }
    QCustomPlot* accuracyPlot() const { return m_accuracy; }
    QCustomPlot* masteryPlot() const { return m_mastery; }
    QCustomPlot* duePlot() const { return m_due; }
    QLabel* summary() const { return m_summary; }

signals:
    void backRequested();

protected:
    void changeEvent(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    QCustomPlot* makePlot(const QString& title, const QString& accessibleName);
    void restyle();

    QCustomPlot* m_reviews;
    QCustomPlot* m_accuracy;
    QCustomPlot* m_mastery;
    QCustomPlot* m_due;
    QLabel* m_summary;
};

}  // namespace sb::widgets
