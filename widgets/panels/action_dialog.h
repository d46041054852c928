#pragma once

#include <QDialog>
#include <string>
#include <vector>

#include "sim/action.h"

namespace sb::widgets {

// A form for any topic action, built from its ActionSpec: a node picker for node arguments, spin
// boxes for numbers, a line of JSON for lists. Used for topic tools ("add a ring node", "client
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

private:
    core::ActionSpec m_spec;
    std::vector<QWidget*> m_fields;
};

}  // namespace sb::widgets
