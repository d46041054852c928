// The parts of a node drawn under its shape: badges, bars and the log strip with its marks.
#include <QFontMetricsF>
#include <QPainter>
#include <QPolygonF>
#include <algorithm>
#include <array>
#include <cmath>
#include <optional>

#include "scene/node_item.h"

namespace sb::widgets {

namespace {

constexpr double kHalfWidth = NodeItem::kHalfWidth;
constexpr double kLine = NodeItem::kLine;
constexpr double kBadgeHeight = 15.0;
constexpr double kBarHeight = 11.0;
constexpr std::size_t kLogCells = 10;

constexpr double kTimerRadius = NodeItem::kRadius + 5;

}  // namespace

NodeTimerItem::NodeTimerItem(QGraphicsItem* node, const ScenePalette* palette) : QGraphicsItem(node), m_palette(palette) {
    setAcceptedMouseButtons(Qt::NoButton);  // presses go to the node under it
    setAcceptHoverEvents(false);
    hide();
}

void NodeTimerItem::setLeft(std::optional<double> left) {
    setVisible(left.has_value());
    if (!left) return;
    const double clamped = std::clamp(*left, 0.0, 1.0);
    if (clamped == m_left) return;
    m_left = clamped;
    update();
}

QRectF NodeTimerItem::boundingRect() const {
    const double r = kTimerRadius + 2;
    return QRectF(-r, -r, 2 * r, 2 * r);
}

void NodeTimerItem::paint(QPainter* p, const QStyleOptionGraphicsItem*, QWidget*) {
    p->setRenderHint(QPainter::Antialiasing);
    const double r = kTimerRadius;
    p->setPen(QPen(m_palette->link, 3, Qt::SolidLine, Qt::FlatCap));
    p->setBrush(Qt::NoBrush);
    p->drawEllipse(QPointF(0, 0), r, r);
    p->setPen(QPen(m_left < 0.2 ? m_palette->tone(core::Tone::Warning) : m_palette->tone(core::Tone::Accent), 3,
                   Qt::SolidLine, Qt::FlatCap));
    p->drawArc(QRectF(-r, -r, 2 * r, 2 * r), 90 * 16, static_cast<int>(std::lround(m_left * 360 * 16)));
}

double NodeItem::partsHeight() const {
    double h = 0;
    h += badgesHeight();
    h += kBarHeight * static_cast<double>(m_node.bars.size());
    if (!m_node.log.empty()) h += kLine + 6;
    if (logHasMarks()) h += 2 * kLogMarkRoom;  // the pennant above, the caret below
    return h;
}

double NodeItem::badgesHeight() const {
    // As many rows as the badges take, one or two: a second row kept empty under one row of
    // badges left a replica's words 15 px nearer the node below it than they need be.
    if (m_badges.empty()) return 0;
    const bool two = std::any_of(m_badges.begin(), m_badges.end(), [](const PlacedBadge& b) { return b.rect.bottom() > kBadgeHeight; });
    return kBadgeHeight * (two ? 2 : 1) + 4;
}

bool NodeItem::logHasMarks() const {
    return std::any_of(m_node.log.begin(), m_node.log.end(), [](const core::LogCell& c) { return c.applied || c.watermark; });
}

double NodeItem::roomToGrow() const {
    const double bars = static_cast<double>(std::max<std::size_t>(m_node.bars.size(), 2) - m_node.bars.size());
    return kBadgeHeight * 2 + 4 - badgesHeight() + bars * kBarHeight;
}

std::vector<QRectF> NodeItem::wordRects() const {
    // Laid out as paint() draws them.
    std::vector<QRectF> out = captionRects();
    double y = kRadius + 6;
    for (const FittedText& fit : m_captionFits) y += kLine * static_cast<double>(fit.lines.size());
    y += 2;
    for (const PlacedBadge& badge : m_badges) out.push_back(badge.rect.translated(0, y));
    y += badgesHeight();
    for (std::size_t i = 0; i < m_node.bars.size(); ++i, y += kBarHeight) out.emplace_back(-kHalfWidth, y, 2 * kHalfWidth, kBarHeight);
    if (m_node.log.empty()) return out;
    // The cells, the commit bar (3 above and below) or the marks (a pennant above, a caret below).
    const std::vector<LogBox> boxes = logLayout();
    const double width = boxes.empty() ? 0 : boxes.back().rect.right();
    const double mark = logHasMarks() ? kLogMarkRoom : 3;
    y += 2 + (logHasMarks() ? kLogMarkRoom : 0);
    out.emplace_back(-kHalfWidth - 1, y - mark, width + 2, kLine + 2 * mark);
    return out;
}

void NodeItem::layoutBadges() {
    // Badges flow along two rows, each at the largest font step its words fit (a long one on two
    // lines, both rows high); what finds no room is counted in a last "+N" badge (the inspector
    // lists them all).
    m_badges.clear();
    m_hiddenBadges = 0;
    if (m_node.badges.empty()) return;
    const QFont font = partsFont();
    const double rowWidth = 2 * kHalfWidth;
    std::vector<FittedText> fits;
    for (const auto& badge : m_node.badges) fits.push_back(fitText(QString::fromStdString(badge.label), font, rowWidth - 10, 2));
    // The first `count` badges and, if `more`, a "+N" for the rest; empty if they do not fit.
    const auto flow = [&](std::size_t count, bool more) {
        std::vector<PlacedBadge> out;
        std::array<double, 2> x{-kHalfWidth, -kHalfWidth};
        std::size_t row = 0;
        // Badges keep their order along the rows (the first row, then the second), and the "+N"
        // badge comes after the last of them, so it reads as "and N more".
        const auto place = [&](const FittedText& text, core::Tone tone) {
            const double w = std::min(text.width + 10, rowWidth);
            if (text.lines.size() > 1) {
                const double at = std::max(x[0], x[1]);
                if (at + w > kHalfWidth) return false;
                out.push_back({QRectF(at, 0, w, 2 * kBadgeHeight + 1), text, tone});
                x = {at + w + 3, at + w + 3};
                return true;
            }
            for (; row < 2; ++row)
                if (x[row] + w <= kHalfWidth) {
                    out.push_back({QRectF(x[row], static_cast<double>(row) * (kBadgeHeight + 2), w, kBadgeHeight - 1), text, tone});
                    x[row] += w + 3;
                    return true;
                }
            return false;
        };
        for (std::size_t i = 0; i < count; ++i)
            if (!place(fits[i], m_node.badges[i].tone)) return std::vector<PlacedBadge>{};
        if (more && !place(fitText(QStringLiteral("+%1").arg(fits.size() - count), font, rowWidth - 10), core::Tone::Muted))
            return std::vector<PlacedBadge>{};
        return out;
    };
    for (std::size_t count = fits.size();; --count) {
        const bool more = count < fits.size();
        m_badges = flow(count, more);
        if (!m_badges.empty() || count == 0) {
            m_hiddenBadges = more ? fits.size() - count : 0;
            return;
        }
    }
}

void NodeItem::fitBars() {
    // The label column as wide as the longest label needs (within a third of the node), the
    // labels at the largest step that fits it.
    m_barLabels.clear();
    m_barLabelWidth = 0;
    const QFont font = partsFont();
    const double most = 2 * kHalfWidth / 3;
    for (const auto& bar : m_node.bars)
        m_barLabelWidth = std::max(m_barLabelWidth, std::min(most, QFontMetricsF(font).horizontalAdvance(QString::fromStdString(bar.label))));
    for (const auto& bar : m_node.bars) m_barLabels.push_back(fitText(QString::fromStdString(bar.label), font, m_barLabelWidth));
}

double NodeItem::paintBadges(QPainter* p, double y) const {
    if (m_node.badges.empty()) return y;
    for (std::size_t i = 0; i < m_badges.size(); ++i) {
        const PlacedBadge& badge = m_badges[i];
        const bool more = m_hiddenBadges > 0 && i + 1 == m_badges.size();
        const QColor c = more ? m_palette->mutedText : m_palette->tone(badge.tone);
        const QRectF r = badge.rect.translated(0, y);
        p->setPen(QPen(c, 1, more ? Qt::DotLine : Qt::SolidLine));
        QColor fill = c;
        fill.setAlpha(more ? 0 : m_palette->dark ? 50 : 28);
        p->setBrush(fill);
        p->drawRoundedRect(r, 6, 6);
        p->setPen(m_palette->text);
        drawFitted(p, r, Qt::AlignCenter, badge.text);
    }
    return y + badgesHeight();
}

double NodeItem::paintBars(QPainter* p, double y) const {
    for (std::size_t i = 0; i < m_node.bars.size(); ++i) {
        const auto& bar = m_node.bars[i];
        const double trackLeft = -kHalfWidth + m_barLabelWidth + 3;
        const QRectF track(trackLeft, y + 2, kHalfWidth - trackLeft, kBarHeight - 4);
        p->setPen(m_palette->mutedText);
        drawFitted(p, QRectF(-kHalfWidth, y, m_barLabelWidth, kBarHeight), Qt::AlignRight | Qt::AlignVCenter, m_barLabels[i]);
        p->setPen(Qt::NoPen);
        p->setBrush(m_palette->zoneFill.darker(130));
        p->drawRect(track);
        p->setBrush(m_palette->tone(bar.tone == core::Tone::Normal ? core::Tone::Accent : bar.tone));
        QRectF filled = track;
        filled.setWidth(track.width() * std::clamp(bar.value, 0.0, 1.0));
        p->drawRect(filled);
        y += kBarHeight;
    }
    return y;
}

std::vector<NodeItem::LogBox> NodeItem::logLayout() const {
    const std::size_t count = m_node.log.size();
    const std::size_t first = count > kLogCells ? count - kLogCells : 0;
    const double cell = 2 * kHalfWidth / static_cast<double>(kLogCells);
    const QFontMetricsF fm(partsFont());
    // Each entry's command with its term where the strip has room for all of them ("x=9 (term
    // 2)", then "x=9 (2)"), then the term only where it changes ("x=5 (1)", "x=6", "x=9 (2)":
    // the cells' colour tells the terms apart too); else the term alone, in cells of one width.
    using Form = QString (*)(const core::LogCell&, const core::LogCell*);
    const std::array<Form, 4> forms{
        [](const core::LogCell& c, const core::LogCell*) { return QStringLiteral("%1 (term %2)").arg(QString::fromStdString(c.text)).arg(c.group); },
        [](const core::LogCell& c, const core::LogCell*) { return QStringLiteral("%1 (%2)").arg(QString::fromStdString(c.text)).arg(c.group); },
        [](const core::LogCell& c, const core::LogCell* before) {
            return before && before->group == c.group ? QString::fromStdString(c.text)
                                                      : QStringLiteral("%1 (%2)").arg(QString::fromStdString(c.text)).arg(c.group);
        },
        [](const core::LogCell& c, const core::LogCell*) { return QString::number(c.group); }};
    for (std::size_t f = 0; f < forms.size(); ++f) {
        const bool last = f + 1 == forms.size();
        std::vector<LogBox> out;
        double x = 0;
        for (std::size_t i = first; i < count; ++i) {
            if (!last && m_node.log[i].text.empty()) break;
            const QString text = forms[f](m_node.log[i], i > first ? &m_node.log[i - 1] : nullptr);
            const double w = last ? cell : std::max(cell, fm.horizontalAdvance(text) + 6);
            out.push_back({QRectF(x, 0, w, kLine), text, i});
            x += w;
        }
        if (out.size() == count - first && (last || x <= 2 * kHalfWidth)) return out;
    }
    return {};
}

QStringList NodeItem::logTexts() const {
    QStringList out;
    for (const LogBox& b : logLayout()) out << b.text;
    return out;
}

void NodeItem::paintLog(QPainter* p, double y) const {
    if (m_node.log.empty()) return;
    const std::vector<LogBox> boxes = logLayout();
    // A plate of the background under the strip: a link running under the node stops at it.
    p->setPen(Qt::NoPen);
    p->setBrush(m_palette->background);
    p->drawRect(QRectF(-kHalfWidth - 1, y - 1, boxes.back().rect.right() + 2, kLine + 2));
    std::optional<double> commitEdge, appliedEdge, watermarkEdge;
    for (const LogBox& box : boxes) {
        const auto& entry = m_node.log[box.entry];
        const QColor fill = m_palette->logCell(entry.group, entry.committed);
        p->setBrush(fill);
        p->setPen(QPen(m_palette->text, entry.committed ? 1.0 : 0.8, entry.committed ? Qt::SolidLine : Qt::DotLine));
        const QRectF r = box.rect.translated(-kHalfWidth, y).adjusted(1, 0, -1, 0);
        p->drawRect(r);
        p->setPen(ScenePalette::textOn(fill));
        p->drawText(r, Qt::AlignCenter, box.text);
        const double edge = box.rect.right() - kHalfWidth;
        if (entry.committed) commitEdge = edge;
        if (entry.applied) appliedEdge = edge;
        if (entry.watermark) watermarkEdge = edge;
    }
    if (commitEdge) {
        // The commit marker: a bar after the last committed entry, shape not just shade.
        p->setPen(QPen(m_palette->tone(core::Tone::Good), 2.5));
        p->drawLine(QPointF(*commitEdge, y - 3), QPointF(*commitEdge, y + kLine + 3));
    }
    if (appliedEdge) {
        // Applied: a caret under the cells, pointing up at the last entry the state reflects.
        const QColor c = m_palette->tone(core::Tone::Accent);
        p->setPen(QPen(c, 1));
        p->setBrush(c);
        const double b = y + kLine + kLogMarkRoom;
        p->drawPolygon(QPolygonF{QPointF(*appliedEdge, y + kLine + 1), QPointF(*appliedEdge + 4, b),
                                 QPointF(*appliedEdge - 4, b)});
    }
    if (watermarkEdge) {
        // The high watermark: a dashed post through the strip with a pennant on top.
        const QColor c = m_palette->tone(core::Tone::Warning);
        p->setPen(QPen(c, 2, Qt::DashLine));
        p->drawLine(QPointF(*watermarkEdge, y - 6), QPointF(*watermarkEdge, y + kLine + 2));
        p->setPen(Qt::NoPen);
        p->setBrush(c);
        p->drawPolygon(QPolygonF{QPointF(*watermarkEdge, y - 7), QPointF(*watermarkEdge - 7, y - 4.5),
                                 QPointF(*watermarkEdge, y - 2)});
    }
}

}  // namespace sb::widgets
