#pragma once

#include <QString>
#include <QWidget>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sim/action.h"

namespace sb::widgets {

class SimController;

// A panel a topic adds to the workspace because the generic vocabulary cannot show it (the hash
// ring's load-spread curve). The window docks it and activates it only while a run of its topic
// is loaded, so a panel never has to ask which topic is running.
class TopicPanel : public QWidget {
    Q_OBJECT
public:
    using QWidget::QWidget;
    // Called when a run is loaded: on for a run of the panel's topic, off for any other.
    virtual void activate(bool on) = 0;
    // Whether the run just activated for is one this panel has something to show about: only
    // then is it brought in front of its tab neighbour, so a lesson opens on what its narration
    // talks about (the load-spread curve places a ring by its points; hash mod N has none).
    virtual bool showsTheRun() const { return true; }
};

struct TopicPanelSpec {
    QString title;       // the dock's title ("Load spread")
    QString objectName;  // the dock's object name, kept in saved window layouts ("SpreadDock")
    std::function<TopicPanel*(SimController* controller, QWidget* parent)> create;
};

// What clicking a key on the scene or in the key table means for a topic: an Action (so it is
// undoable and saved with the session) and the words for the undo stack.
struct KeyGesture {
    std::function<core::Action(const std::string& key)> action;
    std::function<QString(const QString& key)> describe;
};

// Everything a topic adds to the widgets, keyed by its core topic id.
struct TopicUi {
    std::string topic;
    std::vector<TopicPanelSpec> panels;
    std::optional<KeyGesture> keyGesture;
};

// The explicit list of topic UIs (no static self-registration: static libraries drop
// unreferenced objects). Only topics with something of their own appear in it.
class TopicUiRegistry {
public:
    void add(TopicUi ui);
    const TopicUi* find(const std::string& topic) const;
    const std::vector<TopicUi>& all() const { return m_uis; }

private:
    std::vector<TopicUi> m_uis;
};

// One line per topic with a UI of its own, in widgets/topics/builtin_topic_uis.cpp.
void registerBuiltinTopicUis(TopicUiRegistry& registry);

}  // namespace sb::widgets
