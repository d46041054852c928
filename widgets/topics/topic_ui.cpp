#include "topics/topic_ui.h"

#include <algorithm>

namespace sb::widgets {

void TopicUiRegistry::add(TopicUi ui) {
    // A second registration for the same topic merges into the first rather than shadowing it.
    for (auto& existing : m_uis) {
        if (existing.topic != ui.topic) continue;
        for (auto& panel : ui.panels) existing.panels.push_back(std::move(panel));
        if (ui.keyGesture) existing.keyGesture = std::move(ui.keyGesture);
        return;
    }
    m_uis.push_back(std::move(ui));
}

const TopicUi* TopicUiRegistry::find(const std::string& topic) const {
    const auto it = std::find_if(m_uis.begin(), m_uis.end(), [&](const TopicUi& ui) { return ui.topic == topic; });
    return it == m_uis.end() ? nullptr : &*it;
}

}  // namespace sb::widgets
