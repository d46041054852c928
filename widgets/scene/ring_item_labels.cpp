// Where the ring's words go: the looked-up keys' plates inside the circle, and the points' labels
// outside it, each sized from its font and kept off the nodes and off each other.
#include "scene/ring_item.h"

#include "scene/graph_scene.h"
#include "scene/node_item.h"
#include "scene/node_text.h"

#include <QFontMetricsF>
#include <QGraphicsScene>
#include <algorithm>
#include <cmath>
#include <numbers>

namespace sb::widgets {

namespace {

constexpr std::size_t kMaxPointLabels = 24;  // more points than this are read by their hues
constexpr double kTickOut = RingItem::kTickOut;
constexpr double kLabelGap = RingItem::kLabelGap;
constexpr double kRowGap = 2;      // between a label and one moved a row further out
constexpr double kInsideInset = 30; // a label inside the circle: clear of the key dots and density band
constexpr double kPlateInset = 21; // a plate's outer edge inside the circle: clear of the key's dot
constexpr double kPlatePadX = 12, kPlatePadY = 4;

// How near to and how far from the ring's centre a rectangle reaches.
double nearest(const QRectF& r) {
    const double dx = std::max({r.left(), 0.0, -r.right()});
    const double dy = std::max({r.top(), 0.0, -r.bottom()});
    return std::hypot(dx, dy);
}

double farthest(const QRectF& r) {
    return std::hypot(std::max(std::abs(r.left()), std::abs(r.right())), std::max(std::abs(r.top()), std::abs(r.bottom())));
}

QRectF centredAt(QPointF c, QSizeF size) { return QRectF(c - QPointF(size.width() / 2, size.height() / 2), size); }

// A rectangle centred on the ray to ring fraction `f`, as close to the centre as keeps all of it
// at least `distance` out (outside) or within `distance` (inside).
QRectF outsideAt(double f, QSizeF size, double distance) {
    const QPointF u = ringPoint(f, 1);
    const double most = distance + size.width() + size.height();
    double t = distance;
    while (t < most && nearest(centredAt(u * t, size)) < distance) t += 0.5;
    return centredAt(u * t, size);
}

QRectF insideAt(double f, QSizeF size, double distance) {
    const QPointF u = ringPoint(f, 1);
    double t = distance;
    while (t > 0 && farthest(centredAt(u * t, size)) > distance) t -= 0.5;
    return centredAt(u * t, size);
}

bool clear(const QRectF& r, const std::vector<QRectF>& taken) {
    const QRectF room = r.adjusted(-1, -1, 1, 1);
    return std::none_of(taken.begin(), taken.end(), [&](const QRectF& t) { return room.intersects(t); });
}

struct Placement {
    std::vector<RingItem::Label> labels;
    QStringList cramped;
};

// Each label beside its tick if that is free, else one or two rows further out, or shifted by its
// own width along the ring either way (with a leader back to the tick), else just inside the
// circle; failing all, the same for its node's name alone; failing that, none.
Placement placePoints(const std::vector<const core::RingMark*>& marks, const QFont& font, double radius,
                      std::vector<QRectF> taken) {
    Placement out;
    const QFontMetricsF fm(font);
    const auto take = [&](const QString& text, const QRectF& r, QPointF leaderFrom) {
        if (!clear(r, taken)) return false;
        out.labels.push_back({text, font, r, leaderFrom});
        taken.push_back(r);
        return true;
    };
    const auto place = [&](const core::RingMark& mark, const QString& text) {
        const QSizeF size(fm.horizontalAdvance(text) + 2, fm.height());
        for (int row = 0; row < 3; ++row) {
            const double distance = radius + kTickOut + kLabelGap + row * (size.height() + kRowGap);
            const double shift = (size.width() + 2) / (2 * std::numbers::pi * distance);
            for (const double along : {0.0, shift, -shift}) {
                const bool moved = row > 0 || along != 0;
                if (take(text, outsideAt(mark.position + along, size, distance), moved ? ringPoint(mark.position, radius + kTickOut) : QPointF()))
                    return true;
            }
        }
        // Inside the circle, under its tick across the keys' dots (a node's words can cover the
        // whole band outside, as at 12 o'clock under the top node).
        return take(text, insideAt(mark.position, size, radius - kInsideInset), QPointF());
    };
    for (const core::RingMark* mark : marks) {
        const QString full = QString::fromStdString(mark->label);
        if (place(*mark, full)) continue;
        const qsizetype hash = full.indexOf(QLatin1Char('#'));
        const QString node = hash > 0 ? full.left(hash) : QString();
        if (!node.isEmpty() && place(*mark, node)) out.cramped << QStringLiteral("%1 (shown as %2)").arg(full, node);
        else out.cramped << QStringLiteral("%1 (not labelled)").arg(full);
    }
    return out;
}

}  // namespace

std::vector<QRectF> RingItem::nodeRects() const {
    std::vector<QRectF> out;
    if (!scene()) return out;
    for (QGraphicsItem* item : scene()->items())
        if (item->type() == NodeItem::Type && item->isVisible()) out.push_back(mapRectFromScene(item->sceneBoundingRect()));
    // items() is in stacking order; sorted, an unchanged room compares equal.
    std::sort(out.begin(), out.end(), [](const QRectF& a, const QRectF& b) {
        return std::pair(a.top(), a.left()) < std::pair(b.top(), b.left());
    });
    return out;
}

double RingItem::labelReach() const {
    const double row = QFontMetricsF(scaledFont(m_graph->font(), kMostTextScale)).height();
    return m_radius + kTickOut + kLabelGap + 3 * row + 2 * kRowGap + 8;  // (8: a label's far corner)
}

void RingItem::placePlates(std::vector<QRectF>& taken) {
    // A key listed twice (looked up and hot) has one plate; a second key's plate that would land
    // on the first goes a row further in.
    m_keyPlates.clear();
    QFont font = scaledFont(m_graph->font(), m_textScale);
    font.setBold(true);
    const QFontMetricsF fm(font);
    for (const auto& key : m_ring.keys) {
        if (!key.highlighted) continue;
        const QString text = QString::fromStdString(key.label);
        const bool drawn = std::any_of(m_keyPlates.begin(), m_keyPlates.end(), [&](const Label& l) { return l.text == text; });
        if (drawn) continue;
        const QSizeF size(fm.horizontalAdvance(text) + kPlatePadX, fm.height() + kPlatePadY);
        QRectF r;
        for (int row = 0; row < 4; ++row) {
            r = insideAt(key.position, size, m_radius - kPlateInset - row * (size.height() + 3));
            if (clear(r, taken)) break;
        }
        m_keyPlates.push_back({text, font, r, {}});
        taken.push_back(r);
    }
}

void RingItem::placeLabels() {
    std::vector<QRectF> taken = m_nodeRects;
    placePlates(taken);
    m_pointLabels.clear();
    m_cramped.clear();
    std::vector<const core::RingMark*> marks;  // in ring order, as the view lists them
    for (const auto& mark : m_ring.vnodes)
        if (!mark.label.empty()) marks.push_back(&mark);
    if (m_ring.vnodes.size() <= kMaxPointLabels && !marks.empty()) {
        // One size for all: the largest step at which every label has room, else the one that
        // leaves the fewest short of it.
        const QFont base = scaledFont(m_graph->font(), std::min(m_textScale, kMostTextScale));
        std::optional<Placement> best;
        for (const double step : kTextSteps) {
            Placement p = placePoints(marks, scaledFont(base, step), m_radius, taken);
            if (!best || p.cramped.size() < best->cramped.size()) best = std::move(p);
            if (best->cramped.isEmpty()) break;
        }
        m_pointLabels = std::move(best->labels);
        m_cramped = std::move(best->cramped);
    }
    m_labelBounds = QRectF();
    for (const auto* list : {&m_pointLabels, &m_keyPlates})
        for (const Label& l : *list) m_labelBounds = m_labelBounds.united(l.rect);
    for (const QLineF& line : ownerLines()) m_labelBounds = m_labelBounds.united(QRectF(line.p1(), line.p2()).normalized());
    setToolTip(m_cramped.isEmpty() ? QString()
                                   : QStringLiteral("Ring points short of room for their labels: %1").arg(m_cramped.join(QStringLiteral(", "))));
}

void RingItem::paintLabels(QPainter* p) const {
    for (const Label& l : m_pointLabels) {
        if (!l.leaderFrom.isNull()) {
            // From the tick's end to the label's nearest point.
            const QPointF to(std::clamp(l.leaderFrom.x(), l.rect.left(), l.rect.right()),
                             std::clamp(l.leaderFrom.y(), l.rect.top(), l.rect.bottom()));
            p->setPen(QPen(m_palette->mutedText, 0.8));
            p->drawLine(l.leaderFrom, to);
        }
        p->setPen(m_palette->mutedText);
        p->setFont(l.font);
        p->drawText(l.rect, Qt::AlignCenter, l.text);
    }
    for (const Label& l : m_keyPlates) {
        p->setPen(QPen(m_palette->highlight, 1.5));
        p->setBrush(m_palette->background);
        p->drawRoundedRect(l.rect, 4, 4);
        p->setPen(m_palette->text);
        p->setFont(l.font);
        p->drawText(l.rect, Qt::AlignCenter, l.text);
    }
}

}  // namespace sb::widgets
