// The metrics plot reaches the moment shown (issue 15): a step that waits ends after its last
// event, and the plot's lines run on to that moment with the values the scene shows there. In
// replication-lag, step 2 waits 30 ms; the far follower's lag keeps growing after the last event,
// and its line must end at the step's end with the lag its badge reads ("lag 32 ms"). Going back
// a step, the lines end at that step: no future drawn past the cursor, and a lesson opened at its
// end and scrubbed back is plotted up to the cursor. A stampede after a long quiet run is drawn
// over a time range that shows it, not squashed against the plot's right edge.
#include <QApplication>
#include <QListWidget>
#include <QRegularExpression>
#include <QTest>
#include <cmath>

#include "gui/main_window.h"
#include "panels/metrics_panel.h"
#include <qcustomplot.h>
#include "sim_controller.h"
#include "test_support.h"
#include "test_window.h"

using namespace sb;

class MetricsTimeTest : public test::WindowTest {
    Q_OBJECT

    // The number in the node's "lag N ms" badge at the moment shown.
    std::optional<double> badgeLag(const std::string& node) {
        const core::View v = controller().timeline()->model().view(controller().displayTime());
        static const QRegularExpression lag(QStringLiteral("^lag (\\d+) ms$"));
        for (const core::NodeView& n : v.nodes) {
            if (n.name != node) continue;
            for (const core::Badge& b : n.badges)
                if (const auto m = lag.match(QString::fromStdString(b.label)); m.hasMatch()) return m.captured(1).toDouble();
        }
        return std::nullopt;
    }

private slots:
    void initTestCase() {
        openWindowAt({1280, 800});
        // The plot samples only while it is visible.
        m_window->metrics()->show();
        m_window->metrics()->raise();
    }

    void aWaitingStepsLinesRunToItsEndWithTheSceneValues() {
        QVERIFY(m_window->openLesson(QStringLiteral("replication-lag")));
        controller().goToStepEnd(2);
        QApplication::processEvents();
        widgets::MetricsPanel* panel = m_window->metrics();
        QVERIFY(panel->isVisible());
        panel->replotNow();
        const double endMs = static_cast<double>(controller().displayTime()) / 1000.0;
        QVERIFY(controller().displayTime() > controller().timeline()->now());  // a wait: later than the last event

        // Tick the far follower's lag so it is plotted, whatever the default selection is.
        QListWidget* list = panel->seriesList();
        int row = -1;
        for (int i = 0; i < list->count(); ++i)
            if (list->item(i)->text().contains(QStringLiteral("r3")) && list->item(i)->text().contains(QStringLiteral("ag")))
                row = i;
        QVERIFY2(row >= 0, "no lag series for r3");
        list->item(row)->setCheckState(Qt::Checked);
        panel->replotNow();
        QCPGraph* graph = nullptr;
        for (int g = 0; g < panel->plot()->graphCount(); ++g)
            if (panel->plot()->graph(g)->property("series").toInt() == row) graph = panel->plot()->graph(g);
        QVERIFY(graph);
        QVERIFY(!graph->data()->isEmpty());
        const auto last = graph->data()->constEnd() - 1;
        QCOMPARE(last->key, endMs);
        const auto lag = badgeLag("r3");
        QVERIFY(lag);
        QCOMPARE(std::floor(last->value), *lag);

        // Back to step 1: the lines end there, without the steps recorded after it.
        controller().goToStepEnd(4);
        QApplication::processEvents();
        controller().goToStepEnd(1);
        QApplication::processEvents();
        panel->replotNow();
        const double stepOneMs = static_cast<double>(controller().displayTime()) / 1000.0;
        for (int g = 0; g < panel->plot()->graphCount(); ++g) {
            const auto data = panel->plot()->graph(g)->data();
            if (!data->isEmpty()) QVERIFY2((data->constEnd() - 1)->key <= stepOneMs, qPrintable(panel->plot()->graph(g)->name()));
        }
    }

    void aChangeAtTheMomentShownIsDrawnInsideThePlot() {
        // gossip-rumor's step 1 ends as the second node hears the rumor: the rise to 2 is at the
        // moment shown, and must be drawn with room after it, not on the plot's right border.
        QVERIFY(m_window->openLesson(QStringLiteral("gossip-rumor")));
        controller().goToStepEnd(1);
        QApplication::processEvents();
        widgets::MetricsPanel* panel = m_window->metrics();
        panel->replotNow();
        const double shownMs = static_cast<double>(controller().displayTime()) / 1000.0;
        QCPAxisRect* rect = panel->plot()->axisRect();
        const QCPRange x = rect->axis(QCPAxis::atBottom)->range();
        QVERIFY2(x.upper > shownMs * 1.02, qPrintable(QStringLiteral("x axis ends at %1, moment shown %2").arg(x.upper).arg(shownMs)));
        // The rise itself is in the data, at the moment shown.
        bool rise = false;
        for (int g = 0; g < panel->plot()->graphCount(); ++g) {
            const auto data = panel->plot()->graph(g)->data();
            if (!data->isEmpty() && (data->constEnd() - 1)->key == shownMs && (data->constEnd() - 1)->value == 2) rise = true;
        }
        QVERIFY2(rise, "no series reaches 2 at the moment shown");
        // And it is drawn over the time cursor, not hidden under it: a step that ends on its
        // change (saga-isolation's compensation, gossip's last hearer) showed the old value.
        std::size_t cursors = 0;
        for (int i = 0; i < panel->plot()->itemCount(); ++i) {
            auto* cursor = qobject_cast<QCPItemStraightLine*>(panel->plot()->item(i));
            if (!cursor) continue;
            ++cursors;
            for (int g = 0; g < panel->plot()->graphCount(); ++g)
                QVERIFY2(cursor->layer()->index() < panel->plot()->graph(g)->layer()->index(), "the time cursor is drawn over a line");
        }
        QVERIFY(cursors >= 1);
        // The value it reached is marked where the line ends.
        bool marked = false;
        for (int i = 0; i < panel->plot()->itemCount(); ++i)
            if (auto* end = qobject_cast<QCPItemTracer*>(panel->plot()->item(i)); end && end->visible()) {
                end->updatePosition();
                if (end->position->key() == shownMs && end->position->value() == 2) marked = true;
            }
        QVERIFY2(marked, "no dot marks the line that reaches 2 at the moment shown");
    }

    void aBurstAfterALongQuietIsShownLargeEnoughToRead() {
        // cache-stampede: warm for 10 s, then k1's TTL runs out and recomputes pile up; step 2
        // (9.9 s to 10.3 s) ends 300 ms later. Over the whole run that burst was the plot's last
        // 3%; the axis now shows the step with as long a stretch before it.
        QVERIFY(m_window->openLesson(QStringLiteral("cache-stampede")));
        widgets::MetricsPanel* panel = m_window->metrics();
        controller().goToStepEnd(1);
        QApplication::processEvents();
        controller().goToStepEnd(2);
        QApplication::processEvents();
        panel->replotNow();
        const double shownMs = static_cast<double>(controller().displayTime()) / 1000.0;
        const double expiredMs = 10000;  // the lesson's TTL
        for (QCPAxisRect* rect : panel->plot()->axisRects()) {
            const QCPRange x = rect->axis(QCPAxis::atBottom)->range();
            const double share = (shownMs - expiredMs) / x.size();
            QVERIFY2(share >= 0.33, qPrintable(QStringLiteral("the burst takes %1% of the time axis %2..%3").arg(share * 100).arg(x.lower).arg(x.upper)));
            QVERIFY2(x.lower < expiredMs - 100, "the quiet level before the burst is not shown");
            QVERIFY(x.upper > shownMs);
        }
        // The lines still run to the moment shown, and enter the plot from its left edge.
        for (int g = 0; g < panel->plot()->graphCount(); ++g) {
            const auto data = panel->plot()->graph(g)->data();
            QVERIFY(!data->isEmpty());
            QCOMPARE((data->constEnd() - 1)->key, shownMs);
            QVERIFY(data->constBegin()->key <= panel->plot()->graph(g)->keyAxis()->range().lower);
        }
        // Back at step 1, the warm cache: the whole run from 0.
        controller().goToStepEnd(1);
        QApplication::processEvents();
        panel->replotNow();
        QCOMPARE(panel->plot()->axisRect()->axis(QCPAxis::atBottom)->range().lower, 0.0);
    }

    void aLessonOpenedAtItsEndAndScrubbedBackIsPlottedUpToTheCursor() {
        // cache-stampede runs 53,000 events, more than the plot replays to fill one jump.
        QVERIFY(m_window->openLesson(QStringLiteral("cache-stampede")));
        widgets::MetricsPanel* panel = m_window->metrics();
        const std::size_t steps = controller().lessonRun()->lesson().steps.size();
        controller().goToStepEnd(steps);  // one jump: the plot's only sample is the lesson's end
        QApplication::processEvents();
        controller().goToStepEnd(3);
        QApplication::processEvents();
        panel->replotNow();
        const double shownMs = static_cast<double>(controller().displayTime()) / 1000.0;
        QVERIFY(panel->plot()->graphCount() > 0);
        for (int g = 0; g < panel->plot()->graphCount(); ++g) {
            const auto data = panel->plot()->graph(g)->data();
            QVERIFY2(data->size() >= 2, qPrintable(panel->plot()->graph(g)->name()));  // the run up to step 3, not nothing
            QVERIFY((data->constEnd() - 1)->key <= shownMs);
        }
        // The herd (step 3): its misses wait for their recompute, so counted by answers the hit
        // ratio has hardly moved, while counted by lookups (the first series, as the cache node
        // shows it) it has dropped.
        const core::Model& model = controller().timeline()->model();
        const double byLookups = std::get<double>(model.probe("lookup_hit_ratio", core::kNoNode));
        const double byAnswers = std::get<double>(model.probe("hit_ratio", core::kNoNode));
        QVERIFY2(byLookups < byAnswers - 0.05, qPrintable(QStringLiteral("%1 vs %2").arg(byLookups).arg(byAnswers)));
        QCOMPARE(panel->seriesList()->item(0)->text(), QStringLiteral("Lookup hit ratio (0-1)"));
    }
};

int main(int argc, char** argv) { return test::runQtTest<MetricsTimeTest>(argc, argv); }

#include "metrics_time_test.moc"
