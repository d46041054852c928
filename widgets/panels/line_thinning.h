#pragma once

#include <QVector>
#include <span>

class QCPGraphData;

namespace sb::widgets {

// A point of a plotted line: simulated time (ms) and value (NaN breaks the line).
struct LinePoint {
    double key, value;
};

// The points of `line` (in key order) that draw the same picture over the key range
// [lower, upper] spread across `columns` pixel columns: in each column its first and last
// point and its lowest and highest, in their order, so every column's line spans the same
// values and joins its neighbours at the same points, whether drawn straight or as steps (a
// step-left line's horizontals run from one column's last point to the next one's first).
// The last point before `lower` and the first after `upper` stay too, so the line enters and
// leaves the range as the full line does; NaN points stay, as the breaks they are. A long run
// on a plot a few hundred pixels wide keeps at most four points a column.
QVector<QCPGraphData> thinToColumns(std::span<const LinePoint> line, double lower, double upper, int columns, bool steps);

}  // namespace sb::widgets
