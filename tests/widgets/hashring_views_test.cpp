// What the hash ring topic shows through the real window: the load-spread plot's "run now"
// diamond for a weighted run, the modulo lesson's scene and banner, the ring's words at a
// readable size, and a highlight no node's hue can be mistaken for.
#include <QApplication>
#include <QDockWidget>
#include <QTest>
#include <qcustomplot.h>

#include "gui/main_window.h"
#include "scene/graph_scene.h"
#include "scene/scene_view.h"
#include "test_support.h"
#include "test_window.h"
#include "topics/hashring/spread_plot.h"

using namespace sb;

namespace {

double probeNumber(const core::Model& m, const char* name) {
    const core::ProbeValue v = m.probe(name, core::kNoNode);
    if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
    return std::get<double>(v);
}

}  // namespace

class HashringViewsTest : public test::WindowTest {
    Q_OBJECT

    widgets::SpreadPlot* spread() {
        return qobject_cast<widgets::SpreadPlot*>(m_window->topicPanel(QStringLiteral("SpreadDock")));
    }

private slots:
    void initTestCase() { openWindowAt(QSize(1280, 800)); }

    void theDiamondMeasuresAWeightedRunAgainstItsFairShares() {
        // hashring-vnodes step 6: n1 has weight 2 at 1,000 vnodes. Its keys are twice the mean,
        // as they should be: the run sits at 1,000 points per unit of weight, near the curve,
        // not at 1,125 "per node" with a spread of 0.27.
        QVERIFY(m_window->openLesson(QStringLiteral("hashring-vnodes")));
        m_window->findChild<QDockWidget*>(QStringLiteral("SpreadDock"))->raise();
        controller().goToStepEnd(6);
        QTest::qWait(0);
        widgets::SpreadPlot* plot = spread();
        QVERIFY(plot && plot->isVisible());
        QCPGraph* now = plot->plot()->graph(2);
        QCOMPARE(now->dataCount(), 1);
        const double x = now->data()->begin()->key, y = now->data()->begin()->value;
        const core::Model& model = controller().timeline()->model();
        QVERIFY(probeNumber(model, "load_stddev") > 0.2);
        QCOMPARE(x, 1000.0);
        QVERIFY2(y < 0.05, qPrintable(QString::number(y)));
        QCOMPARE(y, probeNumber(model, "fair_stddev"));
    }
};

int main(int argc, char** argv) {
    test::installWarningRecorder();
    QApplication app(argc, argv);
    HashringViewsTest t;
    return QTest::qExec(&t, argc, argv);
}
#include "hashring_views_test.moc"
