#include "scene/scene_layouts.h"

#include <QRectF>

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>

#include "scene/node_item.h"

namespace sb::widgets {

namespace {

constexpr double kSpacing = 175.0;     // between neighbouring node centres on a circle
constexpr double kColumnGap = 250.0;   // between tier columns: room for links and messages
constexpr double kSubColumnGap = 165.0;
constexpr double kRowGap = 170.0;      // a node's footprint is 150 high
constexpr std::size_t kMaxRows = 4;    // more than this in one tier wraps into sub-columns
constexpr double kStarGap = 10.0;      // between the footprints of a star's nodes
constexpr double kStarStep = 2.0;      // the rim radius is tried in steps of this
constexpr double kStarAngleStep = 1.0; // and each pair's angle, in degrees

}  // namespace

std::vector<QPointF> circlePoints(std::size_t count, double minRadius) {
    std::vector<QPointF> out;
    if (count == 1) return {QPointF(0, 0)};
    const auto n = static_cast<double>(count);
    const double r = std::max(minRadius, kSpacing * n / (2 * std::numbers::pi));
    for (std::size_t i = 0; i < count; ++i) {
        const double a = -std::numbers::pi / 2 + 2 * std::numbers::pi * static_cast<double>(i) / n;
        out.emplace_back(r * std::cos(a), r * std::sin(a));
    }
    return out;
}

std::vector<QPointF> tiersLayout(const std::vector<core::NodeView>& nodes) {
    std::map<int, std::vector<std::size_t>> tiers;  // ordered: tier order is column order
    for (std::size_t i = 0; i < nodes.size(); ++i) tiers[nodes[i].tier].push_back(i);
    std::vector<QPointF> out(nodes.size());
    double x = 0;
    for (const auto& [tier, members] : tiers) {
        const std::size_t subColumns = (members.size() + kMaxRows - 1) / kMaxRows;
        const std::size_t rows = (members.size() + subColumns - 1) / subColumns;
        for (std::size_t k = 0; k < members.size(); ++k) {
            const auto column = static_cast<double>(k / rows);
            // The last sub-column may be shorter: centre it too.
            const std::size_t inColumn = std::min(rows, members.size() - (k / rows) * rows);
            const double row = static_cast<double>(k % rows) - (static_cast<double>(inColumn) - 1) / 2;
            out[members[k]] = QPointF(x + column * kSubColumnGap, row * kRowGap);
        }
        x += static_cast<double>(subColumns - 1) * kSubColumnGap + kColumnGap;
    }
    return out;
}

namespace {

// Whether nodes at `a` and `b` keep their footprints (the room for their captions, badges and
// log) apart by the gap.
bool apart(QPointF a, QPointF b) {
    const QRectF room = NodeItem::footprint().adjusted(0, 0, kStarGap, kStarGap);
    return !room.translated(a).intersects(room.translated(b));
}

QPointF onRim(double r, double degrees) {  // clockwise from 12 o'clock
    const double a = (degrees - 90) * std::numbers::pi / 180;
    return {r * std::cos(a), r * std::sin(a)};
}

// `count` rim points at radius `r`, clockwise from 12 o'clock: the first at the top, the rest in
// pairs mirrored left and right, each pair as high up the circle as clears what is placed above
// it, and for an even count a last one at 6 o'clock. Scenes sit in rooms wider than tall, so this
// keeps a star low: evenly spaced angles need a larger circle for the same clearance (seven nodes:
// a radius of about 236 against 204, and a scene 10% taller). Empty when they do not fit at `r`.
std::vector<QPointF> rimAt(std::size_t count, double r, const std::vector<QPointF>& hubs) {
    std::vector<QPointF> placed = hubs;
    const auto clears = [&](QPointF p) { return std::all_of(placed.begin(), placed.end(), [&](QPointF q) { return apart(p, q); }); };
    if (count == 1) return clears(QPointF(r, 0)) ? std::vector<QPointF>{QPointF(r, 0)} : std::vector<QPointF>{};
    const QPointF top = onRim(r, 0);
    if (!clears(top)) return {};
    placed.push_back(top);
    std::vector<double> right;  // the angles of the pairs' right-hand members
    double angle = 0;
    for (std::size_t k = 0; k < (count - 1) / 2; ++k) {
        for (angle += kStarAngleStep; angle < 180; angle += kStarAngleStep)
            if (clears(onRim(r, angle)) && apart(onRim(r, angle), onRim(r, -angle))) break;
        if (angle >= 180) return {};
        placed.push_back(onRim(r, angle));
        placed.push_back(onRim(r, -angle));
        right.push_back(angle);
    }
    if (count % 2 == 0 && !clears(onRim(r, 180))) return {};
    std::vector<QPointF> out{top};
    for (const double a : right) out.push_back(onRim(r, a));
    if (count % 2 == 0) out.push_back(onRim(r, 180));
    for (auto a = right.rbegin(); a != right.rend(); ++a) out.push_back(onRim(r, -*a));
    return out;
}

}  // namespace

std::vector<QPointF> starLayout(const std::vector<core::NodeView>& nodes) {
    std::vector<std::size_t> hubs, rim;
    for (std::size_t i = 0; i < nodes.size(); ++i) (nodes[i].tier == 0 ? hubs : rim).push_back(i);
    // The rim in tier order, view order within a tier.
    std::stable_sort(rim.begin(), rim.end(), [&](std::size_t a, std::size_t b) { return nodes[a].tier < nodes[b].tier; });
    std::vector<QPointF> out(nodes.size());
    const auto hubPoints = circlePoints(hubs.size(), 95.0);
    double hubRadius = 0;
    for (std::size_t k = 0; k < hubs.size(); ++k) {
        out[hubs[k]] = hubPoints[k];
        hubRadius = std::max(hubRadius, std::hypot(hubPoints[k].x(), hubPoints[k].y()));
    }
    if (rim.empty()) return out;
    // The smallest circle the rim fits on: a fixed radius large enough for every count made most
    // stars much taller than their nodes need, and the scene shrank to fit its room.
    // (A rim that does not fit by a circle of one footprint per node, which no lesson comes
    // near, goes evenly round one that size.)
    const double least = hubRadius + NodeItem::footprint().height() + kStarGap;
    const double most = least + NodeItem::footprint().height() * static_cast<double>(rim.size());
    std::vector<QPointF> points;
    for (double r = least; points.empty() && r <= most; r += kStarStep) points = rimAt(rim.size(), r, hubPoints);
    if (points.empty()) points = circlePoints(rim.size(), most);
    for (std::size_t k = 0; k < rim.size(); ++k) out[rim[k]] = points[k];
    return out;
}

}  // namespace sb::widgets
