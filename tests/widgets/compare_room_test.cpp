// The compare view (Ctrl+D) at 1280x800, in the lessons learners compare most: the two scenes are
// drawn at one scale and with equal nodes at the same place in both viewports (even when one
// legend wraps to more rows than the other), large enough that a node's badge text can be read,
// and opening it leaves the lesson list as wide as it was (closing it gives back every dock's size).
#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QStandardPaths>
#include <QTest>

#include "gui/workspace_state.h"
#include "panels/compare_view.h"
#include "scene/graph_scene.h"
#include "scene/node_item.h"
#include "scene/scene_view.h"
#include "sim/timeline.h"
#include "sim_controller.h"
#include "test_support.h"
#include "test_window.h"

using namespace sb;

namespace {

// A node badge's font size on screen, in pixels (its em: a digit is about three quarters of it).
double badgeTextPixels(const widgets::SceneView* view) {
    QFont f = view->graph()->font();
    f.setBold(true);
    f = widgets::scaledFont(f, 0.8);  // as NodeItem::partsFont draws badges
    return f.pointSizeF() * view->logicalDpiY() / 72.0 * view->transform().m11();
}

// The scene's origin (a ring's centre), and every node both scenes place at one scene point, with
// where it lands in each viewport. (A ring is laid out from its nodes' words, which differ between
// the runs, so there the centre is what must line up.)
struct Placed {
    QString what;
    QPointF mine, other;
};
std::vector<Placed> placements(const widgets::SceneView* a, const widgets::SceneView* b, const core::View& view) {
    const auto at = [](const widgets::SceneView* v, QPointF p) { return v->viewportTransform().map(p); };
    std::vector<Placed> out{{QStringLiteral("the scene's origin"), at(a, {}), at(b, {})}};
    for (const auto& n : view.nodes) {
        const QPointF p = a->graph()->nodePosition(n.id);
        if (p == b->graph()->nodePosition(n.id))
            out.push_back({QStringLiteral("node %1").arg(QString::fromStdString(n.name)), at(a, p), at(b, p)});
    }
    return out;
}

}  // namespace

class CompareRoomTest : public sb::test::WindowTest {
    Q_OBJECT
    QAction* m_toggle = nullptr;

    QDockWidget* dock(const char* name) { return m_window->findChild<QDockWidget*>(QString::fromLatin1(name)); }

private slots:
    void initTestCase() {
        openWindowAt(QSize(1280, 800));
        if (QTest::currentTestFailed()) return;
        for (QAction* a : m_window->findChildren<QAction*>())
            if (a->shortcut() == QKeySequence(Qt::CTRL | Qt::Key_D)) m_toggle = a;
        QVERIFY(m_toggle);
    }

    void scenesMatch_data() {
        QTest::addColumn<QString>("lesson");
        QTest::addColumn<int>("step");
        QTest::addColumn<QString>("change");
        QTest::newRow("raft-election") << "raft-election" << 3 << "prevote = on";
        QTest::newRow("cap-cp-partition") << "cap-cp-partition" << 3 << "mode = AP";
        QTest::newRow("hashring-vnodes") << "hashring-vnodes" << 2 << "mode = modulo";
        QTest::newRow("hashring-mod-n") << "hashring-mod-n" << 2 << "";
        QTest::newRow("cap-ap-lww") << "cap-ap-lww" << 2 << "";
    }

    void scenesMatch() {
        QFETCH(QString, lesson);
        QFETCH(int, step);
        QFETCH(QString, change);
        m_toggle->setChecked(false);  // as a learner starts: one scene, then Ctrl+D
        QTest::qWait(0);
        QVERIFY(m_window->openLesson(lesson));
        app::fitDocks(*m_window);
        QTest::qWait(0);
        controller().goToStepEnd(static_cast<std::size_t>(step));
        QTest::qWait(0);
        QDockWidget* lessons = dock("LessonsDock");
        QVERIFY(lessons);
        const double alone = m_window->sceneView()->transform().m11();
        const double aloneText = badgeTextPixels(m_window->sceneView());
        std::map<QString, QRect> docks;
        for (QDockWidget* d : m_window->findChildren<QDockWidget*>())
            if (d->isVisible()) docks[d->objectName()] = d->geometry();

        m_toggle->setChecked(true);
        QTest::qWait(0);
        if (!change.isEmpty()) QVERIFY2(m_window->compare()->chooseAlternative(change), qPrintable(change));
        QTest::qWait(0);
        QTest::qWait(0);
        const widgets::SceneView* mine = m_window->sceneView();
        const widgets::SceneView* other = m_window->compare()->scene();
        qInfo("%s: font %.2fpt; alone scale %.3f badge %.1f px; compared scale %.3f / %.3f badge %.1f px; lessons %d -> %d; "
              "viewports %dx%d / %dx%d",
              qPrintable(lesson), mine->graph()->font().pointSizeF(), alone, aloneText, mine->transform().m11(), other->transform().m11(),
              badgeTextPixels(mine), docks[QStringLiteral("LessonsDock")].width(), lessons->width(),
              mine->viewport()->width(), mine->viewport()->height(), other->viewport()->width(),
              other->viewport()->height());

        QCOMPARE(mine->transform().m11(), other->transform().m11());
        // Each scene has about half the row: drawn at no less than three quarters of the scale
        // it had alone (the lessons' own windows were laid out for that scale), and the badges of
        // the common five-node runs at 7.5 px or more.
        QVERIFY2(mine->transform().m11() >= 0.75 * alone,
                 qPrintable(QStringLiteral("%1: scale %2 beside, %3 alone").arg(lesson).arg(mine->transform().m11()).arg(alone)));
        if (lesson == QLatin1String("raft-election"))
            QVERIFY2(badgeTextPixels(mine) >= 7.5, qPrintable(QStringLiteral("badges %1 px").arg(badgeTextPixels(mine))));
        const core::View view = controller().timeline()->model().view(controller().displayTime());
        const auto placed = placements(mine, other, view);
        QVERIFY2(placed.size() > 1 || view.ring, qPrintable(lesson + QStringLiteral(": no node at one place in both")));
        for (const Placed& p : placed) {
            const QString where = QStringLiteral("%1: %2 at %3,%4 here, %5,%6 beside")
                                      .arg(lesson, p.what).arg(p.mine.x()).arg(p.mine.y()).arg(p.other.x()).arg(p.other.y());
            QVERIFY2(std::abs(p.mine.y() - p.other.y()) <= 1, qPrintable(where));
            QVERIFY2(std::abs(p.mine.x() - p.other.x()) <= 1, qPrintable(where));
        }
        QVERIFY2(lessons->isVisible(), "the lesson list is still on screen");
        QVERIFY2(lessons->width() >= docks[QStringLiteral("LessonsDock")].width(),
                 qPrintable(QStringLiteral("the lesson list narrowed from %1 to %2 px").arg(docks[QStringLiteral("LessonsDock")].width()).arg(lessons->width())));

        m_toggle->setChecked(false);
        QTest::qWait(0);
        QTest::qWait(0);
        for (QDockWidget* d : m_window->findChildren<QDockWidget*>())
            if (d->isVisible()) QCOMPARE(d->geometry(), docks[d->objectName()]);
    }
};

int main(int argc, char** argv) {
    test::installWarningRecorder();
    QApplication app(argc, argv);
    CompareRoomTest t;
    return QTest::qExec(&t, argc, argv);
}

#include "compare_room_test.moc"
