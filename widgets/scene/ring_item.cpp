#include "scene/ring_item.h"

#include "scene/graph_scene.h"
#include "scene/node_item.h"

#include <QGraphicsSceneMouseEvent>
#include <QLineF>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>
#include <numbers>

namespace sb::widgets {

QPointF ringPoint(double fraction, double radius) {
    const double a = -std::numbers::pi / 2 + 2 * std::numbers::pi * fraction;
    return {radius * std::cos(a), radius * std::sin(a)};
}

namespace {

bool sameMarks(const std::vector<core::RingMark>& a, const std::vector<core::RingMark>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].position != b[i].position || a[i].owner != b[i].owner || a[i].highlighted != b[i].highlighted ||
            a[i].label != b[i].label)
            return false;
    return true;
}

bool sameMoves(const core::RingView& a, const core::RingView& b) {
    if (a.moveProgress != b.moveProgress || a.moves.size() != b.moves.size()) return false;
    for (std::size_t i = 0; i < a.moves.size(); ++i)
        if (a.moves[i].key != b.moves[i].key || a.moves[i].from != b.moves[i].from || a.moves[i].to != b.moves[i].to ||
            a.moves[i].fromPosition != b.moves[i].fromPosition || a.moves[i].toPosition != b.moves[i].toPosition)
            return false;
    return true;
}

// Slow out of the old owner, slow into the new one.
double eased(double t) {
    t = std::clamp(t, 0.0, 1.0);
    return t < 0.5 ? 2 * t * t : 1 - 2 * (1 - t) * (1 - t);
}

// The shorter way round from one ring fraction to another.
double shortArc(double from, double to) {
    double delta = to - from;
    if (delta > 0.5) delta -= 1.0;
    if (delta < -0.5) delta += 1.0;
    return delta;
}

// The ring's arc from `from`, `span` of a turn (negative: anticlockwise), at `radius`.
QPainterPath arcPath(double from, double span, double radius) {
    QPainterPath arc;
    const int steps = std::max(2, static_cast<int>(std::abs(span) * 120));
    for (int i = 0; i <= steps; ++i) {
        const QPointF at = ringPoint(from + span * i / steps, radius);
        if (i == 0) arc.moveTo(at);
        else arc.lineTo(at);
    }
    return arc;
}

// Where `line`, from outside `rect`, first touches it (its end if it never does).
QPointF whereLineEnters(const QLineF& line, const QRectF& rect) {
    if (rect.contains(line.p1())) return line.p1();
    double first = 1;
    const QLineF edges[] = {{rect.topLeft(), rect.topRight()}, {rect.topRight(), rect.bottomRight()},
                            {rect.bottomRight(), rect.bottomLeft()}, {rect.bottomLeft(), rect.topLeft()}};
    for (const QLineF& edge : edges) {
        QPointF at;
        if (line.intersects(edge, &at) != QLineF::BoundedIntersection) continue;
        const double t = QLineF(line.p1(), at).length() / std::max(line.length(), 1e-9);
        first = std::min(first, t);
    }
    return line.pointAt(first);
}

QColor mix(const QColor& a, const QColor& b, double t) {
    const auto channel = [t](double x, double y) { return static_cast<float>(x + (y - x) * t); };
    return QColor::fromRgbF(channel(static_cast<double>(a.redF()), static_cast<double>(b.redF())),
                            channel(static_cast<double>(a.greenF()), static_cast<double>(b.greenF())),
                            channel(static_cast<double>(a.blueF()), static_cast<double>(b.blueF())));
}

}  // namespace

class RingItem::MovesLayer : public QGraphicsItem {
public:
    explicit MovesLayer(RingItem* ring) : QGraphicsItem(ring), m_ring(ring) { setAcceptedMouseButtons(Qt::NoButton); }
    QRectF boundingRect() const override {
        const double r = m_ring->radius();
        return QRectF(-r, -r, 2 * r, 2 * r);
    }
    QPainterPath shape() const override { return {}; }  // never hit: clicks belong to the ring
    void paint(QPainter* p, const QStyleOptionGraphicsItem*, QWidget*) override {
        p->setRenderHint(QPainter::Antialiasing);
        m_ring->paintMoves(p);
    }

private:
    RingItem* m_ring;
};

RingItem::RingItem(GraphScene* graph, const ScenePalette* palette, double radius)
    : m_graph(graph), m_palette(palette), m_radius(radius), m_movesLayer(new MovesLayer(this)) {
    setZValue(1);
    setAcceptedMouseButtons(Qt::LeftButton);
    // Thousands of marks that change only when the ring does: paint once, then blit.
    setCacheMode(QGraphicsItem::DeviceCoordinateCache);
}

void RingItem::setRing(const core::RingView& given, const std::vector<core::NodeView>&,
                       const std::set<std::string>& emphasised) {
    core::RingView ring = given;
    if (!emphasised.empty())
        for (auto& key : ring.keys) key.highlighted = key.highlighted || emphasised.count(key.label) > 0;
    if (ring.moveProgress >= 1) ring.moves.clear();
    const bool sameRing =
        sameMarks(ring.vnodes, m_ring.vnodes) && sameMarks(ring.keys, m_ring.keys) && ring.density == m_ring.density;
    // The labels keep off the nodes, whose words grow and shrink with the run.
    std::vector<QRectF> nodes = nodeRects();
    const bool sameRoom = nodes == m_nodeRects;
    if (sameRing && sameRoom && sameMoves(ring, m_ring)) return;
    if (sameRing && sameRoom) {
        // Only the journeys moved on: repaint their layer, not the cached ring under it.
        m_ring.moves = std::move(ring.moves);
        m_ring.moveProgress = ring.moveProgress;
        m_movesLayer->update();
        return;
    }
    prepareGeometryChange();  // the bounds grow while a key is highlighted, and with the labels
    m_ring = std::move(ring);
    m_nodeRects = std::move(nodes);
    placeLabels();
    update();
    m_movesLayer->update();
}

void RingItem::setTextScale(double scale) {
    if (scale == m_textScale) return;
    prepareGeometryChange();
    m_textScale = scale;
    placeLabels();
    update();
}

std::optional<double> RingItem::ownerTick(const core::RingMark& key) const {
    // The owner's first tick clockwise from the key: where a lookup for the key lands.
    std::optional<double> best;
    double bestDistance = 2;
    for (const auto& v : m_ring.vnodes) {
        if (v.owner != key.owner) continue;
        const double d = std::fmod(v.position - key.position + 1.0, 1.0);
        if (d < bestDistance) {
            bestDistance = d;
            best = v.position;
        }
    }
    return best;
}

double RingItem::travellerAt(std::size_t move) const {
    const core::RingMove& m = m_ring.moves.at(move);
    return m.fromPosition + shortArc(m.fromPosition, m.toPosition) * eased(m_ring.moveProgress);
}

void RingItem::paintMoves(QPainter* p) const {
    const double t = eased(m_ring.moveProgress);
    for (std::size_t i = 0; i < m_ring.moves.size(); ++i) {
        const core::RingMove& m = m_ring.moves[i];
        const QColor from = m_palette->nodeHue(static_cast<std::size_t>(std::max(m.from, 0)));
        const QColor to = m_palette->nodeHue(static_cast<std::size_t>(std::max(m.to, 0)));
        // Until it arrives, the key's own dot keeps its old owner's hue, ringed so it reads as leaving.
        if (m.key < m_ring.keys.size()) {
            p->setPen(QPen(m_palette->text, 1));
            p->setBrush(from);
            p->drawEllipse(ringPoint(m_ring.keys[m.key].position, m_radius - 10), 3.0, 3.0);
        }
        if (m.fromPosition == m.toPosition) {
            // No ring points to travel between (hash mod N, rendezvous, jump): the hue turns instead.
            if (m.key < m_ring.keys.size()) {
                p->setPen(QPen(m_palette->text, 1));
                p->setBrush(mix(from, to, t));
                p->drawEllipse(ringPoint(m_ring.keys[m.key].position, m_radius - 10), 4.0, 4.0);
            }
            continue;
        }
        // A fading trail behind it, so a still picture (paused, exported) shows which way it goes.
        QColor trail = to;
        trail.setAlphaF(0.45f);
        p->setPen(QPen(trail, 2, Qt::SolidLine, Qt::RoundCap));
        p->setBrush(Qt::NoBrush);
        p->drawPath(arcPath(m.fromPosition, travellerAt(i) - m.fromPosition, m_radius - 18));
        p->setPen(QPen(m_palette->text, 1));
        p->setBrush(to);
        p->drawEllipse(ringPoint(travellerAt(i), m_radius - 18), 4.0, 4.0);
    }
}

std::optional<QLineF> RingItem::ownerLine(const core::RingMark& key) const {
    // To the server's outline, or where its words begin when it comes from below them: run to
    // its centre, the line crossed out the key count and badges of a server above the key.
    if (key.owner < 0 || !key.highlighted) return std::nullopt;
    const QPointF at = ringPoint(key.position, m_radius - 10);
    const QPointF owner = mapFromScene(m_graph->nodePosition(key.owner));
    const QLineF toOwner(at, owner);
    QPointF end = toOwner.pointAt(std::max(0.0, 1 - (NodeItem::kRadius + 3) / std::max(toOwner.length(), 1.0)));
    for (const QRectF& rect : m_nodeRects)
        if (rect.contains(owner) && owner.y() < at.y()) end = whereLineEnters(toOwner, rect);
    return QLineF(at, end);
}

std::vector<QLineF> RingItem::ownerLines() const {
    std::vector<QLineF> out;
    for (const auto& key : m_ring.keys)
        if (const auto line = ownerLine(key)) out.push_back(*line);
    return out;
}

void RingItem::paintHighlighted(QPainter* p, const core::RingMark& key) const {
    const QColor c = m_palette->nodeHue(static_cast<std::size_t>(std::max(key.owner, 0)));
    const double r = m_radius - 10;
    // The clockwise walk from the key to its owner's tick: the lookup rule made visible.
    if (auto tick = ownerTick(key)) {
        const double span = std::fmod(*tick - key.position + 1.0, 1.0);
        const QPainterPath arc = arcPath(key.position, span, r);
        p->setPen(QPen(m_palette->highlight, 3, Qt::SolidLine, Qt::RoundCap));
        p->setBrush(Qt::NoBrush);
        p->drawPath(arc);
        p->drawLine(ringPoint(*tick, r), ringPoint(*tick, m_radius + 10));
    }
    const QPointF at = ringPoint(key.position, r);
    // And a line to the owning server itself.
    if (const auto line = ownerLine(key)) {
        p->setPen(QPen(m_palette->highlight, 1.8, Qt::DashLine));
        p->drawLine(*line);
    }
    p->setPen(QPen(m_palette->highlight, 2.5));
    p->setBrush(c);
    p->drawEllipse(at, 7.0, 7.0);
    // (Its name is on a plate, painted with the other labels over everything.)
}

QRectF RingItem::boundingRect() const {
    // The labels outside the ring at any text scale, and where they and a looked-up key's line to
    // its owner (which may stand further out than the labels reach) are drawn now.
    const double r = labelReach();
    return QRectF(-r, -r, 2 * r, 2 * r).united(m_labelBounds.adjusted(-2, -2, 2, 2));
}

void RingItem::paint(QPainter* p, const QStyleOptionGraphicsItem*, QWidget*) {
    p->setRenderHint(QPainter::Antialiasing);
    p->setPen(QPen(m_palette->link, 3));
    p->setBrush(Qt::NoBrush);
    p->drawEllipse(QPointF(0, 0), m_radius, m_radius);
    if (!m_ring.density.empty()) {
        const std::size_t buckets = m_ring.density.size();
        for (std::size_t i = 0; i < buckets; ++i) {
            const double d = std::clamp(m_ring.density[i], 0.0, 1.0);
            const double f = (static_cast<double>(i) + 0.5) / static_cast<double>(buckets);
            p->setPen(QPen(m_palette->tone(core::Tone::Accent), 2));
            p->drawLine(ringPoint(f, m_radius - 4), ringPoint(f, m_radius - 4 - 22 * d));
        }
    } else {
        p->setPen(Qt::NoPen);
        for (const auto& key : m_ring.keys) {
            p->setBrush(m_palette->nodeHue(static_cast<std::size_t>(std::max(key.owner, 0))));
            p->drawEllipse(ringPoint(key.position, m_radius - 10), 2.5, 2.5);
        }
    }
    // (Keys on their way to a new owner are painted by the moves layer, above.)
    // Ticks as wide as the ring has room for each (3 px down to 1), so a thousand points per
    // node read as a mix of hues rather than a solid band.
    const double tick = std::clamp(2 * std::numbers::pi * m_radius / std::max<double>(1, static_cast<double>(m_ring.vnodes.size())), 1.0, 3.0);
    for (const auto& mark : m_ring.vnodes) {
        const QColor c = m_palette->nodeHue(static_cast<std::size_t>(std::max(mark.owner, 0)));
        p->setPen(QPen(c, tick));
        p->drawLine(ringPoint(mark.position, m_radius - 6), ringPoint(mark.position, m_radius + kTickOut));
    }
    // A highlighted point keeps its owner's hue inside the circle and is capped outside it in
    // the text's colour, which no node has: the scene's highlight (blue in light, yellow in dark)
    // is n5's hue, or next to n4's, and the changed node's points read as another node's.
    p->setPen(QPen(markColour(), std::min(3.0, tick + 1), Qt::SolidLine, Qt::FlatCap));
    for (const auto& mark : m_ring.vnodes)
        if (mark.highlighted) p->drawLine(ringPoint(mark.position, m_radius + 1), ringPoint(mark.position, m_radius + kTickOut));
    for (const auto& key : m_ring.keys)
        if (key.highlighted) paintHighlighted(p, key);
    paintLabels(p);
}

std::string RingItem::keyAt(QPointF pos) const {
    constexpr double kReach = 6;
    const core::RingMark* best = nullptr;
    double bestDistance = kReach;
    for (const auto& key : m_ring.keys) {
        const double d = QLineF(pos, ringPoint(key.position, m_radius - 10)).length();
        if (d <= bestDistance) {
            bestDistance = d;
            best = &key;
        }
    }
    return best ? best->label : std::string();
}

void RingItem::mousePressEvent(QGraphicsSceneMouseEvent* event) {
    const std::string key = keyAt(event->pos());
    if (key.empty()) return event->ignore();  // let the view pan from empty ring space
    m_graph->keyClicked(key);
    event->accept();
}

}  // namespace sb::widgets
