// Where the metrics plot's time axis starts (issue 24: a stampede in the last 300 ms of a 10 s
// run was a vertical line against the plot's right edge). After a long quiet stretch a burst of
// moves takes about half the plot; a run that keeps moving, a single step, or a quiet present
// shows the whole run; and as a burst goes on the start moves back smoothly to 0.
#include <QTest>
#include <cmath>

#include "panels/recent_window.h"
#include "test_support.h"

using namespace sb;

namespace {

// Flat at 0 until `from`, then rising by one every `every` ms until `to`, flat after.
std::vector<widgets::LinePoint> burstLine(double from, double to, double every, double until) {
    std::vector<widgets::LinePoint> line{{0, 0}};
    double value = 0;
    for (double t = from; t <= to; t += every) line.push_back({t, ++value});
    line.push_back({until, value});
    return line;
}

double startOf(const std::vector<widgets::LinePoint>& line, double now) {
    return widgets::recentStart({std::span<const widgets::LinePoint>(line)}, now);
}

}  // namespace

class RecentWindowTest : public test::WarningFreeTest {
    Q_OBJECT
private slots:
    void aBurstAfterALongQuietTakesHalfThePlot() {
        const auto line = burstLine(10000, 12000, 5, 12000);
        const double start = startOf(line, 12000);
        // The burst's 2 s and 2 s of the quiet before it (counted from the first move of 2% of
        // the line's range, 40 ms in).
        QVERIFY2(std::abs(start - 8000) <= 100, qPrintable(QString::number(start)));
        // Just after it began, the range is still a twentieth of the run, not a sliver.
        const auto early = burstLine(10000, 10200, 5, 10200);
        QCOMPARE(startOf(early, 10200), 10200 * 0.95);
    }

    void theStartMovesBackSmoothlyAsTheBurstGoesOn() {
        // Once the burst is told apart (it has lasted 1% of the run), the range zooms in on it.
        // While the burst is shorter than a twentieth of the run the range keeps that span and
        // follows the moment shown; then its start only moves back, never by more than twice
        // the time passed.
        double previous = -1;
        for (double now = 10100; now <= 22000; now += 100) {
            const auto line = burstLine(10000, now, 5, now);
            const double start = startOf(line, now);
            if (now >= 10400)
                QVERIFY2(start <= previous, qPrintable(QStringLiteral("at %1 the start moved on to %2").arg(now).arg(start)));
            QVERIFY2(previous <= 0 || std::abs(previous - start) <= 2 * 100 + 1e-9,
                     qPrintable(QStringLiteral("at %1 the start jumped from %2 to %3").arg(now).arg(previous).arg(start)));
            previous = start;
        }
        QCOMPARE(previous, 0.0);  // the burst has lasted as long as the quiet before it
    }

    void otherwiseTheWholeRun() {
        // Moving all along: no quiet stretch.
        QCOMPARE(startOf(burstLine(0, 12000, 50, 12000), 12000), 0.0);
        // One step at the end: it reads at any scale.
        QCOMPARE(startOf(std::vector<widgets::LinePoint>{{0, 1}, {100, 1}, {106, 2}}, 106), 0.0);
        // A burst long over, quiet since.
        QCOMPARE(startOf(burstLine(1000, 2000, 5, 9000), 9000), 0.0);
        // Nothing plotted.
        QCOMPARE(widgets::recentStart({}, 5000), 0.0);
    }
};

int main(int argc, char** argv) { return test::runQtTest<RecentWindowTest>(argc, argv); }

#include "recent_window_test.moc"
