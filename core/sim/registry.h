#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "sim/model.h"

namespace sb::core {

// Topic id -> static description and a factory. Built explicitly by registerBuiltinTopics():
// static self-registration would be silently dropped by the linker from a static library.
class TopicRegistry {
public:
    using Factory = std::function<std::unique_ptr<Model>()>;

    void add(TopicInfo info, Factory factory);
    const TopicInfo* find(const std::string& id) const;
    std::unique_ptr<Model> create(const std::string& id) const;
    std::vector<std::string> ids() const;

private:
    struct Entry {
        TopicInfo info;
        Factory factory;
    };
    std::vector<Entry> m_entries;
};

// Adds every topic shipped with Splitbrain. One line per topic in topics/builtin_topics.cpp.
void registerBuiltinTopics(TopicRegistry& registry);

}  // namespace sb::core
