#include "scene/message_item.h"

#include <QGraphicsSceneContextMenuEvent>
#include <QGraphicsSceneMouseEvent>
#include <QCursor>
#include <QPainter>

#include "scene/graph_scene.h"

namespace sb::widgets {

namespace {
constexpr double kSize = 7.0;
}

MessageItem::MessageItem(GraphScene* scene, const ScenePalette* palette) : m_graph(scene), m_palette(palette) {
    setZValue(20);
    setFlag(ItemIsSelectable);
    setCursor(Qt::PointingHandCursor);
}

void MessageItem::setMessage(const core::MessageView& message, bool emphasised) {
    const bool changed = message.kind != m_msg.kind || message.doomed != m_msg.doomed ||
                         message.reply != m_msg.reply || emphasised != m_emphasised;
    m_msg = message;
    m_emphasised = emphasised;
    if (changed) {
        m_shape = messageShape(message.kind);
        setToolTip(QString::fromStdString(message.kind + (message.reply ? " (reply)" : "") +
                                          (message.summary.empty() ? "" : ": " + message.summary) +
                                          (message.doomed ? " — will be lost" : "")));
        update();
    }
}

QRectF MessageItem::boundingRect() const { return QRectF(-kSize - 5, -kSize - 5, 2 * kSize + 10, 2 * kSize + 10); }

void MessageItem::paint(QPainter* p, const QStyleOptionGraphicsItem*, QWidget*) {
    p->setRenderHint(QPainter::Antialiasing);
    const QColor c = m_palette->messageKind(m_msg.kind);
    if (m_emphasised || isSelected()) {
        p->setPen(QPen(m_palette->highlight, 2.5));
        p->setBrush(Qt::NoBrush);
        p->drawEllipse(QPointF(0, 0), kSize + 3.5, kSize + 3.5);
    }
    QPen pen(m_msg.reply ? c : m_palette->text, m_msg.reply ? 2.5 : 1.2,
             m_msg.doomed ? Qt::DashLine : Qt::SolidLine);
    p->setPen(pen);
    QColor fill = c;
    if (m_msg.doomed) fill.setAlpha(110);
    p->setBrush(m_msg.reply ? QBrush(m_palette->background) : QBrush(fill));
    drawMessageGlyph(p, m_shape, QPointF(0, 0), kSize);
}

void MessageItem::mousePressEvent(QGraphicsSceneMouseEvent* event) {
    if (event->button() == Qt::LeftButton) m_graph->messageClicked(m_msg.id);
    QGraphicsItem::mousePressEvent(event);
}

void MessageItem::contextMenuEvent(QGraphicsSceneContextMenuEvent* event) {
    m_graph->messageMenuRequested(m_msg.id, event->screenPos());
    event->accept();
}

}  // namespace sb::widgets
