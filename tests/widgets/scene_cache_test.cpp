// The scene caches nodes, zones, messages, the ring and the view's legend as pixmaps. A cache must never show an
// old picture: after a step, after stepping back, after a theme change, and in vector exports.
// Each case renders a scene that went through the change and a fresh scene given only the end
// state; the two pictures must be the same, pixel for pixel.
#include <QApplication>
#include <QPainter>
#include <QTest>

#include "scene/graph_scene.h"
#include "scene/scene_view.h"
#include "test_support.h"
#include "theme.h"

using namespace sb;

namespace {

// Three peers, one a leader with a badge and a bar, one with its timer running, one message.
// (A message that moved is blitted at a whole device pixel: up to half a pixel from where a fresh
// paint puts it, so the cases keep it in place and change its label instead.)
core::View peers(const std::string& leaderRole, double timer, std::string value, int term) {
    core::View v;
    for (int i = 0; i < 3; ++i) {
        core::NodeView n;
        n.id = i;
        n.name = "n" + std::to_string(i + 1);
        n.role = i == 0 ? leaderRole : "follower";
        n.value = i == 0 ? value : std::string();
        v.nodes.push_back(n);
    }
    v.nodes[0].badges.push_back({"term " + std::to_string(term), core::Tone::Accent});
    v.nodes[0].bars.push_back({"load", timer, "", core::Tone::Normal});
    v.nodes[1].timer = timer;
    v.messages.push_back({7, 0, 2, "AppendEntries", "term " + std::to_string(term), 0.5, false, false, 0, 10});
    return v;
}

QImage picture(widgets::SceneView& view) {
    QImage image(view.viewport()->size(), QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter p(&image);
    view.render(&p);
    return image;
}

// A fresh view, shown at the same size and palette, that sees only `v`.
QImage freshPicture(const core::View& v, const QPalette& palette) {
    widgets::SceneView view;
    view.setPalette(palette);
    view.refreshPalette();
    view.resize(480, 360);
    view.show();
    view.setView(v);
    (void)picture(view);  // the first paint fills the caches, as on screen
    return picture(view);
}

}  // namespace

class SceneCacheTest : public QObject {
    Q_OBJECT

    widgets::SceneView m_view;

private slots:
    void initTestCase() {
        m_view.setPalette(widgets::lightPalette());
        m_view.refreshPalette();
        m_view.resize(480, 360);
        m_view.show();
    }
    void init() { test::failOnQtWarnings(); }
    void cleanup() { QVERIFY2(test::qtWarnings().isEmpty(), qPrintable(test::qtWarnings().join('\n'))); }

    void aStepRepaintsWhatChanged() {
        const core::View before = peers("leader", 0.9, "x=1", 2);
        const core::View after = peers("candidate", 0.4, "x=2", 3);
        m_view.setView(before);
        const QImage old = picture(m_view);
        m_view.setView(after);
        const QImage now = picture(m_view);
        QVERIFY(now != old);  // the change is visible at all
        QCOMPARE(now, freshPicture(after, widgets::lightPalette()));
    }

    void steppingBackShowsTheEarlierPicture() {
        const core::View before = peers("leader", 0.9, "x=1", 2);
        m_view.setView(peers("candidate", 0.4, "x=2", 3));
        (void)picture(m_view);
        m_view.setView(before);
        QCOMPARE(picture(m_view), freshPicture(before, widgets::lightPalette()));
    }

    void aThemeChangeRepaintsCachedItems() {
        const core::View v = peers("leader", 0.7, "x=3", 4);
        m_view.setView(v);
        (void)picture(m_view);
        m_view.setPalette(widgets::darkPalette());
        m_view.refreshPalette();
        QCOMPARE(picture(m_view), freshPicture(v, widgets::darkPalette()));
        m_view.setPalette(widgets::lightPalette());
        m_view.refreshPalette();
        QCOMPARE(picture(m_view), freshPicture(v, widgets::lightPalette()));
    }

    void theLegendShowsANewKind() {
        core::View v = peers("leader", 0.7, "x=3", 4);
        m_view.setView(v);
        const QImage old = picture(m_view);
        v.messages.push_back({8, 1, 0, "RequestVote", "term 4", 0.5, false, false, 0, 10});
        m_view.setView(v);
        const QImage now = picture(m_view);
        QVERIFY(now != old);
        QCOMPARE(now, freshPicture(v, widgets::lightPalette()));
    }

    void exportsPaintWithoutCachesAndRestoreThem() {
        m_view.setView(peers("leader", 0.7, "x=3", 4));
        (void)picture(m_view);
        int cached = 0;
        for (QGraphicsItem* item : m_view.graph()->items()) cached += item->cacheMode() != QGraphicsItem::NoCache ? 1 : 0;
        QVERIFY(cached >= 4);  // three nodes and the message
        {
            const widgets::UncachedPaint vectors(*m_view.graph());
            for (QGraphicsItem* item : m_view.graph()->items()) QCOMPARE(item->cacheMode(), QGraphicsItem::NoCache);
        }
        int after = 0;
        for (QGraphicsItem* item : m_view.graph()->items()) after += item->cacheMode() != QGraphicsItem::NoCache ? 1 : 0;
        QCOMPARE(after, cached);
    }
};

int main(int argc, char** argv) {
    test::installWarningRecorder();
    QApplication app(argc, argv);
    SceneCacheTest t;
    return QTest::qExec(&t, argc, argv);
}
#include "scene_cache_test.moc"
