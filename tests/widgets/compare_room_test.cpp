// The compare view (Ctrl+D) at 1280x800, in the lessons learners compare most: the two scenes are
// drawn at one scale and with equal nodes at the same place in both viewports (even when one
// legend wraps to more rows than the other), large enough that a node's badge text can be read,
// opening it leaves the lesson list as wide as it was and the narration room to be read (closing
// it gives back every dock's size).
#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QLabel>
#include <QStandardPaths>
#include <QTextBrowser>
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

    // The docks a learner sees, with their places (a tab behind another is parked off the window).
    std::map<const QDockWidget*, QRect> shownDocks() const {
        std::map<const QDockWidget*, QRect> out;
        for (QDockWidget* d : m_window->findChildren<QDockWidget*>())
            if (d->isVisible() && d->geometry().intersects(m_window->rect())) out[d] = d->geometry();
        return out;
    }
    static QString describe(const std::map<const QDockWidget*, QRect>& docks) {
        QStringList out;
        for (const auto& [d, r] : docks)
            out << QStringLiteral("%1 %2,%3 %4x%5").arg(d->windowTitle()).arg(r.x()).arg(r.y()).arg(r.width()).arg(r.height());
        return out.join(QStringLiteral("; "));
    }

private slots:
    void initTestCase() {
        openWindowAt(QSize(1280, 800));
        if (QTest::currentTestFailed()) return;
        for (QAction* a : m_window->findChildren<QAction*>())
            if (a->shortcut() == QKeySequence(Qt::CTRL | Qt::Key_D)) m_toggle = a;
        QVERIFY(m_toggle);
    }

    // Each lesson with the smallest badge size it must reach beside its comparison, in pixels. The
    // scenes side by side before this size was asked for: 6.1 (raft), 4.8 (CAP) and 4.6 (ring) at
    // 1280x800. Alone at 1280x800 they are 9.3, 8.7 and 6.7.
    void scenesMatch_data() {
        QTest::addColumn<QSize>("size");
        QTest::addColumn<QString>("lesson");
        QTest::addColumn<int>("step");
        QTest::addColumn<QString>("change");
        QTest::addColumn<double>("badges");
        for (const QSize size : {QSize(1280, 800), QSize(1920, 1080)}) {
            const QByteArray at = "@" + QByteArray::number(size.width());
            // The legend beside has a row more here (pre-vote's two kinds of message).
            QTest::newRow("raft-election" + at) << size << "raft-election" << 3 << "prevote = on" << 7.5;
            QTest::newRow("cap-cp-partition" + at) << size << "cap-cp-partition" << 3 << "mode = AP" << 6.5;
            QTest::newRow("cap-ap-lww" + at) << size << "cap-ap-lww" << 2 << "" << 6.5;
            QTest::newRow("hashring-vnodes" + at) << size << "hashring-vnodes" << 2 << "mode = modulo" << 5.0;
            QTest::newRow("hashring-mod-n" + at) << size << "hashring-mod-n" << 2 << "" << 5.0;
        }
    }

    void scenesMatch() {
        QFETCH(QSize, size);
        QFETCH(QString, lesson);
        QFETCH(int, step);
        QFETCH(QString, change);
        QFETCH(double, badges);
        m_toggle->setChecked(false);  // as a learner starts: one scene, then Ctrl+D
        QTest::qWait(0);
        m_window->resize(size);
        QTest::qWait(0);
        QVERIFY(m_window->openLesson(lesson));
        app::fitDocks(*m_window);
        QTest::qWait(0);
        controller().goToStepEnd(static_cast<std::size_t>(step));
        QTest::qWait(0);
        auto* lessons = m_window->findChild<QDockWidget*>(QStringLiteral("LessonsDock"));
        QVERIFY(lessons);
        const double alone = m_window->sceneView()->transform().m11();
        const double aloneText = badgeTextPixels(m_window->sceneView());
        const auto docks = shownDocks();

        m_toggle->setChecked(true);
        QTest::qWait(0);
        if (!change.isEmpty()) QVERIFY2(m_window->compare()->chooseAlternative(change), qPrintable(change));
        QTest::qWait(0);
        QTest::qWait(0);
        const widgets::SceneView* mine = m_window->sceneView();
        const widgets::SceneView* other = m_window->compare()->scene();
        qInfo("%s: font %.2fpt; alone scale %.3f badge %.1f px; compared scale %.3f / %.3f badge %.1f px; lessons %d -> %d; "
              "viewports %dx%d / %dx%d; legends %.0f / %.0f px",
              qPrintable(lesson), mine->graph()->font().pointSizeF(), alone, aloneText, mine->transform().m11(), other->transform().m11(),
              badgeTextPixels(mine), docks.at(lessons).width(), lessons->width(),
              mine->viewport()->width(), mine->viewport()->height(), other->viewport()->width(),
              other->viewport()->height(), mine->legendHeight(), other->legendHeight());

        QCOMPARE(mine->transform().m11(), other->transform().m11());
        QVERIFY2(badgeTextPixels(mine) >= badges,
                 qPrintable(QStringLiteral("%1: badges %2 px beside, %3 px alone").arg(lesson).arg(badgeTextPixels(mine)).arg(aloneText)));
        const core::View view = controller().timeline()->model().view(controller().displayTime());
        const auto placed = placements(mine, other, view);
        // A ring's centre is the scene's origin, as is the middle of hash mod N's rows beside one.
        QVERIFY2(placed.size() > 1 || view.ring || other->graph()->ring(),
                 qPrintable(lesson + QStringLiteral(": no node at one place in both")));
        for (const Placed& p : placed) {
            const QString where = QStringLiteral("%1: %2 at %3,%4 here, %5,%6 beside")
                                      .arg(lesson, p.what).arg(p.mine.x()).arg(p.mine.y()).arg(p.other.x()).arg(p.other.y());
            QVERIFY2(std::abs(p.mine.y() - p.other.y()) <= 1, qPrintable(where));
            QVERIFY2(std::abs(p.mine.x() - p.other.x()) <= 1, qPrintable(where));
        }
        // The narration is read beside the two scenes: at least eight lines of it without
        // scrolling (as a tab under the lesson list it had four at 1280x800). The lesson list is
        // then a tab beside it, one click away.
        const QTextBrowser* narration = nullptr;
        for (const QTextBrowser* b : m_window->findChildren<QTextBrowser*>())
            if (b->accessibleName() == QStringLiteral("Narration")) narration = b;
        QVERIFY(narration && narration->isVisible());
        const int lines = narration->viewport()->height() / narration->fontMetrics().lineSpacing();
        QVERIFY2(lines >= 8, qPrintable(QStringLiteral("%1: the narration shows %2 lines").arg(lesson).arg(lines)));
        auto* pane = m_window->findChild<QDockWidget*>(QStringLiteral("LessonDock"));
        QVERIFY(pane);
        QVERIFY2(lessons->isVisible() && (lessons->geometry().intersects(m_window->rect()) ||
                                          m_window->tabifiedDockWidgets(lessons).contains(pane)),
                 "the lesson list is on screen or a tab beside the lesson");
        QVERIFY2(lessons->width() >= docks.at(lessons).width(),
                 qPrintable(QStringLiteral("the lesson list narrowed from %1 to %2 px").arg(docks.at(lessons).width()).arg(lessons->width())));

        m_toggle->setChecked(false);
        QTest::qWait(0);
        QTest::qWait(0);
        QVERIFY2(shownDocks() == docks, qPrintable(describe(shownDocks()) + QStringLiteral("\n  were: ") + describe(docks)));
        QVERIFY(!m_window->compare()->folded());
    }

    // While comparing, each run's banner sits under its own scene, at one height on both sides;
    // the window's banner above both (it spoke for the left run only, across the two) is hidden
    // and comes back when the comparison closes.
    void eachRunHasItsOwnBanner() {
        m_toggle->setChecked(false);
        m_window->resize(1280, 800);
        QTest::qWait(0);
        QVERIFY(m_window->openLesson(QStringLiteral("cap-ap-lww")));
        controller().goToStepEnd(3);
        QTest::qWait(0);
        const auto banners = [&](const QString& name) {
            QList<QLabel*> out;
            for (QLabel* l : m_window->findChildren<QLabel*>())
                if (l->accessibleName() == name && l->isVisible()) out << l;
            return out;
        };
        QCOMPARE(banners(QStringLiteral("Status banner")).size(), 1);  // alone: the window's
        const QString alone = banners(QStringLiteral("Status banner")).front()->text();
        QVERIFY2(alone.startsWith(QStringLiteral("AP")), qPrintable(alone));
        m_toggle->setChecked(true);
        QTest::qWait(0);
        QVERIFY(m_window->compare()->chooseAlternative(QStringLiteral("mode = CP")));
        QTest::qWait(0);
        const QList<QLabel*> shown = banners(QStringLiteral("Status banner"));
        QCOMPARE(shown.size(), 1);  // the comparison's own, under its scene
        QVERIFY2(shown.front()->text().startsWith(QStringLiteral("CP")), qPrintable(shown.front()->text()));
        const QList<QLabel*> main = banners(QStringLiteral("Main run's banner"));
        QCOMPARE(main.size(), 1);
        QCOMPARE(main.front()->text(), alone);
        QCOMPARE(main.front()->height(), shown.front()->height());
        const QPoint a = main.front()->mapTo(m_window.get(), QPoint());
        const QPoint b = shown.front()->mapTo(m_window.get(), QPoint());
        QCOMPARE(a.y(), b.y());
        QVERIFY(a.y() > m_window->sceneView()->mapTo(m_window.get(), QPoint()).y());  // under the scene
        // Quiz mode and back, with the run moving meanwhile: the comparison is still open, so the
        // window's banner stays away.
        m_window->setQuizMode(true);
        QTest::qWait(0);
        controller().goToStepEnd(4);
        QTest::qWait(0);
        m_window->setQuizMode(false);
        QTest::qWait(0);
        QCOMPARE(banners(QStringLiteral("Status banner")).size(), 1);
        QCOMPARE(banners(QStringLiteral("Main run's banner")).size(), 1);
        m_toggle->setChecked(false);
        QTest::qWait(0);
        QCOMPARE(banners(QStringLiteral("Status banner")).size(), 1);
        QVERIFY(banners(QStringLiteral("Status banner")).front()->text().startsWith(alone));  // and step 4's news
        QVERIFY(banners(QStringLiteral("Main run's banner")).isEmpty());
    }

    // Quiz mode while comparing (F9 there and back), and another lesson, keep the comparison's
    // room; closing the comparison then gives back the layout from before it.
    void quizWhileComparing() {
        m_toggle->setChecked(false);
        m_window->resize(1280, 800);
        QTest::qWait(0);
        QVERIFY(m_window->openLesson(QStringLiteral("raft-election")));
        app::fitDocks(*m_window);
        QTest::qWait(0);
        const auto docks = shownDocks();
        m_toggle->setChecked(true);
        QTest::qWait(0);
        QVERIFY(m_window->compare()->folded());
        const int wide = m_window->sceneView()->viewport()->width();
        m_window->setQuizMode(true);
        QTest::qWait(0);
        m_window->setQuizMode(false);
        QTest::qWait(0);
        QTest::qWait(0);
        QVERIFY(m_window->compare()->folded());
        QCOMPARE(m_window->sceneView()->viewport()->width(), wide);
        // Another lesson opened while comparing keeps the room too.
        QVERIFY(m_window->openLesson(QStringLiteral("cap-cp-partition")));
        QTest::qWait(0);
        QTest::qWait(0);
        QCOMPARE(m_window->sceneView()->viewport()->width(), wide);
        QCOMPARE(m_window->sceneView()->transform().m11(), m_window->compare()->scene()->transform().m11());
        m_toggle->setChecked(false);
        QTest::qWait(0);
        QVERIFY2(shownDocks() == docks, qPrintable(describe(shownDocks()) + QStringLiteral("\n  were: ") + describe(docks)));
    }
};

int main(int argc, char** argv) {
    test::installWarningRecorder();
    QApplication app(argc, argv);
    CompareRoomTest t;
    return QTest::qExec(&t, argc, argv);
}

#include "compare_room_test.moc"
