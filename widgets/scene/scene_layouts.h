#pragma once

#include <QPointF>
#include <QRectF>
#include <vector>

#include "sim/view.h"

namespace sb::widgets {

// Where each node of a view goes (in view order), for the layouts that place nodes by their
// tier rather than as a ring of peers. Positions are node centres in scene coordinates.

// Tiers: one column per tier, left to right in tier order; a column's nodes spread vertically,
// centred on the middle row. A tall tier wraps into side-by-side sub-columns so the scene stays
// readable in a laptop window; a column of three or more linked among themselves zigzags so no
// link between two of them runs over a third, its rows clear of each other sideways and so nearer
// down than a straight column's; neighbouring tiers short enough together share a column (the
// later one below, never zigzagging) where that keeps links off other nodes or lets a wide scene
// be drawn larger in a window's landscape room. `links` are the view's (none: no pair talks).
std::vector<QPointF> tiersLayout(const std::vector<core::NodeView>& nodes, const std::vector<core::LinkView>& links = {});

// Star: tier 0 in the middle (several hubs share a small circle), everything else on one circle
// around it in tier order, clockwise from 12 o'clock: the smallest circle on which no footprint
// touches another, the rest after the first in mirrored pairs as high up the sides as they fit.
std::vector<QPointF> starLayout(const std::vector<core::NodeView>& nodes);

// Row: one line left to right in view order, wrapped into rows (each centred, read left to right
// and top to bottom) where that lets the scene be drawn larger in a window's landscape room: five
// nodes in one line were five times wider than tall.
std::vector<QPointF> rowLayout(std::size_t count);

// `count` points on a circle at least `minRadius` wide, spaced so neighbouring nodes do not touch.
std::vector<QPointF> circlePoints(std::size_t count, double minRadius);

}  // namespace sb::widgets
