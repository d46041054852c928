#pragma once

#include <QPainterPath>
#include <QString>
#include <string>

#include "sim/topology.h"

class QPainter;

namespace sb::widgets {

// The outline a node is drawn with. The kind picks it (a database is a cylinder, a client a
// figure, a service a box); peers and replicas, whose kind says little, take their role's shape
// (a leader is a hexagon, a candidate a diamond). A node that is down keeps its kind's outline;
// a peer that is down becomes a plain circle.
QPainterPath nodeShapePath(core::NodeKind kind, const std::string& role, bool down, double radius);

// The lines inside an outline that make it read as its kind (a cylinder's rim, a rack's slots),
// drawn with the current pen over the filled outline.
void drawNodeShapeDetails(QPainter* painter, core::NodeKind kind, double radius);

// How wide a name may be to sit inside the outline; 0 when it always goes under it (a figure).
double nameRoomInside(core::NodeKind kind, double radius);
// Where the name sits inside the outline (a cylinder's body is below its lid).
QRectF nameRectInside(core::NodeKind kind, double radius);

// "client" or "clients", "database" or "databases", for labels such as "200 clients".
QString kindWord(core::NodeKind kind, bool plural);

}  // namespace sb::widgets
