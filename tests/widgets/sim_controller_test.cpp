#include <QSignalSpy>
#include <QTest>

#include "scene/scene_view.h"
#include "sim/registry.h"
#include "sim_controller.h"

using namespace sb;

class SimControllerTest : public QObject {
    Q_OBJECT
private slots:
    void stepsForwardAndBackExactly() {
        core::TopicRegistry registry;
        core::registerBuiltinTopics(registry);
        widgets::SimController controller(registry);
        core::Scenario sc;
        sc.topic = QStringLiteral("ping").toStdString();
        QVERIFY(controller.load(sc).ok());
        QSignalSpy changed(&controller, &widgets::SimController::changed);
        for (int i = 0; i < 50; ++i) controller.stepForward();
        QCOMPARE(controller.timeline()->position(), std::size_t{50});
        const auto metrics = controller.timeline()->model().metrics();
        for (int i = 0; i < 20; ++i) controller.stepBack();
        for (int i = 0; i < 20; ++i) controller.stepForward();
        QCOMPARE(controller.timeline()->position(), std::size_t{50});
        const auto again = controller.timeline()->model().metrics();
        QCOMPARE(again.size(), metrics.size());
        for (std::size_t i = 0; i < again.size(); ++i) QCOMPARE(again[i].value, metrics[i].value);
        QCOMPARE(changed.count(), 90);
    }

    void playAdvancesSimulatedTime() {
        core::TopicRegistry registry;
        core::registerBuiltinTopics(registry);
        widgets::SimController controller(registry);
        QVERIFY(controller.load(core::Scenario{"ping", "", 1, {}, {}, ""}).ok());
        controller.setSpeed(10.0);
        controller.play();
        QVERIFY(controller.playing());
        QTRY_VERIFY(controller.timeline()->position() > 20);
        controller.pause();
        QVERIFY(!controller.playing());
        QVERIFY(controller.displayTime() >= controller.timeline()->now());
    }

    void sceneRendersAView() {
        core::TopicRegistry registry;
        core::registerBuiltinTopics(registry);
        widgets::SimController controller(registry);
        QVERIFY(controller.load(core::Scenario{"ping", "", 1, {}, {}, ""}).ok());
        for (int i = 0; i < 30; ++i) controller.stepForward();
        widgets::SceneView scene;
        scene.resize(400, 300);
        scene.setView(controller.timeline()->model().view(controller.displayTime()));
        const QImage image = scene.grab().toImage();
        QCOMPARE(image.size(), QSize(400, 300));
        // Something other than the background was drawn.
        const QRgb background = image.pixel(0, 0);
        int different = 0;
        for (int y = 0; y < image.height(); y += 4)
            for (int x = 0; x < image.width(); x += 4) different += image.pixel(x, y) != background;
        QVERIFY(different > 100);
    }
};

QTEST_MAIN(SimControllerTest)
#include "sim_controller_test.moc"
