#pragma once

#include <QPointF>
#include <QRectF>
#include <vector>

namespace sb::widgets {

// Ring: where a hash ring's nodes go (centres, in view order) round the ring at the origin. Each
// node's drawing (`drawings`, relative to its centre) keeps at least `clearRadius` plus a gap from
// the centre and apart from every other drawing; the ring's own drawing reaches `reach` out.
// Two arrangements are tried and the one that draws the scene largest in a landscape room is
// taken: the nodes clockwise from 12 o'clock round the ring, or in two columns beside it, each
// node as near the ring as its drawing allows (clockwise too: down the right from n1, then up the
// left). A node above the ring and one below it stack their whole drawings on the ring's height:
// eight nodes round a ring made a scene 678 x 710, drawn at 0.65 in a 1280x800 window.
std::vector<QPointF> ringLayout(const std::vector<QRectF>& drawings, double clearRadius, double reach);
// How near to the centre of a ring (the origin) `r` comes.
double ringDistance(const QRectF& r);

}  // namespace sb::widgets
