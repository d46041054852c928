// The space-time view's notes (issue 24): at 1280x800, at the end of every step of every shipped
// lesson, each note beside a marker ("leader", "crash", "force timeout") lies whole inside the
// view, and no two notes cover each other or the current time's plate. The last lane's notes
// once ran off the right edge ("force tim" in raft-figure8), and the time covered n1's "leader".
// The time is printed in whole milliseconds (screenshot review: "2424.609 ms"), here and on the
// playback bar ("1069.393 ms"). An action's note uses its topic's label where the lane has room
// ("block messages to a server", not the id "block"), and no note shows an id.
#include <QApplication>
#include <QLabel>
#include <QRegularExpression>
#include <QTest>

#include "lesson/lesson_catalog.h"
#include "panels/space_time_view.h"
#include "sim/labels.h"
#include "sim/timeline.h"
#include "test_window.h"

using namespace sb;

class SpaceTimeTest : public test::WindowTest {
    Q_OBJECT
private slots:
    void initTestCase() { openWindowAt({1280, 800}); }

    void notesLieWholeInsideTheViewAndApart() {
        widgets::SpaceTimeView* view = m_window->spaceTime();
        QVERIFY(view != nullptr);
        QStringList problems;
        std::size_t notes = 0, nearRight = 0, times = 0, labelled = 0;
        // Whole milliseconds, or one decimal under 10 ms: never "2424.609 ms".
        static const QRegularExpression kTime(QStringLiteral("^(-?[0-9]+|[0-9]\\.[0-9]) ms$"));
        QLabel* barTime = nullptr;
        for (QLabel* label : m_window->findChildren<QLabel*>())
            if (label->text().contains(QStringLiteral(" · event "))) barTime = label;
        QVERIFY(barTime != nullptr);
        for (const core::Lesson* lesson : m_window->catalog().lessons()) {
            const QString id = QString::fromStdString(lesson->id);
            QVERIFY2(m_window->openLesson(id), qPrintable(id));
            if (!view->isVisible()) continue;  // a lesson may show its client history instead
            for (std::size_t step = 1; step <= lesson->steps.size(); ++step) {
                controller().goToStepEnd(step);
                view->repaint();
                const QRectF room(QPointF(0, 0), QSizeF(view->size()));
                ++times;
                if (!kTime.match(view->timeText()).hasMatch())
                    problems << QStringLiteral("%1 step %2: the time reads '%3'").arg(id).arg(step).arg(view->timeText());
                const QString bar = barTime->text().section(QStringLiteral(" · "), 0, 0);
                if (!kTime.match(bar).hasMatch())
                    problems << QStringLiteral("%1 step %2: the playback bar reads '%3'").arg(id).arg(step).arg(bar);
                QStringList actionLabels;
                for (const core::ActionSpec& spec : controller().timeline()->model().info().actions)
                    if (!spec.label.empty()) actionLabels << QString::fromStdString(core::labelOf(spec)).toLower();
                for (std::size_t i = 0; i < view->noteCount(); ++i) {
                    const QRectF box = view->noteRect(i);
                    ++notes;
                    if (actionLabels.contains(view->noteText(i).toLower())) ++labelled;
                    if (view->noteText(i).contains(QLatin1Char('_')))
                        problems << QStringLiteral("%1 step %2: the note '%3' is an id").arg(id).arg(step).arg(view->noteText(i));
                    if (box.right() > room.width() * 0.8) ++nearRight;
                    if (!room.contains(box))
                        problems << QStringLiteral("%1 step %2: '%3' is cut by the view's edge").arg(id).arg(step).arg(view->noteText(i));
                    if (box.intersects(view->timeRect()))
                        problems << QStringLiteral("%1 step %2: '%3' is under the time").arg(id).arg(step).arg(view->noteText(i));
                    for (std::size_t j = i + 1; j < view->noteCount(); ++j)
                        if (box.intersects(view->noteRect(j)))
                            problems << QStringLiteral("%1 step %2: '%3' and '%4' overlap").arg(id).arg(step).arg(view->noteText(i), view->noteText(j));
                }
            }
        }
        qInfo("%zu notes checked, %zu of them in the right fifth, %zu with an action's label", notes, nearRight, labelled);
        QVERIFY(labelled > 0);
        QVERIFY(notes > 50 && times > 50);  // not vacuous: the lessons' markers were drawn and read
        QVERIFY(nearRight > 0);  // and the last lane's notes among them
        for (const QString& p : problems) qInfo("%s", qPrintable(p));
        QVERIFY2(problems.isEmpty(), qPrintable(problems.value(0)));
    }
};

int main(int argc, char** argv) { return test::runQtTest<SpaceTimeTest>(argc, argv); }
#include "space_time_test.moc"
