// Text contrast in the light and dark themes: every text colour the app draws against a
// background it is drawn on reads at 4.5:1 or better (WCAG 2 AA for normal-size text).
#include <QApplication>
#include <QPalette>
#include <QTest>
#include <cmath>

#include "scene/scene_palette.h"
#include "test_support.h"
#include "theme.h"

using namespace sb;

namespace {

double channel(int c8) {
    const double c = c8 / 255.0;
    return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double luminance(const QColor& c) {
    return 0.2126 * channel(c.red()) + 0.7152 * channel(c.green()) + 0.0722 * channel(c.blue());
}

double contrast(const QColor& a, const QColor& b) {
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

}  // namespace

class ContrastTest : public QObject {
    Q_OBJECT
private slots:
    void init() { test::failOnQtWarnings(); }

    void contrastFormula() {
        QCOMPARE(qRound(contrast(Qt::black, Qt::white) * 10), 210);
        QCOMPARE(contrast(QColor(0x77, 0x77, 0x77), QColor(0x77, 0x77, 0x77)), 1.0);
    }

    void textReadsInBothThemes_data() {
        QTest::addColumn<bool>("dark");
        QTest::newRow("light") << false;
        QTest::newRow("dark") << true;
    }

    void textReadsInBothThemes() {
        QFETCH(bool, dark);
        const QPalette pal = dark ? widgets::darkPalette() : widgets::lightPalette();
        const widgets::ScenePalette scene = widgets::ScenePalette::fromPalette(pal);
        const QList<QPair<const char*, QColor>> backgrounds = {
            {"base", pal.color(QPalette::Base)},
            {"alternate base", pal.color(QPalette::AlternateBase)},
            {"window", pal.color(QPalette::Window)},
        };
        const QList<QPair<const char*, QColor>> texts = {
            {"text", pal.color(QPalette::Text)},
            {"window text", pal.color(QPalette::WindowText)},
            {"placeholder", pal.color(QPalette::PlaceholderText)},
            {"link", pal.color(QPalette::Link)},
            {"muted", scene.mutedText},
            {"good (a claim that holds)", scene.tone(core::Tone::Good)},
            {"warning", scene.tone(core::Tone::Warning)},
            {"bad", scene.tone(core::Tone::Bad)},
            {"accent", scene.tone(core::Tone::Accent)},
        };
        for (const auto& [what, fg] : texts)
            for (const auto& [where, bg] : backgrounds) {
                const double ratio = contrast(fg, bg);
                if (ratio < 4.5)
                    QFAIL(qPrintable(QStringLiteral("%1 on %2: %3:1").arg(what, where).arg(ratio, 0, 'f', 2)));
            }
        QVERIFY2(contrast(pal.color(QPalette::ButtonText), pal.color(QPalette::Button)) >= 4.5, "button text");
        QVERIFY2(contrast(pal.color(QPalette::HighlightedText), pal.color(QPalette::Highlight)) >= 4.5, "selection");
        QVERIFY2(contrast(pal.color(QPalette::ToolTipText), pal.color(QPalette::ToolTipBase)) >= 4.5, "tooltip");
    }
};

int main(int argc, char** argv) {
    test::installWarningRecorder();
    QApplication app(argc, argv);
    ContrastTest t;
    return QTest::qExec(&t, argc, argv);
}

#include "contrast_test.moc"
