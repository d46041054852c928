#include "scene/graph_scene.h"

#include <QFontMetricsF>
#include <QGraphicsLineItem>
#include <QEvent>
#include <QGraphicsView>
#include <QTimer>
#include <QPen>
#include <algorithm>
#include <cmath>

#include "scene/message_item.h"
#include "scene/node_item.h"
#include "scene/ring_item.h"
#include "scene/scene_layouts.h"
#include "scene/zone_item.h"

namespace sb::widgets {

namespace {

constexpr double kLeastWordPixels = 8.5;  // a caption smaller than this on screen is hard to read
constexpr double kLeastRingPixels = 10.0; // a ring's labels: short names among hundreds of marks
constexpr double kMostWordScale = 1.6;    // nodes are drawn at most this much larger for it
constexpr double kWordGap = 10.0;         // between two nodes' drawings so enlarged

// QGraphicsLineItem strokes its line into a path to answer boundingRect(), which the scene asks
// several times a frame; a line's bounds are its end points and half its pen.
class LinkItem : public QGraphicsLineItem {
public:
    QRectF boundingRect() const override {
        const double w = pen().widthF() / 2 + 1;
        return QRectF(line().p1(), line().p2()).normalized().adjusted(-w, -w, w, w);
    }
};

}  // namespace

GraphScene::GraphScene(QObject* parent) : QGraphicsScene(parent) {
    setItemIndexMethod(QGraphicsScene::NoIndex);  // everything moves; a BSP index only costs here
}

GraphScene::~GraphScene() = default;

void GraphScene::setScenePalette(const ScenePalette& palette) {
    m_palette = palette;
    setBackgroundBrush(m_palette.background);
    for (QGraphicsItem* item : items()) item->update();
    updateLinks();
}

void GraphScene::setEmphasisKeys(std::set<std::string> keys) {
    if (keys == m_emphKeys) return;
    m_emphKeys = std::move(keys);
    setView(m_view);
}

void GraphScene::setEmphasis(std::set<std::string> nodes, std::set<std::string> messageKinds,
                             const std::set<std::pair<std::string, std::string>>& links) {
    m_emphNodes = std::move(nodes);
    m_emphKinds = std::move(messageKinds);
    m_emphLinks.clear();
    for (const auto& [a, b] : links) {
        m_emphLinks.insert({a, b});
        m_emphLinks.insert({b, a});
    }
    setView(m_view);
}

void GraphScene::setAlarm(std::set<std::string> nodes) {
    if (nodes == m_alarm) return;
    m_alarm = std::move(nodes);
    setView(m_view);
}

bool GraphScene::nodeAlarmed(core::NodeId node) const {
    const auto i = indexOf(node);
    return i && m_nodes[*i]->alarmed();
}

std::string GraphScene::structureKey(const core::View& view) const {
    std::string key = std::to_string(static_cast<int>(view.layout)) + (view.ring ? "r" : "-") + "|";
    for (const auto& n : view.nodes) key += std::to_string(n.id) + ":" + std::to_string(n.zone) + ",";
    // Tiers, stars and links place nodes too; a topology whose edges change is laid out again.
    if (view.layout == core::Layout::Tiers || view.layout == core::Layout::Star)
        for (const auto& n : view.nodes) key += "t" + std::to_string(n.tier);
    return key + "|" + std::to_string(view.links.size());
}

void GraphScene::setView(const core::View& view) {
    m_view = view;
    const std::string key = structureKey(view);
    if (key != m_structure) {
        m_structure = key;
        layout();
    }
    for (std::size_t i = 0; i < m_nodes.size() && i < view.nodes.size(); ++i) showNode(i);
    // A ring node's place is a function of what it shows now (its room), never of what it showed
    // before: placed again only when its room changes, and a rewind places it back.
    if (m_ring && ringRooms() != m_ringRooms) {
        placeRingNodes();
        fitSceneRect();
    }
    for (std::size_t i = 0; i < m_nodes.size() && i < view.nodes.size(); ++i)
        if (!m_nodes[i]->dragging() && m_nodes[i]->pos() != m_positions[i]) m_nodes[i]->setPos(m_positions[i]);
    if (m_ring && view.ring) m_ring->setRing(*view.ring, view.nodes, m_emphKeys);
    updateLinks();
    updateMessages();
    // After the messages, whose legend may have changed the view's scale.
    const double before = m_wordScale;
    fitWordScale();
    if (m_wordScale != before) updateMessages();
}

void GraphScene::fitWordScale() {
    // The view this scene is shown in, and the smallest caption's size on screen there.
    const QGraphicsView* shown = nullptr;
    for (const QGraphicsView* v : views())
        if (v->isVisible()) shown = v;
    double least = 0;
    for (const NodeItem* n : m_nodes)
        for (const FittedText& fit : n->captionFits()) least = least > 0 ? std::min(least, fit.font.pointSizeF()) : fit.font.pointSizeF();
    // A window resized while the run stands still shows no new view: look again after it.
    if (shown) shown->viewport()->installEventFilter(this);
    if (m_ring) fitRingText(shown);
    double scale = 1;
    if (shown && !m_ring && least > 0 && shown->transform().m11() > 0) {
        const double onScreen = least * shown->logicalDpiY() / 72.0 * shown->transform().m11();
        // As large as brings the captions to the least readable size, where every node's
        // drawing then still keeps a gap from every other's and stays inside the scene: a
        // gossip of twelve peers on two circles was drawn at 0.53 and its captions 5 px tall, in
        // room enough for its small nodes to be drawn half as large again.
        const double wanted = std::min(kMostWordScale, kLeastWordPixels / onScreen);
        std::vector<QRectF> drawings;
        for (const NodeItem* n : m_nodes) {
            QRectF d(-NodeItem::kRadius - 6, -NodeItem::kRadius - 6, 2 * NodeItem::kRadius + 12, 2 * NodeItem::kRadius + 12);
            for (const QRectF& r : n->wordRects()) d = d.united(r);
            drawings.push_back(d);
        }
        const auto fits = [&](double f) {
            std::vector<QRectF> at;
            for (std::size_t i = 0; i < m_nodes.size(); ++i) {
                const QRectF& d = drawings[i];
                at.emplace_back(m_nodes[i]->pos() + d.topLeft() * f, d.size() * f);
                if (!sceneRect().contains(at.back())) return false;
            }
            for (std::size_t i = 0; i < at.size(); ++i)
                for (std::size_t j = i + 1; j < at.size(); ++j)
                    if (at[i].adjusted(-kWordGap, -kWordGap, kWordGap, kWordGap).intersects(at[j])) return false;
            return true;
        };
        for (double f = std::floor(wanted * 20) / 20; f > 1; f -= 0.05)
            if (fits(f)) {
                scale = f;
                break;
            }
    }
    if (scale == m_wordScale) return;
    m_wordScale = scale;
    for (NodeItem* n : m_nodes) n->setScale(scale);
    if (m_zones.empty()) return;
    updateZones();  // their labels keep above the larger nodes
    fitSceneRect();
}

void GraphScene::fitRingText(const QGraphicsView* shown) {
    // The ring is placed round its nodes, so they are not drawn larger (that would move them);
    // its labels are, in steps of 5%, as far as the band kept for them allows. The scene's
    // rectangle does not depend on their size, so neither does the scale they are chosen from.
    double scale = 1;
    if (shown && shown->transform().m11() > 0) {
        const double onScreen = font().pointSizeF() * shown->logicalDpiY() / 72.0 * shown->transform().m11();
        scale = std::clamp(std::ceil(kLeastRingPixels / onScreen * 20 - 1e-9) / 20, 1.0, RingItem::kMostPlateScale);
    }
    if (m_ring) m_ring->setTextScale(scale);
}

bool GraphScene::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::Resize)
        QTimer::singleShot(0, this, [this] {
            const double before = m_wordScale;
            fitWordScale();
            if (m_wordScale != before) updateMessages();
        });
    return QGraphicsScene::eventFilter(watched, event);
}

void GraphScene::resetLegend() {
    m_kinds.clear();
    emit legendChanged();
}

void GraphScene::rebuildLinks() {
    for (auto& [key, line] : m_links) delete line;
    m_links.clear();
    for (const auto& link : m_view.links) {
        const auto key = std::minmax(link.from, link.to);
        if (m_links.count(key) || link.from < 0 || link.to < 0) continue;
        auto* line = new LinkItem();
        line->setZValue(0);
        addItem(line);
        m_links[key] = line;
    }
}

void GraphScene::updateLinks() {
    if (m_links.empty()) return;
    std::map<std::pair<core::NodeId, core::NodeId>, int> cuts;  // 0, 1 or 2 directions cut
    for (const auto& link : m_view.links) cuts[std::minmax(link.from, link.to)] += link.cut ? 1 : 0;
    for (auto& [key, line] : m_links) {
        const auto a = indexOf(key.first);
        const auto b = indexOf(key.second);
        if (!a || !b) continue;
        const QLineF l(m_nodes[*a]->pos(), m_nodes[*b]->pos());
        if (line->line() != l) line->setLine(l);
        const int cut = cuts[key];
        const bool emphasised = m_emphLinks.count({m_view.nodes[*a].name, m_view.nodes[*b].name}) > 0;
        QPen pen(emphasised ? m_palette.highlight : cut ? m_palette.tone(core::Tone::Bad) : m_palette.link,
                 emphasised ? 3.0 : cut ? 1.5 : 1.2, cut == 0 ? Qt::SolidLine : cut == 1 ? Qt::DashDotLine : Qt::DotLine);
        if (line->pen() != pen) line->setPen(pen);
    }
}

void GraphScene::updateMessages() {
    std::set<core::MsgId> seen;
    // Each node's words as one block (scene rectangles: the width of the node, from under its
    // shape to the foot of its drawing), which a message leaves or reaches past, and its whole
    // drawing, which a message passing it goes round: computed once a frame, for every message.
    std::vector<std::vector<QRectF>> blocks(m_nodes.size());
    std::vector<QRectF> drawings(m_nodes.size());
    if (!m_view.messages.empty())
        for (std::size_t i = 0; i < m_nodes.size(); ++i) {
            const NodeItem* n = m_nodes[i];
            const double top = NodeItem::kRadius + 6;
            QRectF block(-NodeItem::kHalfWidth, top, 2 * NodeItem::kHalfWidth, n->boundingRect().bottom() - top);
            for (const QRectF& r : n->wordRects()) block = block.united(r);
            blocks[i] = {n->mapRectToScene(block)};
            drawings[i] = blocks[i].front().united(
                n->mapRectToScene(QRectF(-NodeItem::kRadius, -NodeItem::kRadius, 2 * NodeItem::kRadius, 2 * NodeItem::kRadius)));
        }
    std::vector<QRectF> others;
    for (const auto& m : m_view.messages) {
        const auto fromIndex = indexOf(m.from);
        const auto toIndex = indexOf(m.to);
        if (!fromIndex || !toIndex) continue;
        const std::size_t from = *fromIndex;
        const std::size_t to = *toIndex;
        seen.insert(m.id);
        if (m_kinds.insert(m.kind).second) emit legendChanged();
        auto& item = m_messages[m.id];
        if (!item) {
            item = new MessageItem(this, &m_palette);
            // Moving a message is a translation: its glyph and label are blitted from a pixmap.
            item->setCacheMode(QGraphicsItem::DeviceCoordinateCache);
            addItem(item);
        }
        item->setMessage(m, m_emphKinds.count(m.kind) > 0);
        if (item->scale() != m_wordScale) item->setScale(m_wordScale);
        const QPointF a = m_nodes[from]->pos();
        const QPointF b = m_nodes[to]->pos();
        const QLineF line(a, b);
        // Keep each direction on its own side of the link so requests and replies never overlap.
        QPointF normal = line.length() > 0 ? QPointF(-line.dy(), line.dx()) / line.length() * 7.0 : QPointF();
        // A glyph waiting to go or just arrived does not sit on a node's role or value
        // ("leade▲"), nor on its badges, and on the way it goes round a node whose drawing lies
        // across the link (a raft candidate's badges hang over the link between its neighbours).
        others.clear();
        for (std::size_t k = 0; k < m_nodes.size(); ++k)
            if (k != from && k != to) others.push_back(drawings[k]);
        item->setPos(messageRoute(a, b, normal, blocks[from], blocks[to], others, NodeItem::kRadius * m_wordScale).at(m.progress));
    }
    // A label must not hide a node, its role or its badges: the node item's whole extent.
    std::vector<QRectF> nodeRects;
    for (const NodeItem* n : m_nodes) nodeRects.push_back(n->sceneBoundingRect());
    placeMessageLabels(m_view.messages, m_messages, m_emphKinds, nodeRects, sceneRect());
    for (auto it = m_messages.begin(); it != m_messages.end();) {
        if (seen.count(it->first)) {
            ++it;
        } else {
            delete it->second;
            it = m_messages.erase(it);
        }
    }
}

void GraphScene::updateZones() {
    for (auto& [id, item] : m_zones) delete item;
    m_zones.clear();
    const bool partitioned = m_zoneMembers.size() > 1;
    for (const auto& [zone, members] : m_zoneMembers) {
        QRectF r;
        for (const auto id : members) {
            const std::size_t i = m_index[id];
            r = r.united(NodeItem::footprint().translated(m_positions[i]));
        }
        // The label's band above the nodes, who may be drawn larger than their footprints.
        const double above = std::max(0.0, (NodeItem::kRadius + 12) * m_wordScale + NodeItem::footprint().top());
        r = r.adjusted(-14, -ZoneItem::labelReach(m_wordScale) - above, 14, 6);
        std::string label = zone == 0 ? "main" : "zone " + std::to_string(zone);
        for (const auto& z : m_view.zones)
            if (z.id == zone && !z.label.empty()) label = z.label;
        auto* item = new ZoneItem(&m_palette);
        item->setZone(r, QString::fromStdString(label), partitioned, m_wordScale);
        addItem(item);
        m_zones[zone] = item;
    }
}

std::optional<std::size_t> GraphScene::indexOf(core::NodeId node) const {
    const auto it = m_index.find(node);
    if (it == m_index.end() || it->second >= m_nodes.size()) return std::nullopt;
    return it->second;
}

QPointF GraphScene::nodePosition(core::NodeId node) const {
    const auto i = indexOf(node);
    return i ? m_nodes[*i]->pos() : QPointF();
}

int GraphScene::zoneAt(QPointF pos) const {
    for (const auto& [zone, item] : m_zones)
        if (item->rect().contains(pos)) return zone;
    return -1;
}

QRectF GraphScene::zoneRect(int zone) const {
    const auto it = m_zones.find(zone);
    return it == m_zones.end() ? QRectF() : it->second->rect();
}

void GraphScene::nodeClicked(core::NodeId node) { emit nodeSelected(node); }

void GraphScene::nodeDragged() { updateLinks(); }

void GraphScene::nodeDropped(core::NodeId node, QPointF pos) {
    const auto index = indexOf(node);
    if (!index || *index >= m_view.nodes.size()) return;
    const std::size_t i = *index;
    int zone = zoneAt(pos);
    if (zone < 0) {
        zone = 1;
        for (const auto& n : m_view.nodes) zone = std::max(zone, n.zone + 1);
    }
    // Nodes selected together (Ctrl+click, or Shift+drag a rubber band) were dragged together:
    // they all go to the zone the dragged one was dropped in.
    std::vector<core::NodeId> group;
    for (std::size_t k = 0; k < m_nodes.size() && k < m_view.nodes.size(); ++k) {
        if (k != i && !m_nodes[k]->isSelected()) continue;
        m_nodes[k]->setSelected(false);
        if (m_view.nodes[k].zone != zone) group.push_back(m_view.nodes[k].id);
        else m_nodes[k]->setPos(m_positions[k]);
    }
    if (group.empty()) {
        updateLinks();
        return;
    }
    if (group.size() == 1) emit nodeMoveRequested(group.front(), zone);
    else emit groupMoveRequested(group, zone);
}

void GraphScene::nodeMenuRequested(core::NodeId node, QPoint screenPos) { emit nodeMenu(node, screenPos); }
void GraphScene::messageClicked(core::MsgId id) { emit messageSelected(id); }

void GraphScene::keyClicked(const std::string& key) { emit keySelected(QString::fromStdString(key)); }
void GraphScene::messageMenuRequested(core::MsgId id, QPoint screenPos) { emit messageMenu(id, screenPos); }

UncachedPaint::UncachedPaint(GraphScene& scene) {
    for (QGraphicsItem* item : scene.items()) {
        if (item->cacheMode() == QGraphicsItem::NoCache) continue;
        m_items.emplace_back(item, item->cacheMode());
        item->setCacheMode(QGraphicsItem::NoCache);
    }
}

UncachedPaint::~UncachedPaint() {
    for (const auto& [item, mode] : m_items) item->setCacheMode(mode);
}

}  // namespace sb::widgets
