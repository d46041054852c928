#include "scene/message_item.h"

#include <QGraphicsSceneContextMenuEvent>
#include <QGraphicsSceneMouseEvent>
#include <QCursor>
#include <QFontMetricsF>
#include <QHash>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>

#include "scene/graph_scene.h"

namespace sb::widgets {

namespace {
constexpr double kSize = 7.0;

QFont labelFont() {
    QFont f;
    f.setPointSizeF(7.5);
    f.setBold(true);
    return f;
}
}  // namespace

QString messageLabel(const std::string& kind, const std::string& summary) {
    QString initials;
    for (std::size_t i = 0; i < kind.size(); ++i) {
        const char c = kind[i];
        const bool start = i == 0 || kind[i - 1] == ' ' || kind[i - 1] == '_';
        if ((start && c != ' ' && c != '_') || (c >= 'A' && c <= 'Z' && i > 0)) initials += QChar::fromLatin1(c).toUpper();
    }
    if (initials.size() == 1 && kind.size() <= 6) initials = QString::fromStdString(kind);
    // The first field, without a parenthesised aside: "event 8 (order 2)" -> "event 8".
    std::string first = summary.substr(0, summary.find(','));
    if (const auto aside = first.find(" ("); aside != std::string::npos && aside > 0) first.resize(aside);
    QString field = QString::fromStdString(first).trimmed();
    // "term 2" -> "t2": a word then a number reads as its initial and the number.
    const QStringList words = field.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (words.size() == 2 && !words[1].isEmpty() && (words[1][0].isDigit() || words[1][0] == QLatin1Char('-')))
        field = words[0].left(1) + words[1];
    if (field.size() > 10) field = field.left(9) + QStringLiteral("…");
    return field.isEmpty() ? initials : initials + QLatin1Char(' ') + field;
}

QSizeF MessageItem::labelSize(const QString& text) {
    // Measured once per text: placing labels asks for every group's size on every frame, and a
    // scene has a few dozen distinct labels ("RV t2 ×4"). The font is fixed, so sizes never go stale.
    static QHash<QString, QSizeF> sizes;
    if (const auto it = sizes.constFind(text); it != sizes.constEnd()) return *it;
    if (sizes.size() > 4096) sizes.clear();
    const QFontMetricsF m(labelFont());
    return *sizes.insert(text, {m.horizontalAdvance(text) + 8, m.height() + 2});
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
    const QRectF box = labelRect();
    p->setPen(QPen(c, m_emphasised ? 2.0 : 1.0));
    p->setBrush(m_palette->background);
    p->drawRoundedRect(box, 3, 3);
    p->setFont(labelFont());
    p->setPen(m_palette->text);
    p->drawText(box, Qt::AlignCenter, m_label);
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
