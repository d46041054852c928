// The metrics plot keeps the points of its lines as the run goes on and adds only the new
// samples' points at a replot (issue 21: a replot walked every sample of the run). Whatever the
// path (playback frames, a jump back, the samples thinned past their bound, a series ticked
// later), each line must be exactly what the samples give: each shown sample's value, its value
// just before the next event where the metric reads the clock, and the moment shown. The graph
// draws it thinned to its pixel columns: the same first and last point and, in every column, the
// same lowest and highest value as the whole line.
#include <QApplication>
#include <QListWidget>
#include <QTest>
#include <cmath>
#include <qcustomplot.h>

#include "line_columns.h"
#include "panels/metrics_panel.h"
#include "shipped_catalog.h"
#include "sim/action.h"
#include "sim/model_capabilities.h"
#include "sim_controller.h"
#include "test_support.h"

using namespace sb;

namespace {

bool same(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }

// The line of series `series` drawn from the samples alone.
QVector<QCPGraphData> expectedLine(const widgets::SimController& controller, const widgets::MetricsPanel& panel,
                                   std::size_t series) {
    const std::size_t position = controller.timeline()->position();
    std::vector<const widgets::MetricsPanel::Sample*> shown;
    for (const auto& s : panel.samples())
        if (s.position <= position) shown.push_back(&s);
    QVector<QCPGraphData> line;
    for (std::size_t i = 0; i < shown.size(); ++i) {
        const auto& s = *shown[i];
        if (series >= s.values.size()) continue;
        line.push_back(QCPGraphData(s.timeMs, s.values[series]));
        if (i + 1 < shown.size() && series < s.before.size()) line.push_back(QCPGraphData(s.beforeMs, s.before[series]));
    }
    const double now = static_cast<double>(controller.displayTime()) / 1000.0;
    if (!line.isEmpty() && shown.back()->position == position && now > shown.back()->timeMs) {
        double live = std::nan("");
        for (const core::Metric& m : core::metricsAt(controller.timeline()->model(), controller.displayTime()))
            if (m.name == panel.seriesNames()[series]) live = m.value;
        line.push_back(QCPGraphData(now, live));
    }
    return line;
}

QVector<QCPGraphData> asData(const std::vector<widgets::LinePoint>& points) {
    QVector<QCPGraphData> out;
    for (const auto& p : points) out.push_back(QCPGraphData(p.key, p.value));
    return out;
}

// Whether any check so far found a graph drawing fewer points than its line has.
bool g_thinned = false;

void checkLines(const widgets::SimController& controller, widgets::MetricsPanel& panel, const char* when) {
    panel.replotNow();
    panel.plot()->replot();  // lays the plots out at their sizes, as a queued replot would
    QVERIFY(panel.plot()->graphCount() > 0);
    for (int g = 0; g < panel.plot()->graphCount(); ++g) {
        QCPGraph* graph = panel.plot()->graph(g);
        const auto series = static_cast<std::size_t>(graph->property("series").toInt());
        const QVector<QCPGraphData> expected = expectedLine(controller, panel, series);
        const QVector<QCPGraphData> line = asData(panel.line(series));
        QVERIFY2(line.size() == expected.size(),
                 qPrintable(QStringLiteral("%1: %2 has %3 points, the samples give %4")
                                .arg(when, graph->name()).arg(line.size()).arg(expected.size())));
        for (qsizetype i = 0; i < expected.size(); ++i)
            QVERIFY2(same(line[i].key, expected[i].key) && same(line[i].value, expected[i].value),
                     qPrintable(QStringLiteral("%1: %2 point %3 is (%4, %5), the samples give (%6, %7)")
                                    .arg(when, graph->name())
                                    .arg(i)
                                    .arg(line[i].key)
                                    .arg(line[i].value)
                                    .arg(expected[i].key)
                                    .arg(expected[i].value)));
        // What the graph draws: the line at the plot's width.
        QVector<QCPGraphData> drawn;
        for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it) drawn.push_back(*it);
        g_thinned = g_thinned || drawn.size() < line.size();
        const QCPRange range = graph->keyAxis()->range();
        const int columns = graph->keyAxis()->axisRect()->width();
        QVERIFY(columns > 0);
        if (expected.isEmpty()) {
            QVERIFY(drawn.isEmpty());
            continue;
        }
        QVERIFY2(!drawn.isEmpty() && same(drawn.back().key, expected.back().key) && same(drawn.back().value, expected.back().value),
                 qPrintable(QStringLiteral("%1: %2 does not end where its line does").arg(when, graph->name())));
        // It starts where the line enters the range shown: its first point, or its last before.
        qsizetype enter = 0;
        while (enter + 1 < expected.size() && expected[enter + 1].key < range.lower) ++enter;
        QVERIFY2(same(drawn.front().key, expected[enter].key) && same(drawn.front().value, expected[enter].value),
                 qPrintable(QStringLiteral("%1: %2 does not start where its line enters the plot").arg(when, graph->name())));
        const bool steps = graph->lineStyle() == QCPGraph::lsStepLeft;
        const auto want = test::columnExtents(expected, range.lower, range.upper, columns, steps);
        const auto got = test::columnExtents(drawn, range.lower, range.upper, columns, steps);
        for (std::size_t c = 0; c < want.size(); ++c)
            QVERIFY2(want[c] == got[c], qPrintable(QStringLiteral("%1: %2 column %3 of %4 spans %5..%6, its line %7..%8")
                                                       .arg(when, graph->name())
                                                       .arg(c)
                                                       .arg(columns)
                                                       .arg(got[c].lo)
                                                       .arg(got[c].hi)
                                                       .arg(want[c].lo)
                                                       .arg(want[c].hi)));
    }
}

}  // namespace

class MetricsPointsTest : public test::WarningFreeTest {
    Q_OBJECT

    core::TopicRegistry m_registry;
    std::unique_ptr<core::LessonCatalog> m_catalog;

    // Plays `frames` frames at 10x, replotting every sixth as the panel's throttle does.
    void play(widgets::SimController& controller, widgets::MetricsPanel& panel, int frames, const char* when) {
        for (int frame = 0; frame < frames; ++frame) {
            controller.advance(16.0);
            if (frame % 6 == 5) checkLines(controller, panel, when);
            if (QTest::currentTestFailed()) return;
        }
    }

private slots:
    void initTestCase() { m_catalog = test::shippedCatalog(m_registry); }

    void linesHoldExactlyTheSamplesShown() {
        const core::Lesson* lesson = m_catalog->find("cache-cold-start");  // long, and its metrics read the clock
        QVERIFY(lesson);
        widgets::SimController controller(m_registry);
        QVERIFY(controller.loadLesson(*lesson).ok());
        widgets::MetricsPanel panel(&controller);
        panel.resize(640, 200);
        panel.show();
        controller.goToStepEnd(1);
        checkLines(controller, panel, "after the jump to step 1");
        controller.setSpeed(10.0);
        play(controller, panel, 30, "playing");
        if (QTest::currentTestFailed()) return;

        // Back: the samples after the cursor go, and their points with them.
        const std::size_t before = panel.sampleCount();
        controller.seek(controller.timeline()->position() - 500);
        checkLines(controller, panel, "after a jump back");
        QVERIFY(panel.sampleCount() < before);
        play(controller, panel, 12, "playing after the jump back");
        if (QTest::currentTestFailed()) return;

        // One event back, right after a replot: the sample that was last but one is last again,
        // and its segment no longer ends before a next event.
        checkLines(controller, panel, "before a step back");
        controller.seek(controller.timeline()->position() - 1);
        checkLines(controller, panel, "after a step back");

        // A learner's branch: the run after it differs, and the lines follow the new run even when
        // it has grown past the old one before the next replot.
        controller.seek(controller.timeline()->position() - 300);
        const auto expire = core::actionFromJson(nlohmann::json{{"do", "expire"}, {"key", "k1"}}, "");
        QVERIFY(expire);
        QVERIFY(controller.perform(*expire, QStringLiteral("Expire k1")).ok());
        for (int frame = 0; frame < 4; ++frame) controller.advance(16.0);
        checkLines(controller, panel, "after a branch");

        // A series ticked now is drawn over the whole run too.
        QListWidget* list = panel.seriesList();
        int unticked = -1;
        for (int row = 0; row < list->count() && unticked < 0; ++row)
            if (list->item(row)->checkState() != Qt::Checked) unticked = row;
        QVERIFY(unticked >= 0);
        list->item(unticked)->setCheckState(Qt::Checked);
        checkLines(controller, panel, "after ticking a series");

        // Past the bound the samples are thinned, and the lines follow.
        bool thinned = false;
        for (int round = 0; round < 40 && !thinned; ++round) {
            const std::size_t count = panel.sampleCount();
            play(controller, panel, 6, "playing to the bound");
            if (QTest::currentTestFailed()) return;
            thinned = panel.sampleCount() < count;
        }
        QVERIFY(thinned);
        checkLines(controller, panel, "after thinning");
        play(controller, panel, 12, "playing after thinning");
        QVERIFY2(g_thinned, "no graph was ever thinned: the run never had more points than columns");
    }
};

int main(int argc, char** argv) {
    sb::test::installWarningRecorder();
    QApplication app(argc, argv);
    MetricsPointsTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "metrics_points_test.moc"
