#pragma once

#include <QGraphicsItem>

#include "scene/scene_palette.h"
#include "sim/view.h"

namespace sb::widgets {

// The hash ring: a circle with virtual-node ticks coloured by owner (owner index also labels
// highlighted ticks) and key dots, or a density band when there are too many keys to draw.
class GraphScene;

// The ring: its circle, the vnode ticks in their owners' hues, and the keys as dots (or, for very
// many keys, a density band). Clicking a key asks the scene to look it up.
class RingItem : public QGraphicsItem {
public:
    RingItem(GraphScene* graph, const ScenePalette* palette, double radius);
    void setRing(const core::RingView& ring, const std::vector<core::NodeView>& nodes);
    double radius() const { return m_radius; }

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;
    // The key whose dot is within a few pixels of `pos` (item coordinates), or empty.
    std::string keyAt(QPointF pos) const;

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent* event) override;

private:
    GraphScene* m_graph;
    const ScenePalette* m_palette;
    double m_radius;
    core::RingView m_ring;
};

// Where a fraction of the ring sits, clockwise from 12 o'clock.
QPointF ringPoint(double fraction, double radius);

}  // namespace sb::widgets
