// The tiers layout (cache and replication lessons) uses its room and keeps messages off other
// nodes: at 1280x800 every cache lesson's scene is drawn at a readable scale, and no two nodes'
// drawings overlap in a cache or replication lesson (a zigzag column's neighbouring rows lie
// clear of each other sideways, the rows on one side 210 apart, so a replica drawn taller than
// NodeItem::footprint() still clears the one below); in every shipped lesson laid out in tiers no
// message the run sends passes over a third node on its way; and for tiers of any size no two
// footprints touch and no line between two nodes of one tier passes over a third of that tier.
#include <QApplication>
#include <QGraphicsItem>
#include <QLineF>
#include <QTest>
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "lesson/lesson_catalog.h"
#include "scene/graph_scene.h"
#include "scene/node_item.h"
#include "scene/scene_layouts.h"
#include "scene/scene_view.h"
#include "shipped_catalog.h"
#include "sim/timeline.h"
#include "sim_controller.h"
#include "test_support.h"
#include "test_window.h"

using namespace sb;

namespace {

// The least scale a cache lesson's scene is drawn at in a 1280x800 window. (Four tiers side by side
// made the scene width-bound at 0.62, with two thirds of its height empty.)
constexpr double kCacheLeastScale = 0.8;

// A message passes over a node when its line comes nearer the node's centre than the node's outline
// with its warning ring (kRadius + 12) and half a message glyph.
constexpr double kClearance = widgets::NodeItem::kRadius + 16;

double distanceToSegment(QPointF p, QPointF a, QPointF b) {
    const QPointF ab = b - a;
    const double length2 = QPointF::dotProduct(ab, ab);
    const double t = length2 > 0 ? std::clamp(QPointF::dotProduct(p - a, ab) / length2, 0.0, 1.0) : 0.0;
    return QLineF(p, a + ab * t).length();
}

// Where two nodes' drawings overlap in `scene`.
QStringList overlaps(const QGraphicsScene& scene, const QString& where) {
    QStringList out;
    std::vector<const widgets::NodeItem*> nodes;
    for (QGraphicsItem* item : scene.items())
        if (item->type() == widgets::NodeItem::Type) nodes.push_back(static_cast<const widgets::NodeItem*>(item));
    for (std::size_t a = 0; a < nodes.size(); ++a)
        for (std::size_t b = a + 1; b < nodes.size(); ++b) {
            const QRectF both = nodes[a]->sceneBoundingRect().intersected(nodes[b]->sceneBoundingRect());
            if (!both.isEmpty())
                out << QStringLiteral("%1: %2 and %3 overlap by %4x%5").arg(where, QString::fromStdString(nodes[a]->node().name),
                                                                            QString::fromStdString(nodes[b]->node().name))
                           .arg(both.width()).arg(both.height());
        }
    return out;
}

// The least gap on screen between one node's words (NodeItem::wordRects) and another node's
// outline or words in `view`'s scene, with the pair it is between.
std::pair<double, QString> leastGap(const widgets::SceneView& view) {
    std::vector<const widgets::NodeItem*> nodes;
    for (QGraphicsItem* item : view.scene()->items())
        if (item->type() == widgets::NodeItem::Type && item->isVisible()) nodes.push_back(static_cast<const widgets::NodeItem*>(item));
    const auto distance = [](const QRectF& a, const QRectF& b) {
        const double dx = std::max({a.left() - b.right(), b.left() - a.right(), 0.0});
        const double dy = std::max({a.top() - b.bottom(), b.top() - a.bottom(), 0.0});
        return std::hypot(dx, dy);
    };
    constexpr double r = widgets::NodeItem::kRadius;
    std::pair<double, QString> least{1e9, {}};
    for (const widgets::NodeItem* a : nodes)
        for (const widgets::NodeItem* b : nodes) {
            if (a == b) continue;
            std::vector<QRectF> theirs{b->mapRectToScene(QRectF(-r, -r, 2 * r, 2 * r))};
            for (const QRectF& w : b->wordRects()) theirs.push_back(b->mapRectToScene(w));
            for (const QRectF& w : a->wordRects())
                for (const QRectF& t : theirs)
                    if (const double d = distance(a->mapRectToScene(w), t) * view.transform().m11(); d < least.first)
                        least = {d, QStringLiteral("%1's words and %2").arg(QString::fromStdString(a->node().name), QString::fromStdString(b->node().name))};
        }
    return least;
}

}  // namespace

class TierLayoutTest : public test::WindowTest {
    Q_OBJECT
private slots:
    void initTestCase() { openWindowAt(QSize(1280, 800)); }

    void cacheAndReplicationScenesUseTheirRoom() {
        core::TopicRegistry shippedRegistry;
        const auto shipped = test::shippedCatalog(shippedRegistry);
        QStringList small;
        double least = 10;
        int lessons = 0;
        for (const core::Lesson* lesson : shipped->lessons()) {
            const QString id = QString::fromStdString(lesson->id);
            const bool cache = id.startsWith(QStringLiteral("cache-"));
            if (!cache && !id.startsWith(QStringLiteral("replication-"))) continue;
            QVERIFY2(m_window->openLesson(id), qPrintable(id));
            double lessonLeast = 10;
            for (std::size_t step = 1; step <= lesson->steps.size(); ++step) {
                controller().goToStepEnd(step);
                QTest::qWait(0);
                QCOMPARE(m_window->size(), QSize(1280, 800));
                const double scale = m_window->sceneView()->transform().m11();
                lessonLeast = std::min(lessonLeast, scale);
                small << overlaps(*m_window->sceneView()->scene(), QStringLiteral("%1 step %2").arg(id).arg(step));
                if (cache && scale < kCacheLeastScale) small << QStringLiteral("%1 step %2: %3").arg(id).arg(step).arg(scale, 0, 'f', 3);
            }
            qInfo("%s: the scene at %.3f at least", qPrintable(id), lessonLeast);
            if (cache) least = std::min(least, lessonLeast);
            if (!cache) continue;
            ++lessons;
        }
        qInfo("cache lessons at 1280x800: the smallest scene scale %.3f", least);
        QCOMPARE(lessons, 5);
        QVERIFY2(small.isEmpty(), qPrintable(small.join(QLatin1Char('\n'))));
    }

    void wordsKeepAClearGapFromOtherNodes() {
        // A replica column zigzags, and its middle replica's words (badges, bars, log) hung
        // 6 px above the next one's outline at 1280x800. Every tiers lesson, both window sizes,
        // every step's end: at least 12 px on screen between a node's words and another node.
        constexpr double kLeastGap = 12;
        core::TopicRegistry shippedRegistry;
        const auto shipped = test::shippedCatalog(shippedRegistry);
        QStringList problems;
        int scenes = 0;
        for (const QSize size : {QSize(1280, 800), QSize(1920, 1080)}) {
            m_window->resize(size);
            QTest::qWait(0);
            for (const core::Lesson* lesson : shipped->lessons()) {
                const QString id = QString::fromStdString(lesson->id);
                QVERIFY2(m_window->openLesson(id), qPrintable(id));
                if (m_window->sceneView()->graph()->view().layout != core::Layout::Tiers) continue;
                double least = 1e9, scale = 10;
                for (std::size_t step = 1; step <= lesson->steps.size(); ++step) {
                    controller().goToStepEnd(step);
                    QTest::qWait(0);
                    const auto [gap, between] = leastGap(*m_window->sceneView());
                    least = std::min(least, gap);
                    scale = std::min(scale, m_window->sceneView()->transform().m11());
                    if (gap < kLeastGap)
                        problems << QStringLiteral("%1 at %2x%3 step %4: %5 px between %6").arg(id).arg(size.width()).arg(size.height()).arg(step)
                                        .arg(gap, 0, 'f', 1).arg(between);
                    ++scenes;
                }
                qInfo("%s at %dx%d: the least gap %.1f px, the scene at %.3f at least", qPrintable(id), size.width(), size.height(), least, scale);
            }
        }
        m_window->resize(1280, 800);
        QTest::qWait(0);
        QVERIFY(scenes >= 100);
        for (const QString& p : problems) qInfo("%s", qPrintable(p));
        QVERIFY2(problems.isEmpty(), qPrintable(QStringLiteral("%1 problems, the first: %2").arg(problems.size()).arg(problems.value(0))));
    }

    void messagesKeepOffOtherNodes() {
        core::TopicRegistry shippedRegistry;
        const auto shipped = test::shippedCatalog(shippedRegistry);
        QStringList problems;
        int tiered = 0, pairs = 0;
        for (const core::Lesson* lesson : shipped->lessons()) {
            const QString id = QString::fromStdString(lesson->id);
            QVERIFY2(m_window->openLesson(id), qPrintable(id));
            const auto* scene = qobject_cast<const widgets::GraphScene*>(m_window->sceneView()->scene());
            QVERIFY(scene);
            if (scene->view().layout != core::Layout::Tiers) continue;
            ++tiered;
            controller().goToStepEnd(lesson->steps.size());
            QTest::qWait(0);
            // Every sender and receiver the run has had, and where the scene draws them.
            std::set<std::pair<core::NodeId, core::NodeId>> sent;
            const core::Timeline* timeline = controller().timeline();
            QVERIFY(timeline);
            for (const core::Event& e : timeline->trace())
                if (e.is("send") && e.node != core::kNoNode && e.peer != core::kNoNode) sent.insert(std::minmax(e.node, e.peer));
            std::map<core::NodeId, std::string> names;
            for (const auto& n : scene->view().nodes) names[n.id] = n.name;
            for (const auto& [from, to] : sent) {
                ++pairs;
                const QPointF a = scene->nodePosition(from), b = scene->nodePosition(to);
                for (const auto& [other, name] : names) {
                    if (other == from || other == to) continue;
                    const double d = distanceToSegment(scene->nodePosition(other), a, b);
                    if (d < kClearance)
                        problems << QStringLiteral("%1: messages between %2 and %3 pass over %4 (%5 px from its centre)")
                                        .arg(id, QString::fromStdString(names[from]), QString::fromStdString(names[to]),
                                             QString::fromStdString(name)).arg(d, 0, 'f', 0);
                }
            }
        }
        qInfo("%d lessons in tiers, %d pairs of nodes that exchange messages", tiered, pairs);
        QVERIFY(tiered >= 10);
        QVERIFY(pairs >= 50);
        for (const QString& p : problems) qInfo("%s", qPrintable(p));
        QVERIFY2(problems.isEmpty(), qPrintable(QStringLiteral("%1 problems:\n").arg(problems.size()) + problems.join(QLatin1Char('\n'))));
    }

    void noLineInAColumnPassesOverItsOwnNodes() {
        // One to four tiers of one to eight nodes: footprints apart, and within a tier of up to
        // four nodes every line between two of them clear of the others.
        for (int tiers = 1; tiers <= 4; ++tiers)
            for (int size = 1; size <= 8; ++size) {
                std::vector<core::NodeView> nodes;
                for (int t = 0; t < tiers; ++t)
                    for (int k = 0; k < (t % 2 == 0 ? size : std::max(1, size / 2)); ++k) {
                        core::NodeView n;
                        n.id = static_cast<core::NodeId>(nodes.size());
                        n.tier = t;
                        nodes.push_back(n);
                    }
                // Linked within a tier and to the neighbouring tiers, as replicas and their clients.
                std::vector<core::LinkView> links;
                for (const auto& a : nodes)
                    for (const auto& b : nodes)
                        if (a.id < b.id && std::abs(a.tier - b.tier) <= 1) links.push_back({a.id, b.id, false});
                const std::vector<QPointF> at = widgets::tiersLayout(nodes, links);
                QCOMPARE(at.size(), nodes.size());
                const QString where = QStringLiteral("%1 tiers of up to %2").arg(tiers).arg(size);
                for (std::size_t a = 0; a < at.size(); ++a)
                    for (std::size_t b = a + 1; b < at.size(); ++b) {
                        QVERIFY2(!widgets::NodeItem::footprint().translated(at[a]).intersects(widgets::NodeItem::footprint().translated(at[b])),
                                 qPrintable(QStringLiteral("%1: nodes %2 and %3 touch").arg(where).arg(a).arg(b)));
                        if (nodes[a].tier != nodes[b].tier || size > 4) continue;
                        for (std::size_t c = 0; c < at.size(); ++c) {
                            if (c == a || c == b || nodes[c].tier != nodes[a].tier) continue;
                            const double d = distanceToSegment(at[c], at[a], at[b]);
                            QVERIFY2(d >= kClearance, qPrintable(QStringLiteral("%1: the line from %2 to %3 passes %4 px from %5")
                                                                     .arg(where).arg(a).arg(b).arg(d, 0, 'f', 0).arg(c)));
                        }
                    }
            }
    }
};

int main(int argc, char** argv) {
    test::installWarningRecorder();
    QApplication app(argc, argv);
    TierLayoutTest t;
    return QTest::qExec(&t, argc, argv);
}
#include "tier_layout_test.moc"
