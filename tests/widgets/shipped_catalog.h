#pragma once
// The shipped lessons, for Qt tests that walk every lesson: the built-in topics registered into
// `registry` (which must outlive the catalog) and the lessons folder loaded.

#include <memory>

#include "gui/lesson_folders.h"
#include "lesson/lesson_catalog.h"
#include "sim/registry.h"

namespace sb::test {

inline std::unique_ptr<core::LessonCatalog> shippedCatalog(core::TopicRegistry& registry) {
    core::registerBuiltinTopics(registry);
    auto catalog = std::make_unique<core::LessonCatalog>(registry);
    catalog->load(app::shippedLessonsDir().toStdString(), {});
    return catalog;
}

}  // namespace sb::test
