// The client-history strip with many lanes: its minimum stays three lanes tall (it does not
// squeeze the scene), the lanes scroll under a fixed time axis, what is scrolled away cannot be
// clicked, and a newly flagged operation's lane is brought into view. Where clients are nodes, only
// they have lanes, short flagged operations side by side keep their bars and words apart, and the
// newest operation at the right edge keeps its words.
#include <QApplication>
#include <QImage>
#include <QTest>

#include "panels/history_strip.h"
#include "test_support.h"

using namespace sb;

namespace {

core::View viewWith(int lanes, bool flagLast) {
    core::View v;
    for (int n = 0; n < lanes; ++n) {
        core::NodeView node;
        node.id = n;
        node.name = "c" + std::to_string(n + 1);
        v.nodes.push_back(node);
    }
    for (int n = 0; n < lanes; ++n) {
        core::HistoryOp op;
        op.id = n;
        op.node = n;
        op.label = "w x=" + std::to_string(n);
        op.start = core::fromMs(10 * n);
        op.end = core::fromMs(10 * n + 8);
        op.outcome = "ok";
        op.tone = core::Tone::Good;
        op.flagged = flagLast && n == lanes - 1;
        v.history.push_back(op);
    }
    v.time = core::fromMs(10 * lanes + 10);
    return v;
}

// Paints the strip and says whether the operation with this id was drawn where it can be clicked.
bool drawn(widgets::HistoryStrip& strip, std::int64_t id) {
    QImage image(strip.size(), QImage::Format_ARGB32);
    strip.render(&image);
    for (std::size_t k = 0; k < strip.drawnCount(); ++k)
        if (strip.drawnOp(k).id == id) return strip.opAt(strip.drawnRect(k).center()) >= 0;
    return false;
}

}  // namespace

class HistoryStripTest : public test::WarningFreeTest {
    Q_OBJECT
private slots:
    void manyLanesDoNotRaiseTheMinimum() {
        widgets::HistoryStrip three, twelve;
        three.setView(viewWith(3, false));
        twelve.setView(viewWith(12, false));
        QCOMPARE(twelve.minimumSizeHint().height(), three.minimumSizeHint().height());
        QCOMPARE(twelve.minimumHeight(), 0);  // no fixed minimum: the hint is all it asks
        QVERIFY(twelve.sizeHint().height() > three.sizeHint().height());
        widgets::HistoryStrip twenty;
        twenty.setView(viewWith(20, false));
        QCOMPARE(twenty.sizeHint().height(), twelve.sizeHint().height());  // asks for eight lanes at most
    }

    void lanesScrollUnderAFixedAxis() {
        widgets::HistoryStrip strip;
        strip.resize(640, 140);
        strip.setView(viewWith(12, false));
        QVERIFY(strip.laneScrollMaximum() > 0);
        QCOMPARE(strip.laneScroll(), 0);
        QVERIFY(drawn(strip, 0));
        QVERIFY2(!drawn(strip, 11), "an operation scrolled out of view can still be clicked");
        strip.setLaneScroll(strip.laneScrollMaximum());
        QVERIFY(drawn(strip, 11));
        QVERIFY(!drawn(strip, 0));
        // Tall enough for every lane: nothing scrolls.
        strip.resize(640, 400);
        strip.setView(viewWith(12, false));
        QCOMPARE(strip.laneScrollMaximum(), 0);
        QVERIFY(drawn(strip, 0));
        QVERIFY(drawn(strip, 11));
    }

    void clientsHaveLanesAndFlaggedNeighboursKeepApart() {
        // Replication's shape: two clients and three replicas; the clients' writes go wrong 4 ms
        // apart, each far shorter than a pixel at this scale.
        core::View v;
        const char* names[] = {"alice", "bob", "r1", "r2", "r3"};
        for (int n = 0; n < 5; ++n) {
            core::NodeView node;
            node.id = n;
            node.name = names[n];
            node.kind = n < 2 ? core::NodeKind::Client : core::NodeKind::Replica;
            v.nodes.push_back(node);
        }
        for (int i = 0; i < 3; ++i) {
            core::HistoryOp op;
            op.id = i;
            op.node = 0;
            op.label = "w alice=" + std::to_string(i + 1);
            op.start = core::fromMs(900 + 4 * i);
            if (i < 2) op.end = core::fromMs(900 + 4 * i + 3);
            op.outcome = i < 2 ? "ok" : "pending";
            op.tone = core::Tone::Bad;
            op.flagged = true;
            v.history.push_back(op);
        }
        v.time = core::fromMs(1500);
        widgets::HistoryStrip strip;
        strip.resize(440, 170);
        strip.setView(v);
        QCOMPARE(strip.laneCount(), std::size_t{2});  // alice and bob, not the replicas
        QImage image(strip.size(), QImage::Format_ARGB32);
        strip.render(&image);
        QCOMPARE(strip.drawnCount(), std::size_t{3});
        QVERIFY2(strip.cutTexts().isEmpty(), qPrintable(strip.cutTexts().join(QLatin1Char('\n'))));
        for (std::size_t k = 0; k < 3; ++k) {
            QVERIFY(!strip.drawnLabel(k).isEmpty());
            for (std::size_t j = 0; j < 3; ++j) {
                if (j == k) continue;
                QVERIFY(!strip.drawnRect(k).intersects(strip.drawnRect(j)));
                QVERIFY(!strip.drawnLabel(k).intersects(strip.drawnRect(j)));
                QVERIFY(!strip.drawnLabel(k).intersects(strip.drawnLabel(j)));
            }
        }
    }

    // cap-serializable's last step: n4's read ends at the moment shown, at the strip's right edge,
    // and the narration is about it. It keeps its words (to its left, where there is room) and
    // its bar ends short of the edge, beside the time cursor.
    void theNewestOperationKeepsItsWordsAtTheEdge() {
        core::View v = viewWith(4, false);
        core::HistoryOp read;
        read.id = 99;
        read.node = 3;
        read.label = "r x→2";
        read.start = core::fromMs(219);
        read.end = core::fromMs(220);
        read.outcome = "ok";
        read.tone = core::Tone::Good;
        v.history.push_back(read);
        v.time = core::fromMs(220);
        widgets::HistoryStrip strip;
        strip.resize(440, 170);
        strip.setView(v);
        QVERIFY(drawn(strip, 99));
        for (std::size_t k = 0; k < strip.drawnCount(); ++k) {
            if (strip.drawnOp(k).id != 99) continue;
            QVERIFY2(!strip.drawnLabel(k).isEmpty(), "the newest operation lost its words");
            QVERIFY(strip.drawnLabel(k).right() <= strip.drawnRect(k).left());
            QVERIFY2(strip.drawnRect(k).right() < strip.width() - 20,
                     qPrintable(QStringLiteral("its bar ends at %1 of %2 px").arg(strip.drawnRect(k).right()).arg(strip.width())));
        }
    }

    void aFlaggedOperationIsScrolledIntoView() {
        widgets::HistoryStrip strip;
        strip.resize(640, 140);
        strip.setView(viewWith(12, true));
        QVERIFY(strip.laneScroll() > 0);
        QVERIFY(drawn(strip, 11));
        // Once shown, the user's scrolling is kept on later frames.
        strip.setLaneScroll(0);
        strip.setView(viewWith(12, true));
        QCOMPARE(strip.laneScroll(), 0);
    }
};

int main(int argc, char** argv) { return test::runQtTest<HistoryStripTest>(argc, argv); }

#include "history_strip_test.moc"
