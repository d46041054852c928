#pragma once
// Text that fits the room it is given, shared by the scene's nodes and the panels under it: the
// largest of a few font steps at which it fits on one line, else (where two lines are allowed)
// wrapped to two at the largest step that holds them, and only as a last resort cut with "…".
// The result says when it had to cut, so a widget can list what it cut and a test can ask.

#include <QFont>
#include <QFontMetricsF>
#include <QPainter>
#include <QRectF>
#include <QString>
#include <QStringList>
#include <algorithm>
#include <array>

namespace sb::widgets {

// The font steps tried, largest first, as fractions of the font asked for.
inline constexpr std::array<double, 3> kTextSteps{1.0, 0.9, 0.8};
inline constexpr double kSmallestPointSize = 6.5;  // smaller than this is not read

inline QFont scaledFont(const QFont& base, double scale) {
    QFont f = base;
    f.setPointSizeF(std::max(kSmallestPointSize, base.pointSizeF() * scale));
    return f;
}

// A panel's three faces at one font step: body text, its bold, and a smaller line under it.
struct TextFonts {
    QFont base, bold, small;
};

inline TextFonts textFontsAt(const QFont& font, double step) {
    TextFonts f{scaledFont(font, step), {}, scaledFont(font, step * 0.85)};
    f.bold = f.base;
    f.bold.setBold(true);
    return f;
}

struct FittedText {
    QFont font;
    QStringList lines;  // one or two
    bool cut = false;   // it did not fit even at the smallest step: the last line ends in "…"
    double width = 0;   // the widest line, in the chosen font
};

namespace detail {

// `text` split at the space that makes its two halves most even, if each half fits `width`.
inline bool splitInTwo(const QFontMetricsF& fm, const QString& text, double width, QStringList& out) {
    double best = -1;
    for (qsizetype i = text.indexOf(QLatin1Char(' ')); i > 0; i = text.indexOf(QLatin1Char(' '), i + 1)) {
        const QString a = text.left(i).trimmed();
        const QString b = text.mid(i + 1).trimmed();
        const double wa = fm.horizontalAdvance(a), wb = fm.horizontalAdvance(b);
        if (wa > width || wb > width || a.isEmpty() || b.isEmpty()) continue;
        const double widest = std::max(wa, wb);
        if (best < 0 || widest < best) {
            best = widest;
            out = {a, b};
        }
    }
    return best >= 0;
}

}  // namespace detail

// Fits `text` into `width` with `base` or a step smaller; `maxLines` 2 allows a wrap (tried only
// after every one-line step, since a second line costs the room below).
inline FittedText fitText(const QString& text, const QFont& base, double width, int maxLines = 1) {
    FittedText out;
    for (const double step : kTextSteps) {
        const QFont f = scaledFont(base, step);
        const QFontMetricsF fm(f);
        const double w = fm.horizontalAdvance(text);
        if (w <= width) return {f, {text}, false, w};
    }
    if (maxLines >= 2) {
        for (const double step : kTextSteps) {
            const QFont f = scaledFont(base, step);
            const QFontMetricsF fm(f);
            QStringList lines;
            if (detail::splitInTwo(fm, text, width, lines))
                return {f, lines, false, std::max(fm.horizontalAdvance(lines[0]), fm.horizontalAdvance(lines[1]))};
        }
    }
    out.font = scaledFont(base, kTextSteps.back());
    const QFontMetricsF fm(out.font);
    out.lines = {fm.elidedText(text, Qt::ElideRight, width)};
    out.cut = true;
    out.width = std::min(width, fm.horizontalAdvance(out.lines.front()));
    return out;
}

// The width `text` needs at the smallest step (for sizing columns to their content).
inline double smallestWidth(const QString& text, const QFont& base) {
    return QFontMetricsF(scaledFont(base, kTextSteps.back())).horizontalAdvance(text);
}

// Draws fitted text in `rect`, its lines stacked and the block aligned by `align`. The painter's
// font is restored.
inline void drawFitted(QPainter* p, const QRectF& rect, Qt::Alignment align, const FittedText& text) {
    const QFont before = p->font();
    p->setFont(text.font);
    p->drawText(rect, static_cast<int>(align.toInt()), text.lines.join(QLatin1Char('\n')));
    p->setFont(before);
}

}  // namespace sb::widgets
