// The metrics panel's value axes: one per unit, two units to a plot (left and right axes), and
// a plot stacked under the first for each further pair, all on the same time axis.
#include <qcustomplot.h>

#include "panels/metrics_panel.h"

namespace sb::widgets {

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
        auto* rect = new QCPAxisRect(m_plot);
        m_plot->plotLayout()->addElement(m_plot->axisRectCount(), 0, rect);
        rect->setMarginGroup(QCP::msLeft | QCP::msRight, m_margins);
        auto* cursor = new QCPItemStraightLine(m_plot);
        cursor->setClipAxisRect(rect);
        for (QCPItemPosition* end : {cursor->point1, cursor->point2}) end->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
        m_cursors.push_back(cursor);
    }
    for (int r = 0; r < rects; ++r) {
        QCPAxisRect* rect = m_plot->axisRect(r);
        const bool last = r == rects - 1;
        rect->axis(QCPAxis::atBottom)->setLabel(last ? tr("simulated time (ms)") : QString());
        rect->axis(QCPAxis::atBottom)->setTickLabels(last);
        rect->axis(QCPAxis::atBottom)->ticker()->setTickCount(3);
        for (QCPAxis* y : {rect->axis(QCPAxis::atLeft), rect->axis(QCPAxis::atRight)}) {
            y->setLabel(QString());
            y->setTickLabels(true);
        }
        rect->axis(QCPAxis::atRight)->setVisible(2 * r + 1 < groups);
    }
}

QCPAxis* MetricsPanel::valueAxis(int group) {
    return m_plot->axisRect(group / 2)->axis(group % 2 == 0 ? QCPAxis::atLeft : QCPAxis::atRight);
}

}  // namespace sb::widgets
