// What the narration names is on screen (issue 15): message labels that stay readable when
// messages bunch up, twelve distinct node hues, a highlighted ring key drawn large with its
// label and a line to its owner, flagged history operations wide enough to see and labelled,
// and a node's emphasis and warning rings clear of the words under its shape.
#include <QApplication>
#include <QImage>
#include <QPainter>
#include <QTest>
#include <map>
#include <cmath>
#include <set>

#include "panels/history_strip.h"
#include "scene/graph_scene.h"
#include "scene/message_item.h"
#include "scene/node_item.h"
#include "scene/ring_item.h"
#include "scene/scene_palette.h"
#include "test_support.h"
#include "theme.h"

using namespace sb;

namespace {

core::View fiveNodes() {
    core::View v;
    for (int i = 0; i < 5; ++i) {
        core::NodeView n;
        n.id = i;
        n.name = "n" + std::to_string(i + 1);
        n.role = "follower";
        v.nodes.push_back(n);
    }
    return v;
}

// The candidate's RequestVotes to the four others, all just sent: a bunch leaving one node.
core::View bunchedVotes() {
    core::View v = fiveNodes();
    for (int to = 1; to < 5; ++to) {
        core::MessageView m;
        m.id = static_cast<core::MsgId>(to);
        m.from = 0;
        m.to = to;
        m.kind = "RequestVote";
        m.summary = "term 2, last 0/0";
        m.progress = 0.05;
        v.messages.push_back(m);
    }
    return v;
}

std::vector<widgets::MessageItem*> messageItems(widgets::GraphScene& scene) {
    std::vector<widgets::MessageItem*> out;
    for (QGraphicsItem* item : scene.items())
        if (item->type() == widgets::MessageItem::Type) out.push_back(static_cast<widgets::MessageItem*>(item));
    return out;
}

double distance(const QColor& a, const QColor& b) {
    const double dr = a.redF() - b.redF(), dg = a.greenF() - b.greenF(), db = a.blueF() - b.blueF();
    return std::sqrt(dr * dr + dg * dg + db * db);
}

// Pixels of `colour` (within a small tolerance) in a picture of the scene.
int pixelsOf(widgets::GraphScene& scene, const QColor& colour) {
    QImage image(640, 640, QImage::Format_ARGB32);
    image.fill(Qt::white);
    QPainter p(&image);
    scene.render(&p, QRectF(0, 0, 640, 640), QRectF(-320, -320, 640, 640));
    p.end();
    int n = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) n += distance(image.pixelColor(x, y), colour) < 0.08 ? 1 : 0;
    return n;
}

// One node of `kind` alone, its kind's word under it, as the scene draws it at 4x (scene point
// (x, y) at pixel ((x + 80) * 4, (y + 60) * 4)), emphasised, alarmed or plain.
QImage nodePicture(core::NodeKind kind, const std::string& role, bool emphasised, bool alarmed, bool crashed = false) {
    core::View v;
    core::NodeView n;
    n.id = 0;
    n.name = "n1";
    n.kind = kind;
    n.role = role;
    n.value = "12 hits";
    n.crashed = crashed;
    v.nodes.push_back(n);
    widgets::GraphScene scene;
    scene.setScenePalette(widgets::ScenePalette::fromPalette(widgets::lightPalette()));
    scene.setEmphasis(emphasised ? std::set<std::string>{"n1"} : std::set<std::string>{}, {});
    scene.setAlarm(alarmed ? std::set<std::string>{"n1"} : std::set<std::string>{});
    scene.setView(v);
    QImage image(640, 640, QImage::Format_ARGB32);
    image.fill(Qt::white);
    QPainter p(&image);
    const widgets::UncachedPaint sharp(scene);
    scene.render(&p, QRectF(0, 0, 640, 640), QRectF(-80, -60, 160, 160));
    return image;
}

// Where a ring (the pixels an emphasised or alarmed picture changes) comes within `clearance` scene px
// of the words under the shape (the ink below the shape's reach in the plain picture); empty when
// nowhere.
QString ringOnWords(core::NodeKind kind, const std::string& role, bool emphasised, bool alarmed, bool crashed = false,
                    double clearance = 1.5) {
    const QImage plain = nodePicture(kind, role, false, false, crashed);
    const QImage ringed = nodePicture(kind, role, emphasised, alarmed, crashed);
    const int wordsTop = static_cast<int>((widgets::NodeItem::kRadius + 6 + 60) * 4);
    const int kNear = static_cast<int>(clearance * 4);  // at 4x
    const auto ink = [&](int x, int y) { return y >= wordsTop && distance(plain.pixelColor(x, y), Qt::white) > 0.3; };
    int on = 0, words = 0;
    for (int y = wordsTop; y < plain.height(); ++y)
        for (int x = 0; x < plain.width(); ++x) words += ink(x, y) ? 1 : 0;
    if (words == 0) return QStringLiteral("no words drawn");
    for (int y = wordsTop - kNear; y < plain.height() - kNear; ++y)
        for (int x = kNear; x < plain.width() - kNear; ++x) {
            if (distance(plain.pixelColor(x, y), ringed.pixelColor(x, y)) <= 0.1) continue;
            bool near = false;
            for (int dy = -kNear; dy <= kNear && !near; ++dy)
                for (int dx = -kNear; dx <= kNear && !near; ++dx) near = ink(x + dx, y + dy);
            on += near ? 1 : 0;
        }
    return on == 0 ? QString() : QStringLiteral("%1 px of the ring on the words").arg(on);
}

}  // namespace

class SceneMarksTest : public test::WarningFreeTest {
    Q_OBJECT
private slots:
    void messageLabelsNameKindAndTheFieldThatMatters() {
        QCOMPARE(widgets::messageLabel("RequestVote", "term 2, last 0/0"), QStringLiteral("Request vote, term 2"));
        QCOMPARE(widgets::messageLabel("AppendEntries", "term 3, 1 entry"), QStringLiteral("Append entries, term 3"));
        QCOMPARE(widgets::messageLabel("Heartbeat", "term 1, prev 0/0"), QStringLiteral("Heartbeat, term 1"));
        QCOMPARE(widgets::messageLabel("RequestVoteReply", "term 1, granted"), QStringLiteral("Vote reply, term 1"));
        QCOMPARE(widgets::messageLabel("AppendEntriesReply", "term 2, ok"), QStringLiteral("Append reply, term 2"));
        QCOMPARE(widgets::messageLabel("Write", "x=3"), QStringLiteral("Write x=3"));  // a value reads on from the kind
        // An aside in parentheses is the inspector's, not the label's (saga-outbox cut "EA event 23 …").
        QCOMPARE(widgets::messageLabel("EventArrived", "event 23 (order 2) from the relay"), QStringLiteral("Event arrived, event 23"));
        QCOMPARE(widgets::messageLabel("Event", "event 8, from the relay"), QStringLiteral("Event 8"));
    }

    void bunchedMessagesKeepTheirLabelsApart() {
        widgets::GraphScene scene;
        scene.setView(bunchedVotes());
        const auto items = messageItems(scene);
        QCOMPARE(items.size(), std::size_t{4});  // every glyph stays
        // One label for the burst, with its count, clear of every node.
        QStringList labels;
        for (const auto* item : items) {
            if (item->label().isEmpty()) continue;
            labels << item->label();
            const QRectF box = item->mapRectToScene(item->labelRect());
            for (QGraphicsItem* other : scene.items())
                if (other->type() == widgets::NodeItem::Type) QVERIFY2(!box.intersects(other->sceneBoundingRect()), "a label lies over a node");
        }
        QCOMPARE(labels, QStringList{QStringLiteral("Request vote, term 2 \u00d74")});
    }

    void logCellsSayTheirCommandWhereThereIsRoom() {
        // raft-minority-leader step 4's narration names x=5 and x=9: the cells show them.
        core::View v = fiveNodes();
        v.nodes[0].log = {{1, "x=5", false}};
        v.nodes[1].log = {{1, "x=5", true}, {2, "x=9", false}};
        for (std::int64_t k = 0; k < 10; ++k) v.nodes[2].log.push_back({k + 1, "x=" + std::to_string(k), true});
        widgets::GraphScene scene;
        scene.setView(v);
        std::map<std::string, QStringList> texts;
        for (QGraphicsItem* item : scene.items())
            if (item->type() == widgets::NodeItem::Type) {
                const auto* n = static_cast<const widgets::NodeItem*>(item);
                texts[n->node().name] = n->logTexts();
            }
        QCOMPARE(texts[v.nodes[0].name], QStringList{QStringLiteral("x=5 (term 1)")});
        // Two entries: the command and the term in words or, in a larger font, as a number.
        const QStringList two = texts[v.nodes[1].name];
        QCOMPARE(two.size(), 2);
        QVERIFY2(two[0] == QStringLiteral("x=5 (term 1)") || two[0] == QStringLiteral("x=5 (1)"), qPrintable(two[0]));
        QVERIFY2(two[1] == QStringLiteral("x=9 (term 2)") || two[1] == QStringLiteral("x=9 (2)"), qPrintable(two[1]));
        QCOMPARE(texts[v.nodes[2].name].size(), 10);  // ten entries: the term alone fits
        QCOMPARE(texts[v.nodes[2].name].front(), QStringLiteral("1"));
        // Three in two terms (raft-replication from step 5): each command, its term said where it
        // changes, rather than "1 1 2" with the commands the narration names gone.
        core::View three = fiveNodes();
        three.nodes[0].log = {{1, "x=3", true}, {1, "y=5", false}, {2, "z=7", false}};
        widgets::GraphScene again;
        again.setView(three);
        for (QGraphicsItem* item : again.items())
            if (item->type() == widgets::NodeItem::Type && static_cast<const widgets::NodeItem*>(item)->node().name == three.nodes[0].name)
                QCOMPARE(static_cast<const widgets::NodeItem*>(item)->logTexts(),
                         (QStringList{QStringLiteral("x=3 (1)"), QStringLiteral("y=5"), QStringLiteral("z=7 (2)")}));
    }

    void twelveNodesHaveTwelveDistinctHues() {
        const widgets::ScenePalette pal = widgets::ScenePalette::fromPalette(widgets::lightPalette());
        for (std::size_t i = 0; i < 12; ++i)
            for (std::size_t j = i + 1; j < 12; ++j)
                QVERIFY2(distance(pal.nodeHue(i), pal.nodeHue(j)) > 0.15,
                         qPrintable(QStringLiteral("hues %1 and %2 are too close").arg(i).arg(j)));
        QCOMPARE(pal.nodeHue(12), pal.nodeHue(0));  // the thirteenth repeats: names tell them apart
    }

    void aHighlightedKeyIsDrawnLargeWithALineToItsOwner() {
        core::View v = fiveNodes();
        v.layout = core::Layout::Ring;
        core::RingView ring;
        for (int i = 0; i < 5; ++i) ring.vnodes.push_back({0.2 * i + 0.1, i, "n" + std::to_string(i + 1), false});
        for (int k = 0; k < 200; ++k)
            ring.keys.push_back({(k + 0.5) / 200.0, static_cast<core::NodeId>(((k + 0.5) / 200.0 + 0.9) / 0.2) % 5,
                                 "k" + std::to_string(k), false});
        v.ring = ring;
        widgets::GraphScene scene;
        scene.setScenePalette(widgets::ScenePalette::fromPalette(widgets::lightPalette()));
        scene.setView(v);
        const QColor highlight = scene.scenePalette().highlight;
        const int before = pixelsOf(scene, highlight);
        // A lesson step names k42: the scene draws it as a looked-up key.
        scene.setEmphasisKeys({"k42"});
        const int after = pixelsOf(scene, highlight);
        QVERIFY2(after > before + 300, qPrintable(QStringLiteral("%1 -> %2 highlight pixels").arg(before).arg(after)));
        // The model's own mark does the same.
        v.ring->keys[42].highlighted = true;
        scene.setEmphasisKeys({});
        scene.setView(v);
        QVERIFY(pixelsOf(scene, highlight) > before + 300);
    }

    void emphasisAndWarningRingsKeepOffTheWords() {
        // A cache or database a lesson step names: its ring covered the top of "cache" and
        // "database" under the shape. Every outline, emphasised and named in a violation.
        const std::vector<std::pair<core::NodeKind, std::string>> nodes{
            {core::NodeKind::Cache, ""},      {core::NodeKind::Database, ""}, {core::NodeKind::Server, ""},
            {core::NodeKind::Service, ""},    {core::NodeKind::Client, ""},   {core::NodeKind::Broker, ""},
            {core::NodeKind::Orchestrator, ""}, {core::NodeKind::Coordinator, ""},
            {core::NodeKind::Peer, "follower"}, {core::NodeKind::Peer, "leader"}, {core::NodeKind::Replica, "candidate"}};
        QStringList problems;
        for (const auto& [kind, role] : nodes)
            for (const auto& [emphasised, alarmed] : {std::pair{true, false}, std::pair{false, true}, std::pair{true, true}}) {
                const QString problem = ringOnWords(kind, role, emphasised, alarmed);
                if (!problem.isEmpty())
                    problems << QStringLiteral("kind %1 %2").arg(static_cast<int>(kind)).arg(QString::fromStdString(role)) +
                                    (emphasised ? QStringLiteral(" emphasised") : QString()) +
                                    (alarmed ? QStringLiteral(" alarmed") : QString()) + QStringLiteral(": ") + problem;
            }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

    void aCrashedNodesRingsKeepClearOfItsLabel() {
        // A crashed ring node a step names ("failed" under its dashed outline, or "crashed"): the
        // emphasis ring was broken round the label with 2 px to spare and its ends sat on the
        // label's first and last letters. Both rings keep 4.5 px (scene) off its words.
        QStringList problems;
        for (const std::string role : {"", "failed", "leader"})
            for (const auto& [emphasised, alarmed] : {std::pair{true, false}, std::pair{false, true}, std::pair{true, true}}) {
                const QString problem = ringOnWords(core::NodeKind::Peer, role, emphasised, alarmed, true, 4.5);
                if (!problem.isEmpty())
                    problems << QStringLiteral("crashed, role \"%1\"%2%3: %4")
                                    .arg(QString::fromStdString(role), emphasised ? QStringLiteral(" emphasised") : QString(),
                                         alarmed ? QStringLiteral(" alarmed") : QString(), problem);
            }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

    void aFlaggedOperationIsWideAndLabelled() {
        core::View v = fiveNodes();
        for (int i = 0; i < 30; ++i) {
            core::HistoryOp op;
            op.id = i;
            op.node = i % 5;
            op.label = i == 29 ? "r x→2" : "w x=" + std::to_string(i);
            op.start = core::fromMs(10 * i);
            op.end = core::fromMs(10 * i + 1);
            op.outcome = "ok";
            op.tone = core::Tone::Good;
            op.flagged = i == 29;  // the stale read, the newest and shortest at the right edge
            v.history.push_back(op);
        }
        v.time = core::fromMs(291);
        widgets::HistoryStrip strip;
        strip.resize(640, 140);
        strip.setView(v);
        QImage image(strip.size(), QImage::Format_ARGB32);
        strip.render(&image);
        bool found = false;
        for (std::size_t k = 0; k < strip.drawnCount(); ++k) {
            if (!strip.drawnOp(k).flagged) continue;
            found = true;
            QVERIFY(strip.drawnRect(k).width() >= 20);
            QVERIFY(strip.drawnRect(k).right() <= strip.width());
            QVERIFY2(!strip.drawnLabel(k).isEmpty(), "the flagged operation has no label");
            QVERIFY(strip.drawnLabel(k).left() >= 0);
        }
        QVERIFY(found);
    }
};

int main(int argc, char** argv) { return test::runQtTest<SceneMarksTest>(argc, argv); }
#include "scene_marks_test.moc"
