#include "undo_commands.h"

namespace sb::widgets {

ActionCommand::ActionCommand(SimController* controller, core::Action action, const QString& text)
    : QUndoCommand(text), m_controller(controller), m_action(std::move(action)),
      m_before(controller->snapshot()) {}

void ActionCommand::undo() {
    if (core::Status s = m_controller->restore(m_before); !s)
        emit m_controller->error(QString::fromStdString(s.error().text()));
}

void ActionCommand::redo() {
    if (!m_firstRedo) m_controller->restore(m_before);
    m_firstRedo = false;
    if (core::Status s = m_controller->actNow(m_action); !s) {
        emit m_controller->error(QString::fromStdString(s.error().text()));
        setObsolete(true);
    }
}

}  // namespace sb::widgets
