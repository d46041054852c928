// The narration has room to be read (issue 24 screenshot review): at 1280x800 a long lesson's
// step list (replication-failover has 11 steps) took the height its last step's narration needed,
// so the words being read scrolled while every step title stood in full above them. Now, where
// the narration would scroll, the step list gives up its rows past the eighth and stays scrolled
// to the current step; shorter lessons keep every step in view (layout_test checks that).
#include <QApplication>
#include <QListWidget>
#include <QScrollBar>
#include <QTest>
#include <QTextBrowser>

#include "learn/lesson_pane.h"
#include "lesson/lesson_catalog.h"
#include "sim_controller.h"
#include "test_window.h"

using namespace sb;

class NarrationRoomTest : public test::WindowTest {
    Q_OBJECT
private slots:
    void initTestCase() { openWindowAt({1280, 800}); }

    void aLongStepListMakesRoomForTheNarration() {
        widgets::LessonPane* pane = m_window->lessonPane();
        QListWidget* steps = pane->stepList();
        int longLessons = 0, scrolling = 0, shortened = 0;
        QStringList problems;
        for (const core::Lesson* lesson : m_window->catalog().lessons()) {
            if (lesson->steps.size() <= 8) continue;
            ++longLessons;
            const QString id = QString::fromStdString(lesson->id);
            QVERIFY2(m_window->openLesson(id), qPrintable(id));
            for (std::size_t step = 1; step <= lesson->steps.size(); ++step) {
                controller().goToStepEnd(step);
                QApplication::processEvents();
                const bool narrationScrolls = pane->narration()->verticalScrollBar()->maximum() > 0;
                const bool listWhole = steps->verticalScrollBar()->maximum() == 0;
                if (narrationScrolls) ++scrolling;
                if (!listWhole) ++shortened;
                // The narration may scroll only once the list is down to its eight rows.
                const int rowsShown = steps->viewport()->height() / std::max(1, steps->visualItemRect(steps->item(0)).height());
                if (narrationScrolls && listWhole)
                    problems << QStringLiteral("%1 step %2: the narration scrolls under a whole step list").arg(id).arg(step);
                if (narrationScrolls && rowsShown > 9)
                    problems << QStringLiteral("%1 step %2: %3 step rows shown over a scrolling narration").arg(id).arg(step).arg(rowsShown);
                // The current step is always in view in the list.
                const QRect current = steps->visualItemRect(steps->currentItem());
                if (!steps->viewport()->rect().contains(current))
                    problems << QStringLiteral("%1 step %2: the current step is scrolled out of the list").arg(id).arg(step);
            }
        }
        qInfo("%d long lessons; %d steps with the list shortened, %d with the narration still scrolling", longLessons,
              shortened, scrolling);
        QVERIFY(longLessons > 0);
        QVERIFY(shortened > 0);  // not vacuous: some step needed the room
        for (const QString& p : problems) qInfo("%s", qPrintable(p));
        QVERIFY2(problems.isEmpty(), qPrintable(problems.value(0)));
    }
};

int main(int argc, char** argv) { return test::runQtTest<NarrationRoomTest>(argc, argv); }
#include "narration_room_test.moc"
