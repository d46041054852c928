#pragma once

#include <QLabel>

#include "sim/model.h"
#include "sim/view.h"

namespace sb::widgets {

// One line above the scene: an invariant violation or anomaly when there is one (with a warning
// sign, not only a colour), otherwise the topic's annotations. Hidden when there is nothing to say.
class Banner : public QLabel {
    Q_OBJECT
public:
    explicit Banner(QWidget* parent = nullptr);
    void show(const core::View& view, const std::vector<core::Violation>& violations);
    bool alarming() const { return m_alarm; }

private:
    bool m_alarm = false;
};

}  // namespace sb::widgets
