#pragma once

#include <QWidget>
#include <array>
#include <optional>

#include "sim/event.h"

class QLabel;
class QPushButton;
class QTreeWidget;

namespace sb::widgets {

class SimController;

// The delays offered for a message in flight, the same in the inspector and the context menu.
inline constexpr std::array<int, 2> kMessageDelaysMs{50, 200};

// The selected node's or message's state as the topic describes it (Model::inspectNode /
// inspectMessage), refreshed as the run moves. A message can be dropped or delayed from here.
class InspectorPanel : public QWidget {
    Q_OBJECT
public:
    InspectorPanel(SimController* controller, QWidget* parent = nullptr);

    void inspectNode(core::NodeId node);
    void inspectMessage(core::MsgId id);
    void clear();
    void refresh();
    QTreeWidget* table() const { return m_table; }

private:
    void setRows(const QString& title, const std::vector<std::pair<QString, QString>>& rows);

    SimController* m_controller;
    QLabel* m_title;
    QTreeWidget* m_table;
    QPushButton* m_drop;
    std::vector<QPushButton*> m_delays;
    std::optional<core::NodeId> m_node;
    std::optional<core::MsgId> m_message;
};

}  // namespace sb::widgets
