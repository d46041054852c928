#pragma once

#include <QSet>
#include <QTimer>
#include <QWidget>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "panels/line_thinning.h"
#include "sim/time.h"
#include "sim/timeline.h"

class QCustomPlot;
class QCPAxis;
class QCPAxisRect;
class QCPItemStraightLine;
class QCPItemText;
class QCPItemTracer;
class QCPMarginGroup;
class QListWidget;

namespace sb::core {
class Model;
struct Metric;
}  // namespace sb::core

namespace sb::widgets {

class SimController;
struct ScenePalette;

// The topic's metrics over simulated time, plotted with QCustomPlot. Samples are taken as the run
// advances (one per new trace position reached); a branch drops the samples after it. The user
// picks the series. Replots are throttled, and nothing is sampled or drawn while hidden.
class MetricsPanel : public QWidget {
    Q_OBJECT
public:
    MetricsPanel(SimController* controller, QWidget* parent = nullptr);

    QCustomPlot* plot() const { return m_plot; }
    // The value axes the ticked series are drawn against, with their titles (for tests).
    QList<QCPAxis*> valueAxes() const;
    // The unit of the series in row `row` of the list ("ms", "term", "" for a count).
    QString seriesUnit(int row) const;
    QListWidget* seriesList() const { return m_series; }
    // Whether the plots (one per two units) stand side by side rather than stacked.
    bool plotsInRow() const { return m_inRow; }
    // Side by side suits `plots` plots in `room` (the plot widget's size) better than stacked.
    static bool rowFits(QSize room, int plots);
    std::size_t sampleCount() const { return m_samples.size(); }
    int replotCount() const { return m_replots; }
    // Events replayed to fill the samples of jumps since the panel was made (for tests and
    // benchmarks: a jump costs its gap plus less than one checkpoint interval).
    std::size_t replayedEvents() const { return m_replayed; }
    // Checkpoint copies those fills started from (fast frames in a row continue the last one).
    std::size_t checkpointCopies() const { return m_copies; }
    // Takes a sample if the run moved on, and schedules a replot.
    void sample();
    void replotNow();

    // One point of every series: the model's metrics after `position` events.
    struct Sample {
        std::size_t position;
        double timeMs;
        std::vector<double> values;  // by index into seriesNames(); NaN (or missing) where absent
        double beforeMs;             // just before the next event, for metrics that read the clock
        std::vector<double> before;  // the values then (empty when none read the clock)
    };
    // What the plot holds (for tests): the samples in position order, and the metric names their
    // values are indexed by.
    const std::vector<Sample>& samples() const { return m_samples; }
    const std::vector<std::string>& seriesNames() const { return m_names; }
    // The whole line of plotted series `series` as of the last replot, which its graph draws thinned to
    // the plot's pixel columns (thinToColumns): every shown sample's point, and the moment shown.
    std::vector<LinePoint> line(std::size_t series) const;

protected:
    void showEvent(QShowEvent* event) override;
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    Sample takeSample(std::size_t position, const core::Model& model, core::Time now, std::optional<core::Time> next);
    std::vector<double> valuesOf(const std::vector<core::Metric>& metrics);
    static bool clocked(const core::Model& model);
    void clear();
    void dropFrom(std::size_t position);  // the samples at `position` and after
    void followLessonPath();
    void backfill(std::size_t from, std::size_t to);
    // The plotted points of the samples before the last one shown (see commitPoints).
    void commitPoints(std::size_t shown);
    void dropPoints();
    std::size_t seriesIndex(const std::string& name);
    void rebuildGraphs();
    // The last sample's and the moment's points (m_tails) for the samples shown.
    void updateTails(std::size_t shown, double now);
    // The time range: in a lesson, its step with as long a run before it (stepWindowStart);
    // else the whole run, or from before a recent burst (recentStart).
    void chooseTimeRange(double now);
    // The start and end (ms) of the lesson step shown, by the lesson's step boundaries.
    std::optional<std::pair<double, double>> lessonStep() const;
    // Each graph's data: its line thinned to its plot's width (again if a layout changed that).
    void setGraphData();
    void fitSeriesList();
    // One value axis per unit: two units share a plot (left and right), more stack plots.
    QCPAxis* valueAxis(int group);
    void resetAxes(int groups);
    // Stacks the plots or sets them side by side, whichever suits the plot's size (rowFits).
    void arrangePlots();
    // Value ticks as many as each plot's height holds without labels running into each other.
    void fitValueTicks();
    static double tickStep(double span, int pixels, int label, bool whole);
    // Stacked plots get the same data height (the bottom one's time axis labels notwithstanding).
    void evenStackedHeights();

    SimController* m_controller;
    QCustomPlot* m_plot;
    std::vector<QCPItemStraightLine*> m_cursors;  // the current time, one per stacked plot
    // A dot where each shown line ends, at the moment shown: a change at that moment is otherwise
    // only a vertical stroke beside the cursor, and the value it reached is not read.
    std::vector<QCPItemTracer*> m_ends;
    void placeLineEnds(double now);
    double labelShare(const QCPAxisRect* rect) const;
    // The lesson step's start, where the time axis begins before it (a dotted line, "Step 3").
    std::vector<QCPItemStraightLine*> m_stepMarks;  // one per plot
    QCPItemText* m_stepLabel = nullptr;
    void placeStepMarks(const ScenePalette& pal);
    QCPMarginGroup* m_margins = nullptr;  // stacked plots keep their left edges aligned, a row its time axes
    bool m_inRow = false;
    QListWidget* m_series;
    QTimer m_replot;
    std::vector<std::string> m_names;
    std::vector<Sample> m_samples;
    // By plotted series: the points of samples 0 .. m_committed - 1 (empty for the others).
    std::vector<std::vector<LinePoint>> m_points;
    // By series, after m_points: the last sample shown (its segment has no end yet) and the
    // moment shown, as of the last replot.
    std::vector<std::vector<LinePoint>> m_tails;
    double m_lower = 0, m_upper = 1;     // the time range shown
    double m_stepStart = -1;             // where the lesson step shown began (ms), or -1
    std::vector<int> m_thinnedColumns;   // by graph: the pixel columns its data was thinned to
    std::size_t m_committed = 0;
    bool m_styled = false;  // the plot has the palette's colours (applyPlotPalette) on every axis
    int m_replots = 0;
    std::size_t m_replayed = 0;
    std::size_t m_copies = 0;
    std::optional<core::Timeline::Checkpoint> m_scratch;  // the state the last fill stopped at
    std::optional<std::size_t> m_leftPathAt;  // where a lesson's run left the lesson's path
};

}  // namespace sb::widgets
