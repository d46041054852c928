#include "theme.h"

#include <QApplication>
#include <QPainter>
#include <QPalette>
#include <QProxyStyle>
#include <QStyleFactory>
#include <QStyleOption>
#include <optional>

namespace sb::widgets {

namespace {

// Fusion outlines an unticked check box or radio button in the window colour darkened by 40%,
// which on a dark base is the base itself (about 1.1:1): the box disappears. This draws the
// outline again in a colour that stands out from the base by 3:1 (WCAG's non-text minimum), in
// either palette, so an empty box is still a box.
class IndicatorStyle : public QProxyStyle {
public:
    explicit IndicatorStyle(QStyle* base) : QProxyStyle(base) { setObjectName(QStringLiteral("sbIndicatorStyle")); }

    void drawPrimitive(PrimitiveElement element, const QStyleOption* option, QPainter* painter,
                       const QWidget* widget) const override {
        QProxyStyle::drawPrimitive(element, option, painter, widget);
        const bool box = element == PE_IndicatorCheckBox;
        if (!box && element != PE_IndicatorRadioButton) return;
        if (option->state & State_HasFocus && option->state & State_KeyboardFocusChange) return;  // focus ring kept
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing, true);
        painter->setBrush(Qt::NoBrush);
        painter->setPen(QPen(indicatorOutline(option->palette), 1));
        const QRectF r = QRectF(option->rect).adjusted(0.5, 0.5, -1.5, -1.5);
        if (box)
            painter->drawRect(r);
        else
            painter->drawEllipse(r);
        painter->restore();
    }
};

}  // namespace

QColor indicatorOutline(const QPalette& palette) {
    // Halfway from the base to the text colour, in whichever direction the theme goes.
    const QColor base = palette.color(QPalette::Base), text = palette.color(QPalette::Text);
    const auto mix = [](int a, int b) { return (a * 45 + b * 55) / 100; };
    return QColor(mix(base.red(), text.red()), mix(base.green(), text.green()), mix(base.blue(), text.blue()));
}

QPalette lightPalette() {
    QPalette p;
    p.setColor(QPalette::Window, QColor(0xef, 0xf0, 0xf1));
    p.setColor(QPalette::WindowText, QColor(0x23, 0x26, 0x29));
    p.setColor(QPalette::Base, QColor(0xfc, 0xfc, 0xfc));
    p.setColor(QPalette::AlternateBase, QColor(0xf2, 0xf3, 0xf5));
    p.setColor(QPalette::Text, QColor(0x23, 0x26, 0x29));
    p.setColor(QPalette::Button, QColor(0xe8, 0xe9, 0xeb));
    p.setColor(QPalette::ButtonText, QColor(0x23, 0x26, 0x29));
    // Every text colour here reads at 4.5:1 or better on the backgrounds it is drawn on (WCAG AA);
    // tests/widgets/contrast_test.cpp measures each pair.
    p.setColor(QPalette::Highlight, QColor(0x23, 0x6c, 0xb4));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::ToolTipBase, QColor(0xff, 0xff, 0xe8));
    p.setColor(QPalette::ToolTipText, QColor(0x23, 0x26, 0x29));
    p.setColor(QPalette::PlaceholderText, QColor(0x62, 0x66, 0x6a));
    p.setColor(QPalette::Link, QColor(0x1d, 0x62, 0xa8));
    p.setColor(QPalette::Mid, QColor(0xb0, 0xb4, 0xb8));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x90, 0x94, 0x98));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x90, 0x94, 0x98));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x90, 0x94, 0x98));
    return p;
}

QPalette darkPalette() {
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x2a, 0x2e, 0x33));
    p.setColor(QPalette::WindowText, QColor(0xe6, 0xe8, 0xea));
    p.setColor(QPalette::Base, QColor(0x1e, 0x21, 0x25));
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x2a, 0x2f));
    p.setColor(QPalette::Text, QColor(0xe6, 0xe8, 0xea));
    p.setColor(QPalette::Button, QColor(0x34, 0x39, 0x3f));
    p.setColor(QPalette::ButtonText, QColor(0xe6, 0xe8, 0xea));
    p.setColor(QPalette::Highlight, QColor(0x1f, 0x5f, 0xa0));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::ToolTipBase, QColor(0x34, 0x39, 0x3f));
    p.setColor(QPalette::ToolTipText, QColor(0xe6, 0xe8, 0xea));
    p.setColor(QPalette::PlaceholderText, QColor(0xa8, 0xac, 0xb0));
    p.setColor(QPalette::Link, QColor(0x6c, 0xb4, 0xf0));
    p.setColor(QPalette::Light, QColor(0x4a, 0x50, 0x57));
    p.setColor(QPalette::Midlight, QColor(0x3e, 0x44, 0x4a));
    p.setColor(QPalette::Mid, QColor(0x55, 0x5b, 0x62));
    p.setColor(QPalette::Dark, QColor(0x18, 0x1a, 0x1d));
    p.setColor(QPalette::Shadow, QColor(0x10, 0x10, 0x10));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x80, 0x84, 0x88));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x80, 0x84, 0x88));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x80, 0x84, 0x88));
    return p;
}

Theme themeFromString(const QString& name) {
    if (name.compare(QLatin1String("light"), Qt::CaseInsensitive) == 0) return Theme::Light;
    if (name.compare(QLatin1String("dark"), Qt::CaseInsensitive) == 0) return Theme::Dark;
    return Theme::System;
}

QString themeToString(Theme theme) {
    switch (theme) {
        case Theme::Light: return QStringLiteral("light");
        case Theme::Dark: return QStringLiteral("dark");
        case Theme::System: break;
    }
    return QStringLiteral("system");
}

void applyTheme(QApplication& app, Theme theme) {
    // Remembered per application object rather than in a static, so tests can make fresh ones.
    const QVariant saved = app.property("sbSystemPalette");
    if (!saved.isValid()) app.setProperty("sbSystemPalette", QVariant::fromValue(QApplication::palette()));
    const auto system = app.property("sbSystemPalette").value<QPalette>();
    if (theme != Theme::System && QApplication::style()->objectName() != QLatin1String("sbIndicatorStyle"))
        QApplication::setStyle(new IndicatorStyle(QStyleFactory::create(QStringLiteral("Fusion"))));
    QApplication::setPalette(theme == Theme::Light ? lightPalette() : theme == Theme::Dark ? darkPalette() : system);
}

}  // namespace sb::widgets
