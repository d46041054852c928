#include "panels/banner.h"

#include <QRegularExpression>
#include <algorithm>
#include <vector>

#include "scene/scene_palette.h"

namespace sb::widgets {

QStringList foldAnnotations(const QStringList& parts) {
    // "k1: 19 recomputes in flight" and "k2: 7 recomputes in flight" say one thing twice:
    // "k1 (19), k2 (7): recomputes in flight", in the place of the first of them.
    static const QRegularExpression shape(QStringLiteral("^(\\S+): (\\d+(?:\\.\\d+)?) (.+)$"));
    QStringList out;
    std::vector<QString> words;  // for each line of `out`, the words its subjects share
    std::vector<QStringList> subjects;
    for (const QString& part : parts) {
        const QRegularExpressionMatch m = shape.match(part);
        if (!m.hasMatch()) {
            out << part;
            words.emplace_back();
            subjects.emplace_back();
            continue;
        }
        const QString subject = QStringLiteral("%1 (%2)").arg(m.captured(1), m.captured(2));
        const auto same = std::find(words.begin(), words.end(), m.captured(3));
        if (same != words.end()) {
            const auto k = static_cast<std::size_t>(same - words.begin());
            subjects[k] << subject;
            out[static_cast<qsizetype>(k)] = subjects[k].join(QStringLiteral(", ")) + QStringLiteral(": ") + words[k];
            continue;
        }
        out << part;
        words.push_back(m.captured(3));
        subjects.push_back({subject});
    }
    return out;
}

Banner::Banner(QWidget* parent) : QLabel(parent) {
    setAccessibleName(tr("Status banner"));
    // Wrapped, so a long list of anomalies grows the banner downwards instead of forcing the
    // whole window wider than the screen.
    setWordWrap(true);
    setMinimumWidth(1);
    setTextFormat(Qt::PlainText);
    setContentsMargins(10, 4, 10, 4);
    setAutoFillBackground(true);
    hide();
}

void Banner::show(const core::View& view, const std::vector<core::Violation>& violations) {
    QString text;
    m_alarm = !violations.empty();
    if (m_alarm) {
        const core::Violation& v = violations.back();
        text = tr("⚠ %1 at %2: %3")
                   .arg(QString::fromStdString(v.invariant), QString::fromStdString(core::formatMs(v.time)),
                        QString::fromStdString(v.detail));
        if (violations.size() > 1) text += tr(" (+%1 more)").arg(violations.size() - 1);
    } else {
        QStringList parts;
        for (const auto& a : view.annotations) parts << QString::fromStdString(a);
        text = foldAnnotations(parts).join(QStringLiteral("  ·  "));
    }
    if (text.isEmpty()) {
        if (!m_keepsRoom) {
            hide();
            return;
        }
        clear();
        setToolTip({});
        setAutoFillBackground(false);
        setVisible(true);
        return;
    }
    setAutoFillBackground(true);
    if (text != this->text()) setText(text);
    setToolTip(text);
    const ScenePalette pal = ScenePalette::fromPalette(palette());
    QPalette p = palette();
    QColor bg = m_alarm ? pal.tone(core::Tone::Bad) : pal.tone(core::Tone::Accent);
    bg.setAlpha(pal.dark ? 90 : 40);
    p.setColor(QPalette::Window, bg);
    setPalette(p);
    setVisible(true);
}

}  // namespace sb::widgets
