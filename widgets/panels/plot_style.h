#pragma once

class QCustomPlot;

namespace sb::widgets {

struct ScenePalette;

// Gives a plot the theme's background and axis colours (the plots follow light and dark).
void applyPlotPalette(QCustomPlot* plot, const ScenePalette& palette);

}  // namespace sb::widgets
