#include "scene/ring_item.h"

#include "scene/graph_scene.h"

#include <QGraphicsSceneMouseEvent>
#include <QLineF>
#include <QPainter>
#include <algorithm>
#include <cmath>
#include <numbers>

namespace sb::widgets {

QPointF ringPoint(double fraction, double radius) {
    const double a = -std::numbers::pi / 2 + 2 * std::numbers::pi * fraction;
    return {radius * std::cos(a), radius * std::sin(a)};
}

namespace {

bool sameMarks(const std::vector<core::RingMark>& a, const std::vector<core::RingMark>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].position != b[i].position || a[i].owner != b[i].owner || a[i].highlighted != b[i].highlighted ||
            a[i].label != b[i].label)
            return false;
    return true;
}

}  // namespace

RingItem::RingItem(GraphScene* graph, const ScenePalette* palette, double radius)
    : m_graph(graph), m_palette(palette), m_radius(radius) {
    setZValue(1);
    setAcceptedMouseButtons(Qt::LeftButton);
    // Thousands of marks that change only when the ring does: paint once, then blit.
    setCacheMode(QGraphicsItem::DeviceCoordinateCache);
}

void RingItem::setRing(const core::RingView& ring, const std::vector<core::NodeView>&) {
    if (sameMarks(ring.vnodes, m_ring.vnodes) && sameMarks(ring.keys, m_ring.keys) && ring.density == m_ring.density)
        return;
    m_ring = ring;
    update();
}

QRectF RingItem::boundingRect() const {
    const double r = m_radius + 40;
    return QRectF(-r, -r, 2 * r, 2 * r);
}

void RingItem::paint(QPainter* p, const QStyleOptionGraphicsItem*, QWidget*) {
    p->setRenderHint(QPainter::Antialiasing);
    p->setPen(QPen(m_palette->link, 3));
    p->setBrush(Qt::NoBrush);
    p->drawEllipse(QPointF(0, 0), m_radius, m_radius);
    if (!m_ring.density.empty()) {
        const std::size_t buckets = m_ring.density.size();
        for (std::size_t i = 0; i < buckets; ++i) {
            const double d = std::clamp(m_ring.density[i], 0.0, 1.0);
            const double f = (static_cast<double>(i) + 0.5) / static_cast<double>(buckets);
            p->setPen(QPen(m_palette->tone(core::Tone::Accent), 2));
            p->drawLine(ringPoint(f, m_radius - 4), ringPoint(f, m_radius - 4 - 22 * d));
        }
    } else {
        for (const auto& key : m_ring.keys) {
            const QColor c = m_palette->category(static_cast<std::size_t>(std::max(key.owner, 0)));
            p->setPen(key.highlighted ? QPen(m_palette->highlight, 2) : Qt::NoPen);
            p->setBrush(c);
            p->drawEllipse(ringPoint(key.position, m_radius - 10), key.highlighted ? 4.0 : 2.5,
                           key.highlighted ? 4.0 : 2.5);
        }
    }
    QFont f = p->font();
    f.setPointSizeF(std::max(6.5, f.pointSizeF() * 0.75));
    p->setFont(f);
    for (const auto& mark : m_ring.vnodes) {
        const QColor c = m_palette->category(static_cast<std::size_t>(std::max(mark.owner, 0)));
        p->setPen(QPen(mark.highlighted ? m_palette->highlight : c, mark.highlighted ? 4 : 3));
        p->drawLine(ringPoint(mark.position, m_radius - 6), ringPoint(mark.position, m_radius + 8));
        if (!mark.label.empty() && m_ring.vnodes.size() <= 24) {
            p->setPen(m_palette->mutedText);
            const QPointF at = ringPoint(mark.position, m_radius + 20);
            p->drawText(QRectF(at.x() - 30, at.y() - 7, 60, 14), Qt::AlignCenter, QString::fromStdString(mark.label));
        }
    }
}

std::string RingItem::keyAt(QPointF pos) const {
    constexpr double kReach = 6;
    const core::RingMark* best = nullptr;
    double bestDistance = kReach;
    for (const auto& key : m_ring.keys) {
        const double d = QLineF(pos, ringPoint(key.position, m_radius - 10)).length();
        if (d <= bestDistance) {
            bestDistance = d;
            best = &key;
        }
    }
    return best ? best->label : std::string();
}

void RingItem::mousePressEvent(QGraphicsSceneMouseEvent* event) {
    const std::string key = keyAt(event->pos());
    if (key.empty()) return event->ignore();  // let the view pan from empty ring space
    m_graph->keyClicked(key);
    event->accept();
}

}  // namespace sb::widgets
