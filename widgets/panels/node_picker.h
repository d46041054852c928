#pragma once

#include <QWidget>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

class QCheckBox;

namespace sb::widgets {

// Nodes as check boxes, so a keyboard user picks them instead of typing JSON. With two sides it
// is a partition: each node on side A or side B (the two boxes of a row exclude each other), and
// the value is [[side A], [side B]]; with one side it is a list of nodes.
class NodePicker : public QWidget {
    Q_OBJECT
public:
    NodePicker(const std::vector<std::string>& nodes, bool twoSides, QWidget* parent = nullptr);

    nlohmann::json value() const;
    // Empty when the choice can be applied; otherwise what is missing, in words.
    QString problem() const;
    // Puts a node on a side (0 = A, 1 = B) or, with one side, ticks it.
    void choose(const std::string& node, int side);

signals:
    void changed();

private:
    std::vector<std::string> m_nodes;
    std::vector<QCheckBox*> m_sideA;
    std::vector<QCheckBox*> m_sideB;  // empty with one side
};

}  // namespace sb::widgets
