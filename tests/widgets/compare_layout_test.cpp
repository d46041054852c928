// The compare view (View > Compare side by side, Ctrl+D) over every shipped lesson that offers a
// comparison, at 1280x800 (every step) and 1920x1080 (first and last step): both scenes are drawn
// whole (no zone, node or badge past the edge of an uncut viewport) and at one scale.
#include <QAction>
#include <QApplication>
#include <QGraphicsItem>
#include <QStandardPaths>
#include <QTest>

#include "gui/workspace_state.h"
#include "lesson/lesson_catalog.h"
#include "panels/compare_view.h"
#include "scene/graph_scene.h"
#include "scene/node_item.h"
#include "scene/scene_view.h"
#include "sim_controller.h"
#include "test_support.h"
#include "test_window.h"

using namespace sb;

namespace {

// What of the scene's visible items falls outside the viewport, in viewport pixels; empty when
// all of it is on screen.
QString clipped(const widgets::SceneView* view) {
    // A node by what it draws (its shape with its ring of emphasis, and its words), not by its
    // bounding box, which is as wide as its widest words could be.
    QRectF items;
    for (const QGraphicsItem* item : view->graph()->items()) {
        if (!item->isVisible() || item->parentItem()) continue;
        if (item->type() != widgets::NodeItem::Type) {
            items = items.united(item->sceneBoundingRect());
            continue;
        }
        const auto* node = static_cast<const widgets::NodeItem*>(item);
        constexpr double kRing = widgets::NodeItem::kRadius + 12;
        QRectF drawn(-kRing, -kRing, 2 * kRing, 2 * kRing);
        for (const QRectF& r : node->wordRects()) drawn = drawn.united(r);
        items = items.united(node->mapRectToScene(drawn));
    }
    if (items.isEmpty()) return {};
    const QRect shown = view->mapFromScene(items).boundingRect();
    const QRect room = view->viewport()->rect();
    // The viewport itself may be cut by its parents (a splitter narrower than its two scenes).
    const QRect seen = view->viewport()->visibleRegion().boundingRect();
    if (seen != room)
        return QStringLiteral("only %1x%2 of the %3x%4 viewport is on screen")
            .arg(seen.width()).arg(seen.height()).arg(room.width()).arg(room.height());
    if (room.contains(shown)) return {};
    return QStringLiteral("items span %1,%2 %3x%4 in a %5x%6 viewport")
        .arg(shown.x()).arg(shown.y()).arg(shown.width()).arg(shown.height()).arg(room.width()).arg(room.height());
}

}  // namespace

class CompareLayoutTest : public QObject {
    Q_OBJECT
private:
    core::TopicRegistry m_registry;
    std::unique_ptr<app::MainWindow> m_window;

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        test::openTestWindow(m_registry, m_window);
        if (QTest::currentTestFailed()) return;
        (void)m_window->catalog();
    }
    void cleanupTestCase() { m_window.reset(); }
    void init() { test::failOnQtWarnings(); }
    void cleanup() { QVERIFY2(test::qtWarnings().isEmpty(), qPrintable(test::qtWarnings().join('\n'))); }

    void bothScenesWhole_data() {
        QTest::addColumn<QSize>("size");
        QTest::newRow("1280x800") << QSize(1280, 800);
        QTest::newRow("1920x1080") << QSize(1920, 1080);
    }

    void bothScenesWhole() {
        QFETCH(QSize, size);
        m_window->resize(size);
        QTest::qWait(0);
        app::fitDocks(*m_window);
        QAction* toggle = nullptr;
        for (QAction* a : m_window->findChildren<QAction*>())
            if (a->shortcut() == QKeySequence(Qt::CTRL | Qt::Key_D)) toggle = a;
        QVERIFY(toggle);
        int compared = 0;
        for (const core::Lesson* lesson : m_window->catalog().lessons()) {
            const QString id = QString::fromStdString(lesson->id);
            QVERIFY2(m_window->openLesson(id), qPrintable(id));
            // Opened as a learner does: the lesson first, then Ctrl+D, then its steps.
            toggle->setChecked(true);
            QTest::qWait(0);
            if (m_window->compare()->alternatives().isEmpty()) {
                toggle->setChecked(false);
                continue;
            }
            // Every step at 1280 (the tight case); at 1920 the first and the last (about half the
            // test's time goes to these seeks, and the wide window has room to spare).
            const std::size_t stride = size.width() > 1280 ? std::max<std::size_t>(1, lesson->steps.size() - 1) : 1;
            for (std::size_t step = 1; step <= lesson->steps.size(); step += stride) {
                m_window->controller().goToStepEnd(step);
                QTest::qWait(0);
                QTest::qWait(0);
                const QString where = QStringLiteral("%1 step %2: ").arg(id).arg(step);
                const QString main = clipped(m_window->sceneView());
                QVERIFY2(main.isEmpty(), qPrintable(where + QStringLiteral("this run: ") + main));
                const QString other = clipped(m_window->compare()->scene());
                QVERIFY2(other.isEmpty(), qPrintable(where + QStringLiteral("the other run: ") + other));
                QCOMPARE(m_window->sceneView()->transform().m11(), m_window->compare()->scene()->transform().m11());
            }
            toggle->setChecked(false);
            ++compared;
        }
        QVERIFY(compared >= 10);
        m_window->resize(1280, 800);
    }
};

int main(int argc, char** argv) {
    test::installWarningRecorder();
    QApplication app(argc, argv);
    CompareLayoutTest t;
    return QTest::qExec(&t, argc, argv);
}

#include "compare_layout_test.moc"
