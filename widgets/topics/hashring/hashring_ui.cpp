#include "topics/hashring/hashring_ui.h"

#include <QCoreApplication>

#include "topics/hashring/spread_plot.h"
#include "topics/topic_ui.h"

namespace sb::widgets {

void registerHashringUi(TopicUiRegistry& registry) {
    TopicUi ui;
    ui.topic = "hashring";
    ui.panels.push_back({QCoreApplication::translate("HashringUi", "Load spread"), QStringLiteral("SpreadDock"),
                         [](SimController* controller, QWidget* parent) -> TopicPanel* {
                             return new SpreadPlot(controller, parent);
                         }});
    // Clicking a key looks it up; the banner then shows its hash, owner and replicas.
    ui.keyGesture = KeyGesture{[](const std::string& key) {
                                   core::Action a;
                                   a.kind = "lookup";
                                   a.args["key"] = key;
                                   return a;
                               },
                               [](const QString& key) { return QCoreApplication::translate("HashringUi", "Look up %1").arg(key); }};
    registry.add(std::move(ui));
}

}  // namespace sb::widgets
