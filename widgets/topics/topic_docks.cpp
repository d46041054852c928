#include "topics/topic_docks.h"

#include <QDockWidget>
#include <QMainWindow>

#include "sim_controller.h"
#include "topics/topic_ui.h"

namespace sb::widgets {

TopicDocks::TopicDocks(const TopicUiRegistry& registry, SimController* controller, QMainWindow* window,
                       QDockWidget* tabBeside)
    : QObject(window), m_registry(registry), m_controller(controller) {
    for (const TopicUi& ui : registry.all()) {
        for (const TopicPanelSpec& spec : ui.panels) {
            TopicPanel* panel = spec.create(controller, window);
            auto* dock = new QDockWidget(spec.title, window);
            dock->setObjectName(spec.objectName);
            dock->setAccessibleName(spec.title);
            dock->setWidget(panel);
            window->addDockWidget(Qt::BottomDockWidgetArea, dock);
            if (tabBeside) window->tabifyDockWidget(tabBeside, dock);
            dock->hide();
            m_docked.push_back({ui.topic, dock, panel, false});
        }
    }
    connect(controller, &SimController::loaded, this, &TopicDocks::onLoaded);
}

void TopicDocks::onLoaded() {
    const core::Timeline* t = m_controller->timeline();
    m_topic = t ? t->model().info().id : std::string();
    for (Docked& d : m_docked) {
        const bool active = d.topic == m_topic;
        d.panel->activate(active);
        // Only a change of topic shows or hides the dock: a learner who closed it keeps it closed
        // across lessons of the same topic.
        if (active == d.active) continue;
        d.active = active;
        d.dock->setVisible(active);
        if (active) d.dock->raise();
    }
}

TopicPanel* TopicDocks::panel(const QString& objectName) const {
    for (const Docked& d : m_docked)
        if (d.dock->objectName() == objectName) return d.panel;
    return nullptr;
}

QDockWidget* TopicDocks::dock(const QString& objectName) const {
    for (const Docked& d : m_docked)
        if (d.dock->objectName() == objectName) return d.dock;
    return nullptr;
}

const KeyGesture* TopicDocks::keyGesture() const {
    const TopicUi* ui = m_registry.find(m_topic);
    return ui && ui->keyGesture ? &*ui->keyGesture : nullptr;
}

}  // namespace sb::widgets
