#pragma once

#include <QGraphicsItem>

#include "scene/scene_palette.h"
#include "sim/view.h"

namespace sb::widgets {

class GraphScene;

// One node: its role shape with the name inside, the role and main value under it, then badges,
// bars and the log strip; the election timer as a ring around the shape. Dragging it to another
// zone is a gesture the scene turns into a `move` action.
class NodeItem : public QGraphicsItem {
public:
    static constexpr double kRadius = 24.0;
    // The space a node is given in layouts and zones, whatever it currently shows.
    static QRectF footprint() { return QRectF(-72, -40, 144, 150); }
    enum { Type = UserType + 1 };

    NodeItem(GraphScene* scene, const ScenePalette* palette);

    void setNode(const core::NodeView& node, bool emphasised, bool alarmed = false);
    bool alarmed() const { return m_alarmed; }
    const core::NodeView& node() const { return m_node; }
    bool dragging() const { return m_dragging; }

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
    void paintShape(QPainter* p) const;
    double paintBadges(QPainter* p, double y) const;
    double paintBars(QPainter* p, double y) const;
    void paintLog(QPainter* p, double y) const;
    double contentHeight() const;

    GraphScene* m_graph;
    const ScenePalette* m_palette;
    core::NodeView m_node;
    bool m_emphasised = false;
    bool m_alarmed = false;  // named in an invariant violation
    bool m_dragging = false;
    QPointF m_pressPos;
    double m_height = 0;
};

}  // namespace sb::widgets
