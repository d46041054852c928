#pragma once

#include <QGraphicsItem>
#include <QPainterPath>
#include <QString>
#include <optional>
#include <vector>

#include "scene/node_text.h"
#include "scene/scene_palette.h"
#include "sim/view.h"

namespace sb::widgets {

class GraphScene;
class NodeItem;

// The election or round timer as a ring around a node's shape: the one part of a node that
// changes every frame, so it is a child item of its own, outside the node's cached pixmap.
class NodeTimerItem : public QGraphicsItem {
public:
    NodeTimerItem(QGraphicsItem* node, const ScenePalette* palette);
    // 1 = just reset, 0 = about to fire; empty hides the ring.
    void setLeft(std::optional<double> left);
    QRectF boundingRect() const override;
    QPainterPath shape() const override { return {}; }  // never hit: clicks belong to the node
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    const ScenePalette* m_palette;
    double m_left = 0;
};

// A node's outline with its name inside, its stack, and its emphasis and warning rings: a child
// of its own, behind the node's words and cached apart from them, so a node whose value, badges
// or bars change (every few frames in a busy run) repaints only those, not its outline.
class NodeShapeItem : public QGraphicsItem {
public:
    explicit NodeShapeItem(NodeItem* node);
    QRectF boundingRect() const override;
    QPainterPath shape() const override { return {}; }  // never hit: clicks belong to the node
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    const NodeItem* m_node;
};

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
    void setOwnerHue(bool on);
    bool alarmed() const { return m_alarmed; }
    const core::NodeView& node() const { return m_node; }
    bool dragging() const { return m_dragging; }
    // What is written under the shape, top to bottom (for tests and the tooltip).
    const std::vector<Caption>& captions() const { return m_captions; }
    bool nameInside() const { return m_nameInside; }
    // Each caption as fitted: its font and lines (for tests: how large it is drawn).
    const std::vector<FittedText>& captionFits() const { return m_captionFits; }
    // The words this node had to cut with "…" for want of room, after the font steps and the
    // wrap to two lines (empty when everything fits; tests ask). Badges that find no room are
    // counted in a "+N" badge instead, which is not a cut.
    const QStringList& cutTexts() const { return m_cut; }
    // How many badges the "+N" badge stands for (0: every badge is shown).
    std::size_t hiddenBadges() const { return m_hiddenBadges; }
    // Where the badges are drawn, in order, relative to the top of the badge rows; with hidden
    // badges the last one is the "+N" (for tests).
    std::vector<QRectF> badgeRects() const {
        std::vector<QRectF> out;
        for (const auto& b : m_badges) out.push_back(b.rect);
        return out;
    }

    // What each log cell shown says, oldest first (for tests): "x=9 (term 2)" where there is room,
    // "2" (the term) where there is not.
    QStringList logTexts() const;

    // Where the node's words and marks under its shape are drawn, item coordinates: each
    // caption's words, each badge, each bar with its label, the log strip with its marks. A
    // message glyph must not sit on any of them (whoever sent it).
    std::vector<QRectF> wordRects() const;
    // How much taller the drawing may grow with no new caption: to two badge rows, and bars up
    // to two (a ring keeps this room under each node, so a badge or a bar
    // that comes later in a run does not move it).
    double roomToGrow() const;

    int type() const override { return Type; }
    // How far from the centre, along the unit vector `d`, the node's drawing goes: its shape, and
    // the words under it (role, value, badges, bars) when a line that way crosses them.
    double reach(QPointF d) const;
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

    // A log cell as laid out: its box (x from the strip's left edge at -kHalfWidth, y from the
    // strip's top) and its words.
    struct LogBox {
        QRectF rect;
        QString text;
        std::size_t entry;  // index into m_node.log
    };
    std::vector<LogBox> logLayout() const;

    // A badge as laid out under the node: its box, its fitted words and tone.
    struct PlacedBadge {
        QRectF rect;
        FittedText text;
        core::Tone tone;
    };

    void buildCaptions();
    void fitCaptions();
    void layoutBadges();
    void fitBars();
    void refreshToolTip();
    QFont baseFont() const;
    QFont captionFont(Caption::Style style) const;
    QFont partsFont() const { return scaledFont(baseFont(), 0.8); }  // badges, bars, the log
    void paintShape(QPainter* p) const;
    void paintStack(QPainter* p, const QPainterPath& path, const QColor& fill) const;
    double paintCaptions(QPainter* p, double y) const;
    std::vector<QRectF> captionRects() const;  // each caption's words as drawn, item coordinates
    double paintBadges(QPainter* p, double y) const;
    double paintBars(QPainter* p, double y) const;
    void paintLog(QPainter* p, double y) const;
    double partsHeight() const;
    double badgesHeight() const;  // the badge rows' height, with the gap under them
    bool logHasMarks() const;
    bool down() const;

    GraphScene* m_graph;
    const ScenePalette* m_palette;
    friend class NodeShapeItem;  // paints paintShape
    NodeTimerItem* m_timer;  // a child: drawn above the shape, repainted without it
    NodeShapeItem* m_shape;  // a child, behind the words: repainted only when the outline changes
    core::NodeView m_node;
    std::vector<Caption> m_captions;
    std::vector<FittedText> m_captionFits;  // one per caption
    std::vector<PlacedBadge> m_badges;
    std::size_t m_hiddenBadges = 0;
    std::vector<FittedText> m_barLabels;  // one per bar
    double m_barLabelWidth = 0;
    QStringList m_captionCuts;  // kept while the captions stay
    QStringList m_cut;
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
