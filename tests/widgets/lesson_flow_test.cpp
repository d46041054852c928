// The lesson flow through the real window, with keys (issue 15): the sequences a learner was
// seen to break, checking the highlighted step, the model time and the claim marks.
#include <QApplication>
#include <QListWidget>
#include <QPushButton>
#include <QStatusBar>
#include <QTest>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>

#include "gui/main_window.h"
#include "gui/workspace_state.h"
#include "learn/lesson_browser.h"
#include "learn/lesson_pane.h"
#include "sim_controller.h"
#include "test_support.h"
#include "test_window.h"

using namespace sb;

class LessonFlowTest : public QObject {
    Q_OBJECT
private:
    core::TopicRegistry m_registry;
    std::unique_ptr<app::MainWindow> m_window;

    widgets::SimController& controller() { return m_window->controller(); }
    widgets::LessonPane* pane() { return m_window->lessonPane(); }
    void key(Qt::Key k) {
        QTest::keyClick(m_window.get(), k);
        // The animation runs on its own timer; finish it in 1x frames without waiting for it.
        for (int frame = 0; frame < 100000 && controller().playing(); ++frame) controller().advance(16.0);
    }
    QString probe(const char* name, core::NodeId node = core::kNoNode) {
        return QString::fromStdString(core::probeToString(controller().timeline()->model().probe(name, node)));
    }
    QStringList claimTexts() {
        QStringList out;
        for (int i = 0; i < pane()->claimList()->count(); ++i) out << pane()->claimList()->item(i)->text();
        return out;
    }

private slots:
    void initTestCase() {
        test::openTestWindow(m_registry, m_window);
        m_window->activateWindow();
        QApplication::processEvents();
    }
    void init() {
        QVERIFY(m_window->openLesson(QStringLiteral("raft-election")));
        QApplication::processEvents();
    }

    void theNextLessonIsNamedAsTheListNamesIt() {
        // raft-replication's title is "Raft: replicating and committing a write"; under the Raft
        // heading the list says "Replicating and committing a write", and so does the offer at
        // raft-election's end (it read "Next lesson: Raft: replicating…").
        QListWidget* steps = pane()->stepList();
        steps->setCurrentRow(steps->count() - 1);
        QWidget* offer = app::lessonEndOffer(*m_window);
        QVERIFY(offer && offer->isVisible());
        auto* next = offer->findChild<QPushButton*>(QStringLiteral("NextLesson"));
        QVERIFY(next && next->isVisible());
        QString listed;
        for (QTreeWidgetItemIterator it(m_window->lessonBrowser()->tree()); *it; ++it)
            if ((*it)->data(0, Qt::UserRole + 1).toString() == QStringLiteral("raft-replication")) listed = (*it)->text(0);
        listed.remove(QStringLiteral("✓ "));
        QVERIFY(!listed.isEmpty() && !listed.startsWith(QStringLiteral("Raft")));
        QCOMPARE(next->text(), QStringLiteral("Next lesson: ") + listed);
    }

    void pageDownDownUpDownShowsStepTwoAtItsOwnEnd() {
        key(Qt::Key_PageDown);
        QCOMPARE(controller().currentStep(), std::size_t{1});
        QCOMPARE(controller().displayTime(), core::fromMs(100));  // after_ms 100: not t = 0
        key(Qt::Key_PageDown);
        QCOMPARE(controller().currentStep(), std::size_t{2});
        const core::Time endOfTwo = controller().displayTime();
        const std::size_t positionOfTwo = controller().timeline()->position();
        key(Qt::Key_PageUp);
        QCOMPARE(controller().currentStep(), std::size_t{1});
        QCOMPARE(pane()->stepList()->currentRow(), 0);
        QCOMPARE(controller().displayTime(), core::fromMs(100));
        key(Qt::Key_PageDown);
        QCOMPARE(controller().currentStep(), std::size_t{2});
        QCOMPARE(pane()->stepList()->currentRow(), 1);
        QCOMPARE(controller().displayTime(), endOfTwo);
        QCOMPARE(controller().timeline()->position(), positionOfTwo);
        QVERIFY(pane()->narration()->toPlainText().contains(QStringLiteral("The shortest timer fires first")));
        QCOMPARE(probe("leader"), QStringLiteral("none"));  // not yet the leader of step 3
        const QStringList claims = claimTexts();
        QCOMPARE(claims.size(), 2);
        for (const QString& c : claims) QVERIFY2(c.startsWith(QStringLiteral("✓")), qPrintable(c));
        QVERIFY(m_window->statusBar()->currentMessage().contains(QStringLiteral("Step 2 done")));
    }

    void nextStepThenRunThisStepReplaysStepOne() {
        key(Qt::Key_PageDown);
        QCOMPARE(controller().currentStep(), std::size_t{1});
        QTest::mouseClick(pane()->runButton(), Qt::LeftButton);
        QVERIFY(controller().playing());
        // While it runs, step 1 is highlighted and its claims are not reached yet.
        QCOMPARE(pane()->stepList()->currentRow(), 0);
        for (const QString& c : claimTexts()) QVERIFY2(c.startsWith(QStringLiteral("○")), qPrintable(c));
        for (int frame = 0; frame < 100000 && controller().playing(); ++frame) controller().advance(16.0);
        QCOMPARE(controller().currentStep(), std::size_t{1});
        QCOMPARE(pane()->stepList()->currentRow(), 0);
        QCOMPARE(controller().displayTime(), core::fromMs(100));
        QCOMPARE(probe("max_term"), QStringLiteral("0"));
        QCOMPARE(probe("role", 0), QStringLiteral("follower"));
        const QStringList claims = claimTexts();
        QCOMPARE(claims.size(), 3);
        for (const QString& c : claims) QVERIFY2(c.startsWith(QStringLiteral("✓")), qPrintable(c));
        QVERIFY(m_window->statusBar()->currentMessage().contains(QStringLiteral("Step 1 done; every expectation holds")));
    }

    void resetClearsTheStepAndItsNarration() {
        key(Qt::Key_PageDown);
        key(Qt::Key_PageDown);
        key(Qt::Key_Home);
        QCOMPARE(controller().currentStep(), std::size_t{0});
        QCOMPARE(controller().displayTime(), core::Time{0});
        QCOMPARE(pane()->stepList()->currentRow(), -1);
        const QString intro = pane()->narration()->toPlainText();
        QVERIFY(intro.contains(QStringLiteral("Press Next step to begin")));
        // The pane's heading names the lesson; the intro below it says how long it is instead.
        QVERIFY2(intro.contains(QStringLiteral("the lesson has 6 steps.")), qPrintable(intro));
        QVERIFY(!intro.contains(QString::fromStdString(controller().lessonRun()->lesson().title)));
        QCOMPARE(pane()->claimList()->count(), 0);
    }

    void playingOnMovesTheNarrationToTheNextStep() {
        key(Qt::Key_PageDown);
        key(Qt::Key_PageDown);
        controller().play();
        for (int frame = 0; frame < 100000 && controller().currentStep() == 2; ++frame) controller().advance(16.0);
        controller().pause();
        QCOMPARE(controller().currentStep(), std::size_t{3});
        QCOMPARE(pane()->stepList()->currentRow(), 2);
        QVERIFY(pane()->narration()->toPlainText().contains(QStringLiteral("A majority of votes")));
    }
};

int main(int argc, char** argv) {
    test::installWarningRecorder();
    QApplication app(argc, argv);
    LessonFlowTest t;
    return QTest::qExec(&t, argc, argv);
}
#include "lesson_flow_test.moc"
