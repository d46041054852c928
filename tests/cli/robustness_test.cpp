// Black-box robustness: seeded mutations of lessons, scenarios, sessions and progress files go
// through `splitbrain-sim` (in a forked child, so a crash or a hang cannot take the test with
// it) and, for a few, through the GUI's headless export. Fails on a crash, a hang (no answer
// within ROBUST_TIMEOUT_S seconds, default 60: a bound for "never finishes", not a timing
// check), a refusal whose message does not say where, or a message line that runs on.
//
//   cli_robustness [SPLITBRAIN_EXE]    ROBUST_INPUTS (default 2000) and ROBUST_SEED (1) change the
//                                      sweep; ROBUST_GUI_INPUTS=N sends N more through the GUI.
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <regex>
#include <sstream>

#include "cli/cli.h"
#include "quiz/progress_json.h"
#include "robustness_mutate.h"

namespace fs = std::filesystem;
using namespace sb::robust;

namespace {

struct Outcome {
    bool finished = false;  // false: killed at the time limit
    int signal = 0;         // the child died of this signal
    int code = 0;
    std::string output;
    double seconds = 0;
};

std::size_t envCount(const char* name, std::size_t fallback) {
    const char* v = std::getenv(name);
    return v && *v ? static_cast<std::size_t>(std::strtoull(v, nullptr, 10)) : fallback;
}

// Runs `work` in a child; its stdout/stderr text comes back through a pipe.
template <class Work>
Outcome inChild(Work work, double limitSeconds) {
    int fds[2];
    if (pipe(fds) != 0) return {};
    const auto start = std::chrono::steady_clock::now();
    std::cout.flush();  // or the child would write the parent's pending output again
    std::cerr.flush();
    const pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        dup2(fds[1], 1);
        dup2(fds[1], 2);
        int code = 99;
        try {
            code = work();
        } catch (...) {
            code = 98;  // an exception escaped: as bad as a crash
        }
        std::cout.flush();
        std::cerr.flush();
        _exit(code);
    }
    close(fds[1]);
    Outcome o;
    char buf[4096];
    const auto deadline = start + std::chrono::duration<double>(limitSeconds);
    while (true) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
        if (left <= 0) {
            kill(pid, SIGKILL);
            break;
        }
        pollfd p{fds[0], POLLIN, 0};
        if (poll(&p, 1, static_cast<int>(std::min<long long>(left, 1000))) <= 0) continue;
        const ssize_t n = read(fds[0], buf, sizeof buf);
        if (n <= 0) {
            o.finished = true;
            break;
        }
        if (o.output.size() < (1U << 20)) o.output.append(buf, static_cast<std::size_t>(n));
    }
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    o.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (WIFSIGNALED(status) && o.finished) o.signal = WTERMSIG(status);
    if (WIFEXITED(status)) o.code = WEXITSTATUS(status);
    return o;
}

std::string readAll(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeAll(const fs::path& p, const std::string& text) {
    std::ofstream(p, std::ios::binary) << text;
}

std::vector<fs::path> jsonFiles(const fs::path& dir) {
    std::vector<fs::path> out;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.path().extension() == ".json" && e.path().parent_path().filename() != "schema" &&
            e.path().filename() != "manifest.json")
            out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

enum class Kind { Lesson, Scenario, Progress };

struct Report {
    std::size_t inputs = 0, accepted = 0, failedCheck = 0, failures = 0;
    std::map<std::string, std::size_t> refusals;  // by kind of location
    std::map<std::string, std::size_t> mutations;
    double slowest = 0;
    std::string slowestInput;
};

// "syntax (line:column)", "structure (JSON pointer)"; empty when no line locates the problem.
std::string locationKind(const std::string& output, const std::string& file) {
    const std::string f = std::regex_replace(file, std::regex(R"([.^$|()\[\]{}*+?\\])"), R"(\$&)");
    if (std::regex_search(output, std::regex(f + R"(:\d+:\d+: )"))) return "syntax (line:column)";
    if (std::regex_search(output, std::regex(f + R"(:/[^\n]*: )"))) return "structure (JSON pointer)";
    if (std::regex_search(output, std::regex(f + R"(: file is \d+ bytes)"))) return "size (whole file)";
    // The progress file's own phrasing (core/quiz/progress_json.cpp): "FILE at /pointer: ...",
    // and a newer format refused as a whole.
    if (std::regex_search(output, std::regex(f + R"( at /[^\n]*: )"))) return "structure (JSON pointer)";
    if (std::regex_search(output, std::regex(f + R"(: written by a newer Splitbrain)"))) return "version (whole file)";
    return {};
}

bool judge(const std::string& what, const Outcome& o, const std::string& file, Report& r, std::size_t maxLine) {
    r.inputs++;
    if (o.seconds > r.slowest) {
        r.slowest = o.seconds;
        r.slowestInput = what;
    }
    std::string problem;
    if (!o.finished) problem = "did not finish within the time limit (a hang)";
    else if (o.signal) problem = "crashed with signal " + std::to_string(o.signal);
    else if (o.code > 2) problem = "exit code " + std::to_string(o.code);
    std::istringstream lines(o.output);
    for (std::string line; problem.empty() && std::getline(lines, line);)  // JSON output lines are data, not messages
        if (line.size() > maxLine && line.front() != '{')
            problem = "a message line of " + std::to_string(line.size()) + " characters";
    if (problem.empty() && o.code == 2) {
        const std::string kind = locationKind(o.output, file);
        if (kind.empty()) problem = "a refusal that does not say where";
        else r.refusals[kind]++;
    }
    if (problem.empty() && o.code == 0) r.accepted++;
    if (problem.empty() && o.code == 1) r.failedCheck++;
    if (problem.empty()) return true;
    r.failures++;
    std::cout << "FAIL " << what << ": " << problem << "\n" << o.output.substr(0, 2000) << "\n";
    return false;
}

}  // namespace

int main(int argc, char** argv) {
    const fs::path source = SPLITBRAIN_SOURCE_DIR;
    const std::string gui = argc > 1 ? argv[1] : "";
    const std::size_t count = envCount("ROBUST_INPUTS", 2000);
    const std::size_t guiCount = gui.empty() ? 0 : envCount("ROBUST_GUI_INPUTS", 0);
    const double limit = static_cast<double>(envCount("ROBUST_TIMEOUT_S", 60));
    Rng rng(envCount("ROBUST_SEED", 1));
    const fs::path work = fs::temp_directory_path() / ("splitbrain-robust-" + std::to_string(getpid()));
    fs::create_directories(work / "data" / "splitbrain" / "splitbrain" / "lessons");

    const std::vector<std::pair<Kind, std::vector<fs::path>>> bases = {
        {Kind::Lesson, jsonFiles(source / "lessons")},
        {Kind::Scenario, jsonFiles(source / "tests" / "fuzz" / "corpus" / "scenario")},
        {Kind::Progress, jsonFiles(source / "tests" / "fuzz" / "corpus" / "progress")}};
    Report report;
    for (std::size_t i = 0; i < count + guiCount; ++i) {
        const bool viaGui = i >= count;
        const auto& [kind, files] = bases[viaGui ? rng.below(2) : rng.below(bases.size())];
        const fs::path& base = files[rng.below(files.size())];
        const auto mutation = static_cast<Mutation>(rng.below(static_cast<std::size_t>(Mutation::Count)));
        std::string text = readAll(base);
        if (kind == Kind::Lesson && viaGui) {
            // A user lesson with an id of its own, so the shipped one does not shadow it.
            auto doc = nlohmann::json::parse(text);
            doc["id"] = "robust-" + std::to_string(i);
            text = doc.dump(2);
        }
        text = mutate(text, mutation, rng);
        report.mutations[mutationName(mutation)]++;
        const fs::path file = viaGui && kind == Kind::Lesson
                                  ? work / "data" / "splitbrain" / "splitbrain" / "lessons" / ("robust-" + std::to_string(i) + ".json")
                                  : work / ("input-" + std::to_string(i) + ".json");
        writeAll(file, text);
        const std::string what = "#" + std::to_string(i) + " " + mutationName(mutation) + " of " + base.filename().string();
        Outcome o;
        if (viaGui) {
            const std::string id = "robust-" + std::to_string(i);
            const std::string out = (work / "out.svg").string();
            o = inChild([&] {
                setenv("QT_QPA_PLATFORM", "offscreen", 1);
                setenv("XDG_DATA_HOME", (work / "data").c_str(), 1);
                if (kind == Kind::Lesson)
                    execl(gui.c_str(), gui.c_str(), "--lesson", id.c_str(), "--step", "1", "--export", out.c_str(), nullptr);
                else
                    execl(gui.c_str(), gui.c_str(), "--open", file.c_str(), "--export", out.c_str(), nullptr);
                return 97;
            }, limit);
            // The GUI names an unloadable user lesson by its file; a lesson that is fine exports.
        } else if (kind == Kind::Progress) {
            o = inChild([&] {
                const auto parsed = sb::core::quiz::progressFromJson(text, file.string(), std::size_t{1} << 20);
                if (parsed.ok()) return 0;
                std::cout << parsed.failure.error.text() << "\n";
                return 2;
            }, limit);
        } else {
            const std::vector<std::string> args = kind == Kind::Lesson ? std::vector<std::string>{"check-lessons", file.string()}
                                                                       : std::vector<std::string>{"run", file.string()};
            o = inChild([&] { return sb::app::runSimCli(args, std::cout, std::cerr); }, limit);
        }
        judge(what, o, file.string(), report, 1000);
        fs::remove(file);
    }
    fs::remove_all(work);

    std::cout << "robustness: " << report.inputs << " inputs (" << guiCount << " through the GUI's headless export): "
              << report.accepted << " accepted, " << report.failedCheck << " ran and failed a check, ";
    std::size_t refused = 0;
    for (const auto& [k, n] : report.refusals) refused += n;
    std::cout << refused << " refused, " << report.failures << " failures\n  refusals by location:";
    for (const auto& [k, n] : report.refusals) std::cout << " " << k << " " << n << ";";
    std::cout << "\n  mutations:";
    for (const auto& [k, n] : report.mutations) std::cout << " " << k << " " << n << ";";
    std::cout << "\n  slowest input: " << report.slowestInput << ", " << report.slowest << " s\n";
    return report.failures == 0 ? 0 : 1;
}
