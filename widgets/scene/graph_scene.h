#pragma once

#include <QGraphicsItem>
#include <QGraphicsScene>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "scene/scene_palette.h"
#include "sim/view.h"

class QGraphicsLineItem;

namespace sb::widgets {

class NodeItem;
class MessageItem;
class RingItem;
class ZoneItem;

// Draws a core::View. Items are kept between frames: a frame moves messages and repaints nodes;
// only a structural change (node count, layout, zone membership, ring) lays the scene out again.
// Gestures come out as signals; the scene never decides what they mean for the protocol.
class GraphScene : public QGraphicsScene {
    Q_OBJECT
public:
    explicit GraphScene(QObject* parent = nullptr);
    ~GraphScene() override;

    void setView(const core::View& view);
    const core::View& view() const { return m_view; }
    void setScenePalette(const ScenePalette& palette);
    const ScenePalette& scenePalette() const { return m_palette; }
    // What a lesson step wants emphasised: node names and message kinds.
    void setEmphasis(std::set<std::string> nodes, std::set<std::string> messageKinds,
                     const std::set<std::pair<std::string, std::string>>& links = {});
    // Ring keys a lesson step names: drawn as a looked-up key is (large, labelled, to its owner).
    void setEmphasisKeys(std::set<std::string> keys);
    // Nodes named by the model's latest invariant violation, marked with a warning.
    void setAlarm(std::set<std::string> nodes);
    bool nodeAlarmed(core::NodeId node) const;

    // Where a node sits now (scene coordinates), for tests and for the drop logic.
    QPointF nodePosition(core::NodeId node) const;
    // The zone whose region contains `pos`, or -1 for empty space.
    int zoneAt(QPointF pos) const;
    QRectF zoneRect(int zone) const;
    // How many times the scene was laid out from scratch (tests check frames stay incremental).
    int layoutCount() const { return m_layouts; }
    std::size_t messageItemCount() const { return m_messages.size(); }
    // The hash ring, when the view has one (tests read what it draws).
    const RingItem* ring() const { return m_ring; }
    // How much larger than their size the nodes are drawn, so their words stay readable.
    double wordScale() const { return m_wordScale; }
    // Where a ring's labels would be drawn too small to read in `shown` (at its scale now), they
    // are drawn larger; the view calls it whenever it fits the scene, so the size follows the
    // scale shown, not the order the scale and the view changed in.
    void fitRingText(const QGraphicsView* shown);
    // Message kinds seen since the scene was laid out, for the legend.
    const std::set<std::string>& messageKinds() const { return m_kinds; }
    void resetLegend();

    // Called by the items.
    void nodeClicked(core::NodeId node);
    void nodeDragged();  // links follow a node while it is dragged
    void nodeDropped(core::NodeId node, QPointF pos);
    void nodeMenuRequested(core::NodeId node, QPoint screenPos);
    void messageClicked(core::MsgId id);
    void keyClicked(const std::string& key);
    void messageMenuRequested(core::MsgId id, QPoint screenPos);

signals:
    void nodeSelected(sb::core::NodeId node);
    void keySelected(const QString& key);  // a key on a hash ring
    void nodeMoveRequested(sb::core::NodeId node, int zone);
    void groupMoveRequested(const std::vector<sb::core::NodeId>& nodes, int zone);
    void nodeMenu(sb::core::NodeId node, QPoint screenPos);
    void messageSelected(sb::core::MsgId id);
    void messageMenu(sb::core::MsgId id, QPoint screenPos);
    void layoutChanged();
    void legendChanged();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    std::string structureKey(const core::View& view) const;
    void layout();
    void layoutCircle();
    void layoutRing();
    void placeRingNodes();
    std::vector<QRectF> ringRooms() const;  // each node's drawing and the room it may grow into
    double ringBand() const;  // how far out from the ring's centre its ticks and labels reach
    void showNode(std::size_t i);
    // Where the view would draw node captions too small to read, the nodes are drawn larger,
    // as far as their drawings have room (not on a ring, which is placed from them).
    void fitWordScale();  // gives node item i its view, emphasis and alarm
    void fitSceneRect();
    void layoutRow();
    void layoutPlaced(std::vector<QPointF> positions);  // Tiers, Star
    void rebuildLinks();
    void updateLinks();
    void updateMessages();
    void updateZones();

    ScenePalette m_palette;
    core::View m_view;
    std::string m_structure;
    std::optional<std::size_t> indexOf(core::NodeId node) const;

    std::vector<NodeItem*> m_nodes;           // in view order; a view may skip node ids
    std::map<core::NodeId, std::size_t> m_index;
    std::vector<QPointF> m_positions;
    std::map<std::pair<core::NodeId, core::NodeId>, QGraphicsLineItem*> m_links;
    std::map<core::MsgId, MessageItem*> m_messages;
    std::map<int, ZoneItem*> m_zones;
    std::map<int, std::vector<core::NodeId>> m_zoneMembers;
    RingItem* m_ring = nullptr;
    std::vector<QRectF> m_ringRooms;  // as the ring's nodes were last placed
    std::set<std::string> m_kinds;
    std::set<std::string> m_emphNodes;
    std::set<std::string> m_emphKinds;
    std::set<std::string> m_emphKeys;
    std::set<std::string> m_alarm;
    std::set<std::pair<std::string, std::string>> m_emphLinks;  // both orders stored
    int m_layouts = 0;
    double m_wordScale = 1;
};

// While one lives, the scene's items paint themselves instead of blitting their cached pixmaps:
// an SVG or PDF export must get shapes and text, and a scaled PNG sharp ones.
class UncachedPaint {
public:
    explicit UncachedPaint(GraphScene& scene);
    ~UncachedPaint();
    UncachedPaint(const UncachedPaint&) = delete;
    UncachedPaint& operator=(const UncachedPaint&) = delete;

private:
    std::vector<std::pair<QGraphicsItem*, QGraphicsItem::CacheMode>> m_items;
};

}  // namespace sb::widgets
