#pragma once

#include <QGraphicsItem>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "scene/scene_palette.h"
#include "sim/view.h"

namespace sb::widgets {

// The hash ring: a circle with virtual-node ticks coloured by owner (owner index also labels
// highlighted ticks) and key dots, or a density band when there are too many keys to draw.
class GraphScene;

// The ring: its circle, the vnode ticks in their owners' hues, and the keys as dots (or, for very
// many keys, a density band). A highlighted key is drawn large with its label and the clockwise
// arc to the tick that owns it. When keys change owner, each travels along the ring from its old
// owner's tick to the new one's as the view's RingView::moves and moveProgress say (simulated
// time, so the journey pauses, rewinds and exports with the run); until it arrives its dot keeps
// the old owner's hue. Clicking a key asks the scene to look it up.
class RingItem : public QGraphicsItem {
    // The keys on their way, painted by a child item of their own above the ring: they move every
    // frame, and the ring's thousands of marks (cached) need not be painted again for that.
    class MovesLayer;

public:
    RingItem(GraphScene* graph, const ScenePalette* palette, double radius);
    // `emphasised`: keys a lesson step names, marked as if looked up.
    void setRing(const core::RingView& ring, const std::vector<core::NodeView>& nodes,
                 const std::set<std::string>& emphasised = {});
    double radius() const { return m_radius; }

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;
    // The key whose dot is within a few pixels of `pos` (item coordinates), or empty.
    std::string keyAt(QPointF pos) const;
    // Keys travelling to a new owner in the picture (for tests), and where each is drawn now, as
    // a ring fraction (the eased point between its old owner's tick and the new one's).
    std::size_t movingKeys() const { return m_ring.moveProgress < 1 ? m_ring.moves.size() : 0; }
    double travellerAt(std::size_t move) const;

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent* event) override;

private:
    std::optional<double> ownerTick(const core::RingMark& key) const;
    void paintMoves(QPainter* p) const;
    void paintHighlighted(QPainter* p, const core::RingMark& key) const;

    GraphScene* m_graph;
    const ScenePalette* m_palette;
    double m_radius;
    core::RingView m_ring;
    MovesLayer* m_movesLayer;
};

// Where a fraction of the ring sits, clockwise from 12 o'clock.
QPointF ringPoint(double fraction, double radius);

}  // namespace sb::widgets
