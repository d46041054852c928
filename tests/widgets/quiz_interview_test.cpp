// The quiz's FSRS side as the learner meets it: choosing the scheduler and the desired
// retention, setting an interview date and following the plan it makes, the day-before drill,
// an old progress file upgraded in place, and the statistics page's forecast, calibration and
// recall-on-the-day charts; and the fair quiz (shuffled options, a new-item budget per mode, a
// recovered progress file reported once). With SPLITBRAIN_QUIZ_SHOTS=<dir> it saves the pages,
// light and dark.
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDateEdit>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <algorithm>
#include <qcustomplot.h>

#include "lesson/lesson_catalog.h"
#include "quiz/choice_view.h"
#include "quiz/fair_order.h"
#include "quiz/interview_box.h"
#include "quiz/progress_store.h"
#include "quiz/quiz_setup_page.h"
#include "quiz/quiz_stats_page.h"
#include "quiz/quiz_workspace.h"
#include "quiz/recall_view.h"
#include "sim/rng.h"
#include "test_support.h"
#include "theme.h"

using namespace sb;
namespace quiz = core::quiz;

namespace {
constexpr quiz::Day kToday = 20000;
constexpr quiz::Seconds kNow = kToday * 86400 + 9 * 3600;
}

class QuizInterviewTest : public QObject {
    Q_OBJECT
private:
    core::TopicRegistry m_registry;
    std::unique_ptr<core::LessonCatalog> m_catalog;
    QTemporaryDir m_dir;

    std::unique_ptr<widgets::QuizWorkspace> workspace(const QString& name) {
        auto ws = std::make_unique<widgets::QuizWorkspace>(m_registry, m_dir.filePath(name + QStringLiteral("/progress.json")));
        ws->setCatalog(*m_catalog);
        ws->setClock([] { return kNow; });
        ws->resize(1100, 900);
        ws->show();
        return ws;
    }
    static quiz::Progress saved(const widgets::QuizWorkspace& ws) {
        quiz::ProgressStore store(ws.store().path());
        store.load();
        return store.progress();
    }
    // Thirty days of practice before today with seeded grades, most of them right.
    void practise(widgets::QuizWorkspace& ws) {
        quiz::ProgressStore store(ws.store().path());
        store.load();
        core::Rng rng(23);
        for (quiz::Day d = kToday - 30; d < kToday; ++d) {
            quiz::SessionOptions o;
            o.newPerDay = 6;
            quiz::QuizSession s(store.progress(), ws.quizCatalog().allRefs(), o, d * 86400 + 8 * 3600);
            int minute = 0;
            while (s.current() != nullptr) {
                const auto g = rng.chance(0.18) ? quiz::Grade::Again : rng.chance(0.2) ? quiz::Grade::Hard : quiz::Grade::Good;
                QVERIFY(s.grade(g, quiz::ReviewMode::Recall, d * 86400 + 8 * 3600 + 60 * ++minute));
            }
        }
        QVERIFY(store.save());
        ws.loadProgress();
    }
    void shot(QWidget* w, const QString& name) {
        const QString dir = qEnvironmentVariable("SPLITBRAIN_QUIZ_SHOTS");
        if (dir.isEmpty()) return;
        auto* app = qobject_cast<QApplication*>(QCoreApplication::instance());
        for (const auto theme : {widgets::Theme::Light, widgets::Theme::Dark}) {
            widgets::applyTheme(*app, theme);
            QCoreApplication::processEvents();
            const QString file = QStringLiteral("%1/%2-%3.png").arg(dir, name, widgets::themeToString(theme));
            QVERIFY(w->grab().save(file));
        }
        widgets::applyTheme(*app, widgets::Theme::Light);
    }

private slots:
    void initTestCase() {
        core::registerBuiltinTopics(m_registry);
        m_catalog = std::make_unique<core::LessonCatalog>(m_registry);
        m_catalog->load(SPLITBRAIN_SOURCE_DIR "/lessons");
        QVERIFY(!m_catalog->lessons().empty());
        QVERIFY(m_dir.isValid());
    }
    void init() { test::failOnQtWarnings(); }
    void cleanup() { QVERIFY2(test::qtWarnings().isEmpty(), qPrintable(test::qtWarnings().join('\n'))); }

    void schedulerChoiceIsSavedWithTheProgress() {
        auto ws = workspace(QStringLiteral("scheduler"));
        ws->loadProgress();
        widgets::InterviewBox* box = ws->setupPage()->interviewBox();
        QCOMPARE(box->scheduler().algorithm, quiz::Algorithm::Fsrs);  // the default
        QVERIFY(box->retentionBox()->isEnabled());
        box->retentionBox()->setValue(85);
        QCOMPARE(saved(*ws).settings.desiredRetention, 0.85);
        QVERIFY(box->summary()->text().contains(QStringLiteral("85%")));
        box->algorithmBox()->setCurrentIndex(box->algorithmBox()->findData(static_cast<int>(quiz::Algorithm::Sm2)));
        QCOMPARE(saved(*ws).settings.algorithm, quiz::Algorithm::Sm2);
        QVERIFY(!box->retentionBox()->isEnabled());  // SM-2 has no retention to aim for
        // A new first review under SM-2 is due in one day; under FSRS Good gives three.
        ws->setupPage()->setSelectedTopics({QStringLiteral("ping")});
        QVERIFY(ws->startSession());
        const std::string id = ws->session()->current()->ref.id;
        QTest::keyClick(ws->recallView(), Qt::Key_Space);
        QTest::keyClick(ws->recallView(), Qt::Key_3);
        QCOMPARE(saved(*ws).find(id)->state.interval, 1);
        QVERIFY(saved(*ws).find(id)->state.stability > 0);  // FSRS memory kept under SM-2 too
    }

    void interviewDatePlansTheSessions() {
        auto ws = workspace(QStringLiteral("interview"));
        ws->loadProgress();
        widgets::InterviewBox* box = ws->setupPage()->interviewBox();
        QVERIFY(!box->dateEdit()->isEnabled());
        box->interviewCheck()->click();
        QVERIFY(box->dateEdit()->isEnabled());
        QCOMPARE(box->dateEdit()->date(), widgets::dateOfDay(kToday + 14));  // two weeks is offered
        box->dateEdit()->setDate(widgets::dateOfDay(kToday + 10));
        QCOMPARE(saved(*ws).interview.day, std::optional<quiz::Day>(kToday + 10));
        ws->setupPage()->setSelectedTopics({QStringLiteral("ping"), QStringLiteral("raft")});
        QCOMPARE(saved(*ws).interview.topics, (std::vector<std::string>{"ping", "raft"}));
        QVERIFY2(box->summary()->text().contains(QStringLiteral("Interview in 10 days")), qPrintable(box->summary()->text()));
        QVERIFY(box->summary()->text().contains(QStringLiteral(": 0% now")));
        const QString before = box->summary()->text();
        shot(ws->setupPage(), QStringLiteral("quiz-interview-setup"));

        // Today's plan, in review mode: the plan's cards, new ones front-loaded.
        const quiz::InterviewPlan plan = ws->plan();
        QVERIFY(plan.active);
        QCOMPARE(plan.days.size(), std::size_t{10});
        box->setOrder(widgets::SessionOrder::Plan);
        ws->setupPage()->setMode(widgets::QuizMode::Review);
        QVERIFY(ws->startSession());
        std::size_t cards = 0;
        for (const auto& ref : plan.today) cards += ref.kind == quiz::ItemKind::Card ? 1 : 0;
        QVERIFY(cards > 0);
        QCOMPARE(ws->session()->remaining(), cards);
        while (ws->session() && ws->session()->current()) {
            QTest::keyClick(ws->recallView(), Qt::Key_Space);
            QTest::keyClick(ws->recallView(), Qt::Key_3);
        }
        // Done for today: the plan now offers no more cards, and the outlook has improved.
        const quiz::InterviewPlan after = ws->plan();
        for (const auto& ref : after.today) QVERIFY(ref.kind != quiz::ItemKind::Card);
        QVERIFY(box->summary()->text() != before);
        double learnt = 0;
        for (const auto& t : after.topics) learnt += t.now;
        QVERIFY(learnt > 0);
    }

    void dayBeforeDrillsTheWeakestFirst() {
        auto ws = workspace(QStringLiteral("daybefore"));
        ws->loadProgress();
        practise(*ws);
        widgets::InterviewBox* box = ws->setupPage()->interviewBox();
        box->setOrder(widgets::SessionOrder::DayBefore);
        ws->setupPage()->setMode(widgets::QuizMode::Review);
        QVERIFY(ws->startSession());
        // No interview set: tomorrow, against the desired retention; cards only in review mode.
        std::vector<quiz::ItemRef> cards;
        for (const auto& ref : ws->quizCatalog().refs(widgets::QuizMode::Review)) cards.push_back(ref);
        const auto weakest = quiz::mostLikelyForgotten(ws->store().progress(), cards, {}, kToday + 1, 0.9);
        QVERIFY(weakest.size() > 5);
        QCOMPARE(ws->session()->remaining(), weakest.size());
        QCOMPARE(ws->session()->current()->ref.id, weakest.front().id);
        // Seen cards are in there, not only never-seen ones, each below 90% tomorrow.
        const auto params = quiz::fsrsParams(ws->store().progress().settings);
        int seen = 0;
        for (const auto& ref : weakest) {
            const auto* item = ws->store().progress().find(ref.id);
            if (!item) continue;
            ++seen;
            QVERIFY(quiz::recallOn(item->state, kToday + 1, params) < 0.9);
        }
        QVERIFY(seen > 0);
        ws->endSession();
    }

    void oldProgressFileIsUpgradedAndKept() {
        const QString folder = m_dir.filePath(QStringLiteral("upgrade"));
        QDir().mkpath(folder);
        QVERIFY(QFile::copy(QString::fromUtf8(SPLITBRAIN_SOURCE_DIR "/tests/core/quiz/corpus/good.json"),
                            folder + QStringLiteral("/progress.json")));
        auto ws = workspace(QStringLiteral("upgrade"));
        const auto& report = ws->loadProgress();
        QCOMPARE(report.outcome, quiz::LoadOutcome::Loaded);
        QVERIFY(QString::fromStdString(report.message).contains(QStringLiteral("upgraded")));
        QVERIFY(QFile::exists(folder + QStringLiteral("/progress.json.v1")));
        QVERIFY(!ws->setupPage()->notice()->isVisible());  // news, not a problem
        QCOMPARE(ws->store().progress().find("raft-why-terms")->history.size(), std::size_t{2});
    }

    void statisticsShowForecastCalibrationAndRecall() {
        auto ws = workspace(QStringLiteral("stats"));
        ws->loadProgress();
        practise(*ws);
        ws->showStats();
        widgets::QuizStatsPage* stats = ws->statsPage();
        // Without an interview: the due load and today's recall.
        QCOMPARE(stats->duePlot()->plottableCount(), 1);
        QCOMPARE(stats->recallPlot()->plottableCount(), 1);
        QCOMPARE(stats->calibrationPlot()->graphCount(), 2);
        QVERIFY(stats->calibrationPlot()->graph(0)->data()->size() > 10);
        QVERIFY(stats->summary()->text().contains(QStringLiteral("FSRS predicted")));
        ws->showSetup();
        widgets::InterviewBox* box = ws->setupPage()->interviewBox();
        box->interviewCheck()->click();
        box->dateEdit()->setDate(widgets::dateOfDay(kToday + 14));
        ws->showStats();
        QCOMPARE(stats->duePlot()->plottableCount(), 2);  // reviews and new items, stacked
        auto* reviews = qobject_cast<QCPBars*>(stats->duePlot()->plottable(0));
        QCOMPARE(reviews->data()->size(), 14);
        const quiz::InterviewPlan plan = ws->plan();
        QCOMPARE(reviews->data()->at(0)->value, static_cast<double>(plan.days.front().reviews));
        auto* planned = qobject_cast<QCPBars*>(stats->recallPlot()->plottable(1));
        QVERIFY(planned);
        QCOMPARE(planned->data()->size(), static_cast<int>(plan.topics.size()));
        for (auto it = planned->data()->constBegin(); it != planned->data()->constEnd(); ++it)
            QVERIFY(it->value >= 90.0 - 1e-9);
        shot(stats, QStringLiteral("quiz-interview-stats"));
    }

    void statisticsCountInWords() {
        // One review yesterday: "1 review", not "1 reviews".
        auto ws = workspace(QStringLiteral("one-review"));
        ws->loadProgress();
        {
            quiz::ProgressStore store(ws->store().path());
            store.load();
            const core::Time at = (kToday - 1) * 86400 + 8 * 3600;
            quiz::QuizSession s(store.progress(), ws->quizCatalog().allRefs(), {}, at);
            QVERIFY(s.current() != nullptr);
            QVERIFY(s.grade(quiz::Grade::Good, quiz::ReviewMode::Recall, at + 60));
            QVERIFY(store.save());
        }
        ws->loadProgress();
        ws->showStats();
        const QString text = ws->statsPage()->summary()->text();
        QVERIFY2(text.startsWith(QStringLiteral("1 review in the last 30 days, 100% right.")), qPrintable(text));
    }

    void choiceOptionsAreShuffledAndGradedByWhatIsShown() {
        auto ws = workspace(QStringLiteral("shuffle"));
        ws->loadProgress();
        ws->setupPage()->setSelectedTopics({QStringLiteral("ping")});
        ws->setupPage()->setMode(widgets::QuizMode::Quiz);
        QVERIFY(ws->startSession());
        QCOMPARE(ws->currentView(), ws->choiceView());
        const std::string id = ws->session()->current()->ref.id;
        const auto* entry = ws->quizCatalog().find(id);
        const auto& options = entry->item->options;
        widgets::ChoiceView* view = ws->choiceView();
        // The sitting's order, fixed by the item and the sitting; the buttons follow it.
        QCOMPARE(view->order(), quiz::optionOrder(id, static_cast<std::uint64_t>(kNow) * 2, options.size()));
        const auto buttons = view->findChildren<QPushButton*>();
        QCOMPARE(buttons.size(), static_cast<qsizetype>(options.size()));
        for (std::size_t p = 0; p < options.size(); ++p)
            QCOMPARE(buttons[static_cast<qsizetype>(p)]->accessibleName(),
                     QStringLiteral("Option %1: %2").arg(p + 1).arg(QString::fromStdString(options[view->order()[p]].text)));
        // The key of the right answer where it is shown is graded right.
        const auto shown = std::find(view->order().begin(), view->order().end(), entry->item->correctOption());
        QTest::keyClick(view, static_cast<Qt::Key>(Qt::Key_1 + (shown - view->order().begin())));
        QCOMPARE(saved(*ws).find(id)->history.back().grade, quiz::Grade::Good);
        QVERIFY(view->feedback()->toPlainText().contains(QStringLiteral("your answer")));
        ws->endSession();
    }

    void eachModeHasItsOwnNewItemBudget() {
        auto ws = workspace(QStringLiteral("budgets"));
        ws->loadProgress();
        ws->setupPage()->setNewPerDay(2);
        ws->setupPage()->setSelectedTopics({QStringLiteral("ping")});
        ws->setupPage()->setMode(widgets::QuizMode::Quiz);
        QVERIFY(ws->startSession());
        QCOMPARE(ws->session()->remaining(), std::size_t{2});  // ping's two choice items
        for (int i = 0; i < 2; ++i) {  // answered right, so nothing is re-drilled
            QCOMPARE(ws->currentView(), ws->choiceView());
            const auto& order = ws->choiceView()->order();
            const std::size_t right = ws->quizCatalog().find(ws->session()->current()->ref.id)->item->correctOption();
            const auto shown = std::find(order.begin(), order.end(), right) - order.begin();
            QTest::keyClick(ws->choiceView(), static_cast<Qt::Key>(Qt::Key_1 + shown));
            QTest::keyClick(ws->choiceView(), Qt::Key_Space);
        }
        QVERIFY(ws->session() == nullptr || ws->session()->done());
        ws->showSetup();
        // The quiz spent its two; reviewing cards still has two new cards today.
        ws->setupPage()->setMode(widgets::QuizMode::Review);
        QVERIFY(ws->startSession());
        QCOMPARE(ws->session()->remaining(), std::size_t{2});
        QCOMPARE(ws->session()->current()->ref.kind, quiz::ItemKind::Card);
        ws->endSession();
        ws->showSetup();
        ws->setupPage()->setMode(widgets::QuizMode::Quiz);
        QVERIFY(ws->startSession());
        QVERIFY(ws->session() == nullptr || ws->session()->done());  // but no more quiz items
    }

    void recoveredProgressIsReportedOnce() {
        const QString folder = m_dir.filePath(QStringLiteral("recover"));
        QDir().mkpath(folder);
        const std::string path = (folder + QStringLiteral("/progress.json")).toStdString();
        {
            quiz::ProgressStore store(path);
            store.load();
            const quiz::ItemRef ref{"ping-silence/x", "ping", "ping-silence", quiz::ItemKind::Card, 0};
            store.progress().recordReview(ref, quiz::Grade::Good, quiz::ReviewMode::Recall, kNow - 86400);
            QVERIFY(store.save());
            QVERIFY(store.save());  // the first save is now backup 1
        }
        QFile damaged(QString::fromStdString(path));
        QVERIFY(damaged.open(QIODevice::WriteOnly | QIODevice::Truncate));
        damaged.write("{ not json");
        damaged.close();
        {
            auto ws = workspace(QStringLiteral("recover"));
            QCOMPARE(ws->loadProgress().outcome, quiz::LoadOutcome::RestoredFromBackup);
            QVERIFY(ws->setupPage()->notice()->isVisible());
        }
        // The next launch finds a good file at once: no notice, nothing set aside.
        auto again = workspace(QStringLiteral("recover"));
        QCOMPARE(again->loadProgress().outcome, quiz::LoadOutcome::Loaded);
        QVERIFY(!again->setupPage()->notice()->isVisible());
        QCOMPARE(again->store().progress().find("ping-silence/x")->history.size(), std::size_t{1});
    }
};

int main(int argc, char** argv) {
    test::installWarningRecorder();
    QApplication app(argc, argv);
    QuizInterviewTest t;
    return QTest::qExec(&t, argc, argv);
}
#include "quiz_interview_test.moc"
