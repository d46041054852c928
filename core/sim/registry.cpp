#include "sim/registry.h"

namespace sb::core {

void TopicRegistry::add(TopicInfo info, Factory factory) {
    m_entries.push_back(Entry{std::move(info), std::move(factory)});
}

const TopicInfo* TopicRegistry::find(const std::string& id) const {
    for (const auto& e : m_entries)
        if (e.info.id == id) return &e.info;
    return nullptr;
}

std::unique_ptr<Model> TopicRegistry::create(const std::string& id) const {
    for (const auto& e : m_entries)
        if (e.info.id == id) return e.factory();
    return nullptr;
}

std::vector<std::string> TopicRegistry::ids() const {
    std::vector<std::string> out;
    for (const auto& e : m_entries) out.push_back(e.info.id);
    return out;
}

}  // namespace sb::core
