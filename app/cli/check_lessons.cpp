#include <filesystem>
#include <map>
#include <ostream>

#include "cli/cli.h"
#include "cli/cli_commands.h"
#include "lesson/lesson_catalog.h"
#include "lesson/lesson_check.h"
#include "lesson/lesson_loader.h"
#include "sim/message_text.h"
#include "version.h"

namespace sb::app {

namespace {

namespace fs = std::filesystem;

// A value as the report quotes it: a lesson may hold a string of any length, the report does not.
std::string valueText(const core::ProbeValue& v) {
    return std::holds_alternative<std::monostate>(v) ? "null" : core::excerpt(core::probeToString(v));
}

// The shipped lessons: the source tree when run from a build, else the installed data.
std::string defaultLessonsDir() {
    std::error_code ec;
    if (fs::is_directory(kSourceLessonsDir, ec)) return kSourceLessonsDir;
    return std::string(kInstalledDataDir) + "/lessons";
}

struct Totals {
    std::size_t lessons = 0, passed = 0, failed = 0, unloadable = 0, claims = 0, predicts = 0;
};

void printCheck(const core::Lesson& lesson, const core::LessonCheck& check, std::ostream& out,
                Totals& totals) {
    const bool ok = check.passed();
    out << (ok ? "ok    " : "FAIL  ") << check.file << " (" << check.lessonId << "): "
        << check.steps.size() << " steps, " << check.claimCount() << " claims, "
        << check.predicts.size() << " predict answers\n";
    for (const auto& e : check.errors) out << "      " << core::oneLine(e) << "\n";
    for (const auto& s : check.steps) {
        const std::string title = s.step <= lesson.steps.size() ? lesson.steps[s.step - 1].title : "";
        if (s.error) out << "      step " << s.step << " \"" << core::excerpt(title) << "\": " << core::oneLine(*s.error) << "\n";
        for (const auto& c : s.claims) {
            if (c.passed) continue;
            out << "      step " << s.step << " \"" << core::excerpt(title) << "\": claim " << core::excerpt(c.claim.text(), 160)
                << " failed: expected " << core::compareOpName(c.claim.op) << " "
                << valueText(c.claim.value) << ", the model had " << valueText(c.actual);
            if (!c.problem.empty()) out << " (" << core::excerpt(c.problem, 160) << ")";
            out << "  [" << check.file << ":" << c.claim.pointer << "]\n";
        }
    }
    for (const auto& p : check.predicts) {
        if (p.error) out << "      predict " << p.itemId << ": " << core::oneLine(*p.error) << "\n";
        else out << "      predict " << p.itemId << ": answer " << valueText(*p.answer) << "\n";
    }
    totals.claims += check.claimCount();
    totals.predicts += check.predicts.size();
    (ok ? totals.passed : totals.failed) += 1;
}

}  // namespace

int cmdCheckLessons(const core::TopicRegistry& registry, const std::vector<std::string>& args,
                    std::ostream& out, std::ostream& err) {
    std::vector<std::string> inputs;
    for (const auto& a : args) {
        if (a == "-h" || a == "--help") {
            out << "Usage: splitbrain-sim check-lessons [DIR|FILE...]\n"
                   "Loads every lesson (default: the shipped lessons), runs each step, checks every\n"
                   "claim and computes every predict answer. Exit 0 all good, 1 a check failed,\n"
                   "2 a file could not be read or loaded.\n";
            return kExitOk;
        }
        if (!a.empty() && a[0] == '-') {
            err << "splitbrain-sim: check-lessons: unknown option '" << a << "'\n";
            return kExitBadInput;
        }
        inputs.push_back(a);
    }
    if (inputs.empty()) inputs.push_back(defaultLessonsDir());

    std::vector<std::string> files;
    bool badInput = false;
    for (const auto& in : inputs) {
        std::error_code ec;
        if (fs::is_directory(in, ec)) {
            auto found = core::lessonFilesIn(in);
            if (found.empty()) out << "note  " << in << ": no lesson files\n";
            files.insert(files.end(), found.begin(), found.end());
            const auto manifest = (fs::path(in) / "manifest.json").string();
            if (fs::exists(manifest, ec)) {
                if (auto m = core::loadManifest(manifest); !m) {
                    out << "BAD   " << core::oneLine(m.error()) << "\n";
                    badInput = true;
                }
            }
        } else if (fs::exists(in, ec)) {
            files.push_back(in);
        } else {
            err << "splitbrain-sim: check-lessons: " << in << ": no such file or folder\n";
            return kExitBadInput;
        }
    }

    Totals totals;
    std::map<std::string, std::string> idToFile;
    for (const auto& file : files) {
        ++totals.lessons;
        core::LessonLoad load = core::loadLessonFile(file, registry);
        if (!load.ok()) {
            ++totals.unloadable;
            badInput = true;
            out << "BAD   " << file << ": does not load\n";
            for (const auto& e : load.errors) out << "      " << core::oneLine(e) << "\n";
            continue;
        }
        const core::Lesson& lesson = *load.lesson;
        if (auto [it, fresh] = idToFile.emplace(lesson.id, file); !fresh) {
            ++totals.unloadable;
            badInput = true;
            out << "BAD   " << file << ":/id: lesson id '" << lesson.id << "' is also used by "
                << it->second << "\n";
            continue;
        }
        printCheck(lesson, core::checkLesson(lesson, registry), out, totals);
    }
    out << "\n" << totals.lessons << " lessons: " << totals.passed << " passed, " << totals.failed
        << " failed, " << totals.unloadable << " did not load; " << totals.claims
        << " claims checked, " << totals.predicts << " predict answers computed\n";
    if (badInput) return kExitBadInput;
    return totals.failed > 0 ? kExitViolation : kExitOk;
}

}  // namespace sb::app
