// A line thinned to the plot's pixel columns draws what the whole line draws (issue 24's replot
// cost: 20,000 samples a line were handed to the plot at every replot). Over long random lines
// with steps, spikes, flat stretches and breaks, whole or in part of their range, at several
// widths, straight and as steps: the thinned line keeps points of the line only, in order, enters
// and leaves the range where the line does, covers the same values in every pixel column, and
// holds at most four points a column.
#include <QTest>
#include <cmath>
#include <random>

#include "line_columns.h"
#include "panels/line_thinning.h"
#include "test_support.h"

using namespace sb;

namespace {

std::vector<widgets::LinePoint> randomLine(unsigned seed, std::size_t count) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::vector<widgets::LinePoint> line;
    double key = 0, value = 10;
    for (std::size_t i = 0; i < count; ++i) {
        key += unit(rng) < 0.1 ? 0.0 : unit(rng) * 2.0;  // some points share a key, as events at one moment do
        const double r = unit(rng);
        if (r < 0.3) value += unit(rng) - 0.5;                                     // drift
        else if (r < 0.32) value += (unit(rng) - 0.5) * 40;                        // a jump
        else if (r < 0.325) line.push_back({key, value + 60});                     // a one-point spike
        if (unit(rng) < 0.0005) line.push_back({key, std::nan("")});               // a break
        else line.push_back({key, i % 1000 < 300 ? std::round(value) : value});    // stretches of whole values
    }
    return line;
}

QVector<QCPGraphData> asData(const std::vector<widgets::LinePoint>& line, std::size_t from = 0, std::size_t to = SIZE_MAX) {
    QVector<QCPGraphData> out;
    for (std::size_t i = from; i < std::min(to, line.size()); ++i) out.push_back(QCPGraphData(line[i].key, line[i].value));
    return out;
}

bool same(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }

}  // namespace

class LineThinningTest : public test::WarningFreeTest {
    Q_OBJECT

    void check(const std::vector<widgets::LinePoint>& line, double lower, double upper, int columns, bool steps) {
        const QString what = QStringLiteral("%1 points over %2..%3 at %4 px, %5")
                                 .arg(line.size()).arg(lower).arg(upper).arg(columns)
                                 .arg(steps ? QStringLiteral("steps") : QStringLiteral("straight"));
        const QVector<QCPGraphData> thin = widgets::thinToColumns(line, lower, upper, columns, steps);
        const QVector<QCPGraphData> whole = asData(line);
        QVERIFY2(!thin.isEmpty(), qPrintable(what));
        // Points of the line, in its order.
        qsizetype at = 0;
        for (const QCPGraphData& p : thin) {
            while (at < whole.size() && !(same(whole[at].key, p.key) && same(whole[at].value, p.value))) ++at;
            QVERIFY2(at < whole.size(), qPrintable(what + QStringLiteral(": (%1, %2) is not next in the line").arg(p.key).arg(p.value)));
            ++at;
        }
        // Enters and leaves the range where the line does.
        qsizetype enter = 0, leave = whole.size() - 1;
        while (enter + 1 < whole.size() && whole[enter + 1].key < lower) ++enter;
        while (leave > 0 && whole[leave - 1].key > upper) --leave;
        QVERIFY2(same(thin.front().key, whole[enter].key) && same(thin.front().value, whole[enter].value), qPrintable(what + ": enters elsewhere"));
        QVERIFY2(same(thin.back().key, whole[leave].key) && same(thin.back().value, whole[leave].value), qPrintable(what + ": leaves elsewhere"));
        // The same values in every column.
        const auto want = test::columnExtents(whole, lower, upper, columns, steps);
        const auto got = test::columnExtents(thin, lower, upper, columns, steps);
        for (std::size_t c = 0; c < want.size(); ++c)
            QVERIFY2(want[c] == got[c], qPrintable(what + QStringLiteral(": column %1 spans %2..%3, the line %4..%5")
                                                             .arg(c).arg(got[c].lo).arg(got[c].hi).arg(want[c].lo).arg(want[c].hi)));
        qsizetype breaks = 0;
        for (const QCPGraphData& p : thin) breaks += std::isnan(p.value) ? 1 : 0;
        QVERIFY2(thin.size() <= 4 * (columns + 2) + 3 * breaks,
                 qPrintable(what + QStringLiteral(": %1 points kept").arg(thin.size())));
    }

private slots:
    void thinnedLinesCoverEveryColumnAsTheLineDoes() {
        for (unsigned seed = 1; seed <= 3; ++seed) {
            const auto line = randomLine(seed, 20000);
            const double end = line.back().key;
            for (const int columns : {37, 240, 700})
                for (const bool steps : {false, true}) {
                    check(line, 0, end * 1.04, columns, steps);
                    check(line, end * 0.4, end * 0.55, columns, steps);  // part of the run: enters and leaves
                    if (QTest::currentTestFailed()) return;
                }
        }
    }

    void aShortLineKeepsItsShape() {
        // Fewer points than columns: nothing to thin, but a level's middle points go.
        const std::vector<widgets::LinePoint> line = {{0, 1}, {1, 1}, {2, 1}, {3, 4}, {4, 4}, {5, 2}};
        check(line, 0, 6, 300, true);
        check(line, 0, 6, 300, false);
        QCOMPARE(widgets::thinToColumns(line, 0, 6, 300, true).size(), 3);   // (1, 1), (2, 1), (4, 4) continue levels
        QCOMPARE(widgets::thinToColumns(line, 0, 6, 300, false).size(), 5);  // (1, 1) lies on the level
        // Before a break the level's last point stays: the line ends there.
        const std::vector<widgets::LinePoint> broken = {{0, 1}, {1, 1}, {2, std::nan("")}, {3, 1}};
        QCOMPARE(widgets::thinToColumns(broken, 0, 4, 300, true).size(), 4);
    }

    void aThinnedLineHasAFewPointsAColumn() {
        const auto line = randomLine(7, 20000);
        QVERIFY(widgets::thinToColumns(line, 0, line.back().key, 240, false).size() < 4 * 240 + 8);
    }
};

int main(int argc, char** argv) { return test::runQtTest<LineThinningTest>(argc, argv); }

#include "line_thinning_test.moc"
