#pragma once

#include <QUndoCommand>

#include "sim/action.h"
#include "sim_controller.h"

namespace sb::widgets {

// One learner gesture. Undo rebuilds the timeline from the session script as it was before the
// action and seeks back to the same position: the run is deterministic, so that is exactly the
// earlier state, and the abandoned branch's recorded future is simply re-recorded on demand.
class ActionCommand : public QUndoCommand {
public:
    ActionCommand(SimController* controller, core::Action action, const QString& text);

    void undo() override;
    void redo() override;

private:
    SimController* m_controller;
    core::Action m_action;
    TimelineSnapshot m_before;
    bool m_firstRedo = true;
};

}  // namespace sb::widgets
