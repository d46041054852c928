#include "topics/topic_docks.h"

#include <QDockWidget>
#include <QMainWindow>

#include "sim_controller.h"
#include "topics/topic_ui.h"

namespace sb::widgets {

TopicDocks::TopicDocks(const TopicUiRegistry& registry, SimController* controller, QMainWindow* window,
                       QDockWidget* tabBeside)
    : QObject(window), m_registry(registry), m_controller(controller), m_tabBeside(tabBeside) {
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
        if (active != d.active) {
            d.active = active;
            d.dock->setVisible(active);
        }
        if (!active || d.dock->isHidden()) continue;
        // Which tab is in front follows the run: the hash mod N lesson opened on the load-spread
        // curve, which has nothing to say about it, over the plots its narration reads.
        if (d.panel->showsTheRun()) d.dock->raise();
        else if (m_tabBeside && !m_tabBeside->isHidden()) m_tabBeside->raise();
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
