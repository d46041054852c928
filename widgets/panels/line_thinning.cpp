#include "panels/line_thinning.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <qcustomplot.h>

namespace sb::widgets {

namespace {

// Appends points, leaving out one that only continues a level: a step line's point at the value
// of the point before it (the level runs on through it to the next point), or a straight line's
// point between two at its value. The path drawn is the same, with fewer points to stroke. (Not
// before a break: the level ends at the last point before it.)
class Emitter {
public:
    Emitter(QVector<QCPGraphData>& out, bool steps) : m_out(out), m_steps(steps) {}
    void push(const LinePoint& p) {
        const qsizetype n = m_out.size();
        if (n >= 2 && !std::isnan(p.value) && m_out[n - 2].value == m_out[n - 1].value && (m_steps || m_out[n - 1].value == p.value))
            m_out.back() = QCPGraphData(p.key, p.value);
        else
            m_out.push_back(QCPGraphData(p.key, p.value));
    }

private:
    QVector<QCPGraphData>& m_out;
    bool m_steps;
};

}  // namespace

QVector<QCPGraphData> thinToColumns(std::span<const LinePoint> line, double lower, double upper, int columns, bool steps) {
    QVector<QCPGraphData> out;
    const auto byKey = [](const LinePoint& p, double key) { return p.key < key; };
    auto first = std::lower_bound(line.begin(), line.end(), lower, byKey);
    if (first != line.begin()) --first;  // where the line enters the range
    auto last = std::upper_bound(first, line.end(), upper, [](double key, const LinePoint& p) { return key < p.key; });
    if (last != line.end()) ++last;  // where it leaves
    const std::span<const LinePoint> kept(first, last);
    Emitter sink(out, steps);
    if (kept.empty()) return out;
    if (columns <= 0 || !(upper > lower)) {
        out.reserve(static_cast<qsizetype>(kept.size()));
        for (const LinePoint& p : kept) sink.push(p);
        return out;
    }
    out.reserve(std::min<qsizetype>(static_cast<qsizetype>(kept.size()), 4 * columns + 8));
    const double perColumn = columns / (upper - lower);
    // Points before the range share column -1, those after it column `columns`.
    const auto columnOf = [&](double key) { return std::floor(std::clamp((key - lower) * perColumn, -1.0, static_cast<double>(columns))); };
    // A little before the key where column `c` ends: only from there on does a point's column
    // need working out, so the scan mostly compares keys.
    const auto nearEnd = [&](double c) {
        return c >= columns ? std::numeric_limits<double>::infinity() : lower + (c + 1 - 1e-6) / perColumn;
    };
    // One column's points at a time: from `begin`, with its lowest and highest so far.
    std::size_t begin = 0, lo = 0, hi = 0;
    const auto flush = [&](std::size_t end) {
        if (begin == end) return;
        const std::size_t picks[4] = {begin, std::min(lo, hi), std::max(lo, hi), end - 1};
        std::size_t previous = end;  // none yet
        for (const std::size_t i : picks) {
            if (i == previous) continue;
            sink.push(kept[i]);
            previous = i;
        }
    };
    const auto open = [&](std::size_t i) { begin = lo = hi = i; };
    double column = columnOf(kept.front().key);
    double end = nearEnd(column);
    open(0);
    for (std::size_t i = 0; i < kept.size(); ++i) {
        const LinePoint& p = kept[i];
        if (std::isnan(p.value)) {  // a break: drawn as such, between columns' points
            flush(i);
            sink.push(p);
            open(i + 1);
            continue;
        }
        if (p.key >= end && columnOf(p.key) != column) {
            flush(i);
            open(i);
            column = columnOf(p.key);
            end = nearEnd(column);
        }
        if (begin == i) continue;
        if (p.value < kept[lo].value) lo = i;
        if (p.value > kept[hi].value) hi = i;
    }
    flush(kept.size());
    return out;
}

}  // namespace sb::widgets
