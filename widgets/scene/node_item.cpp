#include "scene/node_item.h"

#include <QGraphicsSceneMouseEvent>
#include <QCursor>
#include <QPainter>
#include <QPainterPath>
#include <QStyleOptionGraphicsItem>
#include <algorithm>
#include <cmath>

#include "scene/graph_scene.h"
#include "scene/node_shapes.h"

namespace sb::widgets {

namespace {

// Everything a node draws, compared field by field (the core view types have no operator==).
bool sameLook(const core::NodeView& a, const core::NodeView& b) {
    const auto badges = [](const core::Badge& x, const core::Badge& y) { return x.label == y.label && x.tone == y.tone; };
    const auto bars = [](const core::Bar& x, const core::Bar& y) {
        return x.label == y.label && x.value == y.value && x.text == y.text && x.tone == y.tone;
    };
    const auto cells = [](const core::LogCell& x, const core::LogCell& y) {
        return x.group == y.group && x.text == y.text && x.committed == y.committed && x.applied == y.applied &&
               x.watermark == y.watermark;
    };
    // The timer is not compared: its ring is a child item of its own.
    return a.id == b.id && a.name == b.name && a.kind == b.kind && a.count == b.count && a.role == b.role &&
           a.crashed == b.crashed && a.value == b.value && a.highlighted == b.highlighted &&
           std::equal(a.badges.begin(), a.badges.end(), b.badges.begin(), b.badges.end(), badges) &&
           std::equal(a.bars.begin(), a.bars.end(), b.bars.begin(), b.bars.end(), bars) &&
           std::equal(a.log.begin(), a.log.end(), b.log.begin(), b.log.end(), cells);
}

QFont boldFont(QFont f) {
    f.setBold(true);
    return f;
}

}  // namespace

NodeShapeItem::NodeShapeItem(NodeItem* node) : QGraphicsItem(node), m_node(node) {
    setAcceptedMouseButtons(Qt::NoButton);  // presses go to the node
    setAcceptHoverEvents(false);
    setFlag(ItemStacksBehindParent);  // the words are drawn over the rings, as one item drew them
    setCacheMode(QGraphicsItem::DeviceCoordinateCache);
}

QRectF NodeShapeItem::boundingRect() const {
    // The widest outline with its stack behind (a service box, offset 8 up and right), the
    // warning ring and its sign.
    constexpr double w = 2 * NodeItem::kRadius + 4, h = NodeItem::kRadius + 14;
    return QRectF(-w, -h, 2 * w, 2 * h);
}

void NodeShapeItem::paint(QPainter* p, const QStyleOptionGraphicsItem*, QWidget*) {
    p->setRenderHint(QPainter::Antialiasing);
    p->setFont(m_node->baseFont());
    m_node->paintShape(p);
}

NodeItem::NodeItem(GraphScene* scene, const ScenePalette* palette)
    : m_graph(scene), m_palette(palette), m_timer(new NodeTimerItem(this, palette)), m_shape(new NodeShapeItem(this)) {
    setFlags(ItemIsMovable | ItemIsSelectable | ItemSendsGeometryChanges);
    setAcceptHoverEvents(false);
    setZValue(10);
    setCursor(Qt::OpenHandCursor);
    // A node's shape, words, badges and bars change far less often than frames come: paint it
    // once into a pixmap at device resolution and blit that while only messages move.
    setCacheMode(QGraphicsItem::DeviceCoordinateCache);
}

void NodeItem::setOwnerHue(bool on) {
    if (on == m_ownerHue) return;
    m_ownerHue = on;
    m_shape->update();
}

void NodeItem::setNode(const core::NodeView& node, bool emphasised, bool alarmed) {
    const bool shown = emphasised || node.highlighted;
    const bool isDown = node.crashed || roleIsDown(node.role);
    m_timer->setLeft(isDown ? std::nullopt : node.timer);
    if (m_captionsBuilt && sameLook(node, m_node) && shown == m_emphasised && alarmed == m_alarmed) return;  // keep the cache
    const bool captionsChange = node.name != m_node.name || node.role != m_node.role || node.value != m_node.value ||
                                node.kind != m_node.kind || node.count != m_node.count ||
                                node.crashed != m_node.crashed || !m_captionsBuilt;
    const bool outlineChanges = !m_captionsBuilt || node.kind != m_node.kind || node.role != m_node.role ||
                                node.crashed != m_node.crashed || (node.count > 1) != (m_node.count > 1) ||
                                node.id != m_node.id || node.name != m_node.name || shown != m_emphasised ||
                                alarmed != m_alarmed || captionsChange;  // the rings break round the words
    m_node = node;
    m_alarmed = alarmed;
    m_emphasised = shown;
    if (captionsChange) {
        buildCaptions();
        fitCaptions();
    }
    layoutBadges();
    fitBars();
    m_cut = m_captionCuts;
    for (const auto& b : m_badges)
        if (b.text.cut) m_cut << b.text.lines.join(QLatin1Char(' '));
    for (const auto& l : m_barLabels)
        if (l.cut) m_cut << l.lines.join(QLatin1Char(' '));
    refreshToolTip();
    // The role line is always given room, even when empty, so a row of nodes lines up.
    double height = kRadius + 8 + kLine;
    for (std::size_t i = 0; i < m_captions.size(); ++i) {
        const auto lines = static_cast<double>(m_captionFits[i].lines.size());
        height += kLine * (m_captions[i].style == Caption::Style::Role ? lines - 1 : lines);
    }
    height += partsHeight();
    if (height != m_height) {
        prepareGeometryChange();
        m_height = height;
    }
    update();
    if (outlineChanges) m_shape->update();
}

void NodeItem::buildCaptions() {
    m_captionsBuilt = true;
    m_captions.clear();
    const QString name = QString::fromStdString(m_node.name);
    const double room = nameRoomInside(m_node.kind, kRadius);
    m_nameInside = room > 0 && QFontMetricsF(boldFont(m_graph->font())).horizontalAdvance(name) <= room;
    const bool many = m_node.count > 1;
    const QString manyWord = kindWord(m_node.kind, true);
    if (!m_nameInside && !(many && name == manyWord)) m_captions.push_back({name, Caption::Style::Name});
    const QString countText = many ? QStringLiteral("%1 %2").arg(m_node.count).arg(manyWord) : QString();
    if (many) m_captions.push_back({countText, Caption::Style::Count});
    // "node" says nothing; every other role is spelled out so it never rests on colour alone.
    std::string role = m_node.role == "node" ? std::string() : m_node.role;
    if (m_node.crashed && !roleIsDown(m_node.role)) role = role.empty() ? "crashed" : role + " (crashed)";
    QString roleText = QString::fromStdString(role);
    // A node of a named kind says what it is, unless its name or count already does.
    const QString oneWord = kindWord(m_node.kind, false);
    if (roleText.isEmpty() && m_node.kind != core::NodeKind::Peer && !many && name != oneWord) roleText = oneWord;
    // Nor a role its name or count already says: "cache" named cache, "200 clients" as clients.
    if (roleText.compare(name, Qt::CaseInsensitive) == 0 ||
        (many && countText.endsWith(QLatin1Char(' ') + roleText, Qt::CaseInsensitive)))
        roleText.clear();
    if (!roleText.isEmpty()) m_captions.push_back({roleText, Caption::Style::Role});
    if (!m_node.value.empty()) m_captions.push_back({QString::fromStdString(m_node.value), Caption::Style::Value});
}

QFont NodeItem::baseFont() const { return boldFont(m_graph->font()); }

QFont NodeItem::captionFont(Caption::Style style) const {
    const QFont base = baseFont();
    switch (style) {
        case Caption::Style::Name: return base;
        case Caption::Style::Count:
        case Caption::Style::Role: return scaledFont(base, 0.85);
        case Caption::Style::Value: return base;
    }
    return base;
}

void NodeItem::fitCaptions() {
    // Each caption at the largest step that fits the node's width, or on two lines.
    m_captionFits.clear();
    m_captionCuts.clear();
    for (const auto& c : m_captions) {
        m_captionFits.push_back(fitText(c.text, captionFont(c.style), 2 * kHalfWidth, 2));
        if (m_captionFits.back().cut) m_captionCuts << c.text;
    }
}

void NodeItem::refreshToolTip() {
    QStringList tip;
    if (m_nameInside) tip << QString::fromStdString(m_node.name);
    for (const auto& c : m_captions) tip << c.text;
    // A bar's own words ("35 of 50") have no room on the node; the tooltip has them.
    for (const auto& bar : m_node.bars)
        if (!bar.text.empty()) tip << QString::fromStdString(bar.label + ": " + bar.text);
    const QString text = tip.join(QStringLiteral(" · "));
    if (text != toolTip()) setToolTip(text);
}

QRectF NodeItem::boundingRect() const {
    return QRectF(-kHalfWidth, -kRadius - 12, 2 * kHalfWidth, kRadius + 12 + m_height + 4);
}

double NodeItem::reach(QPointF d) const {
    if (d.y() <= 0) return kRadius;  // the words are all below the shape
    const double top = kRadius + 6;
    const double bottom = boundingRect().bottom();  // (m_height counts the shape's lower half already)
    if (std::abs(d.x()) * (top / d.y()) > kHalfWidth) return kRadius;  // passes beside them
    double out = bottom / d.y();
    if (d.x() != 0) out = std::min(out, kHalfWidth / std::abs(d.x()));
    return std::max(kRadius, out);
}

QPainterPath NodeItem::shape() const {
    QPainterPath path;
    path.addEllipse(QPointF(0, 0), kRadius + 6, kRadius + 6);
    return path;
}

void NodeItem::paint(QPainter* p, const QStyleOptionGraphicsItem*, QWidget*) {
    p->setRenderHint(QPainter::Antialiasing);
    // Every word on a node is bold, so it reads over links and on a zoomed-out scene. The
    // scene's font, the one the words were fitted with (a cache pixmap's painter may have another).
    p->setFont(baseFont());
    double y = paintCaptions(p, kRadius + 6);  // the outline is m_shape's
    p->setFont(partsFont());
    y = paintBadges(p, y + 2);
    y = paintBars(p, y);
    paintLog(p, y + 2 + (logHasMarks() ? kLogMarkRoom : 0));
}

std::vector<QRectF> NodeItem::captionRects() const {
    std::vector<QRectF> out;
    double y = kRadius + 6;  // as paintCaptions lays them out
    for (const FittedText& fit : m_captionFits) {
        const double h = kLine * static_cast<double>(fit.lines.size());
        out.emplace_back(-fit.width / 2, y, fit.width, h);
        y += h;
    }
    return out;
}

double NodeItem::paintCaptions(QPainter* p, double y) const {
    for (std::size_t i = 0; i < m_captions.size(); ++i) {
        const Caption& c = m_captions[i];
        const FittedText& fit = m_captionFits[i];
        const auto lines = static_cast<double>(fit.lines.size());
        p->setPen(c.style == Caption::Style::Role ? m_palette->mutedText : m_palette->text);
        const double h = kLine * lines + (c.style == Caption::Style::Value ? 2 : 0);
        drawFitted(p, QRectF(-kHalfWidth, y, 2 * kHalfWidth, h), Qt::AlignCenter, fit);
        y += kLine * lines;
    }
    return y;
}

bool NodeItem::down() const { return m_node.crashed || roleIsDown(m_node.role); }

void NodeItem::paintStack(QPainter* p, const QPainterPath& path, const QColor& fill) const {
    // Many alike nodes: two copies behind, offset up and right, like a stack of cards.
    QColor back = fill;
    back = m_palette->dark ? back.darker(150) : back.lighter(125);
    p->setPen(QPen(m_palette->text, 1.2));
    p->setBrush(back);
    for (const double d : {8.0, 4.0}) p->drawPath(path.translated(d, -d));
}

void NodeItem::paintShape(QPainter* p) const {
    const bool down = this->down();
    const QPainterPath path = nodeShapePath(m_node.kind, m_node.role, down, kRadius);
    // The rings go round the outline but break where the words under it are: a ring as wide as
    // the shape's widest reaches below it, over the top of "cache" or "database". The break keeps
    // a few pixels of air round the words: with 2 px, a crashed node's "failed" sat against the
    // ring's two ends.
    p->save();
    if (m_emphasised || isSelected() || m_alarmed) {
        constexpr double kAir = 5;
        QPainterPath room;
        room.addRect(m_shape->boundingRect());
        for (const QRectF& words : captionRects()) {
            QPainterPath gap;
            gap.addRoundedRect(words.adjusted(-kAir, -kAir + 1, kAir, kAir), 4, 4);
            room = room.subtracted(gap);
        }
        p->setClipPath(room);
    }
    if (m_emphasised || isSelected()) {
        p->setPen(QPen(m_palette->highlight, 4));
        p->setBrush(Qt::NoBrush);
        p->drawEllipse(QPointF(0, 0), kRadius + 9, kRadius + 9);
    }
    if (m_alarmed) {
        // A violation involves this node: a dashed warning ring and a sign, not only a colour.
        p->setPen(QPen(m_palette->tone(core::Tone::Bad), 3, Qt::DashLine));
        p->setBrush(Qt::NoBrush);
        p->drawEllipse(QPointF(0, 0), kRadius + 12, kRadius + 12);
        QFont f = p->font();
        f.setBold(true);
        p->save();
        p->setFont(f);
        p->setPen(m_palette->tone(core::Tone::Bad));
        p->drawText(QRectF(kRadius, -kRadius - 12, 24, 20), Qt::AlignCenter, QStringLiteral("⚠"));
        p->restore();
    }
    p->restore();
    QColor fill = m_palette->fillFor(m_node.kind, m_node.role);
    // On a hash ring a node wears its owner hue, the one its arcs and keys are drawn in
    // (twelve distinct hues, so a ring of up to 12 nodes never repeats one).
    if (!down && m_ownerHue) fill = m_palette->nodeHue(static_cast<std::size_t>(std::max(m_node.id, 0)));
    if (m_node.count > 1) paintStack(p, path, down ? m_palette->nodeFill : fill);
    QPen outline(m_palette->text, down ? 1.5 : 2.0, down ? Qt::DashLine : Qt::SolidLine);
    p->setPen(outline);
    p->setBrush(down ? m_palette->nodeFill : fill);
    p->drawPath(path);
    drawNodeShapeDetails(p, m_node.kind, kRadius);
    if (down) {
        // A cross, so "down" reads without colour.
        p->setPen(QPen(m_palette->tone(core::Tone::Bad), 2.5));
        const double c = kRadius * 0.55;
        p->drawLine(QPointF(-c, -c), QPointF(c, c));
        p->drawLine(QPointF(-c, c), QPointF(c, -c));
    }
    if (!m_nameInside) return;
    const QFont base = p->font();
    p->setFont(boldFont(base));
    const QString name = QString::fromStdString(m_node.name);
    const QRectF nameRect = nameRectInside(m_node.kind, kRadius);
    if (down) {
        // The name on a plate of the node's fill over the cross, in the text colour (>= 4.5:1 on
        // that fill in both themes): a crashed node keeps its id readable.
        const QRectF words = p->fontMetrics().boundingRect(nameRect.toRect(), Qt::AlignCenter, name).toRectF().adjusted(-2, -1, 2, 1);
        p->setPen(Qt::NoPen);
        p->setBrush(m_palette->nodeFill);
        p->drawRoundedRect(words, 3, 3);
    }
    p->setPen(down ? ScenePalette::textOn(m_palette->nodeFill) : QColor(0x10, 0x10, 0x10));
    p->drawText(nameRect, Qt::AlignCenter, name);
    p->setFont(base);
}

QVariant NodeItem::itemChange(GraphicsItemChange change, const QVariant& value) {
    if (change == ItemPositionHasChanged && m_dragging) m_graph->nodeDragged();
    if (change == ItemSelectedHasChanged) m_shape->update();  // the highlight ring is the outline's
    return QGraphicsItem::itemChange(change, value);
}

void NodeItem::mousePressEvent(QGraphicsSceneMouseEvent* event) {
    m_pressPos = pos();
    if (event->button() == Qt::LeftButton) m_dragging = true;
    QGraphicsItem::mousePressEvent(event);
    m_graph->nodeClicked(m_node.id);
}

void NodeItem::mouseReleaseEvent(QGraphicsSceneMouseEvent* event) {
    QGraphicsItem::mouseReleaseEvent(event);
    if (!m_dragging) return;
    m_dragging = false;
    if (QLineF(m_pressPos, pos()).length() > kRadius) m_graph->nodeDropped(m_node.id, pos());
    else setPos(m_pressPos);
}

void NodeItem::contextMenuEvent(QGraphicsSceneContextMenuEvent* event) {
    m_graph->nodeMenuRequested(m_node.id, event->screenPos());
    event->accept();
}

}  // namespace sb::widgets
