#pragma once

#include <QWidget>
#include <cstddef>

#include "sim/view.h"

namespace sb::widgets {

class KeyRowsPanel;
class StepStripsPanel;

// The strip under the scene for the view's step strips (left) and key rows (right). Each part
// shows only when the view has some, and the whole strip hides when it has neither. It takes the
// height its rows need and keeps the tallest it has needed until reset() (a new run), so rows
// coming and going do not make the scene above it jump. It sits inside the central area, so
// showing it never moves a dock. Where full-size step strips would take more than a quarter of
// the area it shares with the scene (four strips in a laptop window), they are drawn compact.
class ViewPanels : public QWidget {
    Q_OBJECT
public:
    explicit ViewPanels(QWidget* parent = nullptr);

    void setView(const core::View& view);
    // A new run: forget the tallest height seen.
    void reset();
    StepStripsPanel* strips() const { return m_strips; }
    KeyRowsPanel* keys() const { return m_keys; }
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void fitStrips();

    StepStripsPanel* m_strips;
    KeyRowsPanel* m_keys;
    std::size_t m_mostStrips = 0;
    std::size_t m_mostKeys = 0;
};

}  // namespace sb::widgets
