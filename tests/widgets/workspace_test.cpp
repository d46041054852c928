// Drives the whole workspace offscreen, the way a learner would: open a lesson, play, pause,
// step, scrub, drag a node out of its zone and back, undo, inspect a message.
#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QGraphicsItem>
#include <QStatusBar>
#include <QLabel>
#include <QTextBrowser>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QStandardPaths>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>
#include <QUndoStack>

#include "gui/main_window.h"
#include "learn/card_deck.h"
#include "learn/lesson_browser.h"
#include "learn/lesson_pane.h"
#include "lesson/lesson_catalog.h"
#include "panels/compare_view.h"
#include "panels/history_strip.h"
#include "panels/inspector_panel.h"
#include "panels/metrics_panel.h"
#include "panels/space_time_view.h"
#include "topics/hashring/spread_plot.h"
#include "scene/graph_scene.h"
#include "scene/message_item.h"
#include "scene/ring_item.h"
#include "scene/scene_palette.h"
#include "scene/scene_view.h"
#include "sim_controller.h"
#include "test_support.h"
#include "test_window.h"

using namespace sb;

class WorkspaceTest : public QObject {
    Q_OBJECT
private:
    core::TopicRegistry m_registry;
    std::unique_ptr<app::MainWindow> m_window;

    widgets::SimController& controller() { return m_window->controller(); }
    core::View view() { return controller().timeline()->model().view(controller().displayTime()); }
    int zoneOf(const std::string& name) {
        for (const auto& n : view().nodes)
            if (n.name == name) return n.zone;
        return -1;
    }
    bool partitioned() { return std::get<bool>(controller().timeline()->model().probe("partitioned", core::kNoNode)); }
    static QString userLessonsDir() {
        return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/lessons");
    }
    static void writeFile(const QString& path, const QByteArray& text) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QCOMPARE(f.write(text), text.size());
    }
    QPoint viewportPoint(QPointF scenePos) { return m_window->sceneView()->mapFromScene(scenePos); }

    void drag(QPointF from, QPointF to) {
        QWidget* viewport = m_window->sceneView()->viewport();
        const QPoint a = viewportPoint(from);
        const QPoint b = viewportPoint(to);
        QTest::mousePress(viewport, Qt::LeftButton, {}, a);
        for (int i = 1; i <= 5; ++i) QTest::mouseMove(viewport, a + (b - a) * i / 5);
        QTest::mouseRelease(viewport, Qt::LeftButton, {}, b);
    }

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        // A clean user lessons folder (test mode keeps it away from the real one).
        QDir userDir(userLessonsDir());
        userDir.removeRecursively();
        QVERIFY(QDir().mkpath(userLessonsDir()));
        test::openTestWindow(m_registry, m_window);
        if (QTest::currentTestFailed()) return;
    }
    void cleanupTestCase() { m_window.reset(); }
    void init() { test::failOnQtWarnings(); }
    void cleanup() { QVERIFY2(test::qtWarnings().isEmpty(), qPrintable(test::qtWarnings().join('\n'))); }

    void healAndRestoreAreOfferedOnlyWithSomethingToUndo() {
        QVERIFY(m_window->openLesson(QStringLiteral("ping-silence")));
        QApplication::processEvents();
        auto menuAction = [this](const char* kind) -> QAction* {
            for (QAction* a : m_window->findChildren<QAction*>())
                if (a->data().toString() == QLatin1String(kind)) return a;
            return nullptr;
        };
        QAction* heal = menuAction("heal");
        QAction* uncut = menuAction("uncut");
        QVERIFY(heal && uncut);
        QVERIFY(!heal->isEnabled());
        QVERIFY(!uncut->isEnabled());
        core::Action cut;
        cut.kind = "cut";
        cut.args = {{"from", "n1"}, {"to", "n2"}};
        QVERIFY(controller().perform(cut, QStringLiteral("cut")).ok());
        QApplication::processEvents();
        QVERIFY(uncut->isEnabled());
        QVERIFY(heal->isEnabled());  // a cut is healed too
        core::Action restore;
        restore.kind = "uncut";
        restore.args = {{"from", "n1"}, {"to", "n2"}};
        QVERIFY(controller().perform(restore, QStringLiteral("uncut")).ok());
        QApplication::processEvents();
        QVERIFY(!uncut->isEnabled());
        QVERIFY(!heal->isEnabled());
    }

    void browserFiltersAndOpensLessons() {
        widgets::LessonBrowser* browser = m_window->lessonBrowser();
        (void)m_window->catalog();
        QTreeWidget* tree = browser->tree();
        auto visibleLessons = [tree] {
            int n = 0;
            for (int t = 0; t < tree->topLevelItemCount(); ++t)
                for (int i = 0; i < tree->topLevelItem(t)->childCount(); ++i)
                    n += tree->topLevelItem(t)->child(i)->isHidden() ? 0 : 1;
            return n;
        };
        const int all = visibleLessons();
        QVERIFY(all >= 2);
        QTest::keyClicks(browser->searchBox(), QStringLiteral("silence"));
        QCOMPARE(visibleLessons(), 1);
        browser->searchBox()->clear();
        QCOMPARE(visibleLessons(), all);
        QSignalSpy activated(browser, &widgets::LessonBrowser::lessonActivated);
        QTreeWidgetItem* first = tree->topLevelItem(0)->child(0);
        emit tree->itemActivated(first, 0);
        QCOMPARE(activated.count(), 1);
        QVERIFY(controller().lessonRun() != nullptr);
        QCOMPARE(QString::fromStdString(controller().lessonRun()->lesson().id), activated.first().first().toString());
    }

    void opensALessonAndRunsItsSteps() {
        QVERIFY(m_window->catalog().find("ping-silence"));
        QVERIFY(m_window->openLesson(QStringLiteral("ping-silence")));
        widgets::LessonPane* pane = m_window->lessonPane();
        QCOMPARE(pane->stepList()->count(), 5);
        QSignalSpy finished(&controller(), &widgets::SimController::stepFinished);
        pane->nextButton()->click();
        QVERIFY(controller().playing());  // the step is animated, not jumped
        while (controller().playing()) controller().advance(500.0);
        QCOMPARE(finished.count(), 1);
        QCOMPARE(controller().currentStep(), std::size_t{1});
        QVERIFY(controller().lastStepResult() && controller().lastStepResult()->passed());
        QCOMPARE(pane->stepList()->currentRow(), 0);
        QVERIFY(pane->narration()->toPlainText().contains(QStringLiteral("Everyone hears everyone")));
        QCOMPARE(pane->passingClaims(), pane->claimList()->count());  // every check is green
        // The card deck flips.
        widgets::CardDeck* cards = pane->cards();
        if (cards->count() > 0) {
            QVERIFY(!cards->revealed());
            cards->flip();
            QVERIFY(cards->revealed());
        }
    }

    void playsPausesAndStepsBackExactly() {
        controller().setSpeed(10);
        controller().play();
        QVERIFY(controller().playing());
        const std::size_t start = controller().timeline()->position();
        QTRY_VERIFY(controller().timeline()->position() > start + 3);
        controller().pause();
        QVERIFY(!controller().playing());
        const std::string before = test::signature(view());
        const std::size_t position = controller().timeline()->position();
        QTest::keyClick(m_window.get(), Qt::Key_Left);
        QTest::keyClick(m_window.get(), Qt::Key_Left);
        QCOMPARE(controller().timeline()->position(), position - 2);
        QTest::keyClick(m_window.get(), Qt::Key_Right);
        QTest::keyClick(m_window.get(), Qt::Key_Right);
        QCOMPARE(controller().timeline()->position(), position);
        QCOMPARE(test::signature(view()), before);
        QCOMPARE(test::signature(m_window->sceneView()->graph()->view()), before);  // the scene shows it
    }

    void scrubsTheTimeline() {
        auto* scrubber = m_window->findChild<QSlider*>();
        QVERIFY(scrubber);
        QCOMPARE(scrubber->maximum(), static_cast<int>(controller().timeline()->recorded()));
        scrubber->setValue(10);
        QCOMPARE(controller().timeline()->position(), std::size_t{10});
        QCOMPARE(m_window->sceneView()->graph()->view().time, controller().displayTime());
        scrubber->setValue(scrubber->maximum() - 1);
        QCOMPARE(controller().timeline()->position(), static_cast<std::size_t>(scrubber->maximum() - 1));
    }

    void dragsANodeToPartitionAndBack() {
        QVERIFY(m_window->openLesson(QStringLiteral("ping-silence")));
        for (int i = 0; i < 20; ++i) controller().stepForward();
        widgets::SceneView* sceneView = m_window->sceneView();
        widgets::GraphScene* graph = sceneView->graph();
        sceneView->zoomOut();
        sceneView->zoomOut();
        QApplication::processEvents();
        const std::string before = test::signature(view());
        const std::size_t position = controller().timeline()->position();
        QVERIFY(!partitioned());
        QCOMPARE(zoneOf("n4"), 0);

        const QRectF main = graph->zoneRect(0);
        QVERIFY(!main.isEmpty());
        const core::NodeId n4 = 3;
        drag(graph->nodePosition(n4), QPointF(main.right() + 120, main.center().y()));
        QVERIFY(partitioned());
        QVERIFY(zoneOf("n4") > 0);
        QVERIFY(!graph->zoneRect(zoneOf("n4")).isEmpty());  // the new zone is drawn
        QCOMPARE(controller().undoStack()->count(), 1);

        // Drag it back into the main zone: healed.
        QApplication::processEvents();
        drag(graph->nodePosition(n4), graph->zoneRect(0).center());
        QCOMPARE(zoneOf("n4"), 0);
        QVERIFY(!partitioned());
        QCOMPARE(controller().undoStack()->count(), 2);

        controller().undoStack()->undo();
        QVERIFY(partitioned());
        QVERIFY(zoneOf("n4") > 0);
        controller().undoStack()->undo();
        QVERIFY(!partitioned());
        QCOMPARE(controller().timeline()->position(), position);
        QCOMPARE(test::signature(view()), before);
        sceneView->fitToView();
    }

    void inspectsAMessageInFlight() {
        widgets::GraphScene* graph = m_window->sceneView()->graph();
        widgets::MessageItem* message = nullptr;
        for (int i = 0; i < 200 && !message; ++i) {
            controller().advance(16.0);
            for (QGraphicsItem* item : graph->items())
                if (item->type() == widgets::MessageItem::Type) message = static_cast<widgets::MessageItem*>(item);
        }
        QVERIFY(message);
        const core::MsgId id = message->message().id;
        QTest::mouseClick(m_window->sceneView()->viewport(), Qt::LeftButton, {}, viewportPoint(message->scenePos()));
        auto* rows = m_window->inspector()->table();
        QVERIFY(rows->topLevelItemCount() >= 5);
        QCOMPARE(rows->topLevelItem(0)->text(1), QString::fromStdString(message->message().kind));
        const QString title = m_window->inspector()->findChild<QLabel*>()->text();
        QVERIFY2(title.contains(QString::number(id)), qPrintable(title));

        // Drop it from the inspector; undo brings it back in flight.
        auto inFlight = [this, id] {
            for (const auto& m : view().messages)
                if (m.id == id) return true;
            return false;
        };
        QVERIFY(inFlight());
        QPushButton* drop = nullptr;
        for (auto* b : m_window->inspector()->findChildren<QPushButton*>())
            if (b->accessibleName().contains(QStringLiteral("Drop"))) drop = b;
        QVERIFY(drop && drop->isVisible());
        const int commands = controller().undoStack()->index();
        drop->click();
        QVERIFY(!inFlight());
        QCOMPARE(controller().undoStack()->index(), commands + 1);
        controller().undoStack()->undo();
        QVERIFY(inFlight());
    }

    void reloadsAnEditedLessonAndKeepsTheLastGoodOne() {
        QFile shipped(QStringLiteral(SPLITBRAIN_SOURCE_DIR "/lessons/ping/silence.json"));
        QVERIFY(shipped.open(QIODevice::ReadOnly));
        QByteArray text = shipped.readAll();
        text.replace("\"ping-silence\"", "\"user-copy\"");
        const QString path = userLessonsDir() + QStringLiteral("/user-copy.json");
        writeFile(path, text);  // a new file in the watched folder
        QTRY_VERIFY(m_window->catalog().find("user-copy") != nullptr);
        writeFile(path, QByteArray("{ \"id\": broken"));  // a bad edit
        QTRY_VERIFY(!m_window->catalog().entry(path.toStdString())->errors.empty());
        QVERIFY(m_window->catalog().find("user-copy") != nullptr);  // the last good version stays
        QVERIFY(m_window->statusBar()->currentMessage().contains(QStringLiteral("not reloaded")));
        writeFile(path, text);
        QTRY_VERIFY(m_window->catalog().entry(path.toStdString())->errors.empty());
    }

    void dragsTwoCapNodesAwayAsAGroup() {
        // Ctrl+click two replicas, drag one of them out: both form the minority, in one undo step.
        QVERIFY(m_window->openLesson(QStringLiteral("cap-cp-partition")));
        controller().goToStepEnd(1);
        QApplication::processEvents();
        QVERIFY(!partitioned());
        widgets::SceneView* sceneView = m_window->sceneView();
        widgets::GraphScene* graph = sceneView->graph();
        QWidget* viewport = sceneView->viewport();
        const core::NodeId n4 = 3, n5 = 4;
        QTest::mouseClick(viewport, Qt::LeftButton, Qt::ControlModifier, viewportPoint(graph->nodePosition(n4)));
        QTest::mouseClick(viewport, Qt::LeftButton, Qt::ControlModifier, viewportPoint(graph->nodePosition(n5)));
        const int before = controller().undoStack()->count();
        const QRectF main = graph->zoneRect(0);
        drag(graph->nodePosition(n5), QPointF(main.right() + 140, main.center().y()));
        QVERIFY(partitioned());
        QVERIFY(zoneOf("n4") > 0);
        QCOMPARE(zoneOf("n4"), zoneOf("n5"));
        QCOMPARE(zoneOf("n1"), 0);
        QCOMPARE(controller().undoStack()->count(), before + 1);
        // The model's minority follows the zones: a write on n4 now cannot find a quorum.
        QCOMPARE(std::get<bool>(controller().timeline()->model().probe("in_minority", n4)), true);
        controller().undoStack()->undo();
        QVERIFY(!partitioned());
        QCOMPARE(zoneOf("n5"), 0);
    }

    void historyStripShowsClientOperations() {
        widgets::HistoryStrip* strip = m_window->history();
        QVERIFY(m_window->openLesson(QStringLiteral("cap-cp-partition")));
        controller().goToStepEnd(5);
        QVERIFY(strip->opCount() >= 3);
        QCOMPARE(strip->flaggedCount(), std::size_t{0});  // a CP history is linearizable
        strip->resize(800, 160);
        strip->repaint();
        QVERIFY(strip->drawnCount() == strip->opCount());
        bool sawFailed = false;
        for (std::size_t k = 0; k < strip->drawnCount(); ++k) sawFailed |= strip->drawnOp(k).outcome == "failed";
        QVERIFY(sawFailed);  // the minority's refusals are on the strip
        // Clicking an operation goes to the moment it completed.
        const core::HistoryOp op = strip->drawnOp(0);
        QVERIFY(op.end.has_value());
        QTest::mouseClick(strip, Qt::LeftButton, {}, strip->drawnRect(0).center().toPoint());
        QVERIFY(controller().timeline()->now() <= *op.end);
        const core::Timeline* timeline = controller().timeline();
        const std::size_t pos = timeline->position();
        QVERIFY(pos < timeline->recorded() && timeline->event(pos).time > *op.end);

        QVERIFY(m_window->openLesson(QStringLiteral("cap-ap-lww")));
        controller().goToStepEnd(5);
        QVERIFY(strip->flaggedCount() >= 2);  // the stale read and the lost write are marked
        // The culprit search runs when asked: "Why?" marks the write the stale read missed too.
        const std::size_t marked = strip->flaggedCount();
        QVERIFY(strip->explanation().isEmpty());
        auto* why = strip->findChild<QToolButton*>();
        QVERIFY(why);
        why->click();
        QVERIFY(strip->explaining());
        QVERIFY(strip->explanation().contains(QStringLiteral("3 operations on x")));
        QVERIFY(strip->flaggedCount() > marked);
        why->click();
        QVERIFY(strip->explanation().isEmpty());
        QCOMPARE(strip->flaggedCount(), marked);
    }

    void comparesCpWithApOnTheSameRun() {
        QVERIFY(m_window->openLesson(QStringLiteral("cap-cp-partition")));
        controller().goToStepEnd(4);
        widgets::CompareView* compare = m_window->compare();
        compare->show();
        QVERIFY(compare->alternatives().contains(QStringLiteral("mode = AP")));
        QVERIFY(compare->chooseAlternative(QStringLiteral("mode = AP")));
        QVERIFY(compare->timeline() != nullptr);
        auto minorityOk = [](const core::Timeline* t) {
            return std::get<std::int64_t>(t->model().probe("minority_ok", core::kNoNode));
        };
        // Same partition, same workload: the CP minority refused, the AP minority accepted.
        QCOMPARE(minorityOk(controller().timeline()), std::int64_t{0});
        QVERIFY(minorityOk(compare->timeline()) >= 1);
        QCOMPARE(compare->timeline()->now() <= controller().displayTime(), true);
        // A gesture on the main run is replayed on the other side too.
        core::Action heal;
        heal.kind = "heal";
        QVERIFY(controller().perform(heal, QStringLiteral("heal")).ok());
        QCOMPARE(std::get<bool>(compare->timeline()->model().probe("partitioned", core::kNoNode)), false);
        // The offer follows the run's own values: an AP lesson is compared with CP.
        QVERIFY(m_window->openLesson(QStringLiteral("cap-ap-lww")));
        QVERIFY(compare->alternatives().contains(QStringLiteral("mode = CP")));
        QVERIFY(!compare->alternatives().contains(QStringLiteral("mode = AP")));
        // A topic with nothing to switch (ping) leaves the side view empty rather than stale.
        QVERIFY(m_window->openLesson(QStringLiteral("ping-silence")));
        QVERIFY(compare->alternatives().isEmpty());
        QVERIFY(compare->timeline() == nullptr);
        QVERIFY(compare->scene()->graph()->view().nodes.empty());
        compare->hide();
    }

    void clickingARingKeyLooksItUp() {
        // The hit test: a key's dot, and only near it.
        const widgets::ScenePalette palette = widgets::ScenePalette::fromPalette(m_window->palette());
        widgets::RingItem ring(m_window->sceneView()->graph(), &palette, 200);
        core::RingView rv;
        rv.keys.push_back({0.25, 0, "k7", false});
        ring.setRing(rv, {});
        QCOMPARE(ring.keyAt(widgets::ringPoint(0.25, 190)), std::string("k7"));
        QVERIFY(ring.keyAt(widgets::ringPoint(0.5, 190)).empty());
        // The gesture: a lookup action, undoable, and the banner names hash, owner and replicas.
        QVERIFY(m_window->openLesson(QStringLiteral("hashring-replication")));
        controller().goToStepEnd(1);
        const int before = controller().undoStack()->count();
        emit m_window->sceneView()->graph()->keySelected(QStringLiteral("k3"));
        QCOMPARE(controller().undoStack()->count(), before + 1);
        bool described = false;
        for (const auto& a : view().annotations)
            described |= a.rfind("key k3: hash 0x", 0) == 0 && a.find("owner n") != std::string::npos &&
                         a.find("replicas ") != std::string::npos;
        QVERIFY(described);
    }

    void hashRingShowsItsLoadSpreadCurve() {
        // The plot comes from the topic UI registry: docked, and shown for its topic only.
        auto* spread = qobject_cast<widgets::SpreadPlot*>(m_window->topicPanel(QStringLiteral("SpreadDock")));
        QVERIFY(spread);
        auto* dock = m_window->findChild<QDockWidget*>(QStringLiteral("SpreadDock"));
        QVERIFY(dock);
        QVERIFY(m_window->openLesson(QStringLiteral("hashring-vnodes")));
        QVERIFY(spread->applies());
        QVERIFY(!dock->isHidden());
        QCOMPARE(spread->pointCount(), 10);  // 1, 2, 5 ... 1000 vnodes
        QVERIFY(m_window->openLesson(QStringLiteral("cap-letters")));
        QVERIFY(!spread->applies());
        QVERIFY(dock->isHidden());
    }

    void panelsFollowTheRun() {
        QVERIFY(m_window->openLesson(QStringLiteral("ping-silence")));
        controller().setSpeed(10);
        for (int i = 0; i < 30; ++i) controller().advance(30.0);
        QVERIFY(m_window->metrics()->sampleCount() > 5);
        m_window->spaceTime()->repaint();
        widgets::SpaceTimeView* diagram = m_window->spaceTime();
        QVERIFY(diagram->arrowCount() > 0);
        // Clicking an arrow goes to the moment its message was sent.
        const std::size_t send = diagram->arrowSend(0);
        const QPointF middle = diagram->arrowLine(0).pointAt(0.5);
        QTest::mouseClick(diagram, Qt::LeftButton, {}, middle.toPoint());
        QCOMPARE(controller().timeline()->position(), send + 1);
        QVERIFY(controller().timeline()->event(send).is("send"));
        QVERIFY(!m_window->shortcutList().isEmpty());
    }
};

int main(int argc, char** argv) {
    test::installWarningRecorder();
    QApplication app(argc, argv);
    WorkspaceTest t;
    return QTest::qExec(&t, argc, argv);
}
#include "workspace_test.moc"
