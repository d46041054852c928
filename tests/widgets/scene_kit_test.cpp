// The scene draws the kit's vocabulary generically: tiers left to right, a star around its hub,
// aggregated nodes with their count, a shape and a word per kind, links only as listed; the
// step-strip and key panels show the view's rows. Set SPLITBRAIN_SHOT_DIR to also write PNGs of
// the hand-built views (light and dark) for looking at.
#include <QApplication>
#include <QDir>
#include <QGraphicsLineItem>
#include <QPainter>
#include <QSignalSpy>
#include <QTest>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <set>

#include "kit_views.h"
#include "panels/key_rows_panel.h"
#include "panels/step_strips_panel.h"
#include "panels/view_panels.h"
#include "scene/graph_scene.h"
#include "scene/node_item.h"
#include "scene/scene_view.h"
#include "test_support.h"
#include "theme.h"

using namespace sb;

namespace {

widgets::NodeItem* itemFor(widgets::GraphScene& scene, const std::string& name) {
    for (QGraphicsItem* item : scene.items())
        if (item->type() == widgets::NodeItem::Type) {
            auto* node = static_cast<widgets::NodeItem*>(item);
            if (node->node().name == name) return node;
        }
    return nullptr;
}

QStringList captions(const widgets::NodeItem* item) {
    QStringList out;
    for (const auto& c : item->captions()) out << c.text;
    return out;
}

std::size_t lineCount(widgets::GraphScene& scene) {
    const auto items = scene.items();
    return static_cast<std::size_t>(std::count_if(items.begin(), items.end(), [](QGraphicsItem* i) {
        return i->type() == QGraphicsLineItem::Type;
    }));
}

}  // namespace

class SceneKitTest : public test::WarningFreeTest {
    Q_OBJECT
private slots:
    void tiersRunLeftToRightAndSpreadDown() {
        widgets::GraphScene scene;
        const core::View v = test::tieredView();
        scene.setView(v);
        const auto x = [&](core::NodeId n) { return scene.nodePosition(n).x(); };
        const auto y = [&](core::NodeId n) { return scene.nodePosition(n).y(); };
        QVERIFY(x(0) < x(1));  // clients, then the app servers
        QVERIFY(x(1) < x(4));  // then the cache
        // and the database under it: two tiers of one node share a column, so the middle
        // server's link to the database does not run through the cache
        QCOMPARE(x(4), x(5));
        QVERIFY(y(4) < y(5));
        QCOMPARE(x(1), x(2));
        QCOMPARE(x(2), x(3));
        QVERIFY(y(1) < y(2) && y(2) < y(3));
        QVERIFY(std::abs(y(2)) < 1e-9);  // a column is centred on the middle row
        // Nodes of one column keep their footprints apart.
        QVERIFY(y(2) - y(1) >= widgets::NodeItem::footprint().height());
        // Links only as listed: three servers, each to clients, cache and db (both directions
        // listed, one line each).
        QCOMPARE(lineCount(scene), std::size_t{9});
    }

    void aTallTierWrapsInsteadOfRunningOffTheWindow() {
        widgets::GraphScene scene;
        scene.setView(test::tieredView(0.3, 8));
        std::set<double> columns, rows;
        for (core::NodeId n = 1; n <= 8; ++n) {
            columns.insert(scene.nodePosition(n).x());
            rows.insert(scene.nodePosition(n).y());
        }
        QCOMPARE(columns.size(), std::size_t{2});
        QCOMPARE(rows.size(), std::size_t{4});
        QVERIFY(*columns.rbegin() < scene.nodePosition(9).x());  // the cache stays to the right
    }

    void anAggregateIsStackedWithItsCount() {
        widgets::GraphScene scene;
        scene.setView(test::tieredView());
        const widgets::NodeItem* clients = itemFor(scene, "clients");
        QVERIFY(clients);
        QVERIFY2(captions(clients).contains(QStringLiteral("200 clients")), qPrintable(captions(clients).join('|')));
        // The name would repeat the count's word, so it is not written twice.
        QCOMPARE(captions(clients).count(QStringLiteral("clients")), 0);
        // A kind without a role says what it is; a name too wide for its outline goes under it.
        QVERIFY(captions(itemFor(scene, "db")).contains(QStringLiteral("database")));
        QVERIFY(itemFor(scene, "db")->nameInside());
        widgets::GraphScene star;
        star.setView(test::starView());
        const widgets::NodeItem* hub = itemFor(star, "orchestrator");
        QVERIFY(!hub->nameInside());
        QCOMPARE(captions(hub).first(), QStringLiteral("orchestrator"));
        QVERIFY(captions(itemFor(star, "stock")).contains(QStringLiteral("crashed")));
    }

    void aStarPutsTierZeroInTheMiddle() {
        widgets::GraphScene scene;
        const core::View v = test::starView();
        scene.setView(v);
        QCOMPARE(scene.nodePosition(0), QPointF(0, 0));
        // Every other node round it, clear of its footprint, left and right of it alike.
        const QRectF hub = widgets::NodeItem::footprint();
        double left = 0, right = 0;
        for (core::NodeId n = 1; n < static_cast<core::NodeId>(v.nodes.size()); ++n) {
            const QPointF p = scene.nodePosition(n);
            QVERIFY(!hub.intersects(widgets::NodeItem::footprint().translated(p)));
            left = std::min(left, p.x());
            right = std::max(right, p.x());
        }
        QVERIFY(right > 0);
        QCOMPARE(std::lround(left), -std::lround(right));
        QCOMPARE(lineCount(scene), std::size_t{5});
    }

    void peersOnACircleSitWhereTheyAlwaysDid() {
        // The first topics' look must not move: five peers on a 150-radius circle from 12 o'clock.
        core::View v;
        for (core::NodeId n = 0; n < 5; ++n) v.nodes.push_back(test::kitNode(n, "n" + std::to_string(n + 1), core::NodeKind::Peer, 0));
        widgets::GraphScene scene;
        scene.setView(v);
        // n1 at 12 o'clock, every node 150 from the centre, 72 degrees apart.
        const QPointF centre = scene.nodePosition(0) + QPointF(0, 150);
        for (core::NodeId n = 0; n < 5; ++n) {
            const QPointF d = scene.nodePosition(n) - centre;
            QVERIFY(std::abs(std::hypot(d.x(), d.y()) - 150) < 1e-9);
            const double angle = -std::acos(-1.0) / 2 + 2 * std::acos(-1.0) * static_cast<double>(n) / 5;
            QVERIFY(std::abs(d.x() - 150 * std::cos(angle)) < 1e-9);
        }
        QVERIFY(itemFor(scene, "n1")->nameInside());
        QVERIFY(captions(itemFor(scene, "n1")).isEmpty());  // no kind word for a plain peer
    }

    void panelsShowTheViewsRowsAndHideWithoutThem() {
        widgets::ViewPanels panels;
        panels.resize(900, 260);
        panels.setView(test::starView());
        QVERIFY(!panels.isHidden());
        QVERIFY(!panels.strips()->isHidden());
        QVERIFY(panels.keys()->isHidden());  // the star has no keys
        QCOMPARE(panels.strips()->strips().size(), std::size_t{2});
        panels.grab();  // paint
        QCOMPARE(panels.strips()->drawn().size(), std::size_t{5 + 3});
        const auto tiered = test::tieredView();
        panels.setView(tiered);
        QVERIFY(!panels.keys()->isHidden());
        panels.grab();
        QCOMPARE(panels.keys()->drawn().size(), tiered.keys.size());
        QCOMPARE(panels.keys()->keys()[2].key, std::string("user:42"));
        // The height is kept while rows come and go within a run, and given back on reset.
        const int height = panels.sizeHint().height();
        panels.setView(core::View{});
        QCOMPARE(panels.sizeHint().height(), height);
        panels.reset();
        QVERIFY(panels.isHidden());
        QCOMPARE(panels.sizeHint().height(), 0);
    }

    void clickingAKeyRowAsksForThatKey() {
        widgets::KeyRowsPanel keys;
        keys.resize(420, widgets::KeyRowsPanel::heightFor(6));
        keys.setKeys(test::tieredView().keys);
        keys.grab();
        QSignalSpy clicked(&keys, &widgets::KeyRowsPanel::keyClicked);
        QTest::mouseClick(&keys, Qt::LeftButton, {}, keys.drawn()[1].rect.center().toPoint());
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.first().first().toString(), QStringLiteral("user:41"));
    }

    void screenshots() {
        const QString dir = qEnvironmentVariable("SPLITBRAIN_SHOT_DIR");
        if (dir.isEmpty()) QSKIP("set SPLITBRAIN_SHOT_DIR to write the screenshots");
        QDir().mkpath(dir);
        const std::pair<const char*, core::View> views[] = {
            {"tiers", test::tieredView()}, {"star", test::starView()}, {"log", test::replicatedLogView()}};
        for (const auto theme : {widgets::Theme::Light, widgets::Theme::Dark}) {
            widgets::applyTheme(*qApp, theme);
            for (const auto& [name, view] : views) {
                // The scene's share of a 1280x800 window, with the panels under it.
                QWidget page;
                auto* layout = new QVBoxLayout(&page);
                layout->setContentsMargins(0, 0, 0, 0);
                layout->setSpacing(0);
                auto* scene = new widgets::SceneView(&page);
                auto* panels = new widgets::ViewPanels(&page);
                layout->addWidget(scene, 1);
                layout->addWidget(panels);
                page.resize(760, 600);
                page.show();
                scene->setView(view);
                panels->setView(view);
                QApplication::processEvents();
                scene->fitToView();
                const QString file = QStringLiteral("%1/%2-%3.png").arg(dir, QString::fromUtf8(name),
                                                                        widgets::themeToString(theme));
                QVERIFY(page.grab().save(file));
            }
        }
        widgets::applyTheme(*qApp, widgets::Theme::Light);
    }
};

int main(int argc, char** argv) { return test::runQtTest<SceneKitTest>(argc, argv); }
#include "scene_kit_test.moc"
