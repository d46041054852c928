#pragma once

#include <QStringList>
#include <QWidget>
#include <vector>

#include "sim/view.h"

namespace sb::widgets {

// The view's step strips (a saga's steps and compensations, a two-phase-commit round, one
// request's retries): a row per strip, its title, then a cell per step with the step's label and
// its status word, the tone colouring the cell, the current step outlined and marked with an
// arrow. Hovering a cell shows its note. Empty when the view has no strips.
class StepStripsPanel : public QWidget {
    Q_OBJECT
public:
    static constexpr int kMaxStrips = 4;  // the rest are counted on a last line

    explicit StepStripsPanel(QWidget* parent = nullptr);

    void setStrips(const std::vector<core::StepStrip>& strips);
    const std::vector<core::StepStrip>& strips() const { return m_strips; }
    // The height that shows `strips` rows (and the "more" line if needed), full size or compact.
    static int heightFor(std::size_t strips, bool compact = false);
    // Compact rows: the words a font step smaller and the rows shorter, for a window where the
    // strips would otherwise leave the scene too little height.
    void setCompact(bool compact);
    bool compact() const { return m_compact; }
    // What the last paint drew: each cell's rectangle, strip and cell index (for tests, tooltips).
    struct Drawn {
        QRectF rect;
        std::size_t strip;
        std::size_t cell;
    };
    const std::vector<Drawn>& drawn() const { return m_drawn; }
    // The words the last paint had to cut with "…" (empty when everything fitted; tests ask).
    // Cells left out for want of room are counted in an "N earlier" cell, which is not a cut.
    const QStringList& cutTexts() const { return m_cut; }
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
    bool event(QEvent* event) override;

private:
    std::vector<core::StepStrip> m_strips;
    std::vector<Drawn> m_drawn;
    QStringList m_cut;
    bool m_compact = false;
};

}  // namespace sb::widgets
