// The scene's legend names message kinds in words (screenshot review): on every shipped lesson,
// wherever a message kind first appears in flight, the legend the scene view lays out for it reads
// as words a person says ("Append entries (reply)", "Cache get"), never as the identifier the
// topic uses ("AppendEntriesReply", "CacheGet", "read_repair").
#include <QApplication>
#include <QRegularExpression>
#include <QTest>
#include <map>
#include <set>

#include "lesson/lesson_check.h"
#include "scene/graph_scene.h"
#include "scene/message_item.h"
#include "scene/scene_view.h"
#include "shipped_catalog.h"
#include "test_support.h"

using namespace sb;

class LegendWordsTest : public test::ShippedLessonsTest {
    Q_OBJECT
private slots:
    void kindWordsReadAsWords() {
        QCOMPARE(widgets::messageKindWords("AppendEntriesReply"), QStringLiteral("Append entries (reply)"));
        QCOMPARE(widgets::messageKindWords("RequestVote"), QStringLiteral("Request vote"));
        QCOMPARE(widgets::messageKindWords("CacheGet"), QStringLiteral("Cache get"));
        QCOMPARE(widgets::messageKindWords("read_repair"), QStringLiteral("Read repair"));
        QCOMPARE(widgets::messageKindWords("Heartbeat"), QStringLiteral("Heartbeat"));
        QCOMPARE(widgets::messageKindWords("PreVoteReply"), QStringLiteral("Pre-vote (reply)"));
        QCOMPARE(widgets::messageKindWords("DBQuery"), QStringLiteral("Database query"));
    }

    void everyLegendEntryIsWords() {
        // CamelCase (a lower case letter then a capital) or snake_case anywhere in an entry.
        static const QRegularExpression kIdentifier(QStringLiteral("[a-z][A-Z]|_"));
        widgets::SceneView view;
        view.resize(1280, 700);
        std::map<QString, QString> wrong;  // entry -> where it was first seen
        std::set<std::string> kinds;
        std::size_t shown = 0;
        for (const core::Lesson* lesson : m_catalog->lessons()) {
            auto run = core::LessonRun::start(*lesson, m_registry).value();
            QVERIFY(run.runToEndOfStep(lesson->steps.size()).ok());
            const std::size_t end = *run.stepEndPosition(lesson->steps.size());
            std::set<std::string> seen;
            for (std::size_t p = 0; p <= end; ++p) {
                run.seek(p);
                const core::Timeline& t = run.timeline();
                const core::View v = t.model().view(t.now() + 1);
                const bool fresh = std::any_of(v.messages.begin(), v.messages.end(),
                                               [&](const core::MessageView& m) { return !seen.count(m.kind); });
                if (!fresh) continue;
                for (const auto& m : v.messages) seen.insert(m.kind), kinds.insert(m.kind);
                view.setView(v);
                for (const QString& entry : view.legendTexts()) {
                    ++shown;
                    if (entry.contains(kIdentifier) && !wrong.count(entry))
                        wrong[entry] = QStringLiteral("%1 after event %2: the legend shows \"%3\"")
                                           .arg(QString::fromStdString(lesson->id)).arg(p).arg(entry);
                }
            }
        }
        for (const std::string& k : kinds)
            qInfo("%s -> %s", k.c_str(), qPrintable(widgets::messageKindWords(k)));
        QVERIFY(kinds.size() > 20);  // not vacuous: every topic's kinds were shown
        QVERIFY(shown > kinds.size());
        for (const auto& [entry, where] : wrong) qInfo("%s", qPrintable(where));
        if (!wrong.empty())
            QFAIL(qPrintable(QStringLiteral("%1 legend entries are identifiers, one: %2").arg(wrong.size()).arg(wrong.begin()->second)));
    }
};

int main(int argc, char** argv) { return test::runQtTest<LegendWordsTest>(argc, argv); }

#include "legend_words_test.moc"
