// Quiz mode, driven by keys the way a learner uses it: a quiz session with multiple-choice and
// predict items the model grades, an interview rehearsal against an explicitly ticked clock, a
// card review, the link from a wrong prediction to the lesson step, progress written to a test
// app-data folder, mastery in the lesson browser, the statistics page, export and import.
// (quiz_parts_test.cpp covers the pieces on their own and the damaged or newer progress files.)
#include <QApplication>
#include <algorithm>
#include <QCheckBox>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTreeWidget>
#include <qcustomplot.h>

#include "gui/command_line.h"
#include "gui/main_window.h"
#include "learn/lesson_browser.h"
#include "lesson/lesson_catalog.h"
#include "lesson/lesson_check.h"
#include "quiz/choice_view.h"
#include "quiz/countdown.h"
#include "quiz/predict_view.h"
#include "quiz/progress_store.h"
#include "quiz/quiz_setup_page.h"
#include "quiz/quiz_stats_page.h"
#include "quiz/quiz_workspace.h"
#include "quiz/recall_view.h"
#include "quiz/rehearsal_view.h"
#include "quiz/session_summary.h"
#include "sim_controller.h"
#include "test_support.h"

using namespace sb;
using core::quiz::Grade;
using core::quiz::ReviewMode;

namespace {
constexpr core::quiz::Seconds kDay0 = 20000 * 86400 + 9 * 3600;  // 09:00 on day 20000
}

class QuizTest : public QObject {
    Q_OBJECT
private:
    core::TopicRegistry m_registry;
    std::unique_ptr<app::MainWindow> m_window;
    core::quiz::Seconds m_now = kDay0;
    int m_shot = 0;

    widgets::QuizWorkspace* quiz() const { return m_window->quiz(); }
    static QString progressPath() {
        return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/progress.json");
    }
    const core::Lesson& ping() { return *m_window->catalog().find("ping-silence"); }
    const core::QuizItem& pingItem(const std::string& id) {
        for (const auto& q : ping().quiz)
            if (q.id == id) return q;
        qFatal("no quiz item %s", id.c_str());
    }
    core::ProbeValue modelAnswer(const core::QuizItem& item) {
        auto run = core::LessonRun::start(ping(), m_registry);
        auto value = run.value().predict(item);
        return value.value();
    }
    // The first words of a Markdown string as they read once rendered.
    static QString plain(const std::string& markdown) {
        QString s = QString::fromStdString(markdown);
        s.remove(QRegularExpression(QStringLiteral("[*_`]")));
        return s.left(24);
    }
    std::string currentId() { return quiz()->session()->current()->ref.id; }
    // Keys go where the learner's keys go: the focused widget of the active window.
    static void press(int key, Qt::KeyboardModifiers mods = Qt::NoModifier) {
        QWidget* target = QApplication::focusWidget();
        QVERIFY2(target, "nothing has the keyboard focus");
        QTest::keyClick(target, static_cast<Qt::Key>(key), mods);
    }
    static int digitKey(std::size_t index) { return Qt::Key_1 + static_cast<int>(index); }
    // The number key of an option as written, wherever the sitting's shuffle shows it.
    int keyForOption(std::size_t option) const {
        const auto& order = quiz()->choiceView()->order();
        return digitKey(static_cast<std::size_t>(std::find(order.begin(), order.end(), option) - order.begin()));
    }
    void shot(const char* name) {
        const QString dir = qEnvironmentVariable("SPLITBRAIN_QUIZ_SHOTS");
        if (dir.isEmpty()) return;
        QVERIFY(m_window->grab().save(QStringLiteral("%1/%2-%3.png").arg(dir).arg(++m_shot).arg(QLatin1String(name))));
    }
    void startSession(widgets::QuizMode mode) {
        widgets::QuizSetupPage* setup = quiz()->setupPage();
        QCOMPARE(quiz()->pages()->currentWidget(), setup);
        setup->setSelectedTopics({QStringLiteral("ping")});
        setup->setMode(mode);
        setup->setFocus();
        press(Qt::Key_Return);
        QVERIFY(quiz()->session() != nullptr);
    }
    core::quiz::ItemProgress savedItem(const std::string& id) {
        core::quiz::ProgressStore store(progressPath().toStdString());
        const auto report = store.load();
        if (report.outcome != core::quiz::LoadOutcome::Loaded) qWarning("progress did not load");
        const auto* item = store.progress().find("ping-silence/" + id);
        return item ? *item : core::quiz::ItemProgress{};
    }

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
        QDir(dir).removeRecursively();
        core::registerBuiltinTopics(m_registry);
        app::GuiOptions options;
        options.ignoreSettings = true;
        options.theme = qEnvironmentVariable("SPLITBRAIN_QUIZ_THEME", QStringLiteral("light"));
        m_window = std::make_unique<app::MainWindow>(m_registry, options);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        (void)m_window->catalog();
        quiz()->setClock([this] { return m_now; });
        quiz()->setRealTimeCountdown(false);
        QCOMPARE(quiz()->loadReport().outcome, core::quiz::LoadOutcome::Fresh);
        // Startup reads the progress but leaves the quiz pages for the first visit to quiz mode.
        QVERIFY(!quiz()->hasPages());
        QVERIFY(!quiz()->setupPage()->notice()->isVisible());
    }
    void cleanupTestCase() { m_window.reset(); }
    void init() { test::failOnQtWarnings(); }
    void cleanup() { QVERIFY2(test::qtWarnings().isEmpty(), qPrintable(test::qtWarnings().join('\n'))); }

    void entersQuizModeFromTheKeyboard() {
        QVERIFY(!m_window->quizMode());
        QTest::keyClick(m_window.get(), Qt::Key_F9);
        QVERIFY(m_window->quizMode());
        QVERIFY(m_window->windowTitle().startsWith(QStringLiteral("Quiz")));
        // The playback keys are the quiz's now: Space must not start the learning run.
        QTest::keyClick(m_window.get(), Qt::Key_Space);
        QVERIFY(!m_window->controller().playing());
        QVERIFY(!m_window->lessonBrowser()->isVisible());  // the learning docks make room
        for (QDockWidget* dock : m_window->findChildren<QDockWidget*>()) QVERIFY(!dock->toggleViewAction()->isEnabled());
        QVERIFY(quiz()->setupPage()->isVisible());
        QVERIFY(quiz()->setupPage()->topicList()->count() >= 4);
        shot("setup");
    }

    void quizSessionGradedByTheModel() {
        startSession(widgets::QuizMode::Quiz);
        QCOMPARE(quiz()->session()->remaining(), std::size_t{5});  // ping's 2 choice + 3 predict items

        // 1. Multiple choice, answered right with its number key.
        QCOMPARE(currentId(), std::string("ping-silence/ping-quiz-cut-off-view"));
        widgets::ChoiceView* choice = quiz()->choiceView();
        QCOMPARE(quiz()->currentView(), choice);
        const auto& first = pingItem("ping-quiz-cut-off-view");
        press(keyForOption(first.correctOption()));
        QVERIFY(choice->answered());
        const QString feedback = choice->feedback()->toPlainText();
        QCOMPARE(feedback.count(QStringLiteral("✓ Correct")), 1);
        QCOMPARE(feedback.count(QStringLiteral("✗ Incorrect")), static_cast<int>(first.options.size()) - 1);
        for (const auto& o : first.options) {  // every option and its explanation is shown
            QVERIFY2(feedback.contains(plain(o.text)), o.text.c_str());
            QVERIFY2(feedback.contains(plain(o.why)), o.why.c_str());
        }
        QVERIFY(feedback.contains(QStringLiteral("your answer")));
        QCOMPARE(savedItem("ping-quiz-cut-off-view").history.back().grade, Grade::Good);  // saved at once
        shot("choice-feedback");
        press(Qt::Key_Space);

        // 2. Multiple choice, answered wrong.
        const auto& second = pingItem("ping-quiz-crash-vs-cut");
        QCOMPARE(currentId(), "ping-silence/" + second.id);
        press(keyForOption(second.correctOption() == 0 ? 1 : 0));
        QVERIFY(choice->feedback()->isVisible());
        QCOMPARE(savedItem(second.id).history.back().grade, Grade::Again);
        press(Qt::Key_Return);

        // 3. Predict (a number): paused at the item's moment, answered right, the model runs on.
        const auto& heal = pingItem("ping-quiz-predict-heal");
        QCOMPARE(currentId(), "ping-silence/" + heal.id);
        widgets::PredictView* predict = quiz()->predictView();
        QCOMPARE(quiz()->currentView(), predict);
        const core::Timeline* shown = predict->controller()->timeline();
        QVERIFY(!predict->controller()->playing());
        QCOMPARE(predict->controller()->currentStep(), heal.fromStep);
        const std::size_t pausedAt = shown->position();
        const core::ProbeValue truth = modelAnswer(heal);
        QCOMPARE(QApplication::focusWidget(), predict->numberBox());
        shot("predict-question");
        QTest::keyClicks(predict->numberBox(), QString::fromStdString(core::probeToString(truth)));
        press(Qt::Key_Return);
        QVERIFY(predict->answered());
        QVERIFY(predict->verdict()->text().startsWith(QStringLiteral("✓ Right")));
        // The model runs forward on screen, animated, to the item's condition.
        QVERIFY(predict->controller()->playing());
        QVERIFY(predict->revealPosition() > pausedAt);
        for (int frame = 0; frame < 1000 && predict->controller()->playing(); ++frame) predict->controller()->advance(50.0);
        QVERIFY(!predict->controller()->playing());
        QCOMPARE(predict->controller()->timeline()->position(), predict->revealPosition());
        // The reveal stops at the end of the item's wait, and what the scene shows there is the
        // state the answer was computed from.
        QCOMPARE(predict->controller()->displayTime(), predict->revealTime());
        core::Claim probe;
        probe.ref = heal.probe;
        QCOMPARE(core::evaluateClaim(probe, predict->controller()->timeline()->model(), predict->revealTime()).actual, truth);
        QVERIFY(!predict->explainLink()->isVisible());
        QCOMPARE(savedItem(heal.id).history.back().mode, ReviewMode::Predict);
        QCOMPARE(savedItem(heal.id).history.back().grade, Grade::Good);
        press(Qt::Key_Space);

        // 4. Predict, answered wrong: the verdict names the model's value and offers the step.
        const auto& crash = pingItem("ping-quiz-predict-crash");
        QCOMPARE(currentId(), "ping-silence/" + crash.id);
        const core::ProbeValue crashTruth = modelAnswer(crash);
        const auto wrong = std::get<std::int64_t>(crashTruth) + 1;
        QTest::keyClicks(predict->numberBox(), QString::number(wrong));
        press(Qt::Key_Enter);
        QVERIFY(predict->verdict()->text().startsWith(QStringLiteral("✗ Wrong")));
        QVERIFY(predict->verdict()->text().contains(QString::fromStdString(core::probeToString(crashTruth))));
        QCOMPARE(predict->explainLink()->isVisible(), crash.explainStep > 0);
        QCOMPARE(savedItem(crash.id).history.back().grade, Grade::Again);
        shot("predict-wrong");
        press(Qt::Key_Space);

        // 5. Predict (yes/no) with keys 1 (yes) / 2 (no).
        const auto& alive = pingItem("ping-quiz-predict-alive");
        QCOMPARE(currentId(), "ping-silence/" + alive.id);
        press(std::get<bool>(modelAnswer(alive)) ? Qt::Key_1 : Qt::Key_2);
        QVERIFY(predict->verdict()->text().startsWith(QStringLiteral("✓ Right")));
        press(Qt::Key_Space);

        // The two lapses come back once at the end; their grades do not move the schedule.
        QCOMPARE(quiz()->session()->remaining(), std::size_t{2});
        QVERIFY(quiz()->session()->current()->redrill);
        press(keyForOption(second.correctOption()));
        press(Qt::Key_Space);
        QTest::keyClicks(predict->numberBox(), QString::fromStdString(core::probeToString(crashTruth)));
        press(Qt::Key_Return);
        press(Qt::Key_Space);

        QCOMPARE(quiz()->pages()->currentWidget(), quiz()->summaryPage());
        const QString summary = quiz()->summaryPage()->text()->text();
        QVERIFY2(summary.contains(QStringLiteral("<b>7</b> answered")), qPrintable(summary));
        QVERIFY(summary.contains(QStringLiteral("Again 2")));
        shot("summary");
        QVERIFY(QFile::exists(progressPath()));
        QCOMPARE(savedItem(crash.id).history.size(), std::size_t{2});
        QVERIFY(!savedItem(crash.id).history.back().scheduled);
        press(Qt::Key_Escape);
        QCOMPARE(quiz()->pages()->currentWidget(), quiz()->setupPage());
    }

    void rehearsalScoredFromTheChecklist() {
        startSession(widgets::QuizMode::Rehearsal);
        widgets::RehearsalView* view = quiz()->rehearsalView();
        QCOMPARE(quiz()->currentView(), view);
        QCOMPARE(currentId(), std::string("ping-silence/ping-card-why-timeouts"));
        QCOMPARE(view->countdown()->remaining(), widgets::RehearsalView::kDefaultSeconds);
        QVERIFY(!view->countdown()->autoTick());
        for (int i = 0; i < 3; ++i) view->countdown()->tick();
        QCOMPARE(view->countdown()->remaining(), 117);
        QCOMPARE(QApplication::focusWidget(), view->notes());
        QTest::keyClicks(view->notes(), QStringLiteral("no bound on delay 1 2"));  // Space and digits are typing here
        QVERIFY(!view->revealed());
        QCOMPARE(view->notes()->toPlainText(), QStringLiteral("no bound on delay 1 2"));
        shot("rehearsal-question");
        press(Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(view->revealed());
        QCOMPARE(view->checks().size(), ping().cards[0].points.size());
        press(Qt::Key_1);
        press(Qt::Key_3);
        QCOMPARE(view->ticked(), 2);
        shot("rehearsal-checklist");
        QSignalSpy said(quiz(), &widgets::QuizWorkspace::message);
        press(Qt::Key_Return);
        QCOMPARE(said.count(), 1);
        QCOMPARE(said.first().first().toString(), QStringLiteral("Rehearsal scored 2 of 3 points: graded Hard."));
        // 2 of 3 points: at least half but under three quarters -> Hard.
        QCOMPARE(savedItem("ping-card-why-timeouts").history.back().grade, Grade::Hard);
        QCOMPARE(savedItem("ping-card-why-timeouts").history.back().mode, ReviewMode::Rehearsal);

        // The clock running out reveals the answer; nothing ticked is a lapse.
        QCOMPARE(currentId(), std::string("ping-silence/ping-card-partition-symmetry"));
        QCOMPARE(view->countdown()->remaining(), widgets::RehearsalView::kDefaultSeconds);
        for (int i = 0; i < widgets::RehearsalView::kDefaultSeconds; ++i) view->countdown()->tick();
        QVERIFY(view->revealed());
        press(Qt::Key_Return);
        QCOMPARE(savedItem("ping-card-partition-symmetry").history.back().grade, Grade::Again);
        press(Qt::Key_Escape);  // ends the sitting early
        QCOMPARE(quiz()->pages()->currentWidget(), quiz()->summaryPage());
        press(Qt::Key_Escape);
    }

    void reviewCardsWithSpaceAndGrades() {
        startSession(widgets::QuizMode::Review);
        // The two rehearsed cards are due tomorrow; the third is new.
        QCOMPARE(quiz()->session()->remaining(), std::size_t{1});
        widgets::RecallView* view = quiz()->recallView();
        QCOMPARE(quiz()->currentView(), view);
        press(Qt::Key_3);  // grades do nothing before the answer is revealed
        QCOMPARE(quiz()->session()->remaining(), std::size_t{1});
        press(Qt::Key_Space);
        QVERIFY(view->revealed());
        shot("review-revealed");
        press(Qt::Key_4);
        QCOMPARE(savedItem("ping-card-suspicion-revocable").history.back().grade, Grade::Easy);
        QCOMPARE(quiz()->pages()->currentWidget(), quiz()->summaryPage());
        press(Qt::Key_Escape);
    }

    void masteryAndStatistics() {
        // The lesson browser shows mastery: ping's reviewed items are past 0%.
        QTreeWidget* tree = m_window->lessonBrowser()->tree();
        QTreeWidgetItem* pingLesson = tree->topLevelItem(0)->child(0);
        QCOMPARE(tree->headerItem()->data(2, Qt::AccessibleTextRole).toString(), QStringLiteral("Quiz mastery"));
        QVERIFY(pingLesson->text(2).endsWith(QLatin1Char('%')));
        QVERIFY2(pingLesson->text(2) != QStringLiteral("0%"), qPrintable(pingLesson->text(2)));

        quiz()->setupPage()->setFocus();
        QTest::keyClick(m_window.get(), Qt::Key_F9, Qt::ShiftModifier);
        widgets::QuizStatsPage* stats = quiz()->statsPage();
        QCOMPARE(quiz()->pages()->currentWidget(), stats);
        auto* reviews = qobject_cast<QCPBars*>(stats->reviewsPlot()->plottable(0));
        QVERIFY(reviews);
        QCOMPARE(reviews->data()->size(), widgets::QuizStatsPage::kHistoryDays);
        double total = 0;
        for (auto it = reviews->data()->constBegin(); it != reviews->data()->constEnd(); ++it) total += it->value;
        QCOMPARE(total, 10.0);  // 7 quiz answers (2 re-drills), 2 rehearsals, 1 review
        QCOMPARE(stats->accuracyPlot()->graph(0)->data()->size(), 1);
        auto* mastery = qobject_cast<QCPBars*>(stats->masteryPlot()->plottable(0));
        QCOMPARE(mastery->data()->size(), static_cast<int>(quiz()->quizCatalog().topics().size()));
        auto* due = qobject_cast<QCPBars*>(stats->duePlot()->plottable(0));
        QCOMPARE(due->data()->size(), widgets::QuizStatsPage::kDueDays);
        QVERIFY(due->data()->at(1)->value >= 3);  // the lapses and the Hard card come back tomorrow
        QVERIFY(stats->summary()->text().contains(QStringLiteral("10 reviews")));
        shot("stats");
        press(Qt::Key_Escape);
        QCOMPARE(quiz()->pages()->currentWidget(), quiz()->setupPage());
    }

    void wrongPredictionOpensTheExplainingStep() {
        m_now = kDay0 + 86400;  // tomorrow: the lapses are due
        startSession(widgets::QuizMode::Quiz);
        const auto& crash = pingItem("ping-quiz-predict-crash");
        QVERIFY(crash.explainStep > 0);
        for (int guard = 0; guard < 10 && currentId() != "ping-silence/" + crash.id; ++guard) {
            if (quiz()->currentView() == quiz()->choiceView()) press(Qt::Key_1);
            else if (quiz()->currentView() == quiz()->predictView() && !quiz()->predictView()->numberBox()->isVisible())
                press(Qt::Key_1);
            else press(Qt::Key_Return);
            press(Qt::Key_Space);
        }
        QCOMPARE(currentId(), "ping-silence/" + crash.id);
        QTest::keyClicks(quiz()->predictView()->numberBox(), QStringLiteral("99"));
        press(Qt::Key_Return);
        QVERIFY(quiz()->predictView()->explainLink()->isVisible());
        press(Qt::Key_L);
        QVERIFY(!m_window->quizMode());
        QVERIFY(m_window->lessonBrowser()->isVisible());
        for (QDockWidget* dock : m_window->findChildren<QDockWidget*>()) QVERIFY(dock->toggleViewAction()->isEnabled());
        QCOMPARE(QString::fromStdString(m_window->controller().lessonRun()->lesson().id), QStringLiteral("ping-silence"));
        QCOMPARE(m_window->controller().currentStep(), crash.explainStep);
        QCOMPARE(savedItem(crash.id).history.back().grade, Grade::Again);  // the answer counted
        // The step is being animated, and Space is the playback key again.
        QVERIFY(m_window->controller().playing());
        QTest::keyClick(m_window.get(), Qt::Key_Space);
        QVERIFY(!m_window->controller().playing());
    }

    void exportAndImport() {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("export.json"));
        QCOMPARE(quiz()->exportProgress(file), QString());
        core::quiz::ProgressStore exported(file.toStdString());
        QCOMPARE(exported.load().outcome, core::quiz::LoadOutcome::Loaded);
        QCOMPARE(exported.progress().items(), quiz()->store().progress().items());

        widgets::QuizWorkspace other(m_registry, dir.filePath(QStringLiteral("other/progress.json")));
        other.setCatalog(m_window->catalog());
        QCOMPARE(other.loadProgress().outcome, core::quiz::LoadOutcome::Fresh);
        QString summary;
        QCOMPARE(other.importProgress(file, &summary), QString());
        const auto added = exported.progress().items().size();
        QVERIFY2(summary.startsWith(QStringLiteral("Imported %1 new item%2 and ").arg(added).arg(added == 1 ? "" : "s")),
                 qPrintable(summary));
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("other/progress.json"))));
        QVERIFY(!other.importProgress(dir.filePath(QStringLiteral("missing.json"))).isEmpty());
    }

};

int main(int argc, char** argv) {
    test::installWarningRecorder();
    QApplication app(argc, argv);
    QuizTest t;
    return QTest::qExec(&t, argc, argv);
}
#include "quiz_test.moc"
