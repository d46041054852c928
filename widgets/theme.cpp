#include "theme.h"

#include <QApplication>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>
#include <optional>

namespace sb::widgets {

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
    if (theme != Theme::System && QApplication::style()->name().compare(QLatin1String("fusion"), Qt::CaseInsensitive) != 0)
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QApplication::setPalette(theme == Theme::Light ? lightPalette() : theme == Theme::Dark ? darkPalette() : system);
}

}  // namespace sb::widgets
