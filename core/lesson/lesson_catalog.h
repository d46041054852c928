#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "lesson/lesson.h"
#include "lesson/lesson_loader.h"
#include "sim/registry.h"
#include "sim/result.h"

namespace sb::core {

// The display order of topics and lessons, from lessons/manifest.json:
//   {"schemaVersion": 1, "topics": ["ping", "hashring", ...],
//    "lessons": {"ping": ["ping-silence", ...], ...}}
// Lessons not listed come after the listed ones of their topic, by title.
struct Manifest {
    std::vector<std::string> topics;
    std::vector<std::pair<std::string, std::vector<std::string>>> lessons;  // topic -> ids

    std::size_t topicRank(const std::string& topic) const;
    std::size_t lessonRank(const std::string& topic, const std::string& id) const;
};
Result<Manifest> loadManifest(const std::string& path);

// One lesson file the catalog knows about. `lesson` is the last version that loaded; `errors`
// are the problems of the current file content (a broken edit keeps the last good lesson).
struct CatalogEntry {
    std::string path;
    bool user = false;  // from the user's folder rather than the shipped one
    std::optional<Lesson> lesson;
    std::vector<Error> errors;
};

// The shipped lessons folder plus the user's own (the GUI passes QStandardPaths' location).
// Bad files are recorded and skipped; nothing stops the catalog from loading the others.
class LessonCatalog {
public:
    explicit LessonCatalog(const TopicRegistry& registry, LessonLimits limits = {});

    // Reads every *.json under `shippedDir` (recursively, except schema/ and manifest.json)
    // and under `userDir` (may be empty or missing). Replaces the current contents. The
    // manifest is `shippedDir`/manifest.json; a missing one only means default order.
    void load(const std::string& shippedDir, const std::string& userDir = {});
    // Re-reads one file (the GUI's file watcher calls this). A new path is added. When the new
    // content is broken the last good lesson stays and the error is returned and kept.
    Status reload(const std::string& path);
    // Forgets a file that disappeared.
    void remove(const std::string& path);

    // Lessons that loaded, in manifest order (topic, listed order, then title). A lesson whose id
    // an earlier file already uses is left out (and reported by errors()).
    std::vector<const Lesson*> lessons() const;
    const Lesson* find(const std::string& id) const;
    const CatalogEntry* entry(const std::string& path) const;
    const std::vector<CatalogEntry>& entries() const { return m_entries; }
    // Every problem: bad files, duplicate ids, manifest errors.
    std::vector<Error> errors() const;
    // The files the GUI should watch (every entry's path).
    std::vector<std::string> files() const;
    const std::string& shippedDir() const { return m_shippedDir; }
    const std::string& userDir() const { return m_userDir; }

private:
    void loadInto(CatalogEntry& entry);
    std::vector<bool> shadowed() const;

    const TopicRegistry* m_registry;
    LessonLimits m_limits;
    std::string m_shippedDir;
    std::string m_userDir;
    Manifest m_manifest;
    std::vector<Error> m_manifestErrors;
    std::vector<CatalogEntry> m_entries;  // shipped files, then the user's, each by path
};

// Lists the lesson files under a folder (sorted; skips schema/ and manifest.json).
std::vector<std::string> lessonFilesIn(const std::string& dir);

}  // namespace sb::core
