// The metrics panel's lines: the points kept per series as the run goes on, the time range
// shown, and each graph's data, thinned to its plot's pixel columns so a replot late in a long
// run draws a few points a column instead of every sample.
#include <algorithm>
#include <cmath>
#include <limits>
#include <qcustomplot.h>

#include "panels/metrics_panel.h"
#include "panels/plot_style.h"
#include "panels/recent_window.h"
#include "scene/scene_palette.h"
#include "sim/model_capabilities.h"
#include "sim_controller.h"

namespace sb::widgets {

void MetricsPanel::commitPoints(std::size_t shown) {
    // A sample's points are final once a later sample is shown: its segment then ends just
    // before the next event. Kept per series, they grow with the run, so a replot adds the new
    // samples' points instead of walking every sample again. Only the plotted series keep
    // points (a rebuild of the graphs drops them, and the next replot takes them again): a cache
    // run has 26 metrics and plots 4, and committing all of them cost 0.2 ms a replot.
    const std::size_t final = shown == 0 ? 0 : shown - 1;
    if (m_committed > final) dropPoints();
    m_points.resize(m_names.size());
    std::vector<std::size_t> plotted;
    for (int g = 0; g < m_plot->graphCount(); ++g) {
        const auto series = static_cast<std::size_t>(m_plot->graph(g)->property("series").toInt());
        if (series < m_names.size()) plotted.push_back(series);
    }
    for (; m_committed < final; ++m_committed) {
        const Sample& s = m_samples[m_committed];
        for (const std::size_t series : plotted) {
            if (series >= s.values.size()) continue;
            m_points[series].push_back({s.timeMs, s.values[series]});
            if (series < s.before.size()) m_points[series].push_back({s.beforeMs, s.before[series]});
        }
    }
}

void MetricsPanel::updateTails(std::size_t shown, double now) {
    // After the last event shown, the lines run on to the moment shown with the values there
    // (after a wait, a lag has kept growing).
    const core::Timeline* t = m_controller->timeline();
    const std::size_t position = t ? t->position() : 0;
    std::vector<double> live;
    if (t && shown > 0 && m_samples[shown - 1].position == position && now > m_samples[shown - 1].timeMs) {
        live.assign(m_names.size(), std::numeric_limits<double>::quiet_NaN());
        for (const auto& metric : core::metricsAt(t->model(), m_controller->displayTime())) {
            const auto it = std::find(m_names.begin(), m_names.end(), metric.name);
            if (it != m_names.end()) live[static_cast<std::size_t>(it - m_names.begin())] = metric.value;
        }
    }
    m_tails.assign(m_names.size(), {});
    for (std::size_t series = 0; series < m_names.size(); ++series) {
        std::vector<LinePoint>& tail = m_tails[series];
        // The last sample shown, whose segment has no end yet (not past the moment shown).
        if (shown > 0 && series < m_samples[shown - 1].values.size())
            tail.push_back({m_samples[shown - 1].timeMs, m_samples[shown - 1].values[series]});
        if (series < live.size() && (!tail.empty() || !m_points[series].empty())) tail.push_back({now, live[series]});
    }
}

std::vector<LinePoint> MetricsPanel::line(std::size_t series) const {
    std::vector<LinePoint> out;
    if (series < m_points.size()) out = m_points[series];
    if (series < m_tails.size()) out.insert(out.end(), m_tails[series].begin(), m_tails[series].end());
    return out;
}

namespace {
// Runs `use` on the whole line: the kept points with the tail after them for a moment (no copy of
// a long run's points at every replot).
template <typename F>
void withTail(std::vector<LinePoint>& points, const std::vector<LinePoint>& tail, F use) {
    const std::size_t kept = points.size();
    points.insert(points.end(), tail.begin(), tail.end());
    use(std::span<const LinePoint>(points));
    points.resize(kept);
}
}  // namespace

std::optional<std::pair<double, double>> MetricsPanel::lessonStep() const {
    // The step the lesson shows, by the lesson's own step boundaries (its path's, also on a
    // learner's branch from it: the step stays the one the change was made in).
    const core::LessonRun* run = m_controller->lessonRun();
    if (!run) return std::nullopt;
    const core::LessonCursor& cursor = run->cursor();
    if (cursor.step == 0 || cursor.step > cursor.knownSteps() + 1) return std::nullopt;
    const auto ms = [](core::Time t) { return static_cast<double>(t) / 1000.0; };
    const double start = ms(cursor.ends[cursor.step - 1].time);
    // A step not run to its end yet lasts, so far, up to the moment shown (stepWindowStart).
    return std::make_pair(start, cursor.step <= cursor.knownSteps() ? ms(cursor.ends[cursor.step].time) : start);
}

void MetricsPanel::chooseTimeRange(double now) {
    double last = 1.0;
    std::vector<std::span<const LinePoint>> lines;
    for (int g = 0; g < m_plot->graphCount(); ++g) {
        const auto series = static_cast<std::size_t>(m_plot->graph(g)->property("series").toInt());
        if (series >= m_points.size()) continue;
        // The tail goes after the points for good here (and comes off below), so that each
        // line is one span.
        m_points[series].insert(m_points[series].end(), m_tails[series].begin(), m_tails[series].end());
        if (!m_points[series].empty()) last = std::max(last, m_points[series].back().key);
        lines.emplace_back(m_points[series]);
    }
    // Up to the moment shown, from 0 or from before a recent burst. A little room after it: a
    // change at that very moment (a step that ends as a second node learns the rumor) is drawn
    // as a rise, not hidden on the plot's right border.
    const double end = std::max(now, last);
    const std::optional<std::pair<double, double>> step = lessonStep();
    m_stepStart = step ? step->first : -1;
    m_lower = step ? stepWindowStart(step->first, step->second, end) : recentStart(lines, end);
    m_upper = end + 0.04 * (end - m_lower);
    for (int g = 0; g < m_plot->graphCount(); ++g) {
        const auto series = static_cast<std::size_t>(m_plot->graph(g)->property("series").toInt());
        if (series < m_points.size()) m_points[series].resize(m_points[series].size() - m_tails[series].size());
    }
}

void MetricsPanel::setGraphData() {
    m_thinnedColumns.resize(static_cast<std::size_t>(m_plot->graphCount()), -1);
    for (int g = 0; g < m_plot->graphCount(); ++g) {
        QCPGraph* graph = m_plot->graph(g);
        const int columns = graph->keyAxis()->axisRect()->width();
        auto& done = m_thinnedColumns[static_cast<std::size_t>(g)];
        if (done == columns) continue;
        done = columns;
        const auto series = static_cast<std::size_t>(graph->property("series").toInt());
        if (series >= m_points.size() || series >= m_tails.size()) {
            graph->data()->clear();
            continue;
        }
        const bool steps = graph->lineStyle() == QCPGraph::lsStepLeft;
        withTail(m_points[series], m_tails[series], [&](std::span<const LinePoint> line) {
            graph->data()->set(thinToColumns(line, m_lower, m_upper, columns, steps), true);
        });
    }
}

void MetricsPanel::replotNow() {
    if (!isVisible()) return;
    const ScenePalette pal = ScenePalette::fromPalette(palette());
    // Once per theme and set of axes, not at every replot.
    if (!m_styled) applyPlotPalette(m_plot, pal);
    m_styled = true;
    const double now = static_cast<double>(m_controller->displayTime()) / 1000.0;
    // The lines end at the moment shown: no samples from a future the run has recorded but not
    // shown (a lesson records its steps ahead).
    const core::Timeline* t = m_controller->timeline();
    const std::size_t position = t ? t->position() : 0;
    const auto firstHidden = std::partition_point(m_samples.begin(), m_samples.end(),
                                                  [&](const Sample& s) { return s.position <= position; });
    const auto shown = static_cast<std::size_t>(firstHidden - m_samples.begin());
    commitPoints(shown);
    updateTails(shown, now);
    chooseTimeRange(now);
    m_thinnedColumns.assign(static_cast<std::size_t>(m_plot->graphCount()), -1);
    setGraphData();
    // Values are counts, so the value axes start at 0 too; a flat or empty series still gets a
    // readable 0..1 range instead of QCustomPlot's symmetric default around it. (The thinned
    // lines keep every column's extremes, so their range is the full lines'.)
    // The top plot names the step under its top edge: its lines keep below that label, else a
    // line at its highest (saga-recovery's Completed at 1) ran hidden behind "Step 4".
    const bool stepNamed = m_stepStart > m_lower && m_stepStart < m_upper && m_controller->lessonRun();
    for (QCPAxisRect* rect : m_plot->axisRects()) {
        const double keep = rect == m_plot->axisRect(0) && stepNamed ? labelShare(rect) : 0.0;
        rect->axis(QCPAxis::atBottom)->setRange(m_lower, m_upper);
        for (QCPAxis* axis : {rect->axis(QCPAxis::atLeft), rect->axis(QCPAxis::atRight)}) {
            double lo = 0, hi = 0;
            for (QCPGraph* graph : axis->graphs()) {
                bool found = false;
                const QCPRange r = graph->getValueRange(found);
                if (!found || !graph->visible()) continue;
                lo = std::min(lo, r.lower);
                hi = std::max(hi, r.upper);
            }
            double upper = std::max(hi * 1.1, lo + 1.0);
            if (keep > 0) upper = std::max(upper, hi + (hi - lo) * keep / (1 - keep));
            axis->setRange(lo, upper);
        }
    }
    fitValueTicks();
    placeLineEnds(now);
    placeStepMarks(pal);
    for (QCPItemStraightLine* cursor : m_cursors) {
        cursor->point1->setCoords(now, 0);
        cursor->point2->setCoords(now, 1);
        cursor->setPen(QPen(pal.highlight, 1.5));
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    ++m_replots;
}

double MetricsPanel::labelShare(const QCPAxisRect* rect) const {
    // The share of the plot's height the step label takes from its top, with a pixel to spare;
    // none on a plot too short to give it (there the label covers the lines, as before).
    const double label = QFontMetricsF(m_plot->font()).height() + 4;
    const double pixels = rect->height();
    return pixels > 4 * label ? label / pixels : 0.0;
}

void MetricsPanel::placeLineEnds(double now) {
    while (static_cast<int>(m_ends.size()) > m_plot->graphCount()) {
        m_plot->removeItem(m_ends.back());
        m_ends.pop_back();
    }
    while (static_cast<int>(m_ends.size()) < m_plot->graphCount()) {
        auto* end = new QCPItemTracer(m_plot);
        end->setStyle(QCPItemTracer::tsCircle);
        end->setSize(6);
        end->setInterpolating(false);
        m_ends.push_back(end);
    }
    for (int g = 0; g < m_plot->graphCount(); ++g) {
        QCPGraph* graph = m_plot->graph(g);
        QCPItemTracer* end = m_ends[static_cast<std::size_t>(g)];
        // A series with no value at the end (NaN, a gap) has no end to mark.
        const bool shown = graph->visible() && !graph->data()->isEmpty() && (graph->data()->constEnd() - 1)->key >= now - 1e-9 &&
                           std::isfinite((graph->data()->constEnd() - 1)->value);
        end->setVisible(shown);
        if (!shown) continue;
        end->setGraph(graph);
        end->setClipAxisRect(graph->keyAxis()->axisRect());
        end->setGraphKey((graph->data()->constEnd() - 1)->key);
        end->setPen(QPen(graph->pen().color(), 1.5));
        end->setBrush(graph->pen().color());
    }
}

void MetricsPanel::placeStepMarks(const ScenePalette& pal) {
    // Where the step shown began, when the axis starts before it: a dotted line in each plot,
    // named in the top one, so the part of the lines the step is about reads as such.
    const int rects = m_plot->axisRectCount();
    while (static_cast<int>(m_stepMarks.size()) > rects) {
        m_plot->removeItem(m_stepMarks.back());
        m_stepMarks.pop_back();
    }
    while (static_cast<int>(m_stepMarks.size()) < rects) {
        auto* mark = new QCPItemStraightLine(m_plot);
        mark->setLayer(QStringLiteral("grid"));
        m_stepMarks.push_back(mark);
    }
    if (!m_stepLabel) {
        m_stepLabel = new QCPItemText(m_plot);
        m_stepLabel->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
        m_stepLabel->setPadding(QMargins(3, 1, 3, 1));
        m_stepLabel->setLayer(QStringLiteral("legend"));  // over the lines, on a backing of its own
    }
    const bool shown = m_stepStart > m_lower && m_stepStart < m_upper;
    const core::LessonRun* run = m_controller->lessonRun();
    for (int r = 0; r < rects; ++r) {
        QCPAxisRect* rect = m_plot->axisRect(r);
        QCPItemStraightLine* mark = m_stepMarks[static_cast<std::size_t>(r)];
        mark->setVisible(shown);
        mark->setClipAxisRect(rect);
        for (QCPItemPosition* end : {mark->point1, mark->point2}) end->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
        mark->point1->setCoords(m_stepStart, 0);
        mark->point2->setCoords(m_stepStart, 1);
        mark->setPen(QPen(pal.mutedText, 1, Qt::DotLine));
    }
    m_stepLabel->setVisible(shown && run && rects > 0);
    if (!m_stepLabel->visible()) return;
    QCPAxisRect* top = m_plot->axisRect(0);
    m_stepLabel->setClipAxisRect(top);
    m_stepLabel->position->setAxes(top->axis(QCPAxis::atBottom), top->axis(QCPAxis::atLeft));
    m_stepLabel->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
    m_stepLabel->position->setCoords(m_stepStart, 0);
    // Right of the mark, or left of it where the mark is in the axis's right half: a last step
    // that begins near the right edge read "Step 1" for "Step 11".
    const bool rightHalf = (m_stepStart - m_lower) * 2 > (m_upper - m_lower);
    m_stepLabel->setPositionAlignment((rightHalf ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignTop);
    m_stepLabel->setText(tr("Step %1").arg(run->cursor().step));
    m_stepLabel->setColor(pal.mutedText);
    QColor backing = pal.background;
    backing.setAlpha(210);
    m_stepLabel->setBrush(backing);
}

}  // namespace sb::widgets
