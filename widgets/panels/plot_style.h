#pragma once

class QCustomPlot;

namespace sb::widgets {

struct ScenePalette;

// Gives a plot the theme's background and axis colours (the plots follow light and dark).
void applyPlotPalette(QCustomPlot* plot, const ScenePalette& palette);

// Titles each value axis with the first of its candidate titles (the QStringList property
// "titles", longest and most specific first) that fits the height an axis has, so a short plot
// reads "share (0-1)" rather than a cut "Lookup hit ratio (". Call after a resize and after the
// axes change.
void fitValueAxisTitles(QCustomPlot* plot);

}  // namespace sb::widgets
