#include "panels/plot_style.h"

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

}  // namespace sb::widgets
