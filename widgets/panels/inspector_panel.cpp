#include "panels/inspector_panel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <algorithm>

#include "sim_controller.h"

namespace sb::widgets {

InspectorPanel::InspectorPanel(SimController* controller, QWidget* parent)
    : QWidget(parent), m_controller(controller) {
    setAccessibleName(tr("Inspector"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    m_title = new QLabel(tr("Click a node or a message to inspect it."), this);
    m_title->setWordWrap(true);
    m_title->setAccessibleName(tr("Inspected item"));
    layout->addWidget(m_title);
    m_table = new QTreeWidget(this);
    m_table->setAccessibleName(tr("Inspector rows"));
    m_table->setColumnCount(2);
    m_table->setHeaderLabels({tr("Field"), tr("Value")});
    m_table->setRootIsDecorated(false);
    m_table->setAlternatingRowColors(true);
    m_table->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    layout->addWidget(m_table, 1);
    auto* buttons = new QHBoxLayout;
    m_drop = new QPushButton(tr("Drop message"), this);
    m_drop->setAccessibleName(tr("Drop the inspected message"));
    buttons->addWidget(m_drop);
    for (const int ms : kMessageDelaysMs) {
        auto* delay = new QPushButton(tr("Delay %1 ms").arg(ms), this);
        delay->setAccessibleName(tr("Delay the inspected message by %1 ms").arg(ms));
        buttons->addWidget(delay);
        delay->hide();
        m_delays.push_back(delay);
        connect(delay, &QPushButton::clicked, this, [this, ms] {
            if (!m_message) return;
            core::Action a;
            a.kind = "delay";
            a.args["msg"] = *m_message;
            a.args["by_ms"] = ms;
            if (core::Status s = m_controller->perform(a, tr("Delay message %1 by %2 ms").arg(*m_message).arg(ms)); !s)
                m_title->setText(QString::fromStdString(s.error().text()));
        });
    }
    layout->addLayout(buttons);
    m_drop->hide();

    connect(m_drop, &QPushButton::clicked, this, [this] {
        if (!m_message) return;
        core::Action a;
        a.kind = "drop";
        a.args["msg"] = *m_message;
        if (core::Status s = m_controller->perform(a, tr("Drop message %1").arg(*m_message)); !s)
            m_title->setText(QString::fromStdString(s.error().text()));
    });
    connect(m_controller, &SimController::changed, this, [this] {
        if (isVisible()) refresh();
    });
    connect(m_controller, &SimController::loaded, this, &InspectorPanel::clear);
}

void InspectorPanel::inspectNode(core::NodeId node) {
    m_node = node;
    m_message.reset();
    refresh();
}

void InspectorPanel::inspectMessage(core::MsgId id) {
    m_message = id;
    m_node.reset();
    refresh();
}

void InspectorPanel::clear() {
    m_node.reset();
    m_message.reset();
    m_table->clear();
    m_title->setText(tr("Click a node or a message to inspect it."));
    m_drop->hide();
    for (QPushButton* b : m_delays) b->hide();
}

void InspectorPanel::setRows(const QString& title, const std::vector<std::pair<QString, QString>>& rows) {
    m_title->setText(title);
    // Reuse rows so the selection and scroll position survive a live refresh.
    while (m_table->topLevelItemCount() > static_cast<int>(rows.size()))
        delete m_table->takeTopLevelItem(m_table->topLevelItemCount() - 1);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        QTreeWidgetItem* item = m_table->topLevelItem(static_cast<int>(i));
        if (!item) item = new QTreeWidgetItem(m_table);
        if (item->text(0) != rows[i].first) item->setText(0, rows[i].first);
        if (item->text(1) != rows[i].second) item->setText(1, rows[i].second);
    }
}

void InspectorPanel::refresh() {
    const core::Timeline* t = m_controller->timeline();
    if (!t) return;
    const core::Model& model = t->model();
    std::vector<std::pair<QString, QString>> rows;
    if (m_node) {
        const auto names = model.nodeNames();
        const auto i = static_cast<std::size_t>(*m_node);
        if (*m_node < 0 || i >= names.size()) return clear();
        for (const auto& r : model.inspectNode(*m_node))
            rows.emplace_back(QString::fromStdString(r.key), QString::fromStdString(r.value));
        setRows(tr("Node %1").arg(QString::fromStdString(names[i])), rows);
        m_drop->hide();
        for (QPushButton* b : m_delays) b->hide();
    } else if (m_message) {
        // The generic facts come from the view; the topic may add its own rows.
        const core::View view = model.view(m_controller->displayTime());
        const auto names = model.nodeNames();
        auto name = [&names](core::NodeId n) {
            const auto i = static_cast<std::size_t>(n);
            return n >= 0 && i < names.size() ? QString::fromStdString(names[i]) : QStringLiteral("?");
        };
        bool inFlight = false;
        for (const auto& m : view.messages) {
            if (m.id != *m_message) continue;
            inFlight = true;
            rows.emplace_back(tr("kind"), QString::fromStdString(m.kind) + (m.reply ? tr(" (reply)") : QString()));
            rows.emplace_back(tr("from → to"), name(m.from) + QStringLiteral(" → ") + name(m.to));
            rows.emplace_back(tr("sent"), QString::fromStdString(core::formatMs(m.sent)));
            rows.emplace_back(tr("delivery"), QString::fromStdString(core::formatMs(m.deliver)));
            if (!m.summary.empty()) rows.emplace_back(tr("content"), QString::fromStdString(m.summary));
            rows.emplace_back(tr("fate"), m.doomed ? tr("will be lost") : tr("will arrive"));
            break;  // one message per id, even if a view lists it twice
        }
        // The topic's rows, without what the generic rows already say (kind, sender, receiver).
        for (const auto& r : model.inspectMessage(*m_message)) {
            const QString key = QString::fromStdString(r.key);
            if (inFlight && (key == QLatin1String("kind") || key == QLatin1String("from") || key == QLatin1String("to")))
                continue;
            const bool seen = std::any_of(rows.begin(), rows.end(), [&key](const auto& row) { return row.first == key; });
            if (!seen) rows.emplace_back(key, QString::fromStdString(r.value));
        }
        setRows(inFlight ? tr("Message %1 (in flight)").arg(*m_message)
                         : tr("Message %1 is no longer in flight").arg(*m_message),
                rows);
        m_drop->setVisible(inFlight);
        for (QPushButton* b : m_delays) b->setVisible(inFlight);
    }
}

}  // namespace sb::widgets
