// The metrics plot fills a jump (a lesson step, a seek, several events in one playback frame) by
// replaying a copy of the timeline's nearest earlier checkpoint, not the run from its first event
// (issue 21): a jump costs its gap plus less than one checkpoint interval, however late in the
// run. The samples it fills must be exactly the recorded run's: each is compared with the model
// stepped one event at a time from the start, on its own simulation of the same session.
#include <QApplication>
#include <QTest>
#include <algorithm>
#include <cmath>

#include "panels/metrics_panel.h"
#include "shipped_catalog.h"
#include "sim/action.h"
#include "sim/model_capabilities.h"
#include "sim_controller.h"
#include "test_support.h"

using namespace sb;

namespace {

// The panel's value of metric `name` in `values`, NaN where it has none.
double valueOf(const widgets::MetricsPanel& panel, const std::vector<double>& values, const std::string& name) {
    const auto& names = panel.seriesNames();
    const auto it = std::find(names.begin(), names.end(), name);
    const auto i = static_cast<std::size_t>(it - names.begin());
    return it == names.end() || i >= values.size() ? std::nan("") : values[i];
}

bool same(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }

// The panel's `values` hold exactly `metrics` (bit for bit: the replay is the recorded run).
void checkValues(const widgets::MetricsPanel& panel, const std::vector<double>& values,
                 const std::vector<core::Metric>& metrics, std::size_t position) {
    const auto plotted = std::count_if(values.begin(), values.end(), [](double v) { return !std::isnan(v); });
    const auto had = std::count_if(metrics.begin(), metrics.end(), [](const core::Metric& m) { return !std::isnan(m.value); });
    QCOMPARE(plotted, had);
    for (const core::Metric& m : metrics) {
        const double value = valueOf(panel, values, m.name);
        QVERIFY2(same(value, m.value), qPrintable(QStringLiteral("%1 at event %2: plotted %3, the run had %4")
                                                      .arg(QString::fromStdString(m.name))
                                                      .arg(position)
                                                      .arg(value)
                                                      .arg(m.value)));
    }
}

// Every sample the panel holds equals the sample of the run stepped one event at a time.
// `clockedSamples` counts the samples that carry values just before the next event.
void checkSamplesAgainstStepping(const widgets::SimController& controller, const widgets::MetricsPanel& panel,
                                 std::size_t& clockedSamples) {
    clockedSamples = 0;
    auto reference = core::Simulation::create(controller.registry(), controller.timeline()->sim().session());
    QVERIFY(reference);
    std::size_t position = 0;
    for (const widgets::MetricsPanel::Sample& s : panel.samples()) {
        while (position < s.position) {
            QVERIFY(reference->step());
            ++position;
        }
        QCOMPARE(position, s.position);
        const core::Model& model = reference->model();
        QVERIFY2(same(s.timeMs, static_cast<double>(reference->now()) / 1000.0),
                 qPrintable(QStringLiteral("event %1 plotted at %2 ms").arg(s.position).arg(s.timeMs)));
        checkValues(panel, s.values, model.metrics(), s.position);
        if (QTest::currentTestFailed()) return;
        // A metric that reads the clock carries its value just before the next event too.
        const auto next = reference->nextTime();
        const bool clocked = dynamic_cast<const core::ProbesAtTime*>(&model) != nullptr;
        if (!clocked || !next || *next <= reference->now() + 1) {
            QVERIFY2(s.before.empty(), qPrintable(QStringLiteral("event %1 has values before a next event").arg(s.position)));
            continue;
        }
        ++clockedSamples;
        QVERIFY2(same(s.beforeMs, static_cast<double>(*next - 1) / 1000.0),
                 qPrintable(QStringLiteral("event %1 ends its segment at %2 ms").arg(s.position).arg(s.beforeMs)));
        checkValues(panel, s.before, core::metricsAt(model, *next - 1), s.position);
        if (QTest::currentTestFailed()) return;
    }
}

}  // namespace

class MetricsBackfillTest : public test::WarningFreeTest {
    Q_OBJECT

    core::TopicRegistry m_registry;
    std::unique_ptr<core::LessonCatalog> m_catalog;

    // Opens the shipped lesson `id` on `controller`.
    bool open(widgets::SimController& controller, const std::string& id) {
        const core::Lesson* lesson = m_catalog->find(id);
        return lesson && controller.loadLesson(*lesson).ok();
    }

    // The end of step 1, the plot shown, playback at 10x: fast frames from there.
    static void playFromStepOne(widgets::SimController& controller, widgets::MetricsPanel& panel) {
        controller.goToStepEnd(1);
        panel.show();
        controller.setSpeed(10.0);
    }

    static core::Action expire(const std::string& key) {
        return core::actionFromJson(nlohmann::json{{"do", "expire"}, {"key", key}}, "").value();
    }

private slots:
    void initTestCase() { m_catalog = test::shippedCatalog(m_registry); }

    void aLateJumpReplaysItsGapAndSamplesTheRecordedRun_data() {
        QTest::addColumn<QString>("lesson");
        QTest::addColumn<int>("step");
        QTest::addColumn<int>("gap");
        QTest::addColumn<bool>("clocked");
        // Long runs (the cold start's first step is about 32,000 events) of a cache, whose
        // metrics read the clock between events (a TTL), and a hash ring, whose do not.
        QTest::newRow("cache-cold-start") << QStringLiteral("cache-cold-start") << 1 << 700 << true;
        QTest::newRow("cache-stampede") << QStringLiteral("cache-stampede") << 2 << 5 << true;
        QTest::newRow("hashring-replication") << QStringLiteral("hashring-replication") << 6 << 300 << false;
    }

    void aLateJumpReplaysItsGapAndSamplesTheRecordedRun() {
        QFETCH(QString, lesson);
        QFETCH(int, step);
        QFETCH(int, gap);
        QFETCH(bool, clocked);
        widgets::SimController controller(m_registry);
        QVERIFY(open(controller, lesson.toStdString()));
        widgets::MetricsPanel panel(&controller);  // hidden: it samples only when told to here
        controller.goToStepEnd(static_cast<std::size_t>(step));
        const std::size_t end = controller.timeline()->position();
        const std::size_t every = controller.timeline()->checkpointEvery();
        const auto jump = static_cast<std::size_t>(gap);
        QVERIFY2(end > jump + 2 * every, "the jump should start past the first checkpoints");
        const std::size_t from = end - jump;

        controller.seek(from);
        panel.sample();
        QCOMPARE(panel.samples().back().position, from);
        const std::size_t replayedBefore = panel.replayedEvents();
        QVERIFY(replayedBefore < from + every);
        controller.seek(end);
        panel.sample();
        const std::size_t replayed = panel.replayedEvents() - replayedBefore;
        // The states between the two samples, from the checkpoint at or before the first.
        QVERIFY2(replayed >= jump - 1 && replayed < jump + every,
                 qPrintable(QStringLiteral("replayed %1 events for a gap of %2 at event %3 (checkpoints every %4)")
                                .arg(replayed).arg(jump).arg(end).arg(every)));
        // A short gap is sampled at every event.
        const auto inGap = std::count_if(panel.samples().begin(), panel.samples().end(),
                                         [&](const auto& s) { return s.position > from && s.position <= end; });
        QCOMPARE(static_cast<std::size_t>(inGap), jump);
        std::size_t clockedSamples = 0;
        checkSamplesAgainstStepping(controller, panel, clockedSamples);
        if (QTest::currentTestFailed()) return;
        QCOMPARE(clockedSamples > 0, clocked);
    }

    void everyLessonOpenedAtItsEndIsSampledThroughItsRun() {
        // Opened at its last step (a saved lesson, --steps, the step list), a lesson's plot shows
        // the whole run, not a straight line from its first sample to its last: cache-stampede's
        // 53,000 events were once past the fill's limit and drew 0 -> 0.92 as a diagonal.
        std::size_t longest = 0;
        for (const core::Lesson* lesson : m_catalog->lessons()) {
            widgets::SimController controller(m_registry);
            QVERIFY(open(controller, lesson->id));
            widgets::MetricsPanel panel(&controller);
            panel.sample();
            controller.goToStepEnd(lesson->steps.size());
            panel.sample();
            const std::size_t end = controller.timeline()->position();
            longest = std::max(longest, end);
            std::size_t widest = 0;
            for (std::size_t i = 1; i < panel.samples().size(); ++i)
                widest = std::max(widest, panel.samples()[i].position - panel.samples()[i - 1].position);
            QVERIFY2(widest <= std::max<std::size_t>(1, end / 100), qPrintable(QStringLiteral("%1: %2 samples over %3 events, one gap of %4")
                                                          .arg(QString::fromStdString(lesson->id)).arg(panel.sampleCount())
                                                          .arg(end).arg(widest)));
        }
        QVERIFY(longest > 50000);  // the long runs are among them
    }

    void fastPlaybackFramesReplayOnlyTheirOwnEvents() {
        widgets::SimController controller(m_registry);
        QVERIFY(open(controller, "cache-cold-start"));
        widgets::MetricsPanel panel(&controller);
        controller.goToStepEnd(1);
        panel.show();  // visible: it samples on every change, as the Plots dock does
        QVERIFY(panel.isVisible());
        const std::size_t every = controller.timeline()->checkpointEvery();
        const std::size_t copies = panel.checkpointCopies();
        controller.setSpeed(10.0);
        std::size_t multiEventFrames = 0;
        for (int frame = 0; frame < 60; ++frame) {
            const std::size_t position = controller.timeline()->position();
            const std::size_t replayed = panel.replayedEvents();
            controller.advance(16.0);
            const std::size_t moved = controller.timeline()->position() - position;
            multiEventFrames += moved > 1 ? 1 : 0;
            // After the first, a frame goes on from where the last stopped: its own events only.
            const std::size_t most = frame == 0 ? moved + every - 1 : moved;
            QVERIFY2(panel.replayedEvents() - replayed <= most,
                     qPrintable(QStringLiteral("frame %1 moved %2 events from event %3 and replayed %4")
                                    .arg(frame).arg(moved).arg(position).arg(panel.replayedEvents() - replayed)));
            QCOMPARE(panel.samples().back().position, controller.timeline()->position());
        }
        QVERIFY(multiEventFrames > 0);  // the frames did jump
        QVERIFY(panel.checkpointCopies() <= copies + 1);
        std::size_t clockedSamples = 0;
        checkSamplesAgainstStepping(controller, panel, clockedSamples);
        if (QTest::currentTestFailed()) return;
        QVERIFY(clockedSamples > 0);
    }

    // A learner's action while playing a scenario: the fills go on from just before it, with it.
    void aLearnersActionWhilePlayingIsInTheFills() {
        const core::Lesson* l = m_catalog->find("cache-stampede");
        QVERIFY(l);
        widgets::SimController controller(m_registry);
        core::Scenario scenario = l->scenario;
        scenario.lesson.clear();  // the lesson's run, played as a plain scenario
        QVERIFY(controller.load(scenario).ok());
        widgets::MetricsPanel panel(&controller);
        controller.seek(5000);
        panel.show();
        controller.setSpeed(10.0);
        for (int frame = 0; frame < 20; ++frame) controller.advance(16.0);
        const std::size_t copies = panel.checkpointCopies();
        QVERIFY(controller.perform(expire("k1"), QStringLiteral("Expire k1")).ok());
        for (int frame = 0; frame < 20; ++frame) controller.advance(16.0);
        QCOMPARE(panel.checkpointCopies(), copies);  // went on from the last fill
        std::size_t clockedSamples = 0;
        checkSamplesAgainstStepping(controller, panel, clockedSamples);
    }

    // A jump back and a branch there made out of sight, then single steps past where the fills
    // had got to, then fast frames: every sample is the new branch's.
    void aBranchSteppedPastTheLastFillIsSampledAsRecorded() {
        widgets::SimController controller(m_registry);
        QVERIFY(open(controller, "cache-stampede"));
        widgets::MetricsPanel panel(&controller);
        playFromStepOne(controller, panel);
        for (int frame = 0; frame < 10; ++frame) controller.advance(16.0);
        const std::size_t reached = controller.timeline()->position();
        const std::size_t branch = reached - 40;
        controller.seek(branch);
        // The branch made out of sight, then shown from its start: no fill until the frames.
        panel.hide();
        QVERIFY(controller.perform(expire("k1"), QStringLiteral("Expire k1")).ok());
        controller.seek(branch);
        panel.show();
        const std::size_t copies = panel.checkpointCopies();
        while (controller.timeline()->position() < reached + 5) controller.stepForward();
        QCOMPARE(panel.checkpointCopies(), copies);  // each step was sampled: no fill yet
        for (int frame = 0; frame < 10; ++frame) controller.advance(16.0);
        std::size_t clockedSamples = 0;
        checkSamplesAgainstStepping(controller, panel, clockedSamples);
    }

    // Back on the lesson's path after a learner's branch: the branch's samples go.
    void rejoiningTheLessonPathDropsTheBranchesSamples() {
        widgets::SimController controller(m_registry);
        QVERIFY(open(controller, "cache-stampede"));
        widgets::MetricsPanel panel(&controller);
        playFromStepOne(controller, panel);
        QVERIFY(controller.perform(expire("k1"), QStringLiteral("Expire k1")).ok());
        for (int frame = 0; frame < 5; ++frame) controller.advance(16.0);
        const std::size_t branchEnd = controller.timeline()->position();
        controller.goToStepEnd(2);
        QVERIFY(controller.timeline()->position() > branchEnd);  // the branch's samples are all behind
        for (int frame = 0; frame < 5; ++frame) controller.advance(16.0);
        std::size_t clockedSamples = 0;
        checkSamplesAgainstStepping(controller, panel, clockedSamples);
    }

    // A lesson played step by step, as a learner does: each step's actions are scheduled as the
    // lesson records it, and the plot's fills must follow the script as it is then.
    void aLessonPlayedStepByStepIsSampledAsRecorded() {
        widgets::SimController controller(m_registry);
        QVERIFY(open(controller, "cache-cold-start"));
        widgets::MetricsPanel panel(&controller);
        panel.show();
        controller.setSpeed(10.0);
        for (std::size_t step = 1; step <= controller.lessonRun()->lesson().steps.size(); ++step) {
            controller.runStep(step);
            for (int frame = 0; frame < 3000 && controller.playing(); ++frame) controller.advance(16.0);
            QVERIFY2(!controller.playing(), "the step should end");
        }
        QVERIFY(panel.checkpointCopies() < panel.sampleCount());
        std::size_t clockedSamples = 0;
        checkSamplesAgainstStepping(controller, panel, clockedSamples);
    }
};

int main(int argc, char** argv) {
    sb::test::installWarningRecorder();
    QApplication app(argc, argv);
    MetricsBackfillTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "metrics_backfill_test.moc"
