#include "scene/zone_item.h"

#include <QApplication>
#include <QPainter>

namespace sb::widgets {

namespace {
// The label's band: inside the rounded corner, above the nodes (a zone reaches 30 px above its
// nodes' footprints, and the label is one line of it).
constexpr double kInsetX = 14;
constexpr double kInsetTop = 8;
constexpr double kBand = 18;
}  // namespace

ZoneItem::ZoneItem(const ScenePalette* palette) : m_palette(palette) {
    setZValue(-10);
    setCacheMode(QGraphicsItem::DeviceCoordinateCache);  // a large antialiased outline that rarely changes
}

QFont ZoneItem::labelFont() const {
    QFont f = QApplication::font();
    f.setPointSizeF(f.pointSizeF() * m_scale);
    f.setBold(true);
    return f;
}

double ZoneItem::labelReach(double scale) { return kInsetTop + kBand * scale + 4; }

QRectF ZoneItem::labelRoom() const {
    return QRectF(m_rect.left() + kInsetX, m_rect.top() + kInsetTop, m_rect.width() - 2 * kInsetX, kBand * m_scale);
}

void ZoneItem::setZone(const QRectF& rect, const QString& label, bool partitioned, double scale) {
    if (rect == m_rect && label == m_label && partitioned == m_partitioned && scale == m_scale) return;
    if (rect != m_rect) prepareGeometryChange();
    m_scale = scale;
    m_rect = rect;
    m_label = label;
    m_partitioned = partitioned;
    // Fitted here, not per paint: a zone changes only when the layout does.
    m_fit = fitText(m_label, labelFont(), std::max(1.0, labelRoom().width()));
    update();
}

QRectF ZoneItem::labelRect() const {
    const QRectF room = labelRoom();
    const double h = QFontMetricsF(m_fit.font).height();
    return mapRectToScene(QRectF(room.left(), room.top(), m_fit.width, std::min(h, room.height())));
}

QRectF ZoneItem::boundingRect() const { return m_rect.adjusted(-2, -2, 2, 2); }

void ZoneItem::paint(QPainter* p, const QStyleOptionGraphicsItem*, QWidget*) {
    p->setRenderHint(QPainter::Antialiasing);
    p->setPen(QPen(m_palette->zoneBorder, 1.5, m_partitioned ? Qt::DashLine : Qt::SolidLine));
    p->setBrush(m_palette->zoneFill);
    p->drawRoundedRect(m_rect, 18, 18);
    p->setPen(m_palette->mutedText);
    drawFitted(p, labelRoom(), Qt::AlignLeft | Qt::AlignTop, m_fit);
}

}  // namespace sb::widgets
