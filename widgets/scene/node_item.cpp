#include "scene/node_item.h"

#include <QGraphicsSceneMouseEvent>
#include <QCursor>
#include <QPainter>
#include <QPainterPath>
#include <QStyleOptionGraphicsItem>
#include <algorithm>
#include <cmath>
#include <numbers>

#include "scene/graph_scene.h"

namespace sb::widgets {

namespace {

constexpr double kHalfWidth = 70.0;
constexpr double kLine = 14.0;
constexpr double kBadgeHeight = 15.0;
constexpr double kBarHeight = 11.0;
constexpr std::size_t kLogCells = 10;

QPolygonF regularPolygon(int sides, double radius, double startAngle) {
    QPolygonF poly;
    for (int i = 0; i < sides; ++i) {
        const double a = startAngle + 2 * std::numbers::pi * i / sides;
        poly << QPointF(radius * std::cos(a), radius * std::sin(a));
    }
    return poly;
}

QPainterPath rolePath(RoleShape shape) {
    QPainterPath path;
    const double r = NodeItem::kRadius;
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

QFont smallFont(const QFont& base, double scale = 0.85) {
    QFont f = base;
    f.setPointSizeF(std::max(6.5, base.pointSizeF() * scale));
    return f;
}

}  // namespace

NodeItem::NodeItem(GraphScene* scene, const ScenePalette* palette) : m_graph(scene), m_palette(palette) {
    setFlags(ItemIsMovable | ItemIsSelectable | ItemSendsGeometryChanges);
    setAcceptHoverEvents(false);
    setZValue(10);
    setCursor(Qt::OpenHandCursor);
}

void NodeItem::setNode(const core::NodeView& node, bool emphasised, bool alarmed) {
    m_node = node;
    m_alarmed = alarmed;
    m_emphasised = emphasised || node.highlighted;
    const double height = contentHeight();
    if (height != m_height) {
        prepareGeometryChange();
        m_height = height;
    }
    setToolTip(QString::fromStdString(node.name + " · " + node.role +
                                      (node.value.empty() ? "" : " · " + node.value)));
    update();
}

double NodeItem::contentHeight() const {
    double h = kRadius + 8 + kLine;  // shape bottom, role line
    if (!m_node.value.empty()) h += kLine;
    if (!m_node.badges.empty()) h += kBadgeHeight * 2 + 4;
    h += kBarHeight * static_cast<double>(m_node.bars.size());
    if (!m_node.log.empty()) h += kLine + 6;
    return h;
}

QRectF NodeItem::boundingRect() const {
    return QRectF(-kHalfWidth, -kRadius - 12, 2 * kHalfWidth, kRadius + 12 + m_height + 4);
}

QPainterPath NodeItem::shape() const {
    QPainterPath path;
    path.addEllipse(QPointF(0, 0), kRadius + 6, kRadius + 6);
    return path;
}

void NodeItem::paint(QPainter* p, const QStyleOptionGraphicsItem*, QWidget*) {
    p->setRenderHint(QPainter::Antialiasing);
    paintShape(p);
    const QFont base = p->font();
    double y = kRadius + 6;
    p->setFont(smallFont(base));
    p->setPen(m_palette->mutedText);
    // "node" says nothing; every other role is spelled out so it never rests on colour alone.
    std::string role = m_node.role == "node" ? std::string() : m_node.role;
    if (m_node.crashed && !roleIsDown(m_node.role)) role = role.empty() ? "crashed" : role + " (crashed)";
    if (!role.empty()) {
        p->drawText(QRectF(-kHalfWidth, y, 2 * kHalfWidth, kLine), Qt::AlignCenter, QString::fromStdString(role));
        y += kLine;
    }
    if (!m_node.value.empty()) {
        p->setFont(base);
        p->setPen(m_palette->text);
        p->drawText(QRectF(-kHalfWidth, y, 2 * kHalfWidth, kLine + 2), Qt::AlignCenter,
                    QString::fromStdString(m_node.value));
        y += kLine;
    }
    p->setFont(smallFont(base, 0.8));
    y = paintBadges(p, y + 2);
    y = paintBars(p, y);
    paintLog(p, y + 2);
}

void NodeItem::paintShape(QPainter* p) const {
    const bool down = m_node.crashed || roleIsDown(m_node.role);
    const QPainterPath path = rolePath(down ? RoleShape::Circle : roleShape(m_node.role));
    if (m_emphasised || isSelected()) {
        p->setPen(QPen(m_palette->highlight, 4));
        p->setBrush(Qt::NoBrush);
        p->drawEllipse(QPointF(0, 0), kRadius + 9, kRadius + 9);
    }
    if (m_alarmed) {
        // A violation involves this node: a dashed warning ring and a sign, not only a colour.
        p->setPen(QPen(m_palette->tone(core::Tone::Bad), 3, Qt::DashLine));
        p->setBrush(Qt::NoBrush);
        p->drawEllipse(QPointF(0, 0), kRadius + 12, kRadius + 12);
        QFont f = p->font();
        f.setBold(true);
        p->save();
        p->setFont(f);
        p->setPen(m_palette->tone(core::Tone::Bad));
        p->drawText(QRectF(kRadius, -kRadius - 12, 24, 20), Qt::AlignCenter, QStringLiteral("⚠"));
        p->restore();
    }
    QColor fill = m_palette->role(down ? "crashed" : m_node.role);
    // On a hash ring a node wears its owner hue, the one its arcs and keys are drawn in.
    if (!down && m_node.role == "ring node") fill = m_palette->nodeHue(static_cast<std::size_t>(std::max(m_node.id, 0)));
    QPen outline(m_palette->text, down ? 1.5 : 2.0, down ? Qt::DashLine : Qt::SolidLine);
    p->setPen(outline);
    p->setBrush(down ? m_palette->nodeFill : fill);
    p->drawPath(path);
    if (down) {
        // A cross, so "down" reads without colour.
        p->setPen(QPen(m_palette->tone(core::Tone::Bad), 2.5));
        const double c = kRadius * 0.55;
        p->drawLine(QPointF(-c, -c), QPointF(c, c));
        p->drawLine(QPointF(-c, c), QPointF(c, -c));
    }
    if (m_node.timer && !down) {
        const double left = std::clamp(*m_node.timer, 0.0, 1.0);
        const double r = kRadius + 5;
        p->setPen(QPen(m_palette->link, 3, Qt::SolidLine, Qt::FlatCap));
        p->setBrush(Qt::NoBrush);
        p->drawEllipse(QPointF(0, 0), r, r);
        p->setPen(QPen(left < 0.2 ? m_palette->tone(core::Tone::Warning) : m_palette->tone(core::Tone::Accent),
                       3, Qt::SolidLine, Qt::FlatCap));
        p->drawArc(QRectF(-r, -r, 2 * r, 2 * r), 90 * 16, static_cast<int>(std::lround(left * 360 * 16)));
    }
    QFont bold = p->font();
    bold.setBold(true);
    p->setFont(bold);
    p->setPen(down ? m_palette->mutedText : QColor(0x10, 0x10, 0x10));
    p->drawText(QRectF(-kRadius, -kRadius, 2 * kRadius, 2 * kRadius), Qt::AlignCenter,
                QString::fromStdString(m_node.name));
}

double NodeItem::paintBadges(QPainter* p, double y) const {
    if (m_node.badges.empty()) return y;
    const QFontMetricsF fm(p->font());
    double x = -kHalfWidth;
    double row = y;
    for (const auto& badge : m_node.badges) {
        const QString text = QString::fromStdString(badge.label);
        const double w = std::min(fm.horizontalAdvance(text) + 10, 2 * kHalfWidth);
        if (x + w > kHalfWidth && x > -kHalfWidth) {
            if (row > y) break;  // two rows at most; the inspector has the rest
            row += kBadgeHeight + 2;
            x = -kHalfWidth;
        }
        const QColor c = m_palette->tone(badge.tone);
        const QRectF r(x, row, w, kBadgeHeight - 1);
        p->setPen(QPen(c, 1));
        QColor fill = c;
        fill.setAlpha(m_palette->dark ? 50 : 28);
        p->setBrush(fill);
        p->drawRoundedRect(r, 6, 6);
        p->setPen(m_palette->text);
        p->drawText(r, Qt::AlignCenter, fm.elidedText(text, Qt::ElideRight, w - 6));
        x += w + 3;
    }
    return y + kBadgeHeight * 2 + 4;
}

double NodeItem::paintBars(QPainter* p, double y) const {
    const QFontMetricsF fm(p->font());
    for (const auto& bar : m_node.bars) {
        const QRectF track(-kHalfWidth + 36, y + 2, 2 * kHalfWidth - 36, kBarHeight - 4);
        p->setPen(m_palette->mutedText);
        p->drawText(QRectF(-kHalfWidth, y, 34, kBarHeight), Qt::AlignRight | Qt::AlignVCenter,
                    fm.elidedText(QString::fromStdString(bar.label), Qt::ElideRight, 34));
        p->setPen(Qt::NoPen);
        p->setBrush(m_palette->zoneFill.darker(130));
        p->drawRect(track);
        p->setBrush(m_palette->tone(bar.tone == core::Tone::Normal ? core::Tone::Accent : bar.tone));
        QRectF filled = track;
        filled.setWidth(track.width() * std::clamp(bar.value, 0.0, 1.0));
        p->drawRect(filled);
        y += kBarHeight;
    }
    return y;
}

void NodeItem::paintLog(QPainter* p, double y) const {
    if (m_node.log.empty()) return;
    const std::size_t count = m_node.log.size();
    const std::size_t first = count > kLogCells ? count - kLogCells : 0;
    const double cell = 2 * kHalfWidth / static_cast<double>(kLogCells);
    const QFontMetricsF fm(p->font());
    double x = -kHalfWidth;
    std::optional<double> commitEdge;
    for (std::size_t i = first; i < count; ++i) {
        const auto& entry = m_node.log[i];
        QColor c = m_palette->category(static_cast<std::size_t>(std::max<std::int64_t>(entry.group, 0)));
        if (!entry.committed) c.setAlpha(90);
        p->setBrush(c);
        p->setPen(QPen(m_palette->text, entry.committed ? 1.0 : 0.8, entry.committed ? Qt::SolidLine : Qt::DotLine));
        const QRectF r(x + 1, y, cell - 2, kLine);
        p->drawRect(r);
        p->setPen(QColor(0x10, 0x10, 0x10));
        p->drawText(r, Qt::AlignCenter, fm.elidedText(QString::number(entry.group), Qt::ElideNone, cell));
        if (entry.committed) commitEdge = x + cell;
        x += cell;
    }
    if (commitEdge) {
        // The commit marker: a bar after the last committed entry, shape not just shade.
        p->setPen(QPen(m_palette->tone(core::Tone::Good), 2.5));
        p->drawLine(QPointF(*commitEdge, y - 3), QPointF(*commitEdge, y + kLine + 3));
    }
}

QVariant NodeItem::itemChange(GraphicsItemChange change, const QVariant& value) {
    if (change == ItemPositionHasChanged && m_dragging) m_graph->nodeDragged();
    return QGraphicsItem::itemChange(change, value);
}

void NodeItem::mousePressEvent(QGraphicsSceneMouseEvent* event) {
    m_pressPos = pos();
    if (event->button() == Qt::LeftButton) m_dragging = true;
    QGraphicsItem::mousePressEvent(event);
    m_graph->nodeClicked(m_node.id);
}

void NodeItem::mouseReleaseEvent(QGraphicsSceneMouseEvent* event) {
    QGraphicsItem::mouseReleaseEvent(event);
    if (!m_dragging) return;
    m_dragging = false;
    if (QLineF(m_pressPos, pos()).length() > kRadius) m_graph->nodeDropped(m_node.id, pos());
    else setPos(m_pressPos);
}

void NodeItem::contextMenuEvent(QGraphicsSceneContextMenuEvent* event) {
    m_graph->nodeMenuRequested(m_node.id, event->screenPos());
    event->accept();
}

}  // namespace sb::widgets
