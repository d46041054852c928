#include "panels/key_rows_panel.h"

#include <QMouseEvent>
#include <QPainter>
#include <algorithm>
#include <array>

#include "scene/node_text.h"
#include "scene/scene_palette.h"

namespace sb::widgets {
namespace {

constexpr double kRow = 20;
constexpr double kMargin = 6;
constexpr double kArrow = 12;   // before the key, for the highlighted row's arrow
constexpr double kBarWidth = 60;
constexpr double kColumnGap = 12;

// Column left edges: key, value, time left, status, and the right edge.
struct Columns {
    double key, value, left, status, right;
    double step = 1.0;  // the font step every row is drawn at
    bool hasLeft = true;
};


// Columns as wide as their widest word (header or row) at the largest font step at which all of
// them fit the width; the spare room is shared out between them. The time column is left out
// when no key has a time.
Columns columns(const std::vector<core::KeyRow>& keys, std::size_t shown, const QFont& font, double width) {
    bool hasLeft = false;
    for (std::size_t i = 0; i < shown; ++i) hasLeft = hasLeft || keys[i].left || !keys[i].leftText.empty();
    const double room = std::max(width - 2 * kMargin, 100.0);
    std::array<double, 4> need{};
    double step = kTextSteps.back();
    for (const double s : kTextSteps) {
        const TextFonts f = textFontsAt(font, s);
        const QFontMetricsF base(f.base), bold(f.bold), small(f.small);
        need = {kArrow + small.horizontalAdvance(KeyRowsPanel::tr("Key")), small.horizontalAdvance(KeyRowsPanel::tr("Value")),
                hasLeft ? small.horizontalAdvance(KeyRowsPanel::tr("Time left")) : 0.0, small.horizontalAdvance(KeyRowsPanel::tr("Status"))};
        for (std::size_t i = 0; i < shown; ++i) {
            const core::KeyRow& row = keys[i];
            need[0] = std::max(need[0], kArrow + bold.horizontalAdvance(QString::fromStdString(row.key)));
            need[1] = std::max(need[1], base.horizontalAdvance(QString::fromStdString(row.value)));
            if (hasLeft)
                need[2] = std::max(need[2], (row.left ? kBarWidth + 6 : 0.0) + small.horizontalAdvance(QString::fromStdString(row.leftText)));
            const QFontMetricsF& status = row.tone == core::Tone::Normal ? base : bold;
            need[3] = std::max(need[3], status.horizontalAdvance(QString::fromStdString(row.status)));
        }
        double total = 0;
        for (double& n : need) total += n += kColumnGap;
        step = s;
        if (total <= room) {
            const double extra = (room - total) / 4;
            for (double& n : need) n += extra;
            break;
        }
        if (s == kTextSteps.back()) {
            // Still too wide: the status column gives way (its words will be cut).
            need[3] = std::max(40.0, room - need[0] - need[1] - need[2]);
        }
    }
    Columns c;
    c.key = kMargin;
    c.value = c.key + need[0];
    c.left = c.value + need[1];
    c.status = c.left + need[2];
    c.right = std::max(c.status + need[3], kMargin + room);
    c.step = step;
    c.hasLeft = hasLeft;
    return c;
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
    m_cut.clear();
    const std::size_t shown = std::min<std::size_t>(m_keys.size(), kMaxRows);
    const Columns col = columns(m_keys, shown, font(), width());
    const TextFonts f = textFontsAt(font(), col.step);
    const auto cellText = [&](double l, double r, double y, const QString& text, const QFont& font, const QColor& pen) {
        const QRectF rect(l, y, std::max(4.0, r - l - kColumnGap / 2), kRow);
        const FittedText fit = fitText(text, font, rect.width());
        if (fit.cut) m_cut << text;
        p.setPen(pen);
        drawFitted(&p, rect, Qt::AlignLeft | Qt::AlignVCenter, fit);
    };
    cellText(col.key + kArrow, col.value, kMargin, tr("Key"), f.small, pal.mutedText);
    cellText(col.value, col.left, kMargin, tr("Value"), f.small, pal.mutedText);
    if (col.hasLeft) cellText(col.left, col.status, kMargin, tr("Time left"), f.small, pal.mutedText);
    cellText(col.status, col.right, kMargin, tr("Status"), f.small, pal.mutedText);
    for (std::size_t i = 0; i < shown; ++i) {
        const core::KeyRow& row = m_keys[i];
        const double y = kMargin + kRow * static_cast<double>(i + 1);
        const QRectF band(kMargin / 2, y, width() - kMargin, kRow);
        if (row.highlighted) {
            QColor h = pal.highlight;
            h.setAlpha(pal.dark ? 45 : 30);
            p.fillRect(band, h);
        }
        if (row.highlighted) cellText(col.key, col.key + kArrow + kColumnGap, y, QStringLiteral("▶"), f.bold, pal.text);
        cellText(col.key + kArrow, col.value, y, QString::fromStdString(row.key), row.highlighted ? f.bold : f.base, pal.text);
        cellText(col.value, col.left, y, QString::fromStdString(row.value), f.base, pal.text);
        double textLeft = col.left;
        if (row.left) {
            // A bar that drains towards expiry; the time is written beside it.
            const double left = std::clamp(*row.left, 0.0, 1.0);
            const QRectF track(col.left, y + 6, kBarWidth, kRow - 12);
            p.setPen(Qt::NoPen);
            p.setBrush(pal.zoneFill.darker(130));
            p.drawRect(track);
            p.setBrush(pal.tone(left <= 0 ? core::Tone::Muted : left < 0.2 ? core::Tone::Warning : core::Tone::Accent));
            p.drawRect(QRectF(track.left(), track.top(), track.width() * left, track.height()));
            textLeft = track.right() + 6;
        }
        if (col.hasLeft) cellText(textLeft, col.status, y, QString::fromStdString(row.leftText), f.small, pal.mutedText);
        cellText(col.status, col.right, y, QString::fromStdString(row.status), row.tone == core::Tone::Normal ? f.base : f.bold,
                 row.tone == core::Tone::Normal ? pal.text : pal.tone(row.tone));
        m_drawn.push_back({band, i});
    }
    if (m_keys.size() > shown)
        cellText(col.key + kArrow, width() - kMargin, kMargin + kRow * static_cast<double>(shown + 1),
                 tr("… and %n more key(s)", nullptr, static_cast<int>(m_keys.size() - shown)), f.small, pal.mutedText);
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
