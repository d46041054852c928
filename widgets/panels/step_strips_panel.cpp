#include "panels/step_strips_panel.h"

#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>
#include <algorithm>

#include "scene/node_text.h"
#include "scene/scene_palette.h"

namespace sb::widgets {
namespace {

// A row: two lines of words and a gap (each row taken is room the scene loses); compact rows
// take their words a step smaller.
constexpr double kRowHeight = 35;
constexpr double kCellHeight = 32;
constexpr double kCompactRowHeight = 29;
constexpr double kCompactCellHeight = 27;
constexpr double kCompactFont = 0.85;
constexpr double kMargin = 6;
constexpr double kGap = 4;
constexpr double kPad = 10;  // inside a cell, around its words
constexpr double kMinCell = 56;
constexpr double kMaxCell = 170;

QString cellLabel(const core::StepCell& cell) {
    const QString label = QString::fromStdString(cell.label);
    return cell.current ? QStringLiteral("▶ ") + label : label;
}

// The width a cell's words need at one font step.
double cellNeed(const core::StepCell& cell, const TextFonts& f) {
    const double label = QFontMetricsF(cell.current ? f.bold : f.base).horizontalAdvance(cellLabel(cell));
    const double status = QFontMetricsF(f.small).horizontalAdvance(QString::fromStdString(cell.status));
    return std::max(kMinCell, std::max(label, status) + kPad);
}

QString earlierText(std::size_t n) { return StepStripsPanel::tr("%n earlier", nullptr, static_cast<int>(n)); }
QString laterText(std::size_t n) { return StepStripsPanel::tr("%n later", nullptr, static_cast<int>(n)); }

// How one strip's cells share its row: the largest font step at which every cell's words fit;
// else, at the smallest step, the run of cells that fits (the current one in it) with the rest
// counted in an "N earlier" and an "N later" cell.
struct Plan {
    double step = 1.0;
    std::size_t first = 0, last = 0;  // the cells shown: [first, last)
    std::vector<double> widths;       // of the shown cells
    double earlierWidth = 0, laterWidth = 0;
};

Plan planStrip(const core::StepStrip& strip, const QFont& font, double room) {
    const std::size_t n = strip.cells.size();
    Plan plan;
    for (const double step : kTextSteps) {
        const TextFonts f = textFontsAt(font, step);
        std::vector<double> need;
        double total = -kGap;
        for (const auto& cell : strip.cells) {
            need.push_back(cellNeed(cell, f));
            total += need.back() + kGap;
        }
        if (total > room && step != kTextSteps.back()) continue;
        plan.step = step;
        if (total <= room) {
            // Everything fits: share the spare room out, up to a comfortable width.
            const double extra = (room - total) / static_cast<double>(n);
            for (double w : need) plan.widths.push_back(std::max(w, std::min(w + extra, kMaxCell)));
            plan.last = n;
            return plan;
        }
        // The smallest step and still too many: a run of cells ending at the current one (or
        // the last), grown backwards, then forwards, while it fits beside its count cells.
        const QFontMetricsF fm(f.small);
        const auto countWidth = [&](const QString& text) { return std::max(kMinCell, fm.horizontalAdvance(text) + kPad); };
        std::size_t current = n - 1;
        for (std::size_t c = 0; c < n; ++c)
            if (strip.cells[c].current) current = c;
        std::size_t first = current, last = current + 1;
        const auto used = [&](std::size_t a, std::size_t b) {
            double w = -kGap;
            for (std::size_t c = a; c < b; ++c) w += need[c] + kGap;
            if (a > 0) w += countWidth(earlierText(a)) + kGap;
            if (b < n) w += countWidth(laterText(n - b)) + kGap;
            return w;
        };
        while (first > 0 && used(first - 1, last) <= room) --first;
        while (last < n && used(first, last + 1) <= room) ++last;
        plan.first = first;
        plan.last = last;
        for (std::size_t c = first; c < last; ++c) plan.widths.push_back(need[c]);
        if (first > 0) plan.earlierWidth = countWidth(earlierText(first));
        if (last < n) plan.laterWidth = countWidth(laterText(n - last));
        // One cell that does not fit alone is narrowed to the row (its words will be cut).
        const double over = used(first, last) - room;
        if (over > 0 && !plan.widths.empty()) plan.widths.back() = std::max(kMinCell, plan.widths.back() - over);
        return plan;
    }
    return plan;
}

}  // namespace

StepStripsPanel::StepStripsPanel(QWidget* parent) : QWidget(parent) {
    setAccessibleName(tr("Step strips"));
    setAccessibleDescription(tr("Each step with its status; the current one is outlined and marked with an arrow"));
    setMinimumHeight(heightFor(1));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
}

int StepStripsPanel::heightFor(std::size_t strips, bool compact) {
    const std::size_t shown = std::min<std::size_t>(std::max<std::size_t>(strips, 1), kMaxStrips);
    const double more = strips > kMaxStrips ? 18 : 0;
    return static_cast<int>(2 * kMargin + (compact ? kCompactRowHeight : kRowHeight) * static_cast<double>(shown) + more);
}

void StepStripsPanel::setCompact(bool compact) {
    if (compact == m_compact) return;
    m_compact = compact;
    setMinimumHeight(heightFor(1, compact));
    updateGeometry();
    update();
}

QSize StepStripsPanel::sizeHint() const { return {480, heightFor(m_strips.size(), m_compact)}; }

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
    m_cut.clear();
    const QFont base = m_compact ? scaledFont(font(), kCompactFont) : font();
    const double rowHeight = m_compact ? kCompactRowHeight : kRowHeight;
    const double cellHeight = m_compact ? kCompactCellHeight : kCellHeight;
    const TextFonts full = textFontsAt(base, 1.0);
    const std::size_t shown = std::min<std::size_t>(m_strips.size(), kMaxStrips);
    // The title column as wide as the longest title, within a third of the row.
    double titleWidth = 0;
    for (std::size_t s = 0; s < shown; ++s)
        titleWidth = std::max(titleWidth, QFontMetricsF(full.bold).horizontalAdvance(QString::fromStdString(m_strips[s].title)));
    titleWidth = std::min(titleWidth + 10, std::max(60.0, width() / 3.0));
    const auto text = [&](const QRectF& r, const QString& words, const QFont& f, const QColor& pen, Qt::Alignment align, int lines = 1) {
        const FittedText fit = fitText(words, f, r.width(), lines);
        if (fit.cut) m_cut << words;
        p.setPen(pen);
        drawFitted(&p, r, align, fit);
    };
    for (std::size_t s = 0; s < shown; ++s) {
        const core::StepStrip& strip = m_strips[s];
        const double y = kMargin + rowHeight * static_cast<double>(s);
        text(QRectF(kMargin, y, titleWidth - 8, cellHeight), QString::fromStdString(strip.title), full.bold, pal.text,
             Qt::AlignLeft | Qt::AlignVCenter, 2);
        if (strip.cells.empty()) continue;
        const double room = std::max(kMinCell, width() - titleWidth - 2 * kMargin);
        const Plan plan = planStrip(strip, base, room);
        const TextFonts f = textFontsAt(base, plan.step);
        double x = kMargin + titleWidth;
        const auto countCell = [&](double w, const QString& words) {
            const QRectF r(x, y, w, cellHeight);
            p.setBrush(Qt::NoBrush);
            p.setPen(QPen(pal.mutedText, 1, Qt::DotLine));
            p.drawRoundedRect(r.adjusted(1, 1, -1, -1), 5, 5);
            text(r.adjusted(4, 0, -4, 0), words, f.small, pal.mutedText, Qt::AlignCenter);
            x += w + kGap;
        };
        if (plan.first > 0) countCell(plan.earlierWidth, earlierText(plan.first));
        for (std::size_t c = plan.first; c < plan.last; ++c) {
            const core::StepCell& cell = strip.cells[c];
            const QRectF r(x, y, plan.widths[c - plan.first], cellHeight);
            const QColor tone = pal.tone(cell.tone);
            QColor fill = tone;
            // A muted cell (a compensated step: done, then undone) is drawn as a cell like the
            // others, its outline solid in the muted colour (which reads at 4.5:1 on the
            // background) over a faint fill; a 1 px dotted outline all but vanished on the dark
            // theme. Its words stay muted, and the status word says what happened.
            const bool muted = cell.tone == core::Tone::Muted;
            fill.setAlpha(cell.tone == core::Tone::Normal ? 0 : muted ? 28 : pal.dark ? 60 : 36);
            p.setBrush(fill);
            p.setPen(cell.current ? QPen(pal.highlight, 3) : QPen(tone, 1.4));
            p.drawRoundedRect(r.adjusted(1, 1, -1, -1), 5, 5);
            const QRectF top(r.left() + 4, r.top() + 2, r.width() - 8, r.height() / 2);
            text(top, cellLabel(cell), cell.current ? f.bold : f.base, cell.tone == core::Tone::Muted ? pal.mutedText : pal.text,
                 Qt::AlignCenter);
            const QRectF bottom(r.left() + 4, r.center().y(), r.width() - 8, r.height() / 2 - 2);
            text(bottom, QString::fromStdString(cell.status), f.small, cell.tone == core::Tone::Normal ? pal.mutedText : tone,
                 Qt::AlignCenter);
            m_drawn.push_back({r, s, c});
            x += r.width() + kGap;
        }
        if (plan.last < strip.cells.size()) countCell(plan.laterWidth, laterText(strip.cells.size() - plan.last));
    }
    if (m_strips.size() > shown) {
        p.setFont(full.small);
        p.setPen(pal.mutedText);
        p.drawText(QRectF(kMargin, kMargin + rowHeight * static_cast<double>(shown), width() - 2 * kMargin, 16),
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
