#include "scene/zone_item.h"

#include <QPainter>

namespace sb::widgets {

ZoneItem::ZoneItem(const ScenePalette* palette) : m_palette(palette) {
    setZValue(-10);
    setCacheMode(QGraphicsItem::DeviceCoordinateCache);  // a large antialiased outline that rarely changes
}

void ZoneItem::setZone(const QRectF& rect, const QString& label, bool partitioned) {
    if (rect == m_rect && label == m_label && partitioned == m_partitioned) return;
    if (rect != m_rect) prepareGeometryChange();
    m_rect = rect;
    m_label = label;
    m_partitioned = partitioned;
    update();
}

QRectF ZoneItem::boundingRect() const { return m_rect.adjusted(-2, -2, 2, 2); }

void ZoneItem::paint(QPainter* p, const QStyleOptionGraphicsItem*, QWidget*) {
    p->setRenderHint(QPainter::Antialiasing);
    p->setPen(QPen(m_palette->zoneBorder, 1.5, m_partitioned ? Qt::DashLine : Qt::SolidLine));
    p->setBrush(m_palette->zoneFill);
    p->drawRoundedRect(m_rect, 18, 18);
    QFont f = p->font();
    f.setBold(true);
    p->setFont(f);
    p->setPen(m_palette->mutedText);
    p->drawText(m_rect.adjusted(14, 8, -14, -8), Qt::AlignLeft | Qt::AlignTop, m_label);
}

}  // namespace sb::widgets
