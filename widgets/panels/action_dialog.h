#pragma once

#include <QDialog>
#include <string>
#include <vector>

#include "sim/action.h"

class QLabel;

namespace sb::widgets {

// A form for any topic action, built from its ActionSpec: a node picker for node arguments, spin
// boxes for numbers and message ids, check boxes for node lists and the two sides of a partition. Used for topic tools ("add a ring node", "client
// write") that need more than the node that was right-clicked.
class ActionDialog : public QDialog {
    Q_OBJECT
public:
    ActionDialog(const core::ActionSpec& spec, const std::vector<std::string>& nodes,
                 const std::string& presetNode, QWidget* parent = nullptr);

    // The action as filled in; optional arguments left empty are omitted.
    core::Action action() const;
    // True when the spec has no argument the user must still fill in.
    static bool needsInput(const core::ActionSpec& spec, bool nodeGiven);

    // What stops the input from being applied, or empty (also shown in the dialog on OK).
    QString inputProblem() const;
    QWidget* field(std::size_t arg) const { return arg < m_fields.size() ? m_fields[arg] : nullptr; }

private:
    core::ActionSpec m_spec;
    QLabel* m_error = nullptr;
    std::vector<QWidget*> m_fields;
};

}  // namespace sb::widgets
