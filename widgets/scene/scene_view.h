#pragma once

#include <QWidget>

#include "sim/view.h"

namespace sb::widgets {

// Draws a core::View: nodes in a circle with role, name and value; messages as dots moving
// along the line between sender and receiver; partition zones as labelled regions.
class SceneView : public QWidget {
    Q_OBJECT
public:
    explicit SceneView(QWidget* parent = nullptr);

    void setView(core::View view);
    QSize sizeHint() const override { return {640, 480}; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QPointF nodePos(std::size_t index, std::size_t count) const;

    core::View m_view;
};

}  // namespace sb::widgets
