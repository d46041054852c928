#pragma once

#include <QSize>
#include <QString>
#include <limits>
#include <string>

#include "export/image_export.h"
#include "sim/trace_diagram.h"

class QCustomPlot;

namespace sb::core {
struct Step;
}

namespace sb::widgets {

class GraphScene;
class SimController;

// The caption of an export of what `controller` shows: lesson, step and simulated time.
QString captionFor(const SimController& controller);
// The trace seen so far (up to the moment shown), between two times, as Mermaid or PlantUML,
// titled with the caption.
std::string traceDiagramFor(const SimController& controller, core::DiagramFormat format,
                            core::Time from = 0,
                            core::Time to = std::numeric_limits<core::Time>::max());

class SceneView;
class SpaceTimeView;

// What a lesson step asks to emphasise (its highlight), or nothing when `step` is null.
void applyStepEmphasis(GraphScene& scene, const core::Step* step);
// Makes a scene view that is never on screen usable for export: light palette, fixed size,
// laid out (shown with WA_DontShowOnScreen, so no window appears even on a real display).
void prepareOffscreenView(SceneView& view, QSize size);

// The scene as the learner sees it, legend included, at the view's current size.
Picture scenePicture(SceneView& view);
// The space-time diagram at `size` (the widget's own size when empty).
Picture spaceTimePicture(SpaceTimeView& view, QSize size = {});

// Plots export through QCustomPlot itself: savePng and savePdf, and for SVG its painter on a
// QSvgGenerator, so lines and labels stay vectors. Size 0 means the widget's size.
core::Status exportPlot(QCustomPlot& plot, const QString& path, int scale = 1, QSize size = {});

}  // namespace sb::widgets
