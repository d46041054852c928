// First paint, whole process, the way a user waits for it: starts the `splitbrain` app and a
// bare QMainWindow program (bare_window_probe) alternately, offscreen, and times each from
// process start to the line it prints right after its first frame is painted; for the app also
// to its second frame (menus, tool bars, status bar) and to the moment the workspace is complete
// (catalog read, lesson list filled). Both read and write nothing of the user's: they run with
// empty config and data folders. Each also reports the CPU time it had used at its first paint,
// which waiting for a core on a shared machine does not inflate. Prints medians and the ratios
// measured in this run; never fails on time. FIRST_PAINT_RUNS=N sets the pairs (7);
// FIRST_PAINT_APP=PATH times another build of the app (a before/after comparison in one session).
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdio>
#include <vector>

namespace {

struct Sample {
    double firstPaint = -1;  // ms from process start
    double firstPaintCpu = -1;  // CPU time the process had used by then, as it reports it
    double chrome = -1;  // the app's menus, tool bars and status bar, painted in its second frame
    double ready = -1;
};

Sample run(const QString& program, const QStringList& args, const QProcessEnvironment& env) {
    QProcess process;
    process.setProcessEnvironment(env);
    process.setProcessChannelMode(QProcess::SeparateChannels);
    Sample s;
    QElapsedTimer timer;
    timer.start();
    process.start(program, args);
    QByteArray pending;
    while (s.ready < 0 && process.waitForReadyRead(20000)) {
        pending += process.readAllStandardOutput();
        const double now = static_cast<double>(timer.nsecsElapsed()) / 1e6;
        if (s.firstPaint < 0 && pending.contains("first-paint")) {
            s.firstPaint = now;
            // "first-paint cpu 12.345 ms"
            const qsizetype at = pending.indexOf("first-paint cpu ");
            if (at >= 0) s.firstPaintCpu = pending.mid(at + 16).split(' ').value(0).toDouble();
        }
        if (s.chrome < 0 && pending.contains("chrome-paint")) s.chrome = now;
        if (pending.contains("ready")) s.ready = now;
    }
    if (!process.waitForFinished(20000)) process.kill();
    return s;
}

double median(std::vector<double> v) {
    if (v.empty()) return -1;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const int runs = std::max(1, qEnvironmentVariableIntValue("FIRST_PAINT_RUNS") > 0 ? qEnvironmentVariableIntValue("FIRST_PAINT_RUNS") : 7);
    QTemporaryDir home;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (!env.contains(QStringLiteral("QT_QPA_PLATFORM"))) env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.path() + QStringLiteral("/config"));
    env.insert(QStringLiteral("XDG_DATA_HOME"), home.path() + QStringLiteral("/data"));
    env.insert(QStringLiteral("SPLITBRAIN_STARTUP_PROBE"), QStringLiteral("1"));
    const QString appPath = qEnvironmentVariableIsEmpty("FIRST_PAINT_APP") ? QStringLiteral(SPLITBRAIN_APP)
                                                                            : qEnvironmentVariable("FIRST_PAINT_APP");
    std::vector<double> bare, appPaint, appChrome, appReady, pairs, bareCpu, appCpu, cpuPairs;
    // One unmeasured run of each first, so both start with warm file caches.
    run(QStringLiteral(SPLITBRAIN_BARE_PROBE), {}, env);
    run(appPath, {QStringLiteral("--no-settings")}, env);
    for (int i = 0; i < runs; ++i) {
        const Sample b = run(QStringLiteral(SPLITBRAIN_BARE_PROBE), {}, env);
        const Sample a = run(appPath, {QStringLiteral("--no-settings")}, env);
        if (b.firstPaint < 0 || a.firstPaint < 0) {
            std::fprintf(stderr, "a probe did not report its first paint\n");
            return 1;
        }
        bare.push_back(b.firstPaint);
        appPaint.push_back(a.firstPaint);
        if (a.chrome >= 0) appChrome.push_back(a.chrome);
        if (a.ready >= 0) appReady.push_back(a.ready);
        pairs.push_back(a.firstPaint / b.firstPaint);
        if (a.firstPaintCpu > 0 && b.firstPaintCpu > 0) {
            bareCpu.push_back(b.firstPaintCpu);
            appCpu.push_back(a.firstPaintCpu);
            cpuPairs.push_back(a.firstPaintCpu / b.firstPaintCpu);
        }
    }
    std::printf("first paint, whole process (offscreen, %d paired runs, medians):\n", runs);
    std::printf("  bare QMainWindow: %.1f ms\n", median(bare));
    std::printf("  Splitbrain first paint: %.1f ms (%.2fx the bare window; pairs %.2fx to %.2fx)\n", median(appPaint),
                median(pairs), *std::min_element(pairs.begin(), pairs.end()), *std::max_element(pairs.begin(), pairs.end()));
    if (!cpuPairs.empty())
        std::printf("  CPU time to first paint (waiting for a core left out): bare %.1f ms, Splitbrain %.1f ms "
                    "(%.2fx; pairs %.2fx to %.2fx)\n",
                    median(bareCpu), median(appCpu), median(cpuPairs), *std::min_element(cpuPairs.begin(), cpuPairs.end()),
                    *std::max_element(cpuPairs.begin(), cpuPairs.end()));
    std::printf("  Splitbrain menus, tool bars and status bar painted (its second frame): %.1f ms (%.2fx the bare window's "
                "first paint)\n",
                median(appChrome), median(appChrome) / median(bare));
    std::printf("  Splitbrain workspace complete (catalog and docks): %.1f ms (%.2fx the bare window's first paint)\n",
                median(appReady), median(appReady) / median(bare));
    return 0;
}
