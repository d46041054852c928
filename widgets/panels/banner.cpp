#include "panels/banner.h"

#include "scene/scene_palette.h"

namespace sb::widgets {

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
        text = parts.join(QStringLiteral("  ·  "));
    }
    if (text.isEmpty()) {
        hide();
        return;
    }
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
