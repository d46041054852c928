#pragma once

#include <QMainWindow>

#include "sim/registry.h"

class QDockWidget;

namespace sb::widgets {
class SceneView;
class SimController;
}  // namespace sb::widgets

namespace sb::app {

// The workspace: the scene in the middle, docks for the lesson browser, lesson pane and plots.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(const core::TopicRegistry& registry, QWidget* parent = nullptr);

    widgets::SimController& controller() { return *m_controller; }

private:
    void buildMenus();
    QDockWidget* addDock(const QString& title, const QString& objectName, QWidget* content,
                         Qt::DockWidgetArea area);
    void showAbout();
    void refresh();

    widgets::SimController* m_controller = nullptr;
    widgets::SceneView* m_scene = nullptr;
};

}  // namespace sb::app
