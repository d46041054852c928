#include <QApplication>
#include <QSignalSpy>
#include <QTest>
#include <QUndoStack>

#include "lesson/playback_pace.h"
#include "scene/graph_scene.h"
#include "scene/scene_view.h"
#include "sim/registry.h"
#include "sim_controller.h"
#include "test_support.h"

using namespace sb;

class SimControllerTest : public QObject {
    Q_OBJECT
private slots:
    void init() { test::failOnQtWarnings(); }
    void cleanup() { QVERIFY2(test::qtWarnings().isEmpty(), qPrintable(test::qtWarnings().join('\n'))); }

    void stepsForwardAndBackExactly() {
        core::TopicRegistry registry;
        core::registerBuiltinTopics(registry);
        widgets::SimController controller(registry);
        core::Scenario sc;
        sc.topic = "ping";
        QVERIFY(controller.load(sc).ok());
        QSignalSpy changed(&controller, &widgets::SimController::changed);
        for (int i = 0; i < 50; ++i) controller.stepForward();
        QCOMPARE(controller.timeline()->position(), std::size_t{50});
        const auto before = test::signature(controller.timeline()->model().view(controller.displayTime()));
        for (int i = 0; i < 20; ++i) controller.stepBack();
        QVERIFY(test::signature(controller.timeline()->model().view(controller.displayTime())) != before);
        for (int i = 0; i < 20; ++i) controller.stepForward();
        QCOMPARE(controller.timeline()->position(), std::size_t{50});
        QCOMPARE(test::signature(controller.timeline()->model().view(controller.displayTime())), before);
        QCOMPARE(changed.count(), 90);
    }

    void advanceMovesTimeSmoothlyBetweenEvents() {
        core::TopicRegistry registry;
        core::registerBuiltinTopics(registry);
        widgets::SimController controller(registry);
        QVERIFY(controller.load(core::Scenario{"ping", "", 1, {}, {}, ""}).ok());
        controller.setSpeed(1.0);
        core::Time last = controller.displayTime();
        const core::PaceRule rule;
        for (int frame = 0; frame < 200; ++frame) {
            controller.advance(16.0);
            // 16 ms of wall time at 1x is 1.6 simulated ms in an ordinary stretch, less where
            // events bunch, more across an idle wait: time moves on every frame, events or not.
            const core::Time moved = controller.displayTime() - last;
            QVERIFY(moved >= static_cast<core::Time>(rule.slowest * 16.0) - 1);
            QVERIFY(moved <= static_cast<core::Time>(rule.usPerWallMs * rule.idleBoost * 16.0) + 1);
            QVERIFY(controller.displayTime() >= controller.timeline()->now());
            last = controller.displayTime();
        }
        QVERIFY(controller.timeline()->position() > 10);
    }

    void playPausesAndSpeedIsClamped() {
        core::TopicRegistry registry;
        core::registerBuiltinTopics(registry);
        widgets::SimController controller(registry);
        QVERIFY(controller.load(core::Scenario{"ping", "", 1, {}, {}, ""}).ok());
        controller.setSpeed(50);
        QCOMPARE(controller.speed(), 10.0);
        controller.setSpeed(0.01);
        QCOMPARE(controller.speed(), 0.1);
        controller.setSpeed(10);
        QSignalSpy playing(&controller, &widgets::SimController::playingChanged);
        controller.play();
        QVERIFY(controller.playing());
        QTRY_VERIFY(controller.timeline()->position() > 5);
        controller.pause();
        QVERIFY(!controller.playing());
        QCOMPARE(playing.count(), 2);
        QCOMPARE(controller.displayTime(), controller.timeline()->now());
    }

    void undoRestoresTheBranchBeforeAnAction() {
        core::TopicRegistry registry;
        core::registerBuiltinTopics(registry);
        widgets::SimController controller(registry);
        QVERIFY(controller.load(core::Scenario{"ping", "", 1, {}, {}, ""}).ok());
        for (int i = 0; i < 30; ++i) controller.stepForward();
        const auto before = test::signature(controller.timeline()->model().view(controller.displayTime()));
        const std::size_t position = controller.timeline()->position();
        core::Action crash;
        crash.kind = "crash";
        crash.args["node"] = "n2";
        QVERIFY(controller.perform(crash, QStringLiteral("crash")).ok());
        QVERIFY(std::get<bool>(controller.timeline()->model().probe("up", 1)) == false);
        QVERIFY(controller.timeline()->sim().session().actions.size() == 1);
        controller.undoStack()->undo();
        QCOMPARE(controller.timeline()->position(), position);
        QCOMPARE(test::signature(controller.timeline()->model().view(controller.displayTime())), before);
        QVERIFY(controller.timeline()->sim().session().actions.empty());
        controller.undoStack()->redo();
        QVERIFY(std::get<bool>(controller.timeline()->model().probe("up", 1)) == false);
        // An invalid gesture is refused and leaves nothing on the stack.
        core::Action bad;
        bad.kind = "crash";
        bad.args["node"] = "n99";
        QVERIFY(!controller.perform(bad, QStringLiteral("bad")).ok());
        QCOMPARE(controller.undoStack()->count(), 1);
    }

    void sceneUpdatesIncrementally() {
        core::TopicRegistry registry;
        core::registerBuiltinTopics(registry);
        widgets::SimController controller(registry);
        QVERIFY(controller.load(core::Scenario{"ping", "", 1, {}, {}, ""}).ok());
        widgets::SceneView scene;
        scene.resize(500, 400);
        std::size_t maxMessages = 0;
        for (int i = 0; i < 60; ++i) {
            controller.advance(16.0);
            scene.setView(controller.timeline()->model().view(controller.displayTime()));
            maxMessages = std::max(maxMessages, scene.graph()->messageItemCount());
        }
        QCOMPARE(scene.graph()->layoutCount(), 1);  // no structural change, no re-layout
        scene.graph()->setAlarm({"n2"});
        QVERIFY(scene.graph()->nodeAlarmed(1));
        QVERIFY(!scene.graph()->nodeAlarmed(0));
        QVERIFY(maxMessages > 0);
        const QImage image = scene.grab().toImage();
        const QRgb background = image.pixel(2, 2);
        int different = 0;
        for (int y = 0; y < image.height(); y += 4)
            for (int x = 0; x < image.width(); x += 4) different += image.pixel(x, y) != background;
        QVERIFY(different > 100);
    }
};

int main(int argc, char** argv) {
    test::installWarningRecorder();
    QApplication app(argc, argv);
    SimControllerTest t;
    return QTest::qExec(&t, argc, argv);
}
#include "sim_controller_test.moc"
