// A compensated step's cell reads on both themes (issue 24): saga-recovery drew it with a 1 px
// dotted grey outline that all but vanished on the dark theme. Its outline is a line whose pixels
// stand at 3:1 or better against the panel's background along the whole edge, and its words read
// at 4.5:1.
#include <QApplication>
#include <QTest>
#include <algorithm>

#include "panels/step_strips_panel.h"
#include "scene/scene_palette.h"
#include "test_support.h"
#include "theme.h"

using namespace sb;

namespace {
// WCAG 2 contrast ratio, as the palette computes it for its own choices.
double contrast(const QColor& a, const QColor& b) { return widgets::ScenePalette::contrast(a, b); }
}  // namespace

class StepStripsContrastTest : public QObject {
    Q_OBJECT
private slots:
    void init() { test::failOnQtWarnings(); }

    void aCompensatedCellReads_data() {
        QTest::addColumn<bool>("dark");
        QTest::newRow("light") << false;
        QTest::newRow("dark") << true;
    }
    void aCompensatedCellReads() {
        QFETCH(bool, dark);
        widgets::StepStripsPanel panel;
        panel.setPalette(dark ? widgets::darkPalette() : widgets::lightPalette());
        panel.resize(600, widgets::StepStripsPanel::heightFor(1));
        core::StepStrip strip;
        strip.title = "order 2";
        strip.cells.push_back({"C1 cancel order", "compensated", core::Tone::Muted, {}, false});
        strip.cells.push_back({"T2 charge card", "done", core::Tone::Good, {}, false});
        panel.setStrips({strip});
        const QImage image = panel.grab().toImage();
        QVERIFY(!panel.drawn().empty());
        const QRectF cell = panel.drawn().front().rect;
        const widgets::ScenePalette pal = widgets::ScenePalette::fromPalette(panel.palette());
        // Along the top edge, away from the rounded corners: every column has a pixel of the
        // outline at 3:1 against the background.
        int columns = 0, visible = 0;
        const double dpr = image.devicePixelRatio();
        for (int x = static_cast<int>(cell.left() + 8); x < static_cast<int>(cell.right() - 8); ++x) {
            double best = 1;
            for (int y = static_cast<int>(cell.top()); y <= static_cast<int>(cell.top() + 3); ++y)
                best = std::max(best, contrast(image.pixelColor(static_cast<int>(x * dpr), static_cast<int>(y * dpr)), pal.background));
            ++columns;
            visible += best >= 3.0 ? 1 : 0;
        }
        QVERIFY(columns > 40);
        QVERIFY2(visible == columns, qPrintable(QStringLiteral("%1 of %2 columns of the outline at 3:1").arg(visible).arg(columns)));
        QVERIFY2(contrast(pal.mutedText, pal.background) >= 4.5, "the cell's words");
    }
};

int main(int argc, char** argv) { return test::runQtTest<StepStripsContrastTest>(argc, argv); }

#include "step_strips_contrast_test.moc"
