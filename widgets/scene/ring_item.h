#pragma once

#include <QFont>
#include <QGraphicsItem>
#include <QLineF>
#include <QStringList>
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
//
// Its words are fitted as the zone and node captions are: a point's label ("n2#0") is sized from
// its font, set just outside its tick (or, where that is taken, a row further out or beside it,
// with a leader back to the tick), never on a node, a key's plate or another label; all labels
// share the largest font step at which each finds room. One that finds none is shortened to its
// node's name ("n2"), or left out, and the ring's tooltip names it. A looked-up key's plate is as
// wide as its name. Where the scene is drawn small, its words are drawn larger than the scene's
// font (setTextScale), as other scenes' nodes are drawn larger.
class RingItem : public QGraphicsItem {
    // The keys on their way, painted by a child item of their own above the ring: they move every
    // frame, and the ring's thousands of marks (cached) need not be painted again for that.
    class MovesLayer;

public:
    static constexpr double kTickOut = 8;   // a tick reaches this far outside the circle
    static constexpr double kLabelGap = 3;  // from a tick's end to its point's label
    // The ring's words may be drawn up to this much larger than the scene's font, where the
    // scene is drawn small; the band its nodes keep clear of has room for them at that size.
    static constexpr double kMostTextScale = 1.4;
    // A looked-up key's plate, inside the circle, has room to grow further (a highlighted key's
    // line to its owner widens the scene, which is then drawn smaller).
    static constexpr double kMostPlateScale = 1.6;
    RingItem(GraphScene* graph, const ScenePalette* palette, double radius);
    // `emphasised`: keys a lesson step names, marked as if looked up.
    void setRing(const core::RingView& ring, const std::vector<core::NodeView>& nodes,
                 const std::set<std::string>& emphasised = {});
    double radius() const { return m_radius; }
    // How much larger than the scene's font its plates are drawn (1 to kMostPlateScale), and its
    // point labels (up to kMostTextScale).
    void setTextScale(double scale);
    double textScale() const { return m_textScale; }
    // How far out from the centre the point labels may reach: three rows at the largest scale.
    double labelReach() const;
    // The colour a highlighted point is marked in: the text's, not a hue any node is drawn in.
    QColor markColour() const { return m_palette->text; }

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;
    // The key whose dot is within a few pixels of `pos` (item coordinates), or empty.
    std::string keyAt(QPointF pos) const;
    // Keys travelling to a new owner in the picture (for tests), and where each is drawn now, as
    // a ring fraction (the eased point between its old owner's tick and the new one's).
    std::size_t movingKeys() const { return m_ring.moveProgress < 1 ? m_ring.moves.size() : 0; }
    double travellerAt(std::size_t move) const;
    // The words on the ring as drawn (for tests): a point's label or a highlighted key's plate,
    // its font and its rectangle in item coordinates (a plate's rectangle is the plate).
    struct Label {
        QString text;
        QFont font;
        QRectF rect;
        QPointF leaderFrom;  // the tick a moved label points back to (null: beside its tick)
    };
    const std::vector<Label>& pointLabels() const { return m_pointLabels; }
    const std::vector<Label>& keyPlates() const { return m_keyPlates; }
    // The dashed lines from highlighted keys to their owners, in item coordinates.
    std::vector<QLineF> ownerLines() const;
    // The points whose labels were shortened or left out for room, in words (empty: none).
    QStringList crampedPoints() const { return m_cramped; }

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent* event) override;

private:
    std::optional<double> ownerTick(const core::RingMark& key) const;
    void paintMoves(QPainter* p) const;
    void paintHighlighted(QPainter* p, const core::RingMark& key) const;
    std::optional<QLineF> ownerLine(const core::RingMark& key) const;
    void paintLabels(QPainter* p) const;
    // The nodes' extents in item coordinates, sorted (labels keep off them).
    std::vector<QRectF> nodeRects() const;
    // Fits and places the key plates, then the point labels around them (ring_item_labels.cpp).
    void placeLabels();
    void placePlates(std::vector<QRectF>& taken);

    GraphScene* m_graph;
    const ScenePalette* m_palette;
    double m_radius;
    double m_textScale = 1;
    core::RingView m_ring;
    MovesLayer* m_movesLayer;
    std::vector<QRectF> m_nodeRects;  // what the labels were placed around
    std::vector<Label> m_pointLabels;
    std::vector<Label> m_keyPlates;
    QStringList m_cramped;
    QRectF m_labelBounds;  // every label's rectangle and line to an owner, united
};

// Where a fraction of the ring sits, clockwise from 12 o'clock.
QPointF ringPoint(double fraction, double radius);

}  // namespace sb::widgets
