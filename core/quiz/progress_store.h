#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "quiz/progress.h"
#include "sim/result.h"

namespace sb::core::quiz {

// What load() found. Every outcome except RefusedNewer and Unreadable leaves the store able to
// save; those two leave the file untouched and make save() refuse, so a file we cannot
// understand is never overwritten.
enum class LoadOutcome {
    Fresh,               // no file and no backups: a first run
    Loaded,              // the file was good
    RestoredFromBackup,  // the file was missing or damaged; a backup was loaded
    StartedOver,         // the file was damaged and no backup was good: empty progress
    RefusedNewer,        // written by a newer version: not loaded, never overwritten
    Unreadable,          // exists but cannot be read (permissions, I/O): not overwritten
};

struct LoadReport {
    LoadOutcome outcome = LoadOutcome::Fresh;
    std::string message;                // one sentence for the user
    std::string loadedFrom;             // the file actually loaded, if any
    std::vector<std::string> setAside;  // damaged files renamed to "<path>.corrupt-<n>"
    std::vector<Error> details;         // the technical reasons (file:line:col, JSON pointer)
    // Set when the file loaded was an older format and was upgraded in memory: the original
    // bytes are kept as "<path>.v<old version>" (written once, never overwritten).
    std::string keptOldFormat;
};

struct StoreOptions {
    int backups = 3;                             // progress.json.1 .. .3
    std::size_t maxBytes = std::size_t{64} * 1024 * 1024;  // larger files are treated as damaged
};

// The progress file on disk. The path is chosen by the caller (the GUI uses the platform's
// app-data folder). Saves go through writeFileAtomically with rotating backups.
class ProgressStore {
public:
    explicit ProgressStore(std::string path, StoreOptions options = {});

    // Reads the file, falling back to the newest good backup, which is then written back as the
    // file at once (so the next load finds it and reports nothing); damaged files are renamed to
    // "<path>.corrupt-<n>" (never deleted). Replaces progress() with what was loaded. An
    // older-format file is migrated (see progress_json.h) after a copy of it is kept; if that
    // copy cannot be written, saving is refused so the old file is never the only casualty.
    LoadReport load();

    Progress& progress() { return m_progress; }
    const Progress& progress() const { return m_progress; }
    const std::string& path() const { return m_path; }

    // Saves atomically, bumping progress().saveCount. Refuses after RefusedNewer/Unreadable.
    Status save();
    bool canSave() const { return m_refusal.empty(); }

    // Writes the progress to another file (same format, atomically, no backups).
    Status exportTo(const std::string& file) const;
    // Merges another progress file in (see mergeProgress: histories united by item id, the
    // most recently reviewed side's scheduler state wins). Damaged or newer files are refused
    // with the reason and change nothing. The caller saves afterwards.
    Result<MergeSummary> importFrom(const std::string& file);

private:
    void keepOldFormat(const std::string& text, int version, LoadReport& report);

    std::string m_path;
    StoreOptions m_options;
    Progress m_progress;
    std::string m_refusal;  // why saving is refused; empty when saving is allowed
};

}  // namespace sb::core::quiz
