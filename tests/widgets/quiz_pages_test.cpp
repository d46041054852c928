// Quiz pages read as a learner reads them (issue 24 screenshot review): on the statistics page a
// day at 0% shows its whole point, not half of one cut off by the axis, and a lone bar in the
// review forecast has its day named under it (the names were thinned to every other day, so a
// review due at "+1" stood over no name), while no two day names run into each other. A card's
// single action ("Reveal the answer") is a button of its own size, not a bar across the page.
#include <QApplication>
#include <QFontMetrics>
#include <QPushButton>
#include <QTest>
#include <qcustomplot.h>

#include "quiz/quiz_stats_page.h"
#include "quiz/recall_view.h"
#include "quiz/rehearsal_view.h"
#include "test_support.h"

using namespace sb;
namespace quiz = core::quiz;

class QuizPagesTest : public QObject {
    Q_OBJECT
private:
    static constexpr quiz::Day kToday = 20000;

    // One item answered wrong today (0% today), one due tomorrow and nothing else.
    static quiz::Progress progress() {
        quiz::Progress p;
        quiz::ItemProgress wrong;
        wrong.topic = "ping";
        wrong.state.reviews = 1;
        wrong.state.due = kToday + 5;
        wrong.history.push_back({kToday * 86400 + 3600, quiz::Grade::Again, quiz::ReviewMode::Recall, true});
        p.put("ping-silence/a", wrong);
        quiz::ItemProgress tomorrow;
        tomorrow.topic = "ping";
        tomorrow.state.reviews = 2;
        tomorrow.state.due = kToday + 1;
        p.put("ping-silence/b", tomorrow);
        return p;
    }

private slots:
    void init() { test::failOnQtWarnings(); }
    void cleanup() { QVERIFY2(test::qtWarnings().isEmpty(), qPrintable(test::qtWarnings().join('\n'))); }

    void aZeroDayShowsItsWholePoint() {
        widgets::QuizStatsPage page;
        page.resize(1000, 700);
        page.show();
        page.setData(progress(), {}, {"ping"}, kToday);
        QCustomPlot* accuracy = page.accuracyPlot();
        accuracy->replot();
        QCOMPARE(accuracy->graph(0)->data()->size(), 1);
        QCOMPARE(accuracy->graph(0)->data()->at(0)->value, 0.0);
        const double y = accuracy->yAxis->coordToPixel(0);
        const double half = accuracy->graph(0)->scatterStyle().size() / 2;
        QVERIFY2(y + half <= accuracy->axisRect()->rect().bottom(), qPrintable(QString::number(y)));
        for (QCustomPlot* plot : {page.accuracyPlot(), page.calibrationPlot()})
            QVERIFY(plot->yAxis->range().lower < 0 && plot->yAxis->range().upper > 100);
    }

    void everyForecastBarIsNamedAndNoNamesTouch() {
        for (int width : {560, 1000, 1600}) {
            widgets::QuizStatsPage page;
            page.resize(width, 700);
            page.show();
            page.setData(progress(), {}, {"ping"}, kToday);
            QVERIFY(QTest::qWaitForWindowExposed(&page));
            QCustomPlot* due = page.duePlot();
            due->replot();
            auto ticker = qSharedPointerDynamicCast<QCPAxisTickerText>(due->xAxis->ticker());
            QVERIFY(ticker);
            const QMap<double, QString>& ticks = ticker->ticks();
            QCOMPARE(ticks.value(1.0), QStringLiteral("+1"));  // tomorrow's review
            QCOMPARE(ticks.value(5.0), QStringLiteral("+5"));
            if (width >= 1000) QCOMPARE(ticks.value(0.0), QStringLiteral("0"));  // room for today too
            const QFontMetrics metrics(due->xAxis->tickLabelFont());
            double lastRight = -1e9;
            for (auto it = ticks.begin(); it != ticks.end(); ++it) {
                const double centre = due->xAxis->coordToPixel(it.key());
                const double w = metrics.horizontalAdvance(it.value());
                QVERIFY2(centre - w / 2 > lastRight, qPrintable(QStringLiteral("%1 at %2 px").arg(it.value()).arg(width)));
                lastRight = centre + w / 2;
            }
        }
    }

    // A first visit (no progress at all) shows why each chart is empty instead of bare grids; a
    // chart with something to draw shows no note over it.
    static QString noteOf(QCustomPlot* plot) {
        for (int i = 0; i < plot->itemCount(); ++i)
            if (auto* t = qobject_cast<QCPItemText*>(plot->item(i)); t && t->visible()) return t->text();
        return {};
    }

    void anEmptyChartSaysWhy() {
        widgets::QuizStatsPage page;
        page.resize(1000, 700);
        page.show();
        page.setData(quiz::Progress{}, {}, {"ping"}, kToday);
        for (QCustomPlot* plot : {page.reviewsPlot(), page.accuracyPlot(), page.masteryPlot(), page.duePlot(),
                                  page.calibrationPlot(), page.recallPlot()})
            QVERIFY2(!noteOf(plot).isEmpty(), qPrintable(plot->accessibleName()));
        QCOMPARE(noteOf(page.reviewsPlot()), QStringLiteral("No reviews in the last 30 days"));
        page.setData(progress(), {}, {"ping"}, kToday);
        for (QCustomPlot* plot : {page.reviewsPlot(), page.duePlot()})
            QVERIFY2(noteOf(plot).isEmpty(), qPrintable(noteOf(plot)));
        // Today's one wrong answer is a point at 0%: there is something to see there too.
        QVERIFY2(noteOf(page.accuracyPlot()).isEmpty(), qPrintable(noteOf(page.accuracyPlot())));
    }

    void aSingleActionIsNotAFullWidthBar() {
        widgets::RecallView recall;
        widgets::RehearsalView rehearsal;
        int checked = 0;
        for (QWidget* view : {static_cast<QWidget*>(&recall), static_cast<QWidget*>(&rehearsal)}) {
            view->resize(1000, 600);
            view->show();
            QVERIFY(QTest::qWaitForWindowExposed(view));
            for (QPushButton* b : view->findChildren<QPushButton*>()) {
                const QString name = b->accessibleName();
                if (name != QStringLiteral("Reveal the answer") && name != QStringLiteral("Show the model answer")) continue;
                ++checked;
                QVERIFY2(b->width() < view->width() / 2, qPrintable(QStringLiteral("%1: %2 px").arg(name).arg(b->width())));
                QVERIFY2(b->width() >= b->sizeHint().width(), qPrintable(name));  // and not cut
            }
        }
        QCOMPARE(checked, 2);
    }
};

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QuizPagesTest t;
    return QTest::qExec(&t, argc, argv);
}
#include "quiz_pages_test.moc"
