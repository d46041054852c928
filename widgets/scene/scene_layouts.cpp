#include "scene/scene_layouts.h"

#include <QRectF>

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>
#include <set>

#include "scene/node_item.h"

namespace sb::widgets {

namespace {

constexpr double kSpacing = 175.0;     // between neighbouring node centres on a circle
constexpr double kColumnGap = 250.0;   // between tier columns: room for links and messages
constexpr double kSubColumnGap = 165.0;
constexpr double kRowGap = 170.0;      // a node's footprint is 150 high
constexpr std::size_t kMaxRows = 4;    // more than this in one tier wraps into sub-columns
constexpr double kStarGap = 10.0;      // between the footprints of a star's nodes
// and between a hub's and a node on its rim: room for a message and its tag between their words
// (a wide rim put the payment service beside the hub, its replies drawn over its own words)
constexpr double kHubGap = 60.0;
constexpr double kStarStep = 2.0;      // the rim radius is tried in steps of this
constexpr double kStarAngleStep = 1.0; // and each pair's angle, in degrees
constexpr double kMostStretch = 2.0;   // a star's rim at most this much wider than tall
constexpr double kStretchStep = 0.1;
// A star's room: a lesson whose run has steps of its own shows them under the scene, which
// leaves it wider than kRoomAspect (1280x800 with four strips: 586 x 350).
constexpr double kStarRoomAspect = 1.7;
// A zigzag column's neighbouring rows lie a footprint and a gap apart sideways, so they may be as
// near each other as kZigzagRowGap down; every other row, on the same side, is twice that below,
// with room between for a message and its words.
constexpr double kZigzagAcross = 160.0;
constexpr double kZigzagRowGap = 105.0;
// Its neighbouring columns come this much nearer than kColumnGap: each faces only one of its sides.
constexpr double kZigzagTuck = 50.0;
constexpr double kClear = NodeItem::kRadius + 28;  // a link nearer a node's centre passes over it
constexpr double kRoomAspect = 1.5;    // a window's scene area, width over height (1280x800: 586x395)

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

namespace {

using Column = std::vector<std::size_t>;  // node indices, top to bottom
using Links = std::set<std::pair<std::size_t, std::size_t>>;  // node indices, smaller first

bool talkWithin(const Column& members, const Links& links) {
    for (std::size_t a = 0; a < members.size(); ++a)
        for (std::size_t b = a + 1; b < members.size(); ++b)
            if (links.count(std::minmax(members[a], members[b]))) return true;
    return false;
}

// A column of three rows or more whose nodes talk among themselves zigzags.
bool zigzags(std::size_t rows, const Column& members, const Links& links) { return rows >= 3 && talkWithin(members, links); }

// The columns side by side, each spread down and centred on the middle row; a tall one wraps into
// sub-columns; one of three or more whose nodes talk among themselves zigzags, every other row
// half of kZigzagAcross right and the rest half left, so a line between two of them clears the
// one between.
std::vector<QPointF> placeColumns(const std::vector<Column>& columns, std::size_t count, const Links& links) {
    std::vector<QPointF> out(count);
    double x = 0;
    for (const Column& members : columns) {
        const std::size_t subColumns = (members.size() + kMaxRows - 1) / kMaxRows;
        const std::size_t rows = (members.size() + subColumns - 1) / subColumns;
        const bool zigzag = zigzags(rows, members, links);
        const double half = zigzag ? kZigzagAcross / 2 : 0;
        const double step = kSubColumnGap + 2 * half;  // a zigzag sub-column keeps clear of the next
        // A zigzag's rows lie clear of each other sideways, so the words under one (badges, bars,
        // a log strip, as wide as the node) clear the next one's outline and words however near
        // it comes down: three replicas 170 apart down and 120 across made a scene 530 high
        // (drawn at 0.69 in a 586x366 room, its captions under 7 px); now 210 apart on one side.
        // The columns beside it come nearer, since each faces one side of it.
        const double rowGap = zigzag ? kZigzagRowGap : kRowGap;
        const double tuck = zigzag ? kZigzagTuck : 0;
        x += half - tuck;
        for (std::size_t k = 0; k < members.size(); ++k) {
            const auto column = static_cast<double>(k / rows);
            // The last sub-column may be shorter: centre it too.
            const std::size_t inColumn = std::min(rows, members.size() - (k / rows) * rows);
            const double row = static_cast<double>(k % rows) - (static_cast<double>(inColumn) - 1) / 2;
            const double zig = (k % rows) % 2 == 0 ? -half : half;
            out[members[k]] = QPointF(x + column * step + zig, row * rowGap);
        }
        x += static_cast<double>(subColumns - 1) * step + half - tuck + kColumnGap;
    }
    return out;
}

double distanceToSegment(QPointF p, QPointF a, QPointF b) {
    const QPointF ab = b - a;
    const double length2 = QPointF::dotProduct(ab, ab);
    const double t = length2 > 0 ? std::clamp(QPointF::dotProduct(p - a, ab) / length2, 0.0, 1.0) : 0.0;
    const QPointF d = p - (a + ab * t);
    return std::hypot(d.x(), d.y());
}

// How good a placement is: first how few links pass over a third node, then how large it can be
// drawn in a room of the usual shape.
struct Score {
    int passOvers = 0;
    double fit = 0;
    bool operator<(const Score& o) const { return passOvers != o.passOvers ? passOvers > o.passOvers : fit < o.fit; }
};

Score scoreOf(const std::vector<QPointF>& at, const Links& links) {
    Score s;
    for (const auto& [a, b] : links)
        for (std::size_t c = 0; c < at.size(); ++c)
            if (c != a && c != b && distanceToSegment(at[c], at[a], at[b]) < kClear) ++s.passOvers;
    QRectF bounds;
    for (const QPointF& p : at) bounds = bounds.united(NodeItem::footprint().translated(p));
    s.fit = std::min(kRoomAspect / bounds.width(), 1.0 / bounds.height());
    return s;
}

}  // namespace

std::vector<QPointF> tiersLayout(const std::vector<core::NodeView>& nodes, const std::vector<core::LinkView>& links) {
    std::map<int, Column> tiers;  // ordered: tier order is column order
    for (std::size_t i = 0; i < nodes.size(); ++i) tiers[nodes[i].tier].push_back(i);
    std::map<core::NodeId, std::size_t> index;
    for (std::size_t i = 0; i < nodes.size(); ++i) index[nodes[i].id] = i;
    Links linked;
    for (const auto& l : links)
        if (index.count(l.from) && index.count(l.to) && l.from != l.to) linked.insert(std::minmax(index[l.from], index[l.to]));
    std::vector<Column> columns;
    for (auto& [tier, members] : tiers) columns.push_back(std::move(members));
    // Neighbouring columns that are short together share one, the later below, while that takes
    // a link off a node it passed over or lets the scene be drawn larger: four tiers of one or two
    // nodes side by side (clients, servers, cache, database) were four times wider than tall, and
    // a window's scene area is about one and a half.
    std::vector<QPointF> best = placeColumns(columns, nodes.size(), linked);
    Score bestScore = scoreOf(best, linked);
    for (bool merged = true; merged;) {
        merged = false;
        std::size_t at = 0;
        for (std::size_t c = 0; c + 1 < columns.size(); ++c) {
            if (columns[c].size() + columns[c + 1].size() > kMaxRows) continue;
            std::vector<Column> trial = columns;
            trial[c].insert(trial[c].end(), trial[c + 1].begin(), trial[c + 1].end());
            // Nor into a zigzag: its sides mix the two tiers (a client drawn among the replicas).
            if (zigzags(trial[c].size(), trial[c], linked)) continue;
            trial.erase(trial.begin() + static_cast<std::ptrdiff_t>(c) + 1);
            std::vector<QPointF> placed = placeColumns(trial, nodes.size(), linked);
            const Score score = scoreOf(placed, linked);
            if (bestScore < score) {
                bestScore = score;
                best = std::move(placed);
                at = c;
                merged = true;
            }
        }
        if (merged) {
            columns[at].insert(columns[at].end(), columns[at + 1].begin(), columns[at + 1].end());
            columns.erase(columns.begin() + static_cast<std::ptrdiff_t>(at) + 1);
        }
    }
    return best;
}

namespace {

// Whether nodes at `a` and `b` keep their footprints (the room for their captions, badges and
// log) apart by `gap`.
bool apart(QPointF a, QPointF b, double gap = kStarGap) {
    const QRectF room = NodeItem::footprint().adjusted(0, 0, gap, gap);
    return !room.translated(a).intersects(room.translated(b));
}

// Clockwise from 12 o'clock, on a rim `stretch` times wider than tall.
QPointF onRim(double r, double degrees, double stretch) {
    const double a = (degrees - 90) * std::numbers::pi / 180;
    return {stretch * r * std::cos(a), r * std::sin(a)};
}

// `count` rim points at radius `r` (across: `stretch` times that), clockwise from 12 o'clock:
// the first at the top, the rest in pairs mirrored left and right, each pair as high up the rim as
// clears what is placed above it, and for an even count a last one at 6 o'clock. Scenes sit in
// rooms wider than tall, so this keeps a star low: evenly spaced angles need a larger circle for
// the same clearance (seven nodes: a radius of about 236 against 204, and a scene 10% taller).
// Empty when they do not fit at `r`.
std::vector<QPointF> rimAt(std::size_t count, double r, double stretch, const std::vector<QPointF>& hubs) {
    std::vector<QPointF> placed;
    const auto clears = [&](QPointF p) {
        return std::all_of(hubs.begin(), hubs.end(), [&](QPointF q) { return apart(p, q, kHubGap); }) &&
               std::all_of(placed.begin(), placed.end(), [&](QPointF q) { return apart(p, q); });
    };
    if (count == 1) return clears(QPointF(stretch * r, 0)) ? std::vector<QPointF>{QPointF(stretch * r, 0)} : std::vector<QPointF>{};
    const QPointF top = onRim(r, 0, stretch);
    if (!clears(top)) return {};
    placed.push_back(top);
    std::vector<double> right;  // the angles of the pairs' right-hand members
    double angle = 0;
    for (std::size_t k = 0; k < (count - 1) / 2; ++k) {
        for (angle += kStarAngleStep; angle < 180; angle += kStarAngleStep)
            if (clears(onRim(r, angle, stretch)) && apart(onRim(r, angle, stretch), onRim(r, -angle, stretch))) break;
        if (angle >= 180) return {};
        placed.push_back(onRim(r, angle, stretch));
        placed.push_back(onRim(r, -angle, stretch));
        right.push_back(angle);
    }
    if (count % 2 == 0 && !clears(onRim(r, 180, stretch))) return {};
    std::vector<QPointF> out{top};
    for (const double a : right) out.push_back(onRim(r, a, stretch));
    if (count % 2 == 0) out.push_back(onRim(r, 180, stretch));
    for (auto a = right.rbegin(); a != right.rend(); ++a) out.push_back(onRim(r, -*a, stretch));
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
    // The rim is an ellipse as much wider than tall as draws the star largest in a room
    // kStarRoomAspect wide: on a circle seven services and a hub made a scene as tall as wide
    // (593 x 581), drawn at 0.60 in a room of 586 x 372, its words 6 px tall (now 0.63 and 7.7 px).
    // The top node keeps the hub gap from the hub above it, so no smaller radius can fit.
    const double least = hubRadius + NodeItem::footprint().height() + kHubGap;
    const double most = least + NodeItem::footprint().height() * static_cast<double>(rim.size());
    std::vector<QPointF> best;
    double bestFit = 0;
    for (double stretch = 1.0; stretch <= kMostStretch + 1e-9; stretch += kStretchStep) {
        std::vector<QPointF> points;
        for (double r = least; points.empty() && r <= most; r += kStarStep) points = rimAt(rim.size(), r, stretch, hubPoints);
        if (points.empty()) continue;
        QRectF bounds;
        for (const QPointF& p : hubPoints) bounds = bounds.united(NodeItem::footprint().translated(p));
        for (const QPointF& p : points) bounds = bounds.united(NodeItem::footprint().translated(p));
        const double fit = std::min(kStarRoomAspect / bounds.width(), 1.0 / bounds.height());
        if (fit > bestFit * 1.01) {  // a wider rim must draw the star larger to be taken
            bestFit = fit;
            best = std::move(points);
        }
    }
    if (best.empty()) best = circlePoints(rim.size(), most);
    for (std::size_t k = 0; k < rim.size(); ++k) out[rim[k]] = best[k];
    return out;
}

std::vector<QPointF> rowLayout(std::size_t count) {
    const QRectF foot = NodeItem::footprint();
    std::vector<QPointF> best;
    double bestFit = 0;
    // From one line down: a wrap must make the scene larger to be taken.
    for (std::size_t columns = count; columns >= 1; --columns) {
        const std::size_t rows = (count + columns - 1) / columns;
        const double width = static_cast<double>(columns - 1) * kSpacing + foot.width();
        const double height = static_cast<double>(rows - 1) * kRowGap + foot.height();
        const double fit = std::min(kRoomAspect / width, 1.0 / height);
        if (fit <= bestFit) continue;
        bestFit = fit;
        best.clear();
        for (std::size_t i = 0; i < count; ++i) {
            const std::size_t row = i / columns;
            const std::size_t inRow = std::min(columns, count - row * columns);
            const double x = static_cast<double>(i % columns) - (static_cast<double>(inRow) - 1) / 2;
            const double y = static_cast<double>(row) - (static_cast<double>(rows) - 1) / 2;
            best.emplace_back(x * kSpacing, y * kRowGap);
        }
    }
    return best;
}

}  // namespace sb::widgets
