// Keys that change owner travel along the ring in simulated time (issue 15): through the real
// window, a join in the hashring-mod-n lesson shows its keys on the way for long enough to be
// seen at 1x, each between its old owner's ring point and its new one's, arrived at the step's
// end, and the same journey again, pixel for pixel, after scrubbing back. And where a ring's
// nodes are placed is a function of the moment shown, never of the way there: in every hash ring
// lesson, going to a later step and back gives the nodes the places, and the scene the rectangle,
// that opening at the earlier step gives, and that a scene given only that moment's view gives.
#include <QApplication>
#include <QTest>
#include <cmath>
#include <map>

#include "gui/main_window.h"
#include "scene/graph_scene.h"
#include "scene/ring_item.h"
#include "scene/scene_view.h"
#include "sim_controller.h"
#include "test_support.h"
#include "test_window.h"
#include "topics/hashring/hashring_model.h"

using namespace sb;

namespace {

constexpr std::size_t kJoinStep = 5;  // "A sixth node joins the ring"

// How far `x` is along the shorter arc from `from` to `to` (0 at from, 1 at to), all ring fractions.
double alongArc(double from, double to, double x) {
    const auto wrap = [](double d) { return d > 0.5 ? d - 1 : (d < -0.5 ? d + 1 : d); };
    const double whole = wrap(to - from);
    return whole == 0 ? 1 : wrap(x - from) / whole;
}

}  // namespace

class RingMoveTest : public test::WarningFreeTest {
    Q_OBJECT

    core::TopicRegistry m_registry;
    std::unique_ptr<app::MainWindow> m_window;

    widgets::SimController& controller() { return m_window->controller(); }
    const widgets::RingItem* ring() { return m_window->sceneView()->graph()->ring(); }
    // What the scene view paints now (a real paint of its viewport, caches and all).
    QImage picture() { return m_window->sceneView()->viewport()->grab().toImage(); }
    // The moves the model reports at the shown time, as the scene was given them.
    core::RingView modelRing() {
        return *controller().timeline()->model().view(controller().displayTime()).ring;
    }

    void openLesson() {
        QVERIFY(m_window->openLesson(QStringLiteral("hashring-mod-n")));
        QApplication::processEvents();
    }

    struct Placement {
        std::map<core::NodeId, QPointF> nodes;
        QRectF sceneRect;
    };
    Placement placementNow() {
        Placement out;
        const widgets::GraphScene* graph = m_window->sceneView()->graph();
        for (const core::NodeView& n : graph->view().nodes) out.nodes[n.id] = graph->nodePosition(n.id);
        out.sceneRect = graph->sceneRect();
        return out;
    }
    // What differs between two placements, in words (empty when nothing does).
    static QStringList differences(const Placement& a, const Placement& b, bool rect) {
        QStringList out;
        for (const auto& [id, at] : a.nodes) {
            const auto it = b.nodes.find(id);
            if (it == b.nodes.end()) out << QStringLiteral("node %1 missing").arg(id);
            else if (QLineF(at, it->second).length() > 0.01)
                out << QStringLiteral("node %1 at (%2, %3), not (%4, %5)").arg(id).arg(it->second.x()).arg(it->second.y()).arg(at.x()).arg(at.y());
        }
        if (rect && a.sceneRect != b.sceneRect)
            out << QStringLiteral("the scene's rectangle is %1x%2, not %3x%4").arg(b.sceneRect.width()).arg(b.sceneRect.height())
                       .arg(a.sceneRect.width()).arg(a.sceneRect.height());
        return out;
    }

private slots:
    void initTestCase() {
        test::openTestWindow(m_registry, m_window);
        m_window->resize(1280, 800);
    }

    void aJoinIsSeenTravellingAtOneTimesSpeed() {
        openLesson();
        controller().goToStepEnd(kJoinStep - 1);
        QVERIFY(ring());
        QCOMPARE(ring()->movingKeys(), std::size_t{0});
        QTest::keyClick(m_window.get(), Qt::Key_PageDown);
        QVERIFY(controller().playing());
        int framesMoving = 0;
        for (int frame = 0; frame < 100000 && controller().playing(); ++frame) {
            controller().advance(16.0);
            QApplication::processEvents();
            if (ring()->movingKeys() > 0) ++framesMoving;
        }
        QCOMPARE(controller().currentStep(), kJoinStep);
        // 150 ms of simulated time: well over half a second of 60 Hz frames at 1x.
        QVERIFY2(framesMoving >= 30, qPrintable(QString::number(framesMoving)));
        QCOMPARE(ring()->movingKeys(), std::size_t{0});  // arrived at the step's end
    }

    void midwayEachKeyIsBetweenItsOwnersAndScrubbingBackShowsTheSame() {
        openLesson();
        controller().goToStepEnd(kJoinStep);
        const core::Time end = controller().displayTime();
        QCOMPARE(ring()->movingKeys(), std::size_t{0});
        const core::Time midway = end - core::hashring::HashringModel::kHandover / 2;
        controller().seekTime(midway);
        QApplication::processEvents();
        QCOMPARE(controller().displayTime(), midway);
        const core::RingView given = modelRing();
        QVERIFY(!given.moves.empty());
        QCOMPARE(ring()->movingKeys(), given.moves.size());
        std::vector<double> where;
        for (std::size_t i = 0; i < given.moves.size(); ++i) {
            const core::RingMove& m = given.moves[i];
            QCOMPARE(m.to, 5);  // n6, the joining node
            const double along = alongArc(m.fromPosition, m.toPosition, ring()->travellerAt(i));
            if (m.fromPosition != m.toPosition) QVERIFY2(along > 0.05 && along < 0.95, qPrintable(QString::number(along)));
            where.push_back(ring()->travellerAt(i));
        }
        const QImage during = picture();

        controller().seekTime(end);
        QApplication::processEvents();
        QCOMPARE(ring()->movingKeys(), std::size_t{0});
        const QImage after = picture();
        QVERIFY(after != during);

        controller().seekTime(midway);
        QApplication::processEvents();
        QCOMPARE(ring()->movingKeys(), where.size());
        for (std::size_t i = 0; i < where.size(); ++i) QCOMPARE(ring()->travellerAt(i), where[i]);
        QCOMPARE(picture(), during);
    }

    void aRingsPlacesDependOnTheMomentShownNotTheWayThere() {
        QStringList problems;
        int pairs = 0, moved = 0;
        for (const QString& id : {QStringLiteral("hashring-mod-n"), QStringLiteral("hashring-vnodes"), QStringLiteral("hashring-replication")}) {
            QVERIFY(m_window->openLesson(id));
            const std::size_t steps = controller().lessonRun()->lesson().steps.size();
            for (std::size_t early = 1; early < steps; ++early) {
                QVERIFY(m_window->openLesson(id));
                controller().goToStepEnd(early);
                QApplication::processEvents();
                const Placement fresh = placementNow();
                // A scene that was shown nothing else.
                widgets::GraphScene alone;
                alone.setView(m_window->sceneView()->graph()->view());
                Placement only;
                for (const core::NodeView& n : alone.view().nodes) only.nodes[n.id] = alone.nodePosition(n.id);
                for (const QString& d : differences(only, fresh, false)) problems << QStringLiteral("%1 step %2 opened there, against a scene shown only it: %3").arg(id).arg(early).arg(d);
                for (std::size_t late = early + 1; late <= steps; ++late) {
                    controller().goToStepEnd(late);
                    QApplication::processEvents();
                    if (!differences(fresh, placementNow(), false).isEmpty()) ++moved;
                    controller().goToStepEnd(early);
                    QApplication::processEvents();
                    for (const QString& d : differences(fresh, placementNow(), true))
                        problems << QStringLiteral("%1 step %2 after step %3: %4").arg(id).arg(early).arg(late).arg(d);
                    ++pairs;
                }
            }
        }
        qInfo("%d ways back, on %d of which the later step had placed the nodes elsewhere", pairs, moved);
        QVERIFY(pairs >= 30);
        for (const QString& p : problems) qInfo("%s", qPrintable(p));
        QVERIFY2(problems.isEmpty(), qPrintable(QStringLiteral("%1 problems, the first: %2").arg(problems.size()).arg(problems.value(0))));
    }
};

int main(int argc, char** argv) { return test::runQtTest<RingMoveTest>(argc, argv); }

#include "ring_move_test.moc"
