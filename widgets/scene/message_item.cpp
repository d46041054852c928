#include "scene/message_item.h"

#include <QGraphicsSceneContextMenuEvent>
#include <QGraphicsSceneMouseEvent>
#include <QCursor>
#include <QFontMetricsF>
#include <QHash>
#include <QLineF>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <tuple>

#include "scene/graph_scene.h"
#include "scene/node_item.h"

namespace sb::widgets {

namespace {
constexpr double kSize = 7.0;
constexpr double kTagBar = 3.0;  // the kind's colour down a tag's left edge

QFont labelFont() {
    QFont f;
    f.setPointSizeF(7.5);
    f.setBold(true);
    return f;
}
}  // namespace

QString messageLabel(const std::string& kind, const std::string& summary) {
    const QString words = messageLabelWords(kind);
    // The first field, without a parenthesised aside: "event 8 (order 2)" -> "event 8".
    std::string first = summary.substr(0, summary.find(','));
    if (const auto aside = first.find(" ("); aside != std::string::npos && aside > 0) first.resize(aside);
    QString field = QString::fromStdString(first).trimmed();
    if (field.size() > 10) field = field.left(9) + QStringLiteral("…");
    if (field.isEmpty()) return words;
    // "term 2" is a field of its own after a comma ("Heartbeat, term 2"); a value reads on from
    // the kind ("Write x=3").
    const QStringList parts = field.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    const bool named = parts.size() == 2 && parts[0].front().isLetter() && (parts[1].front().isDigit() || parts[1].front() == QLatin1Char('-'));
    if (named && parts[0].compare(words, Qt::CaseInsensitive) == 0) return words + QLatin1Char(' ') + parts[1];  // "Event 8"
    return words + (named ? QStringLiteral(", ") : QStringLiteral(" ")) + field;
}

namespace {

// Where the line `p + u * s` runs through `r`: its interval of s (first > second when it misses).
std::pair<double, double> crossing(QPointF p, QPointF u, const QRectF& r) {
    double lo = -1e18, hi = 1e18;
    const auto axis = [&](double from, double d, double min, double max) {
        if (std::abs(d) < 1e-9) {
            if (from < min || from > max) lo = 1, hi = 0;
            return;
        }
        const double s1 = (min - from) / d, s2 = (max - from) / d;
        lo = std::max(lo, std::min(s1, s2));
        hi = std::min(hi, std::max(s1, s2));
    };
    axis(p.x(), u.x(), r.left(), r.right());
    axis(p.y(), u.y(), r.top(), r.bottom());
    return {lo, hi};
}

// A point on `r`'s edge as a distance along it, clockwise from the top left corner, and back.
double alongEdge(const QRectF& r, QPointF p) {
    const double w = r.width(), h = r.height();
    const double top = std::abs(p.y() - r.top()), right = std::abs(p.x() - r.right());
    const double bottom = std::abs(p.y() - r.bottom()), left = std::abs(p.x() - r.left());
    const double nearest = std::min({top, right, bottom, left});
    if (nearest == top) return std::clamp(p.x() - r.left(), 0.0, w);
    if (nearest == right) return w + std::clamp(p.y() - r.top(), 0.0, h);
    if (nearest == bottom) return w + h + std::clamp(r.right() - p.x(), 0.0, w);
    return 2 * w + h + std::clamp(r.bottom() - p.y(), 0.0, h);
}

// The point of `r`'s edge nearest `p`, a point inside it.
QPointF onEdge(const QRectF& r, QPointF p) {
    const double top = p.y() - r.top(), right = r.right() - p.x(), bottom = r.bottom() - p.y(), left = p.x() - r.left();
    const double nearest = std::min({top, right, bottom, left});
    if (nearest == top) return {p.x(), r.top()};
    if (nearest == right) return {r.right(), p.y()};
    if (nearest == bottom) return {p.x(), r.bottom()};
    return {r.left(), p.y()};
}

// The corners passed going round `r`'s edge from `p` to `q` the shorter way.
std::vector<QPointF> cornersBetween(const QRectF& r, QPointF p, QPointF q) {
    const double w = r.width(), h = r.height(), perimeter = 2 * (w + h);
    const std::array<std::pair<double, QPointF>, 4> corners{
        {{0, r.topLeft()}, {w, r.topRight()}, {w + h, r.bottomRight()}, {2 * w + h, r.bottomLeft()}}};
    const double from = alongEdge(r, p), to = alongEdge(r, q);
    const double clockwise = std::fmod(to - from + perimeter, perimeter);
    std::vector<std::pair<double, QPointF>> passed;  // by distance from `p` the way taken
    for (const auto& [at, corner] : corners) {
        const double ahead = std::fmod(at - from + perimeter, perimeter);
        if (clockwise <= perimeter / 2 ? ahead > 0 && ahead < clockwise : ahead > clockwise && ahead < perimeter)
            passed.emplace_back(clockwise <= perimeter / 2 ? ahead : perimeter - ahead, corner);
    }
    std::sort(passed.begin(), passed.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
    std::vector<QPointF> out;
    for (const auto& c : passed) out.push_back(c.second);
    return out;
}

// From `a` round the side of its words `aWords` (a block under it) that faces `b`, to where
// the glyph reaches `b` short of its words: the way out when `a`'s words reach past `b`. `wider`
// keeps the other direction's way apart from this one. Empty when `b` is inside `a`'s block.
std::optional<MessageRoute> sideRoute(QPointF a, QPointF b, const std::vector<QRectF>& aWords,
                                      const std::vector<QRectF>& bWords, double wider, double rim) {
    if (aWords.empty()) return std::nullopt;
    // (A glyph is drawn larger with its nodes: `rim` says how much.)
    const double glyph = kSize * rim / NodeItem::kRadius + 3;
    const double clear = glyph + wider;
    const QRectF block = aWords.front().adjusted(-clear, 0, clear, clear);
    if (block.contains(b)) return std::nullopt;
    const bool right = b.x() >= a.x();
    std::vector<QPointF> corners{QPointF(right ? block.right() : block.left(), block.top())};
    if (b.y() > block.bottom() && b.x() > block.left() && b.x() < block.right())
        corners.emplace_back(corners.front().x(), block.bottom());
    MessageRoute route;
    const QPointF towards = corners.front() - a;
    route.points.push_back(a + towards / std::max(QLineF(a, corners.front()).length(), 1.0) * rim);
    route.points.insert(route.points.end(), corners.begin(), corners.end());
    const QPointF last = corners.back();
    const double length = QLineF(last, b).length();
    if (length < 1) return route;
    const QPointF v = (b - last) / length;
    double end = length - rim;
    for (const QRectF& r : bWords)
        if (const auto [s1, s2] = crossing(last, v, r.adjusted(-glyph, -glyph, glyph, glyph)); s1 < s2 && s1 < length && s2 > 0)
            end = std::min(end, s1);
    if (end > 0) route.points.push_back(last + v * end);
    return route;
}

}  // namespace

MessageRoute messageRoute(QPointF a, QPointF b, QPointF side, const std::vector<QRectF>& fromWords,
                          const std::vector<QRectF>& toWords, const std::vector<QRectF>& others, double rim) {
    // From a glyph's centre to words it passes (a glyph is drawn larger with its nodes).
    const double margin = kSize * rim / NodeItem::kRadius + 3;
    const double length = std::max(QLineF(a, b).length(), 1.0);
    const QPointF u = (b - a) / length;
    const QPointF p = a + side;
    const auto grown = [margin](const QRectF& r) { return r.adjusted(-margin, -margin, margin, margin); };
    // It leaves from the rim of its sender's shape, or past the last of its words the way crosses,
    // and stops as short of its receiver's.
    double start = rim, end = length - rim;
    for (const QRectF& r : fromWords)
        if (const auto [s1, s2] = crossing(p, u, grown(r)); s1 < s2 && s2 > 0 && s1 < length) start = std::max(start, s2);
    for (const QRectF& r : toWords)
        if (const auto [s1, s2] = crossing(p, u, grown(r)); s1 < s2 && s1 < length && s2 > 0) end = std::min(end, s1);
    if (start > end) {
        // The words of one end reach past the other (a zigzag column's next replica is below and
        // beside its neighbour's words): the way goes down beside them instead, leaving or
        // arriving by the side of the shape. Only a node dragged onto another leaves no side.
        const bool fromSide = start - rim >= length - rim - end;
        if (auto round = fromSide ? sideRoute(a, b, fromWords, toWords, 0, rim) : sideRoute(b, a, toWords, fromWords, 7, rim)) {
            if (!fromSide) std::reverse(round->points.begin(), round->points.end());
            return *round;
        }
        const double out = std::min(start, length / 3), in = std::min(length - end, length / 3);
        return {{p + u * out, p + u * (length - in)}};
    }
    // The other nodes across the way, in order along it; two that overlap along it are gone round
    // as one.
    struct Block {
        QRectF rect;
        double in, out;
    };
    std::vector<Block> blocks;
    for (const QRectF& r : others)
        if (const auto [s1, s2] = crossing(p, u, grown(r)); s1 < s2 && s2 > start && s1 < end) blocks.push_back({grown(r), s1, s2});
    std::sort(blocks.begin(), blocks.end(), [](const Block& x, const Block& y) { return x.in < y.in; });
    for (std::size_t i = 0; i + 1 < blocks.size();) {
        if (blocks[i + 1].in > blocks[i].out) {
            ++i;
            continue;
        }
        blocks[i].rect = blocks[i].rect.united(blocks[i + 1].rect);
        std::tie(blocks[i].in, blocks[i].out) = crossing(p, u, blocks[i].rect);
        blocks.erase(blocks.begin() + static_cast<std::ptrdiff_t>(i) + 1);
    }
    MessageRoute route{{p + u * start}};
    for (const Block& block : blocks) {
        // A drawing the glyph is already beside when it leaves, or still beside when it arrives
        // (a zigzag column's middle replica, between its neighbours), is gone round from there.
        const QPointF in = p + u * std::max(block.in, start), out = p + u * std::min(block.out, end);
        // (From inside its margin the glyph steps out to the edge first: straight to a corner
        // would cut across the margin, nearer the words.)
        route.points.push_back(block.in > start ? in : onEdge(block.rect, in));
        for (const QPointF& corner : cornersBetween(block.rect, in, out)) route.points.push_back(corner);
        route.points.push_back(block.out < end ? out : onEdge(block.rect, out));
    }
    route.points.push_back(p + u * end);
    return route;
}

QPointF MessageRoute::at(double progress) const {
    if (points.empty()) return {};
    double total = 0;
    for (std::size_t i = 1; i < points.size(); ++i) total += QLineF(points[i - 1], points[i]).length();
    double left = std::clamp(progress, 0.0, 1.0) * total;
    for (std::size_t i = 1; i < points.size(); ++i) {
        const double leg = QLineF(points[i - 1], points[i]).length();
        if (left <= leg && leg > 0) return points[i - 1] + (points[i] - points[i - 1]) * (left / leg);
        left -= leg;
    }
    return points.back();
}

QSizeF MessageItem::labelSize(const QString& text) {
    // Measured once per text: placing labels asks for every group's size on every frame, and a
    // scene has a few dozen distinct labels ("Heartbeat, term 2 ×4"). The font is fixed, so sizes never go stale.
    static QHash<QString, QSizeF> sizes;
    if (const auto it = sizes.constFind(text); it != sizes.constEnd()) return *it;
    if (sizes.size() > 4096) sizes.clear();
    const QFontMetricsF m(labelFont());
    return *sizes.insert(text, {m.horizontalAdvance(text) + 8 + kTagBar, m.height() + 2});
}

void MessageItem::setLabel(const QString& text, QPointF offset) {
    if (text == m_label && offset == m_labelOffset) return;
    prepareGeometryChange();
    m_label = text;
    m_labelOffset = offset;
    m_labelSize = text.isEmpty() ? QSizeF() : labelSize(text);
    update();
}

QRectF MessageItem::labelRect() const {
    if (m_label.isEmpty()) return {};
    return QRectF(m_labelOffset, m_labelSize);
}

MessageItem::MessageItem(GraphScene* scene, const ScenePalette* palette) : m_graph(scene), m_palette(palette) {
    setZValue(20);
    setFlag(ItemIsSelectable);
    setCursor(Qt::PointingHandCursor);
}

void MessageItem::setMessage(const core::MessageView& message, bool emphasised) {
    const bool changed = message.kind != m_msg.kind || message.doomed != m_msg.doomed ||
                         message.reply != m_msg.reply || emphasised != m_emphasised;
    m_msg = message;
    m_emphasised = emphasised;
    if (changed) {
        m_shape = messageShape(message.kind);
        setToolTip(QString::fromStdString(message.kind + (message.reply ? " (reply)" : "") +
                                          (message.summary.empty() ? "" : ": " + message.summary) +
                                          (message.doomed ? " — will be lost" : "")));
        update();
    }
}

QRectF MessageItem::glyphRect() { return {-kSize - 2, -kSize - 2, 2 * kSize + 4, 2 * kSize + 4}; }

QRectF MessageItem::boundingRect() const {
    const QRectF glyph(-kSize - 5, -kSize - 5, 2 * kSize + 10, 2 * kSize + 10);
    return m_label.isEmpty() ? glyph : glyph.united(labelRect().adjusted(-1, -1, 1, 1));
}

// Only the glyph takes clicks: a label lying over a node must not steal the drag meant for it.
QPainterPath MessageItem::shape() const {
    QPainterPath path;
    path.addEllipse(QPointF(0, 0), kSize + 5, kSize + 5);
    return path;
}

void MessageItem::paint(QPainter* p, const QStyleOptionGraphicsItem*, QWidget*) {
    p->setRenderHint(QPainter::Antialiasing);
    const QColor c = m_palette->messageKind(m_msg.kind);
    if (m_emphasised || isSelected()) {
        p->setPen(QPen(m_palette->highlight, 2.5));
        p->setBrush(Qt::NoBrush);
        p->drawEllipse(QPointF(0, 0), kSize + 3.5, kSize + 3.5);
    }
    QPen pen(m_msg.reply ? c : m_palette->text, m_msg.reply ? 2.5 : 1.2,
             m_msg.doomed ? Qt::DashLine : Qt::SolidLine);
    p->setPen(pen);
    QColor fill = c;
    if (m_msg.doomed) fill.setAlpha(110);
    p->setBrush(m_msg.reply ? QBrush(m_palette->background) : QBrush(fill));
    drawMessageGlyph(p, m_shape, QPointF(0, 0), kSize);
    if (m_label.isEmpty()) return;
    // A message's words are a square-cornered tag tied to its glyph by a thin line, with the
    // kind's colour as a bar down its left edge: a node's badges are rounded, tinted pills, and a
    // tag drawn like them ("Sync all keys ×4" beside "2 siblings") read as one more badge.
    const QRectF box = labelRect();
    const QPointF toward(std::clamp(0.0, box.left(), box.right()), std::clamp(0.0, box.top(), box.bottom()));
    if (QLineF(QPointF(0, 0), toward).length() > kSize + 3) {
        QLineF leader(QPointF(0, 0), toward);
        leader.setP1(leader.pointAt((kSize + 1) / leader.length()));
        p->setPen(QPen(c, 1.2, Qt::DotLine));
        p->drawLine(leader);
    }
    p->setPen(QPen(m_emphasised ? m_palette->highlight : m_palette->mutedText, m_emphasised ? 2.0 : 0.8));
    p->setBrush(m_palette->background);
    p->drawRect(box);
    p->setPen(Qt::NoPen);
    p->setBrush(c);
    p->drawRect(QRectF(box.left(), box.top(), kTagBar, box.height()));
    p->setFont(labelFont());
    p->setPen(m_palette->text);
    p->drawText(box.adjusted(kTagBar, 0, 0, 0), Qt::AlignCenter, m_label);
}

void MessageItem::mousePressEvent(QGraphicsSceneMouseEvent* event) {
    if (event->button() == Qt::LeftButton) m_graph->messageClicked(m_msg.id);
    QGraphicsItem::mousePressEvent(event);
}

void MessageItem::contextMenuEvent(QGraphicsSceneContextMenuEvent* event) {
    m_graph->messageMenuRequested(m_msg.id, event->screenPos());
    event->accept();
}

}  // namespace sb::widgets
