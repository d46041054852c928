// The metrics panel's axes read at both window sizes (issue 24): in a lesson the time axis shows
// the step the lesson is at, with as long a stretch before it, and starts there or at 0, never at a
// moment that means nothing (cache-locks' axis started near 3,000 ms, cache-xfetch drew the
// early recompute its step is about in the axis's last pixels); a value axis has no more tick
// labels than its height holds apart; stacked plots get the same data height; and a step's start
// is marked where the axis begins before it. No value axis holds lines of scales apart.
#include <QApplication>
#include <QDockWidget>
#include <QTest>
#include <qcustomplot.h>

#include "gui/main_window.h"
#include "panels/metrics_panel.h"
#include "sim_controller.h"
#include "test_support.h"
#include "test_window.h"

using namespace sb;

class MetricsAxesTest : public test::WindowTest {
    Q_OBJECT

    widgets::MetricsPanel* showPlots() {
        auto* dock = m_window->findChild<QDockWidget*>(QStringLiteral("PlotsDock"));
        if (dock) {
            dock->show();
            dock->raise();
        }
        QApplication::processEvents();
        return m_window->metrics();
    }

    // Every step from the second of each lesson, at 1280x800, with the step label shown there:
    // f(lesson, step, label). Returns how many labels it was given.
    template <typename F>
    int eachStepLabel(std::initializer_list<const char*> ids, F f) {
        m_window->resize(1280, 800);
        QTest::qWait(0);
        widgets::MetricsPanel* panel = showPlots();
        int labels = 0;
        for (const char* id : ids) {
            if (!m_window->openLesson(QString::fromLatin1(id))) {
                QTest::qFail(id, __FILE__, __LINE__);
                return labels;
            }
            const std::size_t steps = controller().lessonRun()->lesson().steps.size();
            for (std::size_t step = 2; step <= steps; ++step) {
                walkTo(step);
                panel->plot()->replot();
                for (int i = 0; i < panel->plot()->itemCount(); ++i) {
                    auto* text = qobject_cast<QCPItemText*>(panel->plot()->item(i));
                    if (!text || !text->visible()) continue;
                    ++labels;
                    f(QString::fromLatin1(id), step, *text);
                }
            }
        }
        return labels;
    }

    // Goes to the end of each step in turn (the plot fills the run as it goes) and replots.
    void walkTo(std::size_t step) {
        for (std::size_t s = 1; s <= step; ++s) {
            controller().goToStepEnd(s);
            QApplication::processEvents();
        }
        m_window->metrics()->replotNow();
        m_window->metrics()->plot()->replot();
    }

    std::pair<double, double> stepSpanMs(std::size_t step) {
        const auto& ends = controller().lessonRun()->cursor().ends;
        return {static_cast<double>(ends[step - 1].time) / 1000.0, static_cast<double>(ends[step].time) / 1000.0};
    }

    // What is wrong with the time axes at the end of `step`: the axis starts neither at 0 nor
    // about as long before the step as the step lasts, or the step takes under half of it.
    QStringList timeAxisProblems(const QString& id, std::size_t step) {
        QStringList out;
        const auto [start, end] = stepSpanMs(step);
        for (QCPAxisRect* rect : m_window->metrics()->plot()->axisRects()) {
            const QCPRange x = rect->axis(QCPAxis::atBottom)->range();
            const double length = end - start;
            const double slack = 0.05 * end + 1;
            const bool fromZero = x.lower == 0;
            const bool beforeStep = x.lower <= start && x.lower >= start - std::max(length, 0.05 * end) - slack;
            if (!fromZero && !beforeStep)
                out << QStringLiteral("%1 step %2 (%3..%4 ms): the time axis starts at %5").arg(id).arg(step).arg(start).arg(end).arg(x.lower);
            if (length > 0 && length / x.size() < 0.45)
                out << QStringLiteral("%1 step %2 (%3..%4 ms): the step is %5% of the time axis %6..%7")
                           .arg(id).arg(step).arg(start).arg(end).arg(100 * length / x.size(), 0, 'f', 0).arg(x.lower).arg(x.upper);
        }
        return out;
    }

    // Value axes whose tick labels are closer than one and a half labels' height.
    QStringList crowdedTicks(const QString& id, std::size_t step) {
        QStringList out;
        for (QCPAxis* axis : m_window->metrics()->valueAxes()) {
            const QVector<double> ticks = axis->tickVector();
            const double label = QFontMetricsF(axis->tickLabelFont()).height();
            for (int i = 1; i < ticks.size(); ++i) {
                const double apart = std::abs(axis->coordToPixel(ticks[i]) - axis->coordToPixel(ticks[i - 1]));
                if (apart < 1.5 * label) {
                    out << QStringLiteral("%1 step %2: ticks %3 and %4 are %5 px apart on a %6 px axis (labels %7 px)")
                               .arg(id).arg(step).arg(ticks[i - 1]).arg(ticks[i]).arg(apart, 0, 'f', 1).arg(axis->axisRect()->height()).arg(label);
                    break;
                }
            }
        }
        return out;
    }

private slots:
    void initTestCase() { openWindowAt({1280, 800}); }

    void theTimeAxisShowsTheLessonStep_data() {
        QTest::addColumn<QSize>("size");
        QTest::newRow("1280x800") << QSize(1280, 800);
        QTest::newRow("1920x1080") << QSize(1920, 1080);
    }
    void theTimeAxisShowsTheLessonStep() {
        QFETCH(QSize, size);
        m_window->resize(size);
        QTest::qWait(0);
        widgets::MetricsPanel* panel = showPlots();
        QStringList problems;
        for (const QString& id : {QStringLiteral("cache-locks"), QStringLiteral("cache-xfetch"), QStringLiteral("cache-stampede"),
                                 QStringLiteral("cache-cold-start"), QStringLiteral("replication-lag"), QStringLiteral("ping-silence")}) {
            QVERIFY2(m_window->openLesson(id), qPrintable(id));
            const std::size_t steps = controller().lessonRun()->lesson().steps.size();
            for (std::size_t step = 1; step <= steps; ++step) {
                walkTo(step);
                QVERIFY(panel->plot()->graphCount() > 0);
                problems << timeAxisProblems(id, step) << crowdedTicks(id, step);
                const QList<QCPAxisRect*> rects = panel->plot()->axisRects();
                if (rects.size() > 1 && !panel->plotsInRow()) {
                    int least = 1 << 20, most = 0;
                    for (QCPAxisRect* r : rects) least = std::min(least, r->height()), most = std::max(most, r->height());
                    if (most - least > 4)
                        problems << QStringLiteral("%1 step %2: stacked plots %3 and %4 px tall").arg(id).arg(step).arg(least).arg(most);
                }
            }
        }
        for (const QString& p : problems) qInfo("%s", qPrintable(p));
        QVERIFY2(problems.isEmpty(), qPrintable(QStringLiteral("%1 problems, the first: %2").arg(problems.size()).arg(problems.value(0))));
    }

    void eachValueAxisHoldsLinesOfOneScale() {
        // ping-silence plotted a running total of heartbeats (hundreds) on the count axis of its
        // suspicions (0 to 6), which ran flat along 0. At the end of every step of the lessons
        // named, each ticked line that moves at all reaches a tenth of its axis's top.
        m_window->resize(1280, 800);
        QTest::qWait(0);
        widgets::MetricsPanel* panel = showPlots();
        QStringList problems;
        for (const QString& id : {QStringLiteral("ping-silence"), QStringLiteral("cache-stampede"), QStringLiteral("cache-locks")}) {
            QVERIFY2(m_window->openLesson(id), qPrintable(id));
            const std::size_t steps = controller().lessonRun()->lesson().steps.size();
            for (std::size_t step = 1; step <= steps; ++step) {
                walkTo(step);
                QVERIFY(panel->valueAxes().size() >= 2);  // a unit of their own for the heartbeats, the latency
                for (QCPAxis* axis : panel->valueAxes())
                    for (QCPGraph* g : axis->graphs()) {
                        bool found = false;
                        const QCPRange r = g->getValueRange(found);
                        if (found && r.upper > r.lower && r.upper < 0.1 * axis->range().upper)
                            problems << QStringLiteral("%1 step %2: %3 peaks at %4 on an axis to %5")
                                            .arg(id).arg(step).arg(g->name()).arg(r.upper).arg(axis->range().upper);
                    }
            }
        }
        problems.removeDuplicates();
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

    void aStepsStartIsMarkedWhereTheAxisBeginsBeforeIt() {
        m_window->resize(1280, 800);
        QTest::qWait(0);
        widgets::MetricsPanel* panel = showPlots();
        QVERIFY(m_window->openLesson(QStringLiteral("cache-locks")));
        walkTo(2);
        const double start = stepSpanMs(2).first;
        bool line = false, label = false;
        for (int i = 0; i < panel->plot()->itemCount(); ++i) {
            QCPAbstractItem* item = panel->plot()->item(i);
            if (!item->visible()) continue;
            if (auto* mark = qobject_cast<QCPItemStraightLine*>(item); mark && mark->pen().style() == Qt::DotLine)
                line = line || mark->point1->key() == start;
            if (auto* text = qobject_cast<QCPItemText*>(item)) label = label || text->text() == QStringLiteral("Step 2");
        }
        QVERIFY(line);
        QVERIFY(label);
    }

    void theStepLabelLiesWholeInsideThePlot() {
        // replication-failover's last step begins near the right edge: its label read "Step 1".
        const QCustomPlot* plot = m_window->metrics()->plot();
        QStringList problems;
        const int labels = eachStepLabel({"replication-failover", "cache-locks"}, [&](const QString& id, std::size_t step, const QCPItemText& text) {
            const QRect area = plot->axisRect(0)->rect();
            const QPointF a = text.topLeft->pixelPosition(), b = text.bottomRight->pixelPosition();
            if (a.x() < area.left() - 1 || b.x() > area.right() + 1)
                problems << QStringLiteral("%1 step %2: '%3' spans %4..%5 px in %6..%7")
                                .arg(id).arg(step).arg(text.text()).arg(a.x()).arg(b.x()).arg(area.left()).arg(area.right());
        });
        QVERIFY(labels > 5);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

    void theStepLabelHidesNoLine() {
        // The lines of the top plot keep below its step label: saga-recovery's Completed line ran
        // at the plot's top, behind "Step 4", for the whole width of the label.
        const QCustomPlot* plot = m_window->metrics()->plot();
        QStringList problems;
        int lines = 0;
        eachStepLabel({"saga-recovery", "cap-ap-siblings", "replication-lag"}, [&](const QString& id, std::size_t step, const QCPItemText& text) {
            const double bottom = text.bottomRight->pixelPosition().y();
            for (int g = 0; g < plot->graphCount(); ++g) {
                QCPGraph* graph = plot->graph(g);
                bool found = false;
                const QCPRange values = graph->getValueRange(found);
                if (!found || graph->keyAxis()->axisRect() != plot->axisRect(0)) continue;
                ++lines;
                const double top = graph->valueAxis()->coordToPixel(values.upper);
                if (top <= bottom)
                    problems << QStringLiteral("%1 step %2: %3 peaks at %4 px, the label ends at %5 px").arg(id).arg(step).arg(graph->name()).arg(top).arg(bottom);
            }
        });
        QVERIFY(lines > 10);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }
};

int main(int argc, char** argv) { return test::runQtTest<MetricsAxesTest>(argc, argv); }

#include "metrics_axes_test.moc"
