#include "panels/key_rows_panel.h"

#include <QMouseEvent>
#include <QPainter>
#include <algorithm>

#include "scene/scene_palette.h"

namespace sb::widgets {
namespace {

constexpr double kRow = 20;
constexpr double kMargin = 6;
constexpr double kBarWidth = 90;

// Column left edges as fractions of the width: key, value, time left, status.
struct Columns {
    double key, value, left, status, right;
};

Columns columns(double width) {
    const double w = std::max(width - 2 * kMargin, 200.0);
    return {kMargin, kMargin + w * 0.30, kMargin + w * 0.50, kMargin + w * 0.82, kMargin + w};
}

}  // namespace

KeyRowsPanel::KeyRowsPanel(QWidget* parent) : QWidget(parent) {
    setAccessibleName(tr("Keys"));
    setToolTip(tr("Each key with its value, the time it has left and its last outcome. Click a key to act on it."));
    setMinimumHeight(heightFor(1));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
}

int KeyRowsPanel::heightFor(std::size_t rows) {
    const std::size_t shown = std::min<std::size_t>(std::max<std::size_t>(rows, 1), kMaxRows);
    const double more = rows > kMaxRows ? kRow : 0;
    return static_cast<int>(2 * kMargin + kRow * static_cast<double>(shown + 1) + more);  // + header
}

QSize KeyRowsPanel::sizeHint() const { return {360, heightFor(m_keys.size())}; }

void KeyRowsPanel::setKeys(const std::vector<core::KeyRow>& keys) {
    const bool resized = keys.size() != m_keys.size();
    m_keys = keys;
    m_drawn.clear();
    if (resized) updateGeometry();
    update();
}

void KeyRowsPanel::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const ScenePalette pal = ScenePalette::fromPalette(palette());
    p.fillRect(rect(), pal.background);
    m_drawn.clear();
    const Columns col = columns(width());
    QFont small = font();
    small.setPointSizeF(font().pointSizeF() * 0.85);
    QFont bold = font();
    bold.setBold(true);
    p.setFont(small);
    p.setPen(pal.mutedText);
    const auto cellText = [&p](double l, double r, double y, const QString& text, Qt::Alignment align = Qt::AlignLeft) {
        const QRectF rect(l, y, std::max(4.0, r - l - 6), kRow);
        p.drawText(rect, static_cast<int>((align | Qt::AlignVCenter).toInt()), p.fontMetrics().elidedText(text, Qt::ElideRight, static_cast<int>(rect.width())));
    };
    cellText(col.key + 12, col.value, kMargin, tr("Key"));
    cellText(col.value, col.left, kMargin, tr("Value"));
    cellText(col.left, col.status, kMargin, tr("Time left"));
    cellText(col.status, col.right, kMargin, tr("Status"));
    const std::size_t shown = std::min<std::size_t>(m_keys.size(), kMaxRows);
    for (std::size_t i = 0; i < shown; ++i) {
        const core::KeyRow& row = m_keys[i];
        const double y = kMargin + kRow * static_cast<double>(i + 1);
        const QRectF band(kMargin / 2, y, width() - kMargin, kRow);
        if (row.highlighted) {
            QColor h = pal.highlight;
            h.setAlpha(pal.dark ? 45 : 30);
            p.fillRect(band, h);
        }
        p.setFont(row.highlighted ? bold : font());
        p.setPen(pal.text);
        if (row.highlighted) cellText(col.key, col.key + 12, y, QStringLiteral("▶"));
        cellText(col.key + 12, col.value, y, QString::fromStdString(row.key));
        p.setFont(font());
        cellText(col.value, col.left, y, QString::fromStdString(row.value));
        double textLeft = col.left;
        if (row.left) {
            // A bar that drains towards expiry; the time is written beside it.
            const double left = std::clamp(*row.left, 0.0, 1.0);
            const double barWidth = std::min(kBarWidth, (col.status - col.left) * 0.45);
            const QRectF track(col.left, y + 6, barWidth, kRow - 12);
            p.setPen(Qt::NoPen);
            p.setBrush(pal.zoneFill.darker(130));
            p.drawRect(track);
            p.setBrush(pal.tone(left <= 0 ? core::Tone::Muted : left < 0.2 ? core::Tone::Warning : core::Tone::Accent));
            p.drawRect(QRectF(track.left(), track.top(), track.width() * left, track.height()));
            textLeft = track.right() + 6;
        }
        p.setFont(small);
        p.setPen(pal.mutedText);
        cellText(textLeft, col.status, y, QString::fromStdString(row.leftText));
        p.setFont(row.tone == core::Tone::Normal ? font() : bold);
        p.setPen(row.tone == core::Tone::Normal ? pal.text : pal.tone(row.tone));
        cellText(col.status, col.right, y, QString::fromStdString(row.status));
        m_drawn.push_back({band, i});
    }
    if (m_keys.size() > shown) {
        p.setFont(small);
        p.setPen(pal.mutedText);
        cellText(col.key + 12, col.right, kMargin + kRow * static_cast<double>(shown + 1),
                 tr("… and %n more key(s)", nullptr, static_cast<int>(m_keys.size() - shown)));
    }
}

void KeyRowsPanel::mousePressEvent(QMouseEvent* event) {
    for (const auto& d : m_drawn)
        if (d.rect.contains(event->position())) {
            emit keyClicked(QString::fromStdString(m_keys[d.row].key));
            return;
        }
    QWidget::mousePressEvent(event);
}

}  // namespace sb::widgets
