#pragma once

#include <QObject>
#include <QString>
#include <string>
#include <vector>

class QDockWidget;
class QMainWindow;

namespace sb::widgets {

class SimController;
class TopicPanel;
class TopicUiRegistry;
struct KeyGesture;

// Docks every panel the topic UI registry offers, tabbed beside a given dock, and shows each
// only while a run of its topic is loaded (hidden when its topic goes). At each load a shown
// panel comes to the front of its tabs if it has something to show about the run, and gives the
// front back to the dock it is tabbed beside if not.
// The window that owns it names no topic.
class TopicDocks : public QObject {
    Q_OBJECT
public:
    TopicDocks(const TopicUiRegistry& registry, SimController* controller, QMainWindow* window,
               QDockWidget* tabBeside);

    // The panel docked under `objectName` ("SpreadDock"), or null.
    TopicPanel* panel(const QString& objectName) const;
    QDockWidget* dock(const QString& objectName) const;
    // What clicking a key means for the loaded run's topic, or null if nothing.
    const KeyGesture* keyGesture() const;

private:
    void onLoaded();

    struct Docked {
        std::string topic;
        QDockWidget* dock;
        TopicPanel* panel;
        bool active;
    };
    const TopicUiRegistry& m_registry;
    SimController* m_controller;
    std::vector<Docked> m_docked;
    QDockWidget* m_tabBeside;
    std::string m_topic;
};

}  // namespace sb::widgets
