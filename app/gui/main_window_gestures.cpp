// Gestures on the scene, turned into core Actions through the controller (and so undoable).
#include <QMenu>
#include <algorithm>
#include <QStatusBar>
#include <QUndoStack>

#include "gui/main_window.h"
#include "gui/workspace_state.h"
#include "panels/action_dialog.h"
#include "panels/inspector_panel.h"
#include "panels/key_rows_panel.h"
#include "panels/view_panels.h"
#include "scene/graph_scene.h"
#include "scene/scene_view.h"
#include "sim/labels.h"
#include "sim_controller.h"
#include "topics/topic_docks.h"
#include "topics/topic_ui.h"

namespace sb::app {

namespace {

QString label(const core::ActionSpec& spec) { return QString::fromStdString(core::labelOf(spec)); }

// Generic kinds with their own gesture; the rest of a topic's single-node actions go in the menu.
bool hasOwnGesture(const std::string& kind) {
    return kind == "crash" || kind == "restart" || kind == "move" || kind == "drop" || kind == "delay" ||
           kind == "cut" || kind == "uncut" || kind == "partition" || kind == "heal" || kind == "set";
}

}  // namespace

void MainWindow::connectGestures() {
    widgets::GraphScene* graph = m_scene->graph();
    connect(graph, &widgets::GraphScene::nodeMoveRequested, this, &MainWindow::moveNode);
    connect(graph, &widgets::GraphScene::groupMoveRequested, this, &MainWindow::moveNodes);
    connect(graph, &widgets::GraphScene::nodeMenu, this, &MainWindow::nodeMenu);
    connect(graph, &widgets::GraphScene::messageMenu, this, &MainWindow::messageMenu);
    connect(graph, &widgets::GraphScene::keySelected, this, &MainWindow::keyGesture);
    connect(m_viewPanels->keys(), &widgets::KeyRowsPanel::keyClicked, this, &MainWindow::keyGesture);
    connect(graph, &widgets::GraphScene::nodeSelected, m_inspector, &widgets::InspectorPanel::inspectNode);
    connect(graph, &widgets::GraphScene::messageSelected, m_inspector, &widgets::InspectorPanel::inspectMessage);
}

// Clicking a key (on the scene or in the key table) does what the loaded topic's UI says, if
// anything: an Action like any other, so it is undoable and saved.
void MainWindow::keyGesture(const QString& key) {
    const widgets::KeyGesture* gesture = m_topicDocks->keyGesture();
    if (!gesture) return;
    perform(gesture->action(key.toStdString()), gesture->describe(key));
}

void MainWindow::perform(core::Action action, const QString& description) {
    if (core::Status s = m_controller->perform(std::move(action), description); !s)
        statusBar()->showMessage(tr("Not possible: %1").arg(QString::fromStdString(s.error().text())), 8000);
    else
        statusBar()->showMessage(description, 4000);
}

void MainWindow::moveNode(core::NodeId node, int zone) {
    const core::Timeline* t = m_controller->timeline();
    if (!t) return;
    const auto names = t->model().nodeNames();
    const auto i = static_cast<std::size_t>(node);
    if (node < 0 || i >= names.size()) return;
    core::Action a;
    a.kind = "move";
    a.args["node"] = names[i];
    a.args["zone"] = zone;
    perform(a, zone == 0 ? tr("Move %1 back to the main zone").arg(QString::fromStdString(names[i]))
                         : tr("Move %1 to zone %2").arg(QString::fromStdString(names[i])).arg(zone));
    refresh();  // snaps the node to its place even if the move was refused
}

void MainWindow::moveNodes(const std::vector<core::NodeId>& nodes, int zone) {
    // One undo step for the whole group: a macro of one move action per node.
    QStringList names;
    const core::Timeline* t = m_controller->timeline();
    if (!t) return;
    const auto all = t->model().nodeNames();
    for (core::NodeId n : nodes)
        if (n >= 0 && static_cast<std::size_t>(n) < all.size()) names << QString::fromStdString(all[static_cast<std::size_t>(n)]);
    const QString text = zone == 0 ? tr("Move %1 back to the main zone").arg(names.join(QStringLiteral(", ")))
                                   : tr("Move %1 to zone %2").arg(names.join(QStringLiteral(", "))).arg(zone);
    m_controller->undoStack()->beginMacro(text);
    for (core::NodeId n : nodes) moveNode(n, zone);
    m_controller->undoStack()->endMacro();
    statusBar()->showMessage(text, 4000);
}

void MainWindow::nodeMenu(core::NodeId node, QPoint screenPos) {
    const core::Timeline* t = m_controller->timeline();
    if (!t) return;
    const auto names = t->model().nodeNames();
    const auto i = static_cast<std::size_t>(node);
    if (node < 0 || i >= names.size()) return;
    const std::string& name = names[i];
    const QString qname = QString::fromStdString(name);
    const core::View view = t->model().view(m_controller->displayTime());
    bool crashed = false;
    int zone = 0;
    for (const auto& n : view.nodes)
        if (n.id == node) {
            crashed = n.crashed;
            zone = n.zone;
        }
    const core::TopicInfo& info = t->model().info();
    auto has = [&info](const std::string& kind) { return info.findAction(kind) != nullptr; };

    QMenu menu(this);
    menu.setAccessibleName(tr("Node actions"));
    menu.addAction(tr("Inspect %1").arg(qname), this, [this, node] { m_inspector->inspectNode(node); });
    menu.addSeparator();
    const char* kind = crashed ? "restart" : "crash";
    if (has(kind)) {
        menu.addAction(crashed ? tr("Restart %1").arg(qname) : tr("Crash %1").arg(qname), this, [=, this] {
            core::Action a;
            a.kind = kind;
            a.args["node"] = name;
            perform(a, crashed ? tr("Restart %1").arg(qname) : tr("Crash %1").arg(qname));
        });
    }
    if (zone != 0 && has("move")) menu.addAction(tr("Move back to the main zone"), this, [this, node] { moveNode(node, 0); });
    if (has("heal") && isPartitioned(view)) {
        menu.addAction(tr("Heal every partition"), this, [this] {
            core::Action a;
            a.kind = "heal";
            perform(a, tr("Heal every partition"));
        });
    }
    if (has("cut") && has("uncut")) oneWayMenu(menu, view, node);
    bool separated = false;
    for (const auto& spec : info.actions) {
        if (hasOwnGesture(spec.kind)) continue;
        const bool takesNode = std::any_of(spec.args.begin(), spec.args.end(),
                                           [](const core::ArgSpec& a) { return a.type == core::ArgType::Node; });
        if (!takesNode) continue;
        if (!separated) menu.addSeparator();
        separated = true;
        const bool ask = widgets::ActionDialog::needsInput(spec, true);
        QAction* a = menu.addAction(tr("%1 at %2").arg(label(spec), QString::fromStdString(name)) + (ask ? tr("…") : QString()));
        a->setToolTip(QString::fromStdString(spec.description));
        connect(a, &QAction::triggered, this, [this, spec, name] { runTopicAction(spec, name); });
    }
    menu.exec(screenPos);
}

void MainWindow::oneWayMenu(QMenu& menu, const core::View& view, core::NodeId node) {
    // A one-way cut: messages from this node to the chosen one are lost, the other way works.
    // Partitions cut both ways and are healed as a whole, so only cuts made here are offered back.
    // A view may leave nodes out (a ring shows members only), so ids are not indexes into it.
    const auto self = std::find_if(view.nodes.begin(), view.nodes.end(),
                                   [node](const core::NodeView& n) { return n.id == node; });
    if (self == view.nodes.end()) return;
    const std::string from = self->name;
    QMenu* sub = menu.addMenu(tr("One-way cut from %1").arg(QString::fromStdString(from)));
    sub->setAccessibleName(tr("One-way cut"));
    for (const auto& other : view.nodes) {
        if (other.id == node) continue;
        const bool cut = std::any_of(view.links.begin(), view.links.end(), [&](const core::LinkView& l) {
            return l.from == node && l.to == other.id && l.cut;
        });
        const QString text = cut ? tr("Restore %1 → %2").arg(QString::fromStdString(from), QString::fromStdString(other.name))
                                 : tr("Lose messages %1 → %2").arg(QString::fromStdString(from), QString::fromStdString(other.name));
        sub->addAction(text, this, [this, cut, from, to = other.name, text] {
            core::Action a;
            a.kind = cut ? "uncut" : "cut";
            a.args["from"] = from;
            a.args["to"] = to;
            perform(a, text);
        });
    }
}

void MainWindow::runTopicAction(const core::ActionSpec& spec, const std::string& node) {
    const core::Timeline* t = m_controller->timeline();
    if (!t) return;
    core::Action action;
    action.kind = spec.kind;
    if (widgets::ActionDialog::needsInput(spec, !node.empty())) {
        widgets::ActionDialog dialog(spec, t->model().nodeNames(), node, this);
        if (dialog.exec() != QDialog::Accepted) return;
        action = dialog.action();
    } else {
        for (const auto& arg : spec.args)
            if (arg.type == core::ArgType::Node) action.args[arg.name] = node;
    }
    perform(action, node.empty() ? label(spec) : tr("%1 at %2").arg(label(spec), QString::fromStdString(node)));
}

void MainWindow::rebuildActionsMenu() {
    m_actionsMenu->clear();
    const core::Timeline* t = m_controller->timeline();
    if (!t) return;
    for (const auto& spec : t->model().info().actions) {
        if (spec.kind == "drop" || spec.kind == "delay" || spec.kind == "move") continue;  // scene gestures
        const bool ask = widgets::ActionDialog::needsInput(spec, false);
        QAction* a = m_actionsMenu->addAction(label(spec) + (ask ? tr("…") : QString()));
        a->setData(QString::fromStdString(spec.kind));
        a->setToolTip(QString::fromStdString(spec.description));
        a->setStatusTip(QString::fromStdString(spec.description));
        connect(a, &QAction::triggered, this, [this, spec] { runTopicAction(spec, {}); });
    }
}

void MainWindow::messageMenu(core::MsgId id, QPoint screenPos) {
    QMenu menu(this);
    menu.setAccessibleName(tr("Message actions"));
    menu.addAction(tr("Inspect message %1").arg(id), this, [this, id] { m_inspector->inspectMessage(id); });
    menu.addAction(tr("Drop it"), this, [this, id] {
        core::Action a;
        a.kind = "drop";
        a.args["msg"] = id;
        perform(a, tr("Drop message %1").arg(id));
    });
    for (const int ms : widgets::kMessageDelaysMs) {
        menu.addAction(tr("Delay it by %1 ms").arg(ms), this, [this, id, ms] {
            core::Action a;
            a.kind = "delay";
            a.args["msg"] = id;
            a.args["by_ms"] = ms;
            perform(a, tr("Delay message %1 by %2 ms").arg(id).arg(ms));
        });
    }
    menu.exec(screenPos);
}

}  // namespace sb::app
