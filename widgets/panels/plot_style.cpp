#include "panels/plot_style.h"

#include <algorithm>
#include <qcustomplot.h>

#include "scene/scene_palette.h"

namespace sb::widgets {

void applyPlotPalette(QCustomPlot* plot, const ScenePalette& pal) {
    plot->setBackground(pal.background);
    QList<QCPAxis*> axes;
    for (QCPAxisRect* rect : plot->axisRects()) axes += rect->axes();
    for (QCPAxis* axis : axes) {
        axis->setBasePen(QPen(pal.mutedText));
        axis->setTickPen(QPen(pal.mutedText));
        axis->setSubTickPen(QPen(pal.mutedText));
        axis->setTickLabelColor(pal.text);
        axis->setLabelColor(pal.text);
    }
}

void fitValueAxisTitles(QCustomPlot* plot) {
    if (plot->axisRectCount() == 0) return;
    // Each row of axis rects gets an equal share of the plot's height; the time axis's ticks and
    // title and the margins take about 70 px of it. (The rects' own heights are those of the
    // last replot, which after a resize has not happened yet.)
    const int room = plot->height() / std::max(1, plot->plotLayout()->rowCount()) - 70;
    for (QCPAxisRect* rect : plot->axisRects()) {
        for (QCPAxis* axis : {rect->axis(QCPAxis::atLeft), rect->axis(QCPAxis::atRight)}) {
            const QStringList titles = axis->property("titles").toStringList();
            if (titles.isEmpty()) continue;
            const QFontMetrics metrics(axis->labelFont());
            QString chosen = titles.back();
            for (const QString& title : titles)
                if (metrics.horizontalAdvance(title) <= room) {
                    chosen = title;
                    break;
                }
            axis->setLabel(chosen);
        }
    }
}

}  // namespace sb::widgets
