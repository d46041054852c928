#pragma once
// What a plotted line covers in each pixel column, worked out from its points alone: the
// lowest and highest value its drawn path takes there, straight or as steps, including where
// segments cross a column's edges. Two lines with the same extents in every column and the
// same first and last point draw the same picture at that width.
#include <QVector>
#include <algorithm>
#include <cmath>
#include <limits>
#include <qcustomplot.h>
#include <vector>

namespace sb::test {

struct Extent {
    double lo = std::numeric_limits<double>::infinity();
    double hi = -std::numeric_limits<double>::infinity();
    void add(double v) {
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    bool operator==(const Extent&) const = default;
};

inline std::vector<Extent> columnExtents(const QVector<QCPGraphData>& line, double lower, double upper, int columns,
                                         bool steps) {
    std::vector<Extent> out(static_cast<std::size_t>(columns));
    const double perColumn = columns / (upper - lower);
    const auto columnOf = [&](double key) {
        return static_cast<long>(std::floor(std::clamp((key - lower) * perColumn, -1.0, static_cast<double>(columns))));
    };
    const auto add = [&](long c, double v) {
        if (c >= 0 && c < columns) out[static_cast<std::size_t>(c)].add(v);
    };
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QCPGraphData& a = line[i];
        if (std::isnan(a.value)) continue;
        add(columnOf(a.key), a.value);
        if (i + 1 >= line.size() || std::isnan(line[i + 1].value)) continue;
        const QCPGraphData& b = line[i + 1];
        const long from = columnOf(a.key), to = columnOf(b.key);
        for (long c = from; c <= to; ++c) {
            if (steps) {  // level at a's value up to b's key, then up or down to b's
                add(c, a.value);
                continue;
            }
            // Where the segment crosses this column's edges.
            for (const double edge : {lower + static_cast<double>(c) / perColumn, lower + static_cast<double>(c + 1) / perColumn})
                if (edge > a.key && edge < b.key) add(c, a.value + (b.value - a.value) * (edge - a.key) / (b.key - a.key));
        }
    }
    return out;
}

}  // namespace sb::test
