#include "scene/ring_layout.h"

#include <algorithm>
#include <cmath>

#include "scene/ring_item.h"

namespace sb::widgets {

namespace {

constexpr double kGap = 6;  // between a drawing and the ring's labels or another node's drawing
// Between two rooms one above the other in a column: none, as each room's foot already keeps
// 4 clear under its words (and more where it keeps room for a badge row or bar to come) and its
// head 12 over its shape (where an emphasis ring is drawn). Eight nodes stack four high, and 6
// between made the scene 3% taller.
constexpr double kColumnGap = 0;
// The scene's room, width over height: a ring lesson's at 1280x800 is 582 x 460 to 505, and at
// 1920x1080 826 x 684.
constexpr double kRingRoomAspect = 1.2;
constexpr double kMargin = 20;  // round the scene's rectangle (GraphScene::fitSceneRect)

// Round the ring: at one radius for all, the top node's bars sat on the ticks while the bottom
// one, whose words hang away from the ring, stood far off, so each is placed from its own drawing.
std::vector<QPointF> roundTheRing(const std::vector<QRectF>& drawings, double clear) {
    const std::size_t count = drawings.size();
    std::vector<double> distance(count, clear);
    std::vector<QPointF> direction(count);
    for (std::size_t i = 0; i < count; ++i) {
        direction[i] = ringPoint(static_cast<double>(i) / static_cast<double>(count), 1);
        while (ringDistance(drawings[i].translated(direction[i] * distance[i])) < clear) distance[i] += 1;
    }
    // Neighbours, pulled in towards the ring, must not meet: both step out until their drawings part.
    const auto at = [&](std::size_t i) { return drawings[i].adjusted(-kGap, -kGap, kGap, kGap).translated(direction[i] * distance[i]); };
    for (bool moved = count > 1; moved;) {
        moved = false;
        for (std::size_t i = 0; i < count; ++i) {
            const std::size_t j = (i + 1) % count;
            if (!at(i).intersects(at(j))) continue;
            distance[i] += 1;
            distance[j] += 1;
            moved = true;
        }
    }
    std::vector<QPointF> out;
    for (std::size_t i = 0; i < count; ++i) out.push_back(direction[i] * distance[i]);
    return out;
}

// One column beside the ring, `order` from its top down, on the right (`side` 1) or the left (-1):
// the drawings stacked a gap apart, centred on the ring's height, each slid in towards the ring
// until it would come nearer than `clear` (so the column bends round it) or meet the other column.
void column(const std::vector<QRectF>& drawings, const std::vector<std::size_t>& order, double side, double clear,
            std::vector<QPointF>& out) {
    double height = 0;
    for (const std::size_t i : order) height += drawings[i].height() + kColumnGap;
    double y = -(height - kColumnGap) / 2;
    for (const std::size_t i : order) {
        const QRectF& d = drawings[i];
        const double cy = y - d.top();
        // The inner edge from a half gap off the middle outwards.
        double x = side > 0 ? kGap / 2 - d.left() : -kGap / 2 - d.right();
        while (ringDistance(d.translated(x, cy)) < clear) x += side;
        out[i] = QPointF(x, cy);
        y += d.height() + kColumnGap;
    }
}

std::vector<QPointF> besideTheRing(const std::vector<QRectF>& drawings, double clear) {
    const std::size_t count = drawings.size();
    const std::size_t right = (count + 1) / 2;
    std::vector<std::size_t> down, up;
    for (std::size_t i = 0; i < right; ++i) down.push_back(i);
    for (std::size_t i = count; i > right; --i) up.push_back(i - 1);  // the left column read upwards
    std::vector<QPointF> out(count);
    column(drawings, down, 1, clear, out);
    column(drawings, up, -1, clear, out);
    return out;
}

// How large a room kRingRoomAspect wide and 1 tall draws the scene of these places.
double fitOf(const std::vector<QRectF>& drawings, const std::vector<QPointF>& at, double reach) {
    QRectF bounds(-reach, -reach, 2 * reach, 2 * reach);
    for (std::size_t i = 0; i < at.size(); ++i) bounds = bounds.united(drawings[i].translated(at[i]));
    return std::min(kRingRoomAspect / (bounds.width() + 2 * kMargin), 1.0 / (bounds.height() + 2 * kMargin));
}

}  // namespace

double ringDistance(const QRectF& r) {
    return std::hypot(std::max({r.left(), 0.0, -r.right()}), std::max({r.top(), 0.0, -r.bottom()}));
}

std::vector<QPointF> ringLayout(const std::vector<QRectF>& drawings, double clearRadius, double reach) {
    const double clear = clearRadius + kGap;
    std::vector<QPointF> round = roundTheRing(drawings, clear);
    if (drawings.size() < 2) return round;
    std::vector<QPointF> beside = besideTheRing(drawings, clear);
    // Round the ring, unless beside it draws the scene larger by more than a hair.
    return fitOf(drawings, beside, reach) > fitOf(drawings, round, reach) * 1.01 ? beside : round;
}

}  // namespace sb::widgets
