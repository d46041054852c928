#pragma once

#include <QGraphicsItem>
#include <QString>
#include <vector>

#include "scene/scene_palette.h"
#include "sim/view.h"

namespace sb::widgets {

class GraphScene;

// One node: its kind's outline (its role's for peers) with the name inside, stacked when it
// stands for many alike nodes; under it the name if it did not fit, the count ("200 clients"),
// the role and the main value, then badges, bars and the log strip; the election timer as a
// ring around the shape. Dragging it to another zone is a gesture the scene turns into `move`.
class NodeItem : public QGraphicsItem {
public:
    static constexpr double kRadius = 24.0;
    static constexpr double kHalfWidth = 70.0;
    static constexpr double kLine = 14.0;
    // The space a node is given in layouts and zones, whatever it currently shows.
    static QRectF footprint() { return QRectF(-72, -40, 144, 150); }
    enum { Type = UserType + 1 };

    // A line of text under the shape.
    struct Caption {
        enum class Style { Name, Count, Role, Value };
        QString text;
        Style style;
    };

    NodeItem(GraphScene* scene, const ScenePalette* palette);

    void setNode(const core::NodeView& node, bool emphasised, bool alarmed = false);
    // On a hash ring a node wears its owner hue, the one its arcs and keys are drawn in.
    void setOwnerHue(bool on) { m_ownerHue = on; }
    bool alarmed() const { return m_alarmed; }
    const core::NodeView& node() const { return m_node; }
    bool dragging() const { return m_dragging; }
    // What is written under the shape, top to bottom (for tests and the tooltip).
    const std::vector<Caption>& captions() const { return m_captions; }
    bool nameInside() const { return m_nameInside; }

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant& value) override;
    void mousePressEvent(QGraphicsSceneMouseEvent* event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent* event) override;
    void contextMenuEvent(QGraphicsSceneContextMenuEvent* event) override;

private:
    static constexpr double kLogMarkRoom = 7.0;  // under the log, for the applied caret

    void buildCaptions();
    void refreshToolTip();
    void paintShape(QPainter* p) const;
    void paintStack(QPainter* p, const QPainterPath& path, const QColor& fill) const;
    double paintCaptions(QPainter* p, double y) const;
    double paintBadges(QPainter* p, double y) const;
    double paintBars(QPainter* p, double y) const;
    void paintLog(QPainter* p, double y) const;
    double partsHeight() const;
    bool logHasMarks() const;
    bool down() const;

    GraphScene* m_graph;
    const ScenePalette* m_palette;
    core::NodeView m_node;
    std::vector<Caption> m_captions;
    bool m_nameInside = true;
    bool m_captionsBuilt = false;
    bool m_ownerHue = false;
    bool m_emphasised = false;
    bool m_alarmed = false;  // named in an invariant violation
    bool m_dragging = false;
    QPointF m_pressPos;
    double m_height = 0;
};

}  // namespace sb::widgets
