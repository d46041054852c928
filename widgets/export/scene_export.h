#pragma once

#include <QSize>
#include <QString>
#include <limits>
#include <optional>
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
// Which stretch of the trace a diagram covers. Unset times mean the default: in a lesson, the
// step being shown (from its start to the moment shown); otherwise the run up to that moment.
struct TraceRange {
    std::optional<core::Time> from;
    std::optional<core::Time> to;
    std::size_t maxItems = core::kDiagramItems;
};
// The trace as Mermaid or PlantUML, titled with the caption. Its participants are the nodes the
// scene shows (an aggregate is one) and any node an event in the range names.
std::string traceDiagramFor(const SimController& controller, core::DiagramFormat format,
                            const TraceRange& range = {});
// The diagram language a file name asks for: .mmd or .md (Mermaid), .puml, .plantuml or .pu.
std::optional<core::DiagramFormat> traceFormatFor(const QString& path);
// What the file holds: the diagram, inside a ```mermaid fence for Markdown so it renders there.
QByteArray traceFileText(const QString& path, const std::string& diagram);
// Where the step being shown began, as a timeline position (0 outside a lesson).
std::size_t stepStartPosition(const SimController& controller);

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
