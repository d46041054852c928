#include "quiz/progress_store.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <system_error>

#include "quiz/atomic_file.h"
#include "quiz/progress_json.h"

namespace sb::core::quiz {

namespace fs = std::filesystem;

namespace {

enum class FileState { Missing, Unreadable, Damaged, Newer, Good };

struct Examined {
    FileState state = FileState::Missing;
    Progress progress;
    Error error;
    int version = 0;
    std::string text;  // kept for an older-format file, to save a copy before migrating
};

Examined examine(const std::string& file, std::size_t maxBytes) {
    Examined out;
    std::error_code ec;
    const auto status = fs::status(file, ec);
    if (ec || !fs::exists(status)) {
        // ENOENT is "missing"; anything else (EACCES on the folder...) we cannot judge.
        out.state = (!ec || ec == std::errc::no_such_file_or_directory) ? FileState::Missing
                                                                        : FileState::Unreadable;
        out.error = makeError("cannot inspect file: " + ec.message(), file);
        return out;
    }
    const auto size = fs::file_size(file, ec);
    if (!ec && size > maxBytes) {
        out.state = FileState::Damaged;
        out.error = makeError(
            "file is " + std::to_string(size) + " bytes; the limit is " + std::to_string(maxBytes),
            file);
        return out;
    }
    std::ifstream in(file, std::ios::binary);
    std::string text;
    if (in && !ec) {
        text.resize(static_cast<std::size_t>(size));
        in.read(text.data(), static_cast<std::streamsize>(size));
    }
    if (!in || ec || !fs::is_regular_file(status)) {
        out.state = FileState::Unreadable;
        out.error = makeError("cannot read file", file);
        return out;
    }
    if (text.empty()) {
        out.state = FileState::Damaged;
        out.error = makeError("file is empty", file);
        return out;
    }
    ProgressParse parsed = progressFromJson(text, file, maxBytes);
    if (parsed.ok()) {
        out.state = FileState::Good;
        out.progress = std::move(*parsed.progress);
        out.version = parsed.version;
        if (parsed.version < kProgressVersion) out.text = std::move(text);
    } else {
        out.state = parsed.failure.kind == ParseFailure::NewerVersion ? FileState::Newer
                                                                      : FileState::Damaged;
        out.error = parsed.failure.error;
    }
    return out;
}

// Renames a damaged file to the first free "<path>.corrupt-<n>"; returns the new name.
std::string setAside(const std::string& path, const std::string& file) {
    std::error_code ec;
    for (int n = 1; n < 10000; ++n) {
        std::string target = path + ".corrupt-" + std::to_string(n);
        if (fs::exists(target, ec)) continue;
        if (std::rename(file.c_str(), target.c_str()) == 0) return target;
        return {};
    }
    return {};
}

std::string nameOf(const std::string& file) {
    return fs::path(file).filename().string();
}

}  // namespace

ProgressStore::ProgressStore(std::string path, StoreOptions options)
    : m_path(std::move(path)), m_options(options) {}

LoadReport ProgressStore::load() {
    LoadReport report;
    m_progress = Progress{};
    m_refusal.clear();
    const std::string main = nameOf(m_path);
    bool mainMissing = false;
    for (int k = 0; k <= m_options.backups; ++k) {
        const std::string file = k == 0 ? m_path : backupPath(m_path, k);
        Examined e = examine(file, m_options.maxBytes);
        if (e.state == FileState::Missing) {
            mainMissing = mainMissing || k == 0;
            continue;
        }
        if (e.state == FileState::Good) {
            m_progress = std::move(e.progress);
            report.loadedFrom = file;
            report.outcome = k == 0 ? LoadOutcome::Loaded : LoadOutcome::RestoredFromBackup;
            if (e.version < kProgressVersion) keepOldFormat(e.text, e.version, report);
            break;
        }
        report.details.push_back(e.error);
        if (e.state == FileState::Newer || e.state == FileState::Unreadable) {
            const bool newer = e.state == FileState::Newer;
            report.outcome = newer ? LoadOutcome::RefusedNewer : LoadOutcome::Unreadable;
            report.message =
                newer ? nameOf(file) +
                            " was saved by a newer version of Splitbrain, so it was "
                            "left untouched and progress will not be saved until "
                            "you update."
                      : nameOf(file) + " could not be read (" + e.error.message +
                            "), so it was left untouched and progress will not be saved.";
            m_refusal = report.message;
            return report;
        }
        const std::string aside = setAside(m_path, file);
        if (!aside.empty()) {
            report.setAside.push_back(aside);
        } else if (k == 0) {
            // It could not be moved out of the way; a save would overwrite it, so refuse.
            m_refusal = main + " is damaged and could not be set aside";
        }
    }
    const std::string kept =
        report.setAside.empty() ? std::string() : nameOf(report.setAside.front());
    const std::string keptClause =
        kept.empty() ? "" : " (the damaged file was kept as " + kept + ")";
    const std::string upgraded =
        report.keptOldFormat.empty()
            ? ""
            : " and upgraded for the FSRS scheduler (the old file was kept as " +
                  nameOf(report.keptOldFormat) + ")";
    switch (report.outcome) {
        case LoadOutcome::Loaded:
            report.message = "Progress loaded from " + main + upgraded + ".";
            break;
        case LoadOutcome::RestoredFromBackup:
            report.message = main + (mainMissing ? " was missing" : " was damaged") +
                             ", so your progress was restored from the backup " +
                             nameOf(report.loadedFrom) + keptClause + upgraded + ".";
            break;
        default:
            report.outcome = report.setAside.empty() && report.details.empty()
                                 ? LoadOutcome::Fresh
                                 : LoadOutcome::StartedOver;
            report.message = report.outcome == LoadOutcome::Fresh
                                 ? "No saved progress yet, so you start fresh."
                                 : main +
                                       " was damaged and no good backup was found, so "
                                       "progress starts fresh" +
                                       keptClause + ".";
    }
    if (!m_refusal.empty() && (report.outcome == LoadOutcome::Loaded ||
                               report.outcome == LoadOutcome::RestoredFromBackup))
        report.message += " Progress will not be saved: " + m_refusal + ".";
    // Written back at once: left missing, the main file would make every later launch restore
    // (and report) the same backup again until the next answer saved it.
    if (report.outcome == LoadOutcome::RestoredFromBackup && canSave()) {
        if (Status s = save(); !s) {
            report.details.push_back(s.error());
            report.message += " It could not be written back yet (" + s.error().message + ").";
        }
    }
    return report;
}

void ProgressStore::keepOldFormat(const std::string& text, int version, LoadReport& report) {
    const std::string copy = m_path + ".v" + std::to_string(version);
    std::error_code ec;
    // A copy from an earlier load is the original: never replace it with a later file.
    if (fs::exists(copy, ec) || writeFileAtomically(copy, text, 0)) {
        report.keptOldFormat = copy;
        return;
    }
    m_refusal = "a copy of the old-format progress file could not be kept as " + nameOf(copy);
    report.details.push_back(makeError(m_refusal, copy));
}

Status ProgressStore::save() {
    if (!canSave()) return makeError("progress not saved: " + m_refusal, m_path);
    Progress next = m_progress;
    next.saveCount += 1;
    if (Status s = writeFileAtomically(m_path, progressToJson(next), m_options.backups); !s)
        return s;
    m_progress.saveCount = next.saveCount;
    return {};
}

Status ProgressStore::exportTo(const std::string& file) const {
    return writeFileAtomically(file, progressToJson(m_progress), 0);
}

Result<MergeSummary> ProgressStore::importFrom(const std::string& file) {
    Examined e = examine(file, m_options.maxBytes);
    switch (e.state) {
        case FileState::Good:
            return mergeProgress(m_progress, e.progress);
        case FileState::Missing:
            return makeError("file not found", file);
        case FileState::Newer:
            return makeError("cannot import: it was saved by a newer version of Splitbrain", file);
        default:
            return makeError("cannot import: " + e.error.text(), file);
    }
}

}  // namespace sb::core::quiz
