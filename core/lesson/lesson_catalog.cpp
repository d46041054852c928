#include "lesson/lesson_catalog.h"

#include <algorithm>
#include <filesystem>
#include <limits>
#include <set>
#include <system_error>
#include <tuple>

#include "sim/json_io.h"

namespace sb::core {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kUnranked = std::numeric_limits<std::size_t>::max();

std::size_t indexIn(const std::vector<std::string>& list, const std::string& value) {
    auto it = std::find(list.begin(), list.end(), value);
    return it == list.end() ? kUnranked : static_cast<std::size_t>(it - list.begin());
}

}  // namespace

std::size_t Manifest::topicRank(const std::string& topic) const { return indexIn(topics, topic); }

std::size_t Manifest::lessonRank(const std::string& topic, const std::string& id) const {
    for (const auto& [t, ids] : lessons)
        if (t == topic) return indexIn(ids, id);
    return kUnranked;
}

Result<Manifest> loadManifest(const std::string& path) {
    constexpr std::size_t kMaxManifestBytes = std::size_t{256} * 1024;
    auto text = readTextFile(path, kMaxManifestBytes);
    if (!text) return text.error();
    auto doc = parseJsonText(text.value(), path, JsonLimits{kMaxManifestBytes, 8});
    if (!doc) return doc.error();
    const auto& j = doc.value();
    if (!j.is_object()) return makeError("the manifest must be a JSON object", path + ":/");
    Manifest m;
    if (auto v = j.find("schemaVersion"); v != j.end() && (!v->is_number_integer() || v->get<std::int64_t>() > 1))
        return makeError("unsupported manifest schemaVersion " + v->dump(), path + ":/schemaVersion");
    if (auto t = j.find("topics"); t != j.end()) {
        if (!t->is_array()) return makeError("expected a list of topic ids", path + ":/topics");
        for (std::size_t i = 0; i < t->size(); ++i) {
            if (!(*t)[i].is_string()) return makeError("expected a topic id", path + ":/topics/" + std::to_string(i));
            m.topics.push_back((*t)[i].get<std::string>());
        }
    }
    if (auto l = j.find("lessons"); l != j.end()) {
        if (!l->is_object()) return makeError("expected an object: topic -> lesson ids", path + ":/lessons");
        for (auto it = l->begin(); it != l->end(); ++it) {
            const std::string at = path + ":/lessons/" + it.key();
            if (!it->is_array()) return makeError("expected a list of lesson ids", at);
            std::vector<std::string> ids;
            for (std::size_t i = 0; i < it->size(); ++i) {
                if (!(*it)[i].is_string()) return makeError("expected a lesson id", at + "/" + std::to_string(i));
                ids.push_back((*it)[i].get<std::string>());
            }
            m.lessons.emplace_back(it.key(), std::move(ids));
        }
    }
    return m;
}

std::vector<std::string> lessonFilesIn(const std::string& dir) {
    std::vector<std::string> files;
    std::error_code ec;
    if (dir.empty() || !fs::is_directory(dir, ec)) return files;
    fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        const fs::path& p = it->path();
        if (it->is_directory(ec)) {
            if (p.filename() == "schema") it.disable_recursion_pending();
            continue;
        }
        if (p.extension() != ".json" || p.filename() == "manifest.json") continue;
        if (!it->is_regular_file(ec)) continue;
        files.push_back(p.lexically_normal().string());
    }
    std::sort(files.begin(), files.end());
    return files;
}

LessonCatalog::LessonCatalog(const TopicRegistry& registry, LessonLimits limits)
    : m_registry(&registry), m_limits(limits) {}

void LessonCatalog::loadInto(CatalogEntry& entry) {
    LessonLoad load = loadLessonFile(entry.path, *m_registry, m_limits);
    if (load.ok()) {
        entry.lesson = std::move(load.lesson);
        entry.errors.clear();
    } else {
        entry.errors = std::move(load.errors);  // the last good lesson, if any, stays
    }
}

void LessonCatalog::load(const std::string& shippedDir, const std::string& userDir) {
    m_shippedDir = shippedDir;
    m_userDir = userDir;
    m_entries.clear();
    m_manifest = {};
    m_manifestErrors.clear();
    const std::string manifestPath = (fs::path(shippedDir) / "manifest.json").string();
    std::error_code ec;
    if (!shippedDir.empty() && fs::exists(manifestPath, ec)) {
        auto manifest = loadManifest(manifestPath);
        if (manifest) m_manifest = std::move(manifest.value());
        else m_manifestErrors.push_back(manifest.error());
    }
    for (const auto& [dir, user] : {std::pair{shippedDir, false}, std::pair{userDir, true}}) {
        for (const auto& path : lessonFilesIn(dir)) {
            CatalogEntry entry;
            entry.path = path;
            entry.user = user;
            loadInto(entry);
            m_entries.push_back(std::move(entry));
        }
    }
}

Status LessonCatalog::reload(const std::string& path) {
    const std::string normal = fs::path(path).lexically_normal().string();
    auto it = std::find_if(m_entries.begin(), m_entries.end(),
                           [&](const CatalogEntry& e) { return e.path == normal; });
    if (it == m_entries.end()) {
        CatalogEntry entry;
        entry.path = normal;
        entry.user = !m_userDir.empty() && normal.rfind(fs::path(m_userDir).lexically_normal().string(), 0) == 0;
        m_entries.push_back(std::move(entry));
        it = m_entries.end() - 1;
    }
    loadInto(*it);
    if (!it->errors.empty()) return it->errors.front();
    return {};
}

void LessonCatalog::remove(const std::string& path) {
    const std::string normal = fs::path(path).lexically_normal().string();
    m_entries.erase(std::remove_if(m_entries.begin(), m_entries.end(),
                                   [&](const CatalogEntry& e) { return e.path == normal; }),
                    m_entries.end());
}

// Entries whose lesson id an earlier entry already uses (shipped lessons come first).
std::vector<bool> LessonCatalog::shadowed() const {
    std::vector<bool> out(m_entries.size(), false);
    std::set<std::string> ids;
    for (std::size_t i = 0; i < m_entries.size(); ++i)
        if (m_entries[i].lesson && !ids.insert(m_entries[i].lesson->id).second) out[i] = true;
    return out;
}

std::vector<const Lesson*> LessonCatalog::lessons() const {
    std::vector<const Lesson*> out;
    const auto hidden = shadowed();
    for (std::size_t i = 0; i < m_entries.size(); ++i)
        if (m_entries[i].lesson && !hidden[i]) out.push_back(&*m_entries[i].lesson);
    std::stable_sort(out.begin(), out.end(), [this](const Lesson* a, const Lesson* b) {
        auto key = [this](const Lesson* l) {
            return std::tuple(m_manifest.topicRank(l->topic), l->topic,
                              m_manifest.lessonRank(l->topic, l->id), l->title, l->file);
        };
        return key(a) < key(b);
    });
    return out;
}

const Lesson* LessonCatalog::find(const std::string& id) const {
    for (const Lesson* l : lessons())
        if (l->id == id) return l;
    return nullptr;
}

const CatalogEntry* LessonCatalog::entry(const std::string& path) const {
    const std::string normal = fs::path(path).lexically_normal().string();
    for (const auto& e : m_entries)
        if (e.path == normal) return &e;
    return nullptr;
}

std::vector<Error> LessonCatalog::errors() const {
    std::vector<Error> out = m_manifestErrors;
    const auto hidden = shadowed();
    for (std::size_t i = 0; i < m_entries.size(); ++i) {
        out.insert(out.end(), m_entries[i].errors.begin(), m_entries[i].errors.end());
        if (hidden[i])
            out.push_back(Error{"lesson id '" + m_entries[i].lesson->id + "' is already used by another file; this one is ignored",
                                m_entries[i].path + ":/id"});
    }
    return out;
}

std::vector<std::string> LessonCatalog::files() const {
    std::vector<std::string> out;
    for (const auto& e : m_entries) out.push_back(e.path);
    return out;
}

}  // namespace sb::core
