#pragma once

#include <QLabel>
#include <QStringList>

#include "sim/model.h"
#include "sim/view.h"

namespace sb::widgets {

// One line above the scene: an invariant violation or anomaly when there is one (with a warning
// sign, not only a colour), otherwise the topic's annotations, those that differ only in their
// subject and its number said once. Hidden when there is nothing to say.
class Banner : public QLabel {
    Q_OBJECT
public:
    explicit Banner(QWidget* parent = nullptr);
    void show(const core::View& view, const std::vector<core::Violation>& violations);
    bool alarming() const { return m_alarm; }
    // With nothing to say, stay in the layout as a blank line instead of hiding (the compare
    // view's two notes keep both scenes the same height).
    void setKeepsRoom(bool keep) { m_keepsRoom = keep; }

private:
    bool m_alarm = false;
    bool m_keepsRoom = false;
};

// Annotations of one shape, "<subject>: <number> <words>" with the same words, as one:
// "k1 (19), k2 (7): recomputes in flight at once". The others are kept as they are, in order.
QStringList foldAnnotations(const QStringList& parts);

}  // namespace sb::widgets
