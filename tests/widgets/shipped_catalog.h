#pragma once
// The shipped lessons, for Qt tests that walk every lesson: the built-in topics registered into
// `registry` (which must outlive the catalog) and the lessons folder loaded. ShippedLessonsTest is
// the base of a Qt test that walks them: it loads them once and fails on any Qt warning.

#include <memory>

#include "gui/lesson_folders.h"
#include "lesson/lesson_catalog.h"
#include "sim/registry.h"
#include "test_support.h"

namespace sb::test {

inline std::unique_ptr<core::LessonCatalog> shippedCatalog(core::TopicRegistry& registry) {
    core::registerBuiltinTopics(registry);
    auto catalog = std::make_unique<core::LessonCatalog>(registry);
    catalog->load(app::shippedLessonsDir().toStdString(), {});
    return catalog;
}

class ShippedLessonsTest : public WarningFreeTest {
    Q_OBJECT
protected:
    core::TopicRegistry m_registry;
    std::unique_ptr<core::LessonCatalog> m_catalog;
private slots:
    void initTestCase() {
        m_catalog = shippedCatalog(m_registry);
        QVERIFY(m_catalog->errors().empty());
        QVERIFY(m_catalog->lessons().size() >= 28);
    }
};

}  // namespace sb::test
