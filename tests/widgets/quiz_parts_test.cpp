// The quiz workspace's parts on their own: every shipped predict item end to end, the grading
// rules of predictions and checklists, --quiz on the command line, and the progress file's
// problems (a damaged file set aside, a newer one refused and never overwritten) as the learner
// sees them.
#include <QApplication>
#include <QFile>
#include <QGraphicsItem>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "gui/command_line.h"
#include "lesson/lesson_catalog.h"
#include "lesson/lesson_check.h"
#include "quiz/predict_view.h"
#include "quiz/quiz_catalog.h"
#include "quiz/quiz_setup_page.h"
#include "quiz/quiz_workspace.h"
#include "quiz/recall_view.h"
#include "quiz/session_summary.h"
#include "scene/ring_item.h"
#include "scene/scene_view.h"
#include "sim_controller.h"
#include "test_support.h"

using namespace sb;

namespace {
constexpr core::quiz::Seconds kDay0 = 20000 * 86400 + 9 * 3600;
}

class QuizPartsTest : public QObject {
    Q_OBJECT
private:
    core::TopicRegistry m_registry;
    std::unique_ptr<core::LessonCatalog> m_catalog;

    const core::LessonCatalog& catalog() { return *m_catalog; }
    static int digitKey(std::size_t index) { return Qt::Key_1 + static_cast<int>(index); }

private slots:
    void initTestCase() {
        core::registerBuiltinTopics(m_registry);
        m_catalog = std::make_unique<core::LessonCatalog>(m_registry);
        m_catalog->load(SPLITBRAIN_SOURCE_DIR "/lessons");
        QVERIFY(!m_catalog->lessons().empty());
    }
    void init() { test::failOnQtWarnings(); }
    void cleanup() { QVERIFY2(test::qtWarnings().isEmpty(), qPrintable(test::qtWarnings().join('\n'))); }

    // Every shipped predict item: the scene pauses at its moment, a right answer is graded right,
    // and the animated run ends in the state the model's answer was computed from, at the moment
    // it was read: after a wait ("after_ms", "time_ms") the end of the wait, later than the last
    // event (a TTL, a lag, a 10 s window has moved on by then).
    void everyPredictItemRevealsItsAnswerOnScreen() {
        widgets::PredictView view(m_registry);
        view.resize(800, 600);
        view.show();
        int items = 0, nodeItems = 0, waits = 0;
        for (const core::Lesson* lesson : catalog().lessons()) {
            for (const auto& item : lesson->quiz) {
                if (item.type != core::QuizType::Predict) continue;
                ++items;
                QString error;
                QVERIFY2(view.setItem(*lesson, item, &error), qPrintable(error));
                QVERIFY(view.truth().has_value());
                QCOMPARE(view.controller()->currentStep(), item.fromStep);
                const core::Time from = view.controller()->displayTime();  // the end of that step
                // The scene is this item's alone: no ring left over from a hash-ring item before it.
                const core::Timeline* shownRun = view.controller()->timeline();
                const bool hasRing = shownRun->model().view(shownRun->now()).ring.has_value();
                int rings = 0;
                for (QGraphicsItem* g : view.scene()->scene()->items()) rings += dynamic_cast<widgets::RingItem*>(g) ? 1 : 0;
                QVERIFY2(rings == (hasRing ? 1 : 0), item.id.c_str());
                QSignalSpy answered(&view, &widgets::PredictView::answeredItem);
                if (const QString dir = qEnvironmentVariable("SPLITBRAIN_QUIZ_SHOTS"); !dir.isEmpty())
                    QVERIFY(view.grab().save(QStringLiteral("%1/predict-%2.png").arg(dir, QString::fromStdString(item.id))));
                if (item.answerType == core::AnswerType::Node) {
                    ++nodeItems;
                    // Keys 1..n name the nodes, the last one "none".
                    const auto* t = view.controller()->timeline();
                    std::vector<std::string> names;
                    for (const auto& n : t->model().view(t->now()).nodes) names.push_back(n.name);
                    // One button per node on screen (not per slot the model could name), and "none".
                    QCOMPARE(view.findChildren<QPushButton*>(QString(), Qt::FindChildrenRecursively).size() - 1,
                             static_cast<qsizetype>(names.size() + 1));
                    const auto* truthName = std::get_if<std::string>(&*view.truth());
                    std::size_t index = names.size();
                    for (std::size_t i = 0; truthName && i < names.size(); ++i)
                        if (names[i] == *truthName) index = i;
                    QTest::keyClick(&view, static_cast<Qt::Key>(digitKey(index)));
                } else {
                    view.submit(*view.truth());
                }
                QCOMPARE(answered.count(), 1);
                QVERIFY2(answered.first().first().toBool(), item.id.c_str());
                for (int frame = 0; frame < 5000 && view.controller()->playing(); ++frame) view.controller()->advance(50.0);
                const widgets::SimController& c = *view.controller();
                QCOMPARE(c.timeline()->position(), view.revealPosition());
                QVERIFY2(c.displayTime() == view.revealTime(),
                         (item.id + ": shown at " + core::formatMs(c.displayTime()) + ", answered at " +
                          core::formatMs(view.revealTime())).c_str());
                using Kind = core::UntilCondition::Kind;
                if (item.until.kind == Kind::AfterMs || item.until.kind == Kind::TimeMs) {
                    ++waits;
                    const core::Time end = core::fromMs(item.until.ms) + (item.until.kind == Kind::AfterMs ? from : 0);
                    QVERIFY2(c.displayTime() == std::max(end, c.timeline()->now()), item.id.c_str());
                }
                core::Claim probe;
                probe.ref = item.probe;
                const auto shown = core::evaluateClaim(probe, c.timeline()->model(), c.displayTime()).actual;
                QVERIFY2(core::compareProbe(shown, core::CompareOp::Equals, *view.truth()),
                         qPrintable(QStringLiteral("%1: scene shows %2, the model's answer is %3")
                                        .arg(QString::fromStdString(item.id), QString::fromStdString(core::probeToString(shown)),
                                             QString::fromStdString(core::probeToString(*view.truth())))));
            }
        }
        QVERIFY(items >= 15);
        QVERIFY(nodeItems >= 2);
        QVERIFY(waits >= 20);
    }

    void aTopicWithNoQuestionsIsShownButNeverTicked() {
        // The gossip lesson has no cards or questions: ticking it (as every first launch did)
        // counts it in a sitting that can give it nothing, and the offer at a lesson's end would
        // open a sitting of no items.
        widgets::QuizSetupPage page;
        page.setTopics({{QStringLiteral("ping"), QStringLiteral("Heartbeats"), 0.0, 0, 1},
                        {QStringLiteral("gossip"), QStringLiteral("Gossip"), 0.0, 0, 0}});
        QCOMPARE(page.selectedTopics(), QStringList{QStringLiteral("ping")});
        page.setSelectedTopics({QStringLiteral("gossip"), QStringLiteral("ping")});
        QCOMPARE(page.selectedTopics(), QStringList{QStringLiteral("ping")});
        QListWidgetItem* gossip = page.topicList()->item(1);
        QVERIFY(!gossip->flags().testFlag(Qt::ItemIsEnabled));
        QVERIFY2(gossip->text().contains(QStringLiteral("no questions yet")), qPrintable(gossip->text()));
        QVERIFY2(page.topicList()->item(0)->text().endsWith(QStringLiteral("· 1 item")), qPrintable(page.topicList()->item(0)->text()));
    }

    void checklistComesFromPointsOrFollowUps() {
        core::Card card;
        card.points = {"a", "b"};
        card.followUps = {{"why?", "because"}};
        QCOMPARE(widgets::checklistOf(card), (std::vector<std::string>{"a", "b"}));
        card.points.clear();
        QCOMPARE(widgets::checklistOf(card), (std::vector<std::string>{"why?"}));
    }

    void quizPageFromTheCommandLine() {
        const auto parsed = app::parseGuiCommandLine({QStringLiteral("splitbrain"), QStringLiteral("--quiz"), QStringLiteral("Stats")});
        QVERIFY(parsed.options);
        QCOMPARE(parsed.options->quizPage, QStringLiteral("stats"));
        const auto wrong = app::parseGuiCommandLine({QStringLiteral("splitbrain"), QStringLiteral("--quiz"), QStringLiteral("exam")});
        QVERIFY(!wrong.options);
        QCOMPARE(wrong.exitCode, 2);
        QVERIFY(wrong.message.contains(QStringLiteral("--quiz")));
    }

    void measuredNumbersAreRightWithinTenPercent() {
        using widgets::predictionMatches;
        QVERIFY(predictionMatches(189.99, std::int64_t{190}));
        QVERIFY(predictionMatches(189.99, std::int64_t{175}));
        QVERIFY(!predictionMatches(189.99, std::int64_t{150}));
        QVERIFY(!predictionMatches(189.99, std::string("n1")));
        QVERIFY(predictionMatches(std::int64_t{2}, std::int64_t{2}));
        QVERIFY(!predictionMatches(std::int64_t{2}, std::int64_t{3}));  // counts are exact
        QVERIFY(predictionMatches(3.0, std::int64_t{3}));
        QVERIFY(!predictionMatches(3.0, std::int64_t{4}));
        QVERIFY(predictionMatches(std::monostate{}, std::monostate{}));
        QVERIFY(!predictionMatches(true, false));
    }

    void damagedFileIsSetAsideAndSaid() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("progress.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{ this is not json");
        f.close();
        widgets::QuizWorkspace ws(m_registry, path);
        ws.show();
        const auto& report = ws.loadProgress();
        QCOMPARE(report.outcome, core::quiz::LoadOutcome::StartedOver);
        QVERIFY(ws.setupPage()->notice()->isVisible());
        QVERIFY(ws.setupPage()->notice()->text().contains(QStringLiteral("damaged")));
        QCOMPARE(report.setAside.size(), std::size_t{1});
        QVERIFY(QFile::exists(QString::fromStdString(report.setAside.front())));
    }

    void newerFileIsRefusedAndNeverOverwritten() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("progress.json"));
        const QByteArray newer = R"({"format": "splitbrain-progress", "version": 99, "saveCount": 1, "items": {}})";
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(newer);
        f.close();
        widgets::QuizWorkspace ws(m_registry, path);
        ws.setCatalog(catalog());
        ws.setClock([] { return kDay0; });
        ws.show();
        ws.activateWindow();  // keys go to it, not to the main window's shortcuts
        QVERIFY(QTest::qWaitForWindowActive(&ws));
        QCOMPARE(ws.loadProgress().outcome, core::quiz::LoadOutcome::RefusedNewer);
        QVERIFY(ws.setupPage()->notice()->isVisible());
        QVERIFY(ws.setupPage()->notice()->text().contains(QStringLiteral("newer version")));
        ws.setupPage()->setSelectedTopics({QStringLiteral("ping")});
        ws.setupPage()->setMode(widgets::QuizMode::Review);
        QVERIFY(ws.startSession());
        QTest::keyClick(ws.recallView(), Qt::Key_Space);
        QTest::keyClick(ws.recallView(), Qt::Key_3);
        QCOMPARE(ws.session()->stats().answered, 1);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), newer);  // untouched
        ws.endSession();
        QVERIFY(ws.summaryPage()->text()->text().contains(QStringLiteral("not saved")));
    }
};

int main(int argc, char** argv) {
    test::installWarningRecorder();
    QApplication app(argc, argv);
    QuizPartsTest t;
    return QTest::qExec(&t, argc, argv);
}
#include "quiz_parts_test.moc"
