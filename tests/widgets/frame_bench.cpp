// Frame-time benchmark: plays the busiest shipped lesson offscreen for 1,000 frames and prints
// p50/p90/p99/max of one frame (advance playback, compute the view, update the scene, render it
// into an image); then the same for a hand-built tiered scene with 200 aggregated clients, and
// every shipped lesson from its own busiest moment (300 frames each; FRAME_BENCH_LESSONS=0 skips
// that). FRAME_BENCH_ONLY=<lesson id> runs that lesson alone, FRAME_BENCH_ONLY=tiered the
// 8-server tiered scene (for profiling one scene). FRAME_BENCH_PLOT=1 shows the metrics panel
// beside the scene, as the Plots dock is by default: each frame's advance then includes the plot's
// sampling, every sixth frame (its 100 ms replot throttle at 16 ms a frame) replots and paints the plot,
// and each lesson first times the plot's sample after a one-step jump. It reports; it never fails
// on time.
#include <QApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <qcustomplot.h>
#include <vector>

#include "kit_views.h"
#include "lesson/lesson_catalog.h"
#include "panels/metrics_panel.h"
#include "panels/view_panels.h"
#include "lesson/lesson_check.h"
#include "sim/scenario.h"
#include "scene/scene_view.h"
#include "sim_controller.h"
#include "version.h"

using namespace sb;

namespace {

struct Candidate {
    const core::Lesson* lesson = nullptr;
    std::size_t step = 0;
    double score = -1;
    std::size_t nodes = 0, messages = 0, marks = 0;
};

// How much there is to draw at the end of each step of a lesson; the busiest moment wins. Two
// kinds of busy: the most moving parts (nodes and messages in flight, while the run still has
// events to play) and the most static marks (a hash ring with thousands of points).
// `own` is the lesson's own busiest moment (most to draw, moving or not), for the every-lesson pass.
void consider(const core::Lesson& lesson, const core::TopicRegistry& registry, Candidate& moving, Candidate& marked,
              Candidate& own) {
    auto run = core::LessonRun::start(lesson, registry);
    if (!run) return;
    for (std::size_t step = 1; step <= lesson.steps.size(); ++step) {
        if (!run->runToEndOfStep(step)) return;
        const core::View v = run->timeline().model().view(run->timeline().now());
        const std::size_t marks = v.ring ? v.ring->vnodes.size() + std::min<std::size_t>(v.ring->keys.size(), 2000) : 0;
        const double busy = 4.0 * static_cast<double>(v.nodes.size()) + static_cast<double>(v.messages.size());
        if (run->timeline().sim().nextTime() && busy > moving.score)
            moving = {&lesson, step, busy, v.nodes.size(), v.messages.size(), marks};
        if (static_cast<double>(marks) > marked.score)
            marked = {&lesson, step, static_cast<double>(marks), v.nodes.size(), v.messages.size(), marks};
        if (busy + static_cast<double>(marks) > own.score)
            own = {&lesson, step, busy + static_cast<double>(marks), v.nodes.size(), v.messages.size(), marks};
    }
}

// CPU time of this thread in ms: on a machine shared with other jobs the wall-clock times above
// include waiting for a core, this does not.
double threadCpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1));
    return v[i];
}

// FRAME_BENCH_PLOT=1: the frames include the metrics panel.
bool withPlot() { return qEnvironmentVariableIntValue("FRAME_BENCH_PLOT") != 0; }

struct P99 {
    double wall = -1;  // includes waiting for a core on a shared machine
    double cpu = -1;   // the frame's own cost: CPU time of its thread
};

// Besides the prose, each measured scene prints one "row<TAB>what<TAB>wall p99<TAB>CPU p99" line
// for the bench table.
// `plot`, when given, is shown beside the scene: its sampling runs inside advance (on the
// controller's changed signal), and every sixth frame it is replotted and painted.
P99 runFrames(widgets::SimController& controller, const std::string& label, const std::string& row, int frames = 1000,
              widgets::MetricsPanel* plot = nullptr) {
    widgets::SceneView view;
    view.resize(640, 520);  // the scene's share of a 1280x800 window
    view.show();
    QImage image(view.viewport()->size(), QImage::Format_ARGB32_Premultiplied);
    constexpr int kReplotEvery = 6;  // the panel's 100 ms replot throttle, at 16 ms a frame
    QImage plotImage;
    if (plot) {
        plot->resize(640, 200);
        plot->show();
        plotImage = QImage(plot->plot()->size(), QImage::Format_ARGB32_Premultiplied);
    }

    const int kFrames = frames;
    std::vector<double> ms;
    ms.reserve(static_cast<std::size_t>(kFrames));
    std::vector<double> cpu;
    cpu.reserve(static_cast<std::size_t>(kFrames));
    QElapsedTimer timer;
    double parts[5] = {0, 0, 0, 0, 0};  // advance, model view, scene update, render, plot
    for (int frame = 0; frame < kFrames; ++frame) {
        const double cpu0 = threadCpuMs();
        timer.start();
        controller.advance(16.0);
        const qint64 t1 = timer.nsecsElapsed();
        const core::View v = controller.timeline()->model().view(controller.displayTime());
        const qint64 t2 = timer.nsecsElapsed();
        view.setView(v);
        const qint64 t3 = timer.nsecsElapsed();
        QPainter painter(&image);
        view.render(&painter);
        painter.end();
        const qint64 t4 = timer.nsecsElapsed();
        if (plot && frame % kReplotEvery == kReplotEvery - 1) {
            plot->replotNow();
            plot->plot()->replot();
            // The plot alone: a replot repaints the plot widget, not the series list beside it
            // (rendering the whole panel drew the list too, 0.75 ms of each replot frame).
            QPainter plotPainter(&plotImage);
            plot->plot()->render(&plotPainter);
        }
        const qint64 t5 = timer.nsecsElapsed();
        parts[0] += static_cast<double>(t1);
        parts[1] += static_cast<double>(t2 - t1);
        parts[2] += static_cast<double>(t3 - t2);
        parts[3] += static_cast<double>(t4 - t3);
        parts[4] += static_cast<double>(t5 - t4);
        ms.push_back(static_cast<double>(t5) / 1e6);
        cpu.push_back(threadCpuMs() - cpu0);
    }
    std::printf("%s%s\n", label.c_str(), plot ? ", with the metrics plot" : "");
    std::printf("  %d frames at 640x520, offscreen: p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, max %.3f ms\n", kFrames,
                percentile(ms, 0.5), percentile(ms, 0.9), percentile(ms, 0.99), percentile(ms, 1.0));
    std::printf("  CPU time of the frame's thread: p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, max %.3f ms\n",
                percentile(cpu, 0.5), percentile(cpu, 0.9), percentile(cpu, 0.99), percentile(cpu, 1.0));
    std::printf("  mean per frame: advance %.3f ms, model view %.3f ms, scene update %.3f ms, render %.3f ms\n",
                parts[0] / kFrames / 1e6, parts[1] / kFrames / 1e6, parts[2] / kFrames / 1e6, parts[3] / kFrames / 1e6);
    if (plot)
        std::printf("  the advance includes the plot's sampling; plot replot and paint %.3f ms per frame (one in %d)\n",
                    parts[4] / kFrames / 1e6, kReplotEvery);
    if (plot) {
        // The replot frames apart from the others: the overall p99 is, in effect, the replot
        // frames' p94 (one frame in six replots).
        std::vector<double> replots, others;
        for (std::size_t i = 0; i < cpu.size(); ++i) (i % kReplotEvery == kReplotEvery - 1 ? replots : others).push_back(cpu[i]);
        std::printf("  CPU time of the replot frames: p50 %.3f ms, p95 %.3f ms; of the others: p50 %.3f ms, p99 %.3f ms\n",
                    percentile(replots, 0.5), percentile(replots, 0.95), percentile(others, 0.5), percentile(others, 0.99));
    }
    if (!row.empty()) std::printf("row\t%s\t%.2f\t%.2f\n", row.c_str(), percentile(ms, 0.99), percentile(cpu, 0.99));
    return {percentile(ms, 0.99), percentile(cpu, 0.99)};
}

// The plot's sample after a lesson jumps one step, to the busy moment (clicking the step in the
// lesson pane): it fills the events in between, the gap. Timed alone, the jump itself not included.
void timeJump(widgets::SimController& controller, widgets::MetricsPanel& plot, const Candidate& c) {
    controller.goToStepEnd(c.step - 1);
    plot.sample();
    const std::size_t from = controller.timeline()->position();
    controller.goToStepEnd(c.step);
    const std::size_t to = controller.timeline()->position();
    QElapsedTimer timer;
    const double cpu0 = threadCpuMs();
    timer.start();
    plot.sample();
    const double wall = static_cast<double>(timer.nsecsElapsed()) / 1e6;
    std::printf("plot sample after the jump from step %zu to %zu of '%s' (events %zu to %zu, gap %zu): %.3f ms, CPU %.3f ms\n",
                c.step - 1, c.step, c.lesson->id.c_str(), from, to, to - from, wall, threadCpuMs() - cpu0);
}

P99 bench(const Candidate& c, const core::TopicRegistry& registry, int frames = 1000, bool row = true) {
    widgets::SimController controller(registry);
    if (!controller.loadLesson(*c.lesson)) return {};
    widgets::MetricsPanel plot(&controller);  // hidden (so not sampling) until runFrames shows it
    if (withPlot()) timeJump(controller, plot, c);
    controller.goToStepEnd(c.step);  // the busy moment; playback runs on from there
    char label[256];
    std::snprintf(label, sizeof label, "lesson '%s' from the end of step %zu (%zu nodes, %zu messages, %zu ring marks there)",
                  c.lesson->id.c_str(), c.step, c.nodes, c.messages, c.marks);
    return runFrames(controller, label, row ? c.lesson->id + ", step " + std::to_string(c.step) : std::string(), frames,
                     withPlot() ? &plot : nullptr);
}

// Every shipped lesson from its own busiest moment, 300 frames each: one "lesson<TAB>what<TAB>wall
// p99<TAB>CPU p99" line per lesson and one summary row (the worst lesson, and how many stay under
// the 4 ms budget).
void benchEveryLesson(const std::vector<Candidate>& own, const core::TopicRegistry& registry) {
    P99 worst;
    std::string worstName, worstCpuName;
    int under = 0, underCpu = 0, measured = 0;
    for (const Candidate& c : own) {
        if (!c.lesson) continue;
        const P99 p99 = bench(c, registry, 300, false);
        if (p99.wall < 0) continue;
        ++measured;
        under += p99.wall < 4.0 ? 1 : 0;
        underCpu += p99.cpu < 4.0 ? 1 : 0;
        const std::string name = c.lesson->id + ", step " + std::to_string(c.step);
        std::printf("lesson\t%s\t%.2f\t%.2f\n", name.c_str(), p99.wall, p99.cpu);  // the bench table's per-lesson rows
        if (p99.wall > worst.wall) worst.wall = p99.wall, worstName = name;
        if (p99.cpu > worst.cpu) worst.cpu = p99.cpu, worstCpuName = name;
    }
    std::printf("every lesson's busiest moment: %d of %d lessons with p99 under 4 ms (%d by CPU time); worst %s, p99 "
                "%.2f ms; worst by CPU time %s, %.2f ms\n",
                under, measured, underCpu, worstName.c_str(), worst.wall, worstCpuName.c_str(), worst.cpu);
    std::printf("row\tevery lesson's busiest moment, worst (%s; %d of %d under 4 ms)\t%.2f\t%.2f\n", worstName.c_str(), under,
                measured, worst.wall, worst.cpu);
}

// The hash ring at its largest: a million keys (drawn as a density band) on 16 nodes of 100
// vnodes each, just after a node joined.
void benchMillionKeys(const core::TopicRegistry& registry) {
    core::Scenario scenario;
    scenario.topic = "hashring";
    scenario.params = {{"mode", 1}, {"nodes", 16}, {"vnodes", 100}, {"keys", 1000000}};
    core::Action join;
    join.kind = "add_node";
    scenario.actions.push_back(join);
    widgets::SimController controller(registry);
    if (const core::Status s = controller.load(scenario); !s) {
        std::printf("1,000,000-key ring: %s\n", s.error().text().c_str());
        return;
    }
    controller.seek(1);  // past the join
    std::printf("(%s live nodes)\n", core::probeToString(controller.timeline()->model().probe("nodes_live", core::kNoNode)).c_str());
    runFrames(controller, "hash ring with 1,000,000 keys, 17 nodes x 100 vnodes, after a join", "1,000,000-key ring (no lesson)");
}

// The kit's busiest shape without a model behind it: 200 clients as one stacked node, app
// servers, a cache and a database in tiers, about 40 messages moving, and the key rows under the
// scene. The view is rebuilt every frame (as a model's would be) and the key panel repainted.
void benchTiered(int servers) {
    widgets::SceneView view;
    view.resize(640, 520);
    view.show();
    widgets::ViewPanels panels;
    panels.resize(640, 200);
    panels.show();
    QImage image(view.viewport()->size(), QImage::Format_ARGB32_Premultiplied);
    QImage strip(panels.size(), QImage::Format_ARGB32_Premultiplied);
    constexpr int kFrames = 1000;
    std::vector<double> ms;
    std::vector<double> cpu;
    ms.reserve(kFrames);
    cpu.reserve(kFrames);
    QElapsedTimer timer;
    double parts[3] = {0, 0, 0};  // scene update, scene render, panels
    std::size_t messages = 0;
    for (int frame = 0; frame < kFrames; ++frame) {
        const core::View v = test::tieredView(static_cast<double>(frame % 240) / 240.0, servers);
        messages = v.messages.size();
        const double cpu0 = threadCpuMs();
        timer.start();
        view.setView(v);
        const qint64 t1 = timer.nsecsElapsed();
        QPainter painter(&image);
        view.render(&painter);
        painter.end();
        const qint64 t2 = timer.nsecsElapsed();
        panels.setView(v);
        QPainter stripPainter(&strip);
        panels.render(&stripPainter);
        stripPainter.end();
        const qint64 t3 = timer.nsecsElapsed();
        parts[0] += static_cast<double>(t1);
        parts[1] += static_cast<double>(t2 - t1);
        parts[2] += static_cast<double>(t3 - t2);
        ms.push_back(static_cast<double>(t3) / 1e6);
        cpu.push_back(threadCpuMs() - cpu0);
    }
    std::printf("tiered scene: 200 clients aggregated, %d app servers, a cache, a database, %zu messages, 6 key rows\n",
                servers, messages);
    std::printf("  %d frames at 640x520 + key panel 640x200, offscreen: p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, max %.3f ms\n",
                kFrames, percentile(ms, 0.5), percentile(ms, 0.9), percentile(ms, 0.99), percentile(ms, 1.0));
    std::printf("  CPU time of the frame's thread: p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, max %.3f ms\n",
                percentile(cpu, 0.5), percentile(cpu, 0.9), percentile(cpu, 0.99), percentile(cpu, 1.0));
    std::printf("  mean per frame: scene update %.3f ms, scene render %.3f ms, panels %.3f ms\n",
                parts[0] / kFrames / 1e6, parts[1] / kFrames / 1e6, parts[2] / kFrames / 1e6);
    std::printf("row\ttiered scene, %d servers (no lesson)\t%.2f\t%.2f\n", servers, percentile(ms, 0.99), percentile(cpu, 0.99));
}

}  // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", QByteArray("offscreen"));
    QApplication app(argc, argv);
    core::TopicRegistry registry;
    core::registerBuiltinTopics(registry);
    core::LessonCatalog catalog(registry);
    catalog.load(app::kSourceLessonsDir);
    Candidate moving, marked;
    std::vector<Candidate> own;
    for (const core::Lesson* lesson : catalog.lessons()) consider(*lesson, registry, moving, marked, own.emplace_back());
    std::printf("frame benchmark (playback at 1x, 16 ms per frame; a frame = advance + view + scene + render)\n");
    // FRAME_BENCH_ONLY=<lesson id>: that lesson's busiest moment alone (for profiling one scene).
    if (const QString only = qEnvironmentVariable("FRAME_BENCH_ONLY"); !only.isEmpty()) {
        if (only == QLatin1String("tiered")) benchTiered(8);
        for (const Candidate& c : own)
            if (c.lesson && QString::fromStdString(c.lesson->id) == only) bench(c, registry);
        return 0;
    }
    if (moving.lesson) bench(moving, registry);
    if (marked.lesson && marked.lesson != moving.lesson) bench(marked, registry);
    benchMillionKeys(registry);
    benchTiered(3);
    benchTiered(8);
    if (qEnvironmentVariableIntValue("FRAME_BENCH_LESSONS") != 0 || qEnvironmentVariableIsEmpty("FRAME_BENCH_LESSONS"))
        benchEveryLesson(own, registry);
    return moving.lesson || marked.lesson ? 0 : 1;
}
