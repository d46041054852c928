// Message labels stay readable in every shipped lesson (issue 15): at every step's end and at
// moments inside each step (just after its first sends, and at fractions of its span), no two
// message labels overlap and none lies over a node's extent (its shape, role and badges).
// Messages one node sends at once share one label with a count. No glyph sits on the words under
// its sender or receiver, leaving downward past its captions as well, where the link leaves room.
#include <QApplication>
#include <QTest>

#include "export/scene_export.h"
#include "gui/lesson_folders.h"
#include "lesson/lesson_catalog.h"
#include "lesson/lesson_check.h"
#include "scene/graph_scene.h"
#include "scene/message_item.h"
#include "scene/node_item.h"
#include "shipped_catalog.h"
#include "test_support.h"

using namespace sb;

namespace {

struct Labels {
    std::vector<QRectF> boxes;
    std::vector<QString> texts;
    std::vector<QRectF> nodes;
    QRectF area;  // the scene's rectangle: what a fitted view shows
};

Labels labelsOf(widgets::GraphScene& scene) {
    Labels out;
    out.area = scene.sceneRect();
    for (QGraphicsItem* item : scene.items()) {
        if (item->type() == widgets::MessageItem::Type) {
            const auto* m = static_cast<const widgets::MessageItem*>(item);
            if (m->label().isEmpty()) continue;
            out.boxes.push_back(m->mapRectToScene(m->labelRect()));
            out.texts.push_back(m->label());
        } else if (item->type() == widgets::NodeItem::Type) {
            out.nodes.push_back(item->sceneBoundingRect());
        }
    }
    return out;
}

// What is wrong with the labels on the scene, in words; empty when nothing is.
QString overlaps(const Labels& l) {
    for (std::size_t i = 0; i < l.boxes.size(); ++i) {
        for (std::size_t j = i + 1; j < l.boxes.size(); ++j)
            if (l.boxes[i].intersects(l.boxes[j])) return QStringLiteral("labels '%1' and '%2' overlap").arg(l.texts[i], l.texts[j]);
        if (!l.area.contains(l.boxes[i])) return QStringLiteral("label '%1' lies outside the scene").arg(l.texts[i]);
        for (const QRectF& n : l.nodes)
            if (l.boxes[i].intersects(n)) return QStringLiteral("label '%1' lies over a node").arg(l.texts[i]);
    }
    return {};
}

// A message glyph on the words under its sender or receiver (role, value, badges: the block below
// the shape), in any direction, on a link long enough for it to keep clear of both nodes' drawings
// (NodeItem::reach); empty when there is none. The glyph's centre is checked against the block less a glyph's
// margin, so a glyph that only grazes the block's edge beside the link is not counted.
QString glyphOnWords(widgets::GraphScene& scene) {
    std::map<core::NodeId, const widgets::NodeItem*> nodes;
    for (QGraphicsItem* item : scene.items())
        if (item->type() == widgets::NodeItem::Type) {
            const auto* n = static_cast<const widgets::NodeItem*>(item);
            nodes[n->node().id] = n;
        }
    for (QGraphicsItem* item : scene.items()) {
        if (item->type() != widgets::MessageItem::Type) continue;
        const auto* m = static_cast<const widgets::MessageItem*>(item);
        const auto from = nodes.find(m->message().from);
        const auto to = nodes.find(m->message().to);
        if (from == nodes.end() || to == nodes.end()) continue;
        const QLineF link(from->second->pos(), to->second->pos());
        if (link.length() < 1) continue;
        const QPointF unit = (link.p2() - link.p1()) / link.length();
        // Where the two drawings overlap along the link (a node dragged onto another) no place
        // is clear of both.
        if (from->second->reach(unit) + to->second->reach(-unit) > link.length()) continue;
        for (const auto* n : {from->second, to->second}) {
            const QRectF box = n->boundingRect();
            const double top = widgets::NodeItem::kRadius + 6;
            const QRectF words = n->mapRectToScene(QRectF(box.left(), top, box.width(), box.bottom() - top)).adjusted(8, 8, -8, -8);
            if (words.isValid() && words.contains(m->pos()))
                return QStringLiteral("a %1 glyph (%2 to %3) at (%4, %5) sits on %6's words")
                    .arg(QString::fromStdString(m->message().kind), QString::fromStdString(from->second->node().name),
                         QString::fromStdString(to->second->node().name))
                    .arg(m->pos().x(), 0, 'f', 0).arg(m->pos().y(), 0, 'f', 0).arg(QString::fromStdString(n->node().name));
        }
    }
    return {};
}

// A message glyph drawn over any node's words or marks (its captions, badges, bars, log strip:
// NodeItem::wordRects), the sender's, the receiver's or a node the link passes under; empty when
// there is none. The glyph is its drawn shape's square, so one that covers a badge's edge counts.
// (The block test above leaves a margin and looks only at the two ends: raft-election's n1 had a
// RequestVote glyph over its "commit 0" badge, sent to n4 below it, and nothing caught it.)
QString glyphOnAnyWords(widgets::GraphScene& scene) {
    std::vector<const widgets::NodeItem*> nodes;
    std::map<core::NodeId, const widgets::NodeItem*> byId;
    for (QGraphicsItem* item : scene.items())
        if (item->type() == widgets::NodeItem::Type) {
            nodes.push_back(static_cast<const widgets::NodeItem*>(item));
            byId[nodes.back()->node().id] = nodes.back();
        }
    for (QGraphicsItem* item : scene.items()) {
        if (item->type() != widgets::MessageItem::Type) continue;
        const auto* m = static_cast<const widgets::MessageItem*>(item);
        const auto from = byId.find(m->message().from), to = byId.find(m->message().to);
        if (from == byId.end() || to == byId.end()) continue;
        const QLineF link(from->second->pos(), to->second->pos());
        if (link.length() < 1) continue;
        const QPointF unit = (link.p2() - link.p1()) / link.length();
        const bool crowded = from->second->reach(unit) + to->second->reach(-unit) > link.length();
        const QRectF glyph = m->mapRectToScene(widgets::MessageItem::glyphRect().adjusted(2, 2, -2, -2));
        for (const widgets::NodeItem* n : nodes) {
            // Where the two ends' drawings overlap along the link (a node dragged onto another)
            // no place on it is clear of both.
            if (crowded && (n == from->second || n == to->second)) continue;
            for (const QRectF& words : n->wordRects())
                if (n->mapRectToScene(words).intersects(glyph))
                    return QStringLiteral("a %1 glyph (%2 to %3) at (%4, %5) sits on %6's words")
                        .arg(QString::fromStdString(m->message().kind), QString::fromStdString(from->second->node().name),
                             QString::fromStdString(to->second->node().name))
                        .arg(m->pos().x(), 0, 'f', 0).arg(m->pos().y(), 0, 'f', 0).arg(QString::fromStdString(n->node().name));
        }
    }
    return {};
}

// Moments inside step n (1-based) of a run with every step recorded: a little after each of its
// first few events (a burst just sent) and at fractions of its span, then its end.
std::vector<core::Time> momentsOf(const core::LessonRun& run, std::size_t n) {
    const core::Time from = run.stepClock(n - 1);
    const core::Time to = run.stepClock(n);
    std::vector<core::Time> out;
    const core::Timeline& t = run.timeline();
    const std::size_t begin = *run.stepEndPosition(n - 1);
    for (std::size_t i = begin; i < begin + 4 && i < *run.stepEndPosition(n); ++i)
        for (const core::Time d : {core::Time{1}, core::fromMs(1), core::fromMs(3)})
            if (t.event(i).time + d < to) out.push_back(t.event(i).time + d);
    for (int k = 1; k < 8; ++k) out.push_back(from + (to - from) * k / 8);
    out.push_back(to);
    return out;
}

}  // namespace

class MessageLabelsTest : public QObject {
    Q_OBJECT
private:
    core::TopicRegistry m_registry;
    std::unique_ptr<core::LessonCatalog> m_catalog;

    const core::Lesson* lesson(const std::string& id) const {
        for (const core::Lesson* l : m_catalog->lessons())
            if (l->id == id) return l;
        return nullptr;
    }

private slots:
    void initTestCase() {
        m_catalog = test::shippedCatalog(m_registry);
        QVERIFY(m_catalog->errors().empty());
        QVERIFY(m_catalog->lessons().size() >= 28);
    }
    void init() { test::failOnQtWarnings(); }
    void cleanup() { QVERIFY2(test::qtWarnings().isEmpty(), qPrintable(test::qtWarnings().join('\n'))); }

    void aBurstFromOneNodeSharesOneLabel() {
        // Raft step 2: n1's timer fires and it asks the four others for votes at once.
        const core::Lesson* raft = lesson("raft-election");
        QVERIFY(raft != nullptr);
        auto run = core::LessonRun::start(*raft, m_registry).value();
        QVERIFY(run.runToEndOfStep(2).ok());
        bool sent = false;
        for (std::size_t p = *run.stepEndPosition(1); p <= *run.stepEndPosition(2) && !sent; ++p) {
            run.seek(p);
            sent = run.timeline().model().view(run.timeline().now() + 1).messages.size() == 4;
        }
        QVERIFY2(sent, "n1's four RequestVotes are in flight");
        widgets::GraphScene scene;
        scene.setView(run.timeline().model().view(run.timeline().now() + 1));
        const Labels l = labelsOf(scene);
        QCOMPARE(l.texts.size(), std::size_t{1});
        QCOMPARE(l.texts[0], QStringLiteral("Request vote, term 1 \u00d74"));
        QVERIFY2(overlaps(l).isEmpty(), qPrintable(overlaps(l)));
    }

    void noLabelOverlapsInAnyLesson() {
        std::size_t scenes = 0, labels = 0, messages = 0;
        QStringList problems;
        for (const core::Lesson* lesson : m_catalog->lessons()) {
            auto run = core::LessonRun::start(*lesson, m_registry).value();
            QVERIFY(run.runToEndOfStep(lesson->steps.size()).ok());
            widgets::GraphScene scene;
            for (std::size_t n = 1; n <= lesson->steps.size(); ++n) {
                widgets::applyStepEmphasis(scene, &lesson->steps[n - 1]);
                for (const core::Time t : momentsOf(run, n)) {
                    run.seekTime(t);
                    const core::View view = run.timeline().model().view(t);
                    scene.setView(view);
                    const Labels l = labelsOf(scene);
                    QString problem = overlaps(l);
                    if (problem.isEmpty()) problem = glyphOnWords(scene);
                    if (problem.isEmpty()) problem = glyphOnAnyWords(scene);
                    if (!problem.isEmpty())
                        problems << QStringLiteral("%1 step %2 at %3: %4").arg(QString::fromStdString(lesson->id)).arg(n)
                                        .arg(QString::fromStdString(core::formatMs(t)), problem);
                    ++scenes;
                    labels += l.texts.size();
                    messages += view.messages.size();
                }
            }
        }
        qInfo("%zu scenes, %zu messages in flight, %zu labels", scenes, messages, labels);
        QVERIFY(scenes > 1000);
        QVERIFY(labels > 200);  // not vacuous: labels were drawn and checked
        for (const QString& p : problems) qInfo("%s", qPrintable(p));  // all of them (a failure message is cut short)
        QVERIFY2(problems.isEmpty(), qPrintable(QStringLiteral("%1 problems, the first: %2").arg(problems.size()).arg(problems.value(0))));
    }
};

int main(int argc, char** argv) {
    test::installWarningRecorder();
    QApplication app(argc, argv);
    MessageLabelsTest t;
    return QTest::qExec(&t, argc, argv);
}

#include "message_labels_test.moc"
