// Where GraphScene puts its nodes: the layouts a view asks for (circle, ring, row, placed
// positions) and the scene rectangle fitted round them. The rest of the scene is graph_scene.cpp.
#include <QFontMetricsF>
#include <algorithm>

#include "scene/graph_scene.h"
#include "scene/node_item.h"
#include "scene/node_text.h"
#include "scene/ring_item.h"
#include "scene/ring_layout.h"
#include "scene/scene_layouts.h"
#include "scene/zone_item.h"

namespace sb::widgets {

namespace {

constexpr double kSpacing = 175.0;   // between neighbouring node centres
constexpr double kRingRadius = 140.0;
constexpr double kClusterGap = 70.0;

}  // namespace

void GraphScene::layout() {
    ++m_layouts;
    const std::size_t count = m_view.nodes.size();
    while (m_nodes.size() > count) {
        delete m_nodes.back();
        m_nodes.pop_back();
    }
    while (m_nodes.size() < count) {
        auto* item = new NodeItem(this, &m_palette);
        addItem(item);
        m_nodes.push_back(item);
    }
    m_positions.assign(count, QPointF());
    m_index.clear();
    for (std::size_t i = 0; i < count; ++i) m_index[m_view.nodes[i].id] = i;
    m_zoneMembers.clear();
    const bool ring = m_view.layout == core::Layout::Ring || m_view.ring;
    if (!ring && m_ring) {  // the previous run had a ring and this one has none
        delete m_ring;
        m_ring = nullptr;
    }
    if (ring) layoutRing();
    else if (m_view.layout == core::Layout::Row) layoutRow();
    else if (m_view.layout == core::Layout::Tiers) layoutPlaced(tiersLayout(m_view.nodes, m_view.links));
    else if (m_view.layout == core::Layout::Star) layoutPlaced(starLayout(m_view.nodes));
    else layoutCircle();
    for (std::size_t i = 0; i < count; ++i) {
        m_nodes[i]->setPos(m_positions[i]);
        m_nodes[i]->setFlag(QGraphicsItem::ItemIsMovable, m_view.layout == core::Layout::Circle && !m_view.ring);
    }
    rebuildLinks();
    updateZones();
    fitSceneRect();
}

void GraphScene::showNode(std::size_t i) {
    m_nodes[i]->setOwnerHue(m_view.ring.has_value());
    const std::string& name = m_view.nodes[i].name;
    m_nodes[i]->setNode(m_view.nodes[i], m_emphNodes.count(name) > 0, m_alarm.count(name) > 0);
}

void GraphScene::fitSceneRect() {
    QRectF bounds;
    for (std::size_t i = 0; i < m_positions.size(); ++i) {
        bounds = bounds.united(NodeItem::footprint().translated(m_positions[i]));
        // A ring node is placed from its room, which may hang below its footprint.
        if (m_ring && i < m_ringRooms.size()) bounds = bounds.united(m_ringRooms[i].translated(m_positions[i]));
    }
    for (const auto& [zone, item] : m_zones) bounds = bounds.united(item->rect());
    // The ring's labels at any scale: not its bounds, which a looked-up key's line to its owner
    // widens, so the scene's rectangle is a function of the nodes' rooms alone.
    if (m_ring) {
        const double reach = m_ring->labelReach();
        bounds = bounds.united(QRectF(-reach, -reach, 2 * reach, 2 * reach));
    }
    setSceneRect(bounds.adjusted(-20, -20, 20, 20));
    emit layoutChanged();
}

void GraphScene::layoutCircle() {
    for (const auto& n : m_view.nodes) m_zoneMembers[n.zone].push_back(n.id);
    double x = 0;
    for (auto& [zone, members] : m_zoneMembers) {
        const auto points = circlePoints(members.size(), m_zoneMembers.size() == 1 ? 150.0 : 105.0);
        double minX = 0, maxX = 0;
        for (const auto& p : points) {
            minX = std::min(minX, p.x());
            maxX = std::max(maxX, p.x());
        }
        const double shift = x - minX;
        for (std::size_t i = 0; i < members.size(); ++i)
            m_positions[m_index[members[i]]] = points[i] + QPointF(shift, 0);
        x += (maxX - minX) + kSpacing + kClusterGap;
    }
}

void GraphScene::layoutRing() {
    if (!m_ring) {
        m_ring = new RingItem(this, &m_palette, kRingRadius);
        addItem(m_ring);
    }
    placeRingNodes();
}

double GraphScene::ringBand() const {
    // The ticks and a row of point labels outside them, at the largest size they may be drawn.
    return kRingRadius + RingItem::kTickOut + RingItem::kLabelGap +
           QFontMetricsF(scaledFont(font(), RingItem::kMostTextScale)).height();
}

std::vector<QRectF> GraphScene::ringRooms() const {
    // Each node's drawing with the room it may still grow into (badge rows, a second bar), so a
    // badge or bar that comes later in the run neither moves it nor refits the scene. Placing a
    // node again only when its drawing outgrew a margin, and never back, made the picture depend
    // on the steps taken to reach it.
    // A node keeps a line for its role even when it has none, so a row of nodes lines up; round
    // a ring nothing lines up, and that empty line (under its words) is left out of its room.
    std::vector<QRectF> rooms;
    for (const NodeItem* n : m_nodes) {
        const bool role = std::any_of(n->captions().begin(), n->captions().end(),
                                      [](const NodeItem::Caption& c) { return c.style == NodeItem::Caption::Style::Role; });
        rooms.push_back(n->boundingRect().adjusted(0, 0, 0, n->roomToGrow() - (role ? 0 : NodeItem::kLine)));
    }
    return rooms;
}

void GraphScene::placeRingNodes() {
    // From the nodes' drawings as they are now, so their words are set first.
    for (std::size_t i = 0; i < m_view.nodes.size() && i < m_nodes.size(); ++i) showNode(i);
    m_ringRooms = ringRooms();
    m_positions = ringLayout(m_ringRooms, ringBand(), m_ring->labelReach());
}

void GraphScene::layoutRow() {
    m_positions = rowLayout(m_view.nodes.size());
    for (const auto& node : m_view.nodes) m_zoneMembers[node.zone].push_back(node.id);
    if (m_zoneMembers.size() < 2) m_zoneMembers.clear();  // rows only show zones when split
}

void GraphScene::layoutPlaced(std::vector<QPointF> positions) {
    m_positions = std::move(positions);
    for (const auto& node : m_view.nodes) m_zoneMembers[node.zone].push_back(node.id);
    if (m_zoneMembers.size() < 2) m_zoneMembers.clear();  // zones are drawn only when split
}

}  // namespace sb::widgets
