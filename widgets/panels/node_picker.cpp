#include "panels/node_picker.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QGridLayout>
#include <QLabel>

namespace sb::widgets {

NodePicker::NodePicker(const std::vector<std::string>& nodes, bool twoSides, QWidget* parent)
    : QWidget(parent), m_nodes(nodes) {
    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    if (twoSides) {
        grid->addWidget(new QLabel(tr("Side A"), this), 0, 1);
        grid->addWidget(new QLabel(tr("Side B"), this), 0, 2);
    }
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        const int row = static_cast<int>(i) + 1;
        const QString name = QString::fromStdString(nodes[i]);
        grid->addWidget(new QLabel(name, this), row, 0);
        auto* a = new QCheckBox(this);
        a->setAccessibleName(twoSides ? tr("%1 on side A").arg(name) : name);
        grid->addWidget(a, row, 1);
        m_sideA.push_back(a);
        connect(a, &QCheckBox::toggled, this, &NodePicker::changed);
        if (!twoSides) continue;
        auto* b = new QCheckBox(this);
        b->setAccessibleName(tr("%1 on side B").arg(name));
        grid->addWidget(b, row, 2);
        m_sideB.push_back(b);
        // One side per node: the pair behaves like two radio buttons.
        auto* pair = new QButtonGroup(this);
        pair->addButton(a);
        pair->addButton(b);
        pair->setExclusive(true);
        connect(b, &QCheckBox::toggled, this, &NodePicker::changed);
        // A first guess the learner can change: the last node alone on side B.
        (i + 1 == nodes.size() ? b : a)->setChecked(true);
    }
    grid->setColumnStretch(3, 1);
}

void NodePicker::choose(const std::string& node, int side) {
    for (std::size_t i = 0; i < m_nodes.size(); ++i) {
        if (m_nodes[i] != node) continue;
        if (side == 1 && i < m_sideB.size()) m_sideB[i]->setChecked(true);
        else m_sideA[i]->setChecked(true);
    }
}

nlohmann::json NodePicker::value() const {
    nlohmann::json a = nlohmann::json::array(), b = nlohmann::json::array();
    for (std::size_t i = 0; i < m_nodes.size(); ++i) {
        if (m_sideA[i]->isChecked()) a.push_back(m_nodes[i]);
        if (i < m_sideB.size() && m_sideB[i]->isChecked()) b.push_back(m_nodes[i]);
    }
    if (m_sideB.empty()) return a;
    return nlohmann::json::array({a, b});
}

QString NodePicker::problem() const {
    const nlohmann::json v = value();
    if (m_sideB.empty()) return v.empty() ? tr("Tick at least one node.") : QString();
    if (v[0].empty() || v[1].empty()) return tr("Put at least one node on each side.");
    return {};
}

}  // namespace sb::widgets
