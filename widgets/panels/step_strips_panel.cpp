#include "panels/step_strips_panel.h"

#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>
#include <algorithm>

#include "scene/scene_palette.h"

namespace sb::widgets {
namespace {

constexpr double kRowHeight = 44;
constexpr double kCellHeight = 36;
constexpr double kTitleWidth = 150;
constexpr double kMargin = 6;
constexpr double kGap = 4;
constexpr double kMinCell = 56;
constexpr double kMaxCell = 150;

}  // namespace

StepStripsPanel::StepStripsPanel(QWidget* parent) : QWidget(parent) {
    setAccessibleName(tr("Step strips"));
    setAccessibleDescription(tr("Each step with its status; the current one is outlined and marked with an arrow"));
    setMinimumHeight(heightFor(1));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
}

int StepStripsPanel::heightFor(std::size_t strips) {
    const std::size_t shown = std::min<std::size_t>(std::max<std::size_t>(strips, 1), kMaxStrips);
    const double more = strips > kMaxStrips ? 18 : 0;
    return static_cast<int>(2 * kMargin + kRowHeight * static_cast<double>(shown) + more);
}

QSize StepStripsPanel::sizeHint() const { return {480, heightFor(m_strips.size())}; }

void StepStripsPanel::setStrips(const std::vector<core::StepStrip>& strips) {
    const bool grew = strips.size() != m_strips.size();
    m_strips = strips;
    m_drawn.clear();  // indices into the old strips
    setAccessibleDescription(tr("%n step strip(s)", nullptr, static_cast<int>(m_strips.size())));
    if (grew) updateGeometry();
    update();
}

void StepStripsPanel::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const ScenePalette pal = ScenePalette::fromPalette(palette());
    p.fillRect(rect(), pal.background);
    m_drawn.clear();
    const QFont base = font();
    QFont small = base;
    small.setPointSizeF(base.pointSizeF() * 0.85);
    QFont bold = base;
    bold.setBold(true);
    const std::size_t shown = std::min<std::size_t>(m_strips.size(), kMaxStrips);
    for (std::size_t s = 0; s < shown; ++s) {
        const core::StepStrip& strip = m_strips[s];
        const double y = kMargin + kRowHeight * static_cast<double>(s);
        p.setFont(bold);
        p.setPen(pal.text);
        const QRectF titleRect(kMargin, y, kTitleWidth - 8, kCellHeight);
        p.drawText(titleRect, Qt::AlignLeft | Qt::AlignVCenter,
                   p.fontMetrics().elidedText(QString::fromStdString(strip.title), Qt::ElideRight, static_cast<int>(titleRect.width())));
        if (strip.cells.empty()) continue;
        // Cells share the row: as wide as their words need, narrower when there are many.
        const double room = std::max(10.0, width() - kTitleWidth - 2 * kMargin);
        const double each = std::clamp(room / static_cast<double>(strip.cells.size()) - kGap, kMinCell, kMaxCell);
        double x = kMargin + kTitleWidth;
        for (std::size_t c = 0; c < strip.cells.size(); ++c) {
            const core::StepCell& cell = strip.cells[c];
            const QRectF r(x, y, each, kCellHeight);
            if (r.left() > width()) break;
            const QColor tone = pal.tone(cell.tone);
            QColor fill = tone;
            fill.setAlpha(cell.tone == core::Tone::Normal || cell.tone == core::Tone::Muted ? 0 : pal.dark ? 60 : 36);
            p.setBrush(fill);
            p.setPen(cell.current ? QPen(pal.highlight, 3) : QPen(tone, cell.tone == core::Tone::Muted ? 1 : 1.4,
                                                                  cell.tone == core::Tone::Muted ? Qt::DotLine : Qt::SolidLine));
            p.drawRoundedRect(r.adjusted(1, 1, -1, -1), 5, 5);
            QString label = QString::fromStdString(cell.label);
            if (cell.current) label = QStringLiteral("▶ ") + label;
            p.setFont(cell.current ? bold : base);
            p.setPen(cell.tone == core::Tone::Muted ? pal.mutedText : pal.text);
            const QRectF top(r.left() + 4, r.top() + 2, r.width() - 8, r.height() / 2);
            p.drawText(top, Qt::AlignCenter, p.fontMetrics().elidedText(label, Qt::ElideRight, static_cast<int>(top.width())));
            p.setFont(small);
            p.setPen(cell.tone == core::Tone::Normal ? pal.mutedText : tone);
            const QRectF bottom(r.left() + 4, r.center().y(), r.width() - 8, r.height() / 2 - 2);
            p.drawText(bottom, Qt::AlignCenter,
                       p.fontMetrics().elidedText(QString::fromStdString(cell.status), Qt::ElideRight, static_cast<int>(bottom.width())));
            m_drawn.push_back({r, s, c});
            x += each + kGap;
        }
    }
    if (m_strips.size() > shown) {
        p.setFont(small);
        p.setPen(pal.mutedText);
        p.drawText(QRectF(kMargin, kMargin + kRowHeight * static_cast<double>(shown), width() - 2 * kMargin, 16),
                   Qt::AlignLeft | Qt::AlignVCenter, tr("… and %n more", nullptr, static_cast<int>(m_strips.size() - shown)));
    }
}

bool StepStripsPanel::event(QEvent* event) {
    if (event->type() != QEvent::ToolTip) return QWidget::event(event);
    const auto* help = static_cast<QHelpEvent*>(event);
    for (const auto& d : m_drawn) {
        if (!d.rect.contains(help->pos())) continue;
        const core::StepCell& cell = m_strips[d.strip].cells[d.cell];
        QString text = QStringLiteral("%1: %2").arg(QString::fromStdString(cell.label), QString::fromStdString(cell.status));
        if (!cell.note.empty()) text += QStringLiteral("\n") + QString::fromStdString(cell.note);
        QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    QToolTip::hideText();
    event->ignore();
    return true;
}

}  // namespace sb::widgets
