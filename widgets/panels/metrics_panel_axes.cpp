// The metrics panel's value axes: one per unit, two units to a plot (left and right axes), and
// a further plot for each further pair, all over the same time range: stacked under the first,
// or beside it when stacking would leave each plot too short to read.
#include <algorithm>
#include <cmath>
#include <qcustomplot.h>

#include "panels/metrics_panel.h"
#include "panels/plot_style.h"

namespace sb::widgets {

namespace {
// What a plot's axes take around its data area (at the default font): a value axis's tick
// labels and title on each side, and below the time axis's tick labels and title.
constexpr int kValueAxesWidth = 110;
constexpr int kTimeAxisHeight = 50;
constexpr int kStackedGap = 14;  // between stacked plots, whose time axes have no labels
// Stacked plots read best (one time axis, their left edges aligned): they stay stacked while
// each keeps this much height for its data.
constexpr int kReadableHeight = 90;
constexpr int kReadableWidth = 100;  // a plot in a row narrower than this is worse than short
}  // namespace

bool MetricsPanel::rowFits(QSize room, int plots) {
    if (plots < 2) return false;
    const int stackedHeight = (room.height() - kTimeAxisHeight) / plots - kStackedGap;
    if (stackedHeight >= kReadableHeight) return false;
    // In a row each plot keeps the full height but only its share of the width: worth it while
    // that width is readable and no less than the height a stacked plot would have.
    const int rowWidth = room.width() / plots - kValueAxesWidth;
    return rowWidth >= kReadableWidth && rowWidth > stackedHeight;
}

void MetricsPanel::arrangePlots() {
    const int rects = m_plot->axisRectCount();
    const bool row = rowFits(m_plot->size(), rects);
    QCPLayoutGrid* grid = m_plot->plotLayout();
    const bool placed = grid->rowCount() == (row ? 1 : rects) && grid->columnCount() == (row ? rects : 1);
    if (!placed) {
        QList<QCPAxisRect*> all = m_plot->axisRects();
        for (QCPAxisRect* rect : all) grid->take(rect);
        grid->simplify();
        for (int r = 0; r < static_cast<int>(all.size()); ++r) grid->addElement(row ? 0 : r, row ? r : 0, all[r]);
        // Side by side, the plots' time axes line up; stacked, their left edges do.
        for (QCPAxisRect* rect : all) {
            rect->setMarginGroup(QCP::msAll, nullptr);
            rect->setMarginGroup(row ? QCP::msTop | QCP::msBottom : QCP::msLeft | QCP::msRight, m_margins);
        }
    }
    m_inRow = row;
    const int plotWidth = (row ? m_plot->width() / std::max(1, rects) : m_plot->width()) - kValueAxesWidth;
    for (int r = 0; r < rects; ++r) {
        QCPAxis* time = m_plot->axisRect(r)->axis(QCPAxis::atBottom);
        // Each plot in a row has its own time axis; stacked, only the bottom one is labelled.
        const bool labelled = row || r == rects - 1;
        time->setLabel(labelled ? tr("simulated time (ms)") : QString());
        time->setTickLabels(labelled);
        // Few time ticks: labels like "15000" run into each other on a narrow plot.
        time->ticker()->setTickCount(plotWidth < 250 ? 2 : 3);
    }
    fitValueTicks();
    fitValueAxisTitles(m_plot);
}

void MetricsPanel::evenStackedHeights() {
    // Stacked, the bottom plot also holds the time axis's labels and title, and rows share the
    // height equally: it was drawn 20 px shorter than the one above. Each row's stretch is set to
    // its margins plus an equal data height, measured on the layout just made (a replot follows
    // when that moved anything).
    QCPLayoutGrid* grid = m_plot->plotLayout();
    const int rects = m_plot->axisRectCount();
    if (m_inRow || rects < 2 || grid->rowCount() != rects) return;
    double total = 0, margins = 0;
    QList<double> margin;
    for (int r = 0; r < rects; ++r) {
        const QCPAxisRect* rect = m_plot->axisRect(r);
        total += rect->outerRect().height();
        margin << rect->outerRect().height() - rect->rect().height();
        margins += margin.back();
    }
    const double even = (total - margins) / rects;
    if (even <= 0) return;
    bool uneven = false;
    for (int r = 0; r < rects; ++r) uneven = uneven || std::abs(m_plot->axisRect(r)->rect().height() - even) > 1.5;
    if (!uneven) return;
    QList<double> stretch;
    for (int r = 0; r < rects; ++r) stretch << (even + margin[r]) / total;
    grid->setRowStretchFactors(stretch);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

double MetricsPanel::tickStep(double span, int pixels, int label, bool whole) {
    // The smallest of 1, 2 and 5 times a power of ten that keeps the ticks two labels' height
    // apart (a 55 px plot with five labels printed them over each other), at least 1 for whole
    // numbers.
    const int ticks = std::max(2, pixels / std::max(1, 2 * label) + 1);
    const double least = span / (ticks - 1);
    double step = std::pow(10.0, std::floor(std::log10(std::max(least, 1e-12))));
    for (const double m : {1.0, 2.0, 5.0, 10.0})
        if (m * step >= least * (1 - 1e-9)) {
            step *= m;
            break;
        }
    return whole ? std::max(1.0, std::round(step)) : step;
}

void MetricsPanel::fitValueTicks() {
    for (QCPAxisRect* rect : m_plot->axisRects())
        for (QCPAxis* axis : {rect->axis(QCPAxis::atLeft), rect->axis(QCPAxis::atRight)}) {
            auto fixed = axis->ticker().dynamicCast<QCPAxisTickerFixed>();
            if (!fixed) continue;
            // The rect's height as of the last layout, or the share it will get before the first.
            int pixels = rect->height();
            if (pixels <= 0) pixels = m_plot->height() / std::max(1, m_inRow ? 1 : m_plot->axisRectCount()) - kTimeAxisHeight;
            const int label = QFontMetrics(axis->tickLabelFont()).height();
            fixed->setTickStep(tickStep(axis->range().size(), pixels, label, axis->property("whole").toBool()));
        }
}

QString MetricsPanel::seriesUnit(int row) const {
    const QListWidgetItem* item = m_series->item(row);
    return item ? item->data(Qt::UserRole + 1).toString() : QString();
}

QList<QCPAxis*> MetricsPanel::valueAxes() const {
    QList<QCPAxis*> out;
    for (QCPAxisRect* rect : m_plot->axisRects())
        for (QCPAxis* axis : {rect->axis(QCPAxis::atLeft), rect->axis(QCPAxis::atRight)})
            if (axis->visible() && !axis->graphs().isEmpty()) out << axis;
    return out;
}

void MetricsPanel::resetAxes(int groups) {
    // Plots stacked under the first (two units each), their own time cursor in each.
    const int rects = std::max(1, (groups + 1) / 2);
    while (static_cast<int>(m_cursors.size()) > rects) {
        m_plot->removeItem(m_cursors.back());
        m_cursors.pop_back();
    }
    while (m_plot->axisRectCount() > rects) m_plot->plotLayout()->remove(m_plot->axisRect(m_plot->axisRectCount() - 1));
    m_plot->plotLayout()->simplify();
    while (m_plot->axisRectCount() < rects) {
        m_styled = false;  // the new rect's axes have QCustomPlot's colours
        auto* rect = new QCPAxisRect(m_plot);
        m_plot->plotLayout()->addElement(m_plot->plotLayout()->rowCount(), 0, rect);  // arrangePlots places it
        auto* cursor = new QCPItemStraightLine(m_plot);
        cursor->setClipAxisRect(rect);
        cursor->setLayer(QStringLiteral("grid"));  // under the lines, as the first plot's
        for (QCPItemPosition* end : {cursor->point1, cursor->point2}) end->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
        m_cursors.push_back(cursor);
    }
    for (int r = 0; r < rects; ++r) {
        QCPAxisRect* rect = m_plot->axisRect(r);
        for (QCPAxis* y : {rect->axis(QCPAxis::atLeft), rect->axis(QCPAxis::atRight)}) {
            y->setLabel(QString());
            y->setTickLabels(true);
        }
        rect->axis(QCPAxis::atRight)->setVisible(2 * r + 1 < groups);
    }
    arrangePlots();
}

QCPAxis* MetricsPanel::valueAxis(int group) {
    return m_plot->axisRect(group / 2)->axis(group % 2 == 0 ? QCPAxis::atLeft : QCPAxis::atRight);
}

}  // namespace sb::widgets
