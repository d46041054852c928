#include "scene/node_shapes.h"

#include <QCoreApplication>
#include <QPainter>
#include <QPolygonF>
#include <cmath>
#include <numbers>

#include "scene/scene_palette.h"

namespace sb::widgets {

namespace {

QPolygonF regularPolygon(int sides, double radius, double startAngle) {
    QPolygonF poly;
    for (int i = 0; i < sides; ++i) {
        const double a = startAngle + 2 * std::numbers::pi * i / sides;
        poly << QPointF(radius * std::cos(a), radius * std::sin(a));
    }
    return poly;
}

QPainterPath rolePath(RoleShape shape, double r) {
    QPainterPath path;
    switch (shape) {
        case RoleShape::Hexagon: path.addPolygon(regularPolygon(6, r * 1.12, 0)); break;
        case RoleShape::Diamond: path.addPolygon(regularPolygon(4, r * 1.18, -std::numbers::pi / 2)); break;
        case RoleShape::Square: path.addRoundedRect(QRectF(-r, -r, 2 * r, 2 * r), 5, 5); break;
        case RoleShape::Triangle: path.addPolygon(regularPolygon(3, r * 1.25, -std::numbers::pi / 2)); break;
        case RoleShape::Circle: path.addEllipse(QPointF(0, 0), r, r); break;
    }
    path.closeSubpath();
    return path;
}

// A head and shoulders.
QPainterPath figurePath(double r) {
    QPainterPath path;
    path.addEllipse(QPointF(0, -r * 0.5), r * 0.42, r * 0.42);
    QPainterPath body;
    body.moveTo(-r * 0.85, r);
    body.cubicTo(-r * 0.85, -r * 0.05, r * 0.85, -r * 0.05, r * 0.85, r);
    body.closeSubpath();
    return path.united(body);
}

QPainterPath cylinderPath(double r) {
    const double w = r * 0.95, lid = r * 0.32, top = -r * 0.85, bottom = r * 0.85;
    QPainterPath path;
    path.moveTo(-w, top);
    path.arcTo(QRectF(-w, top - lid, 2 * w, 2 * lid), 180, -180);
    path.lineTo(w, bottom);
    path.arcTo(QRectF(-w, bottom - lid, 2 * w, 2 * lid), 0, -180);
    path.closeSubpath();
    return path;
}

QPainterPath roundedBox(double w, double h, double corner) {
    QPainterPath path;
    path.addRoundedRect(QRectF(-w, -h, 2 * w, 2 * h), corner, corner);
    return path;
}

}  // namespace

QPainterPath nodeShapePath(core::NodeKind kind, const std::string& role, bool down, double r) {
    using core::NodeKind;
    switch (kind) {
        case NodeKind::Peer:
        case NodeKind::Replica: return rolePath(down ? RoleShape::Circle : roleShape(role), r);
        case NodeKind::Client: return figurePath(r);
        case NodeKind::Server: return roundedBox(r * 0.95, r, 3);
        case NodeKind::Service: return roundedBox(r * 1.5, r * 0.75, 10);
        case NodeKind::Database: return cylinderPath(r);
        case NodeKind::Cache: return roundedBox(r * 1.1, r * 0.75, 2);
        case NodeKind::Broker: return roundedBox(r * 1.35, r * 0.7, 6);
        case NodeKind::Orchestrator: {
            QPainterPath path;
            path.addPolygon(regularPolygon(8, r * 1.15, std::numbers::pi / 8));
            path.closeSubpath();
            return path;
        }
        case NodeKind::Coordinator: {
            QPainterPath path;
            path.addPolygon(regularPolygon(5, r * 1.2, -std::numbers::pi / 2));
            path.closeSubpath();
            return path;
        }
    }
    return rolePath(RoleShape::Circle, r);
}

void drawNodeShapeDetails(QPainter* p, core::NodeKind kind, double r) {
    using core::NodeKind;
    p->save();
    p->setBrush(Qt::NoBrush);
    switch (kind) {
        case NodeKind::Database: {
            // The front of the lid, so the top reads as the rim of a cylinder.
            const double w = r * 0.95, lid = r * 0.32, top = -r * 0.85;
            p->drawArc(QRectF(-w, top - lid, 2 * w, 2 * lid), 180 * 16, 180 * 16);
            break;
        }
        case NodeKind::Server:
            // Rack units: two slots near the top with a status dot each.
            for (const double y : {-r * 0.6, -r * 0.25}) {
                p->drawLine(QPointF(-r * 0.95, y + r * 0.2), QPointF(r * 0.95, y + r * 0.2));
                p->drawEllipse(QPointF(r * 0.6, y), 1.8, 1.8);
            }
            break;
        case NodeKind::Cache:
            // Pins above and below: a memory chip.
            for (int i = -2; i <= 2; ++i) {
                const double x = i * r * 0.4;
                p->drawLine(QPointF(x, -r * 0.75), QPointF(x, -r * 0.95));
                p->drawLine(QPointF(x, r * 0.75), QPointF(x, r * 0.95));
            }
            break;
        case NodeKind::Broker:
            // Queue slots on the right end.
            for (int i = 0; i < 3; ++i) {
                const double x = r * (0.75 + 0.2 * i);
                p->drawLine(QPointF(x, -r * 0.7), QPointF(x, r * 0.7));
            }
            break;
        case NodeKind::Orchestrator:
            p->drawPolygon(regularPolygon(8, r * 0.98, std::numbers::pi / 8));
            break;
        default: break;
    }
    p->restore();
}

double nameRoomInside(core::NodeKind kind, double r) {
    using core::NodeKind;
    switch (kind) {
        case NodeKind::Client: return 0;
        case NodeKind::Service: return r * 2.8;
        case NodeKind::Broker: return r * 1.9;  // left of the queue slots
        case NodeKind::Cache: return r * 2.0;
        default: return r * 2;
    }
}

QRectF nameRectInside(core::NodeKind kind, double r) {
    using core::NodeKind;
    switch (kind) {
        case NodeKind::Database: return QRectF(-r, -r * 0.45, 2 * r, r * 1.3);
        case NodeKind::Server: return QRectF(-r, -r * 0.05, 2 * r, r);
        case NodeKind::Service: return QRectF(-r * 1.5, -r, r * 3.0, 2 * r);
        case NodeKind::Broker: return QRectF(-r * 1.35, -r, r * 2.05, 2 * r);
        case NodeKind::Cache: return QRectF(-r * 1.1, -r, r * 2.2, 2 * r);
        default: return QRectF(-r, -r, 2 * r, 2 * r);
    }
}

QString kindWord(core::NodeKind kind, bool plural) {
    using core::NodeKind;
    const char* one = QT_TRANSLATE_NOOP("NodeKind", "node");
    const char* many = QT_TRANSLATE_NOOP("NodeKind", "nodes");
    switch (kind) {
        case NodeKind::Peer: break;
        case NodeKind::Client: one = QT_TRANSLATE_NOOP("NodeKind", "client"); many = QT_TRANSLATE_NOOP("NodeKind", "clients"); break;
        case NodeKind::Server: one = QT_TRANSLATE_NOOP("NodeKind", "server"); many = QT_TRANSLATE_NOOP("NodeKind", "servers"); break;
        case NodeKind::Replica: one = QT_TRANSLATE_NOOP("NodeKind", "replica"); many = QT_TRANSLATE_NOOP("NodeKind", "replicas"); break;
        case NodeKind::Cache: one = QT_TRANSLATE_NOOP("NodeKind", "cache"); many = QT_TRANSLATE_NOOP("NodeKind", "caches"); break;
        case NodeKind::Database: one = QT_TRANSLATE_NOOP("NodeKind", "database"); many = QT_TRANSLATE_NOOP("NodeKind", "databases"); break;
        case NodeKind::Service: one = QT_TRANSLATE_NOOP("NodeKind", "service"); many = QT_TRANSLATE_NOOP("NodeKind", "services"); break;
        case NodeKind::Orchestrator: one = QT_TRANSLATE_NOOP("NodeKind", "orchestrator"); many = QT_TRANSLATE_NOOP("NodeKind", "orchestrators"); break;
        case NodeKind::Broker: one = QT_TRANSLATE_NOOP("NodeKind", "broker"); many = QT_TRANSLATE_NOOP("NodeKind", "brokers"); break;
        case NodeKind::Coordinator: one = QT_TRANSLATE_NOOP("NodeKind", "coordinator"); many = QT_TRANSLATE_NOOP("NodeKind", "coordinators"); break;
    }
    return QCoreApplication::translate("NodeKind", plural ? many : one);
}

}  // namespace sb::widgets
