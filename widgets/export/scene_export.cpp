#include "export/scene_export.h"

#include <qcustomplot.h>
#include <QBuffer>
#include <QCoreApplication>
#include <QFileInfo>
#include <QPainter>
#include <QSvgGenerator>
#include <algorithm>
#include <set>

#include "lesson/lesson.h"
#include "panels/space_time_view.h"
#include "scene/graph_scene.h"
#include "scene/scene_palette.h"
#include "scene/scene_view.h"
#include "sim_controller.h"
#include "theme.h"
#include "time_words.h"

namespace sb::widgets {

void applyStepEmphasis(GraphScene& scene, const core::Step* step) {
    std::set<std::string> nodes, kinds;
    std::set<std::pair<std::string, std::string>> links;
    if (step) {
        nodes.insert(step->highlight.nodes.begin(), step->highlight.nodes.end());
        kinds.insert(step->highlight.messages.begin(), step->highlight.messages.end());
        links.insert(step->highlight.links.begin(), step->highlight.links.end());
    }
    scene.setEmphasis(std::move(nodes), std::move(kinds), links);
    scene.setEmphasisKeys(step ? std::set<std::string>(step->highlight.keys.begin(), step->highlight.keys.end())
                               : std::set<std::string>{});
}

QString captionFor(const SimController& controller) {
    const core::Timeline* t = controller.timeline();
    const QString time = timeWords(t ? controller.displayTime() : 0);
    if (const core::LessonRun* run = controller.lessonRun()) {
        const auto& steps = run->lesson().steps;
        const std::size_t step = std::min(controller.currentStep(), steps.size());
        return exportCaption(QString::fromStdString(run->lesson().title), step, steps.size(),
                             step > 0 ? QString::fromStdString(steps[step - 1].title) : QString(),
                             time);
    }
    return exportCaption(t ? QString::fromStdString(t->sim().scenario().title) : QString(), 0, 0,
                         QString(), time);
}

std::optional<core::DiagramFormat> traceFormatFor(const QString& path) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("mmd") || suffix == QLatin1String("md")) return core::DiagramFormat::Mermaid;
    for (const char* plant : {"puml", "plantuml", "pu"})
        if (suffix == QLatin1String(plant)) return core::DiagramFormat::PlantUml;
    return std::nullopt;
}

QByteArray traceFileText(const QString& path, const std::string& diagram) {
    const QByteArray text = QByteArray::fromStdString(diagram);
    if (QFileInfo(path).suffix().toLower() != QLatin1String("md")) return text;
    return QByteArrayLiteral("```mermaid\n") + text + QByteArrayLiteral("```\n");
}

std::size_t stepStartPosition(const SimController& controller) {
    const core::LessonRun* run = controller.lessonRun();
    const core::Timeline* t = controller.timeline();
    if (!run || !t || controller.currentStep() == 0) return 0;
    const auto start = run->stepEndPosition(controller.currentStep() - 1);
    return start && *start <= t->position() ? *start : 0;
}

std::string traceDiagramFor(const SimController& controller, core::DiagramFormat format,
                            const TraceRange& range) {
    const core::Timeline* t = controller.timeline();
    if (!t) return {};
    // The events up to the position shown (the kept trace starts at firstKept()); by default
    // from the start of the step shown.
    const std::size_t first = range.from ? t->firstKept()
                                         : std::max(stepStartPosition(controller), t->firstKept());
    const auto begin = t->trace().begin() + static_cast<std::ptrdiff_t>(first - t->firstKept());
    const auto end = t->trace().begin() + static_cast<std::ptrdiff_t>(t->position() - t->firstKept());
    const std::vector<core::Event> seen(begin, end);
    core::DiagramOptions options;
    options.title = captionFor(controller).toStdString();
    options.from = range.from.value_or(0);
    options.to = range.to.value_or(std::numeric_limits<core::Time>::max());
    options.maxItems = range.maxItems;
    for (const core::NodeView& node : t->model().view(controller.displayTime()).nodes)
        options.participants.push_back(node.id);
    return core::traceDiagram(seen, t->model().nodeNames(), format, options);
}

void prepareOffscreenView(SceneView& view, QSize size) {
    view.setAttribute(Qt::WA_DontShowOnScreen);
    view.setPalette(lightPalette());
    view.refreshPalette();
    view.resize(size);
    view.show();
}

Picture scenePicture(SceneView& view) {
    Picture picture;
    picture.size = view.viewport()->size();
    const ScenePalette& pal = view.graph()->scenePalette();
    picture.background = pal.background;
    picture.text = pal.text;
    picture.paint = [&view, size = picture.size](QPainter& p) {
        const UncachedPaint vectors(*view.graph());  // shapes and text, not the on-screen pixmaps
        view.render(&p, QRectF(QPointF(0, 0), QSizeF(size)), view.viewport()->rect());
    };
    return picture;
}

Picture spaceTimePicture(SpaceTimeView& view, QSize size) {
    Picture picture;
    picture.size = size.isEmpty() ? view.size() : size;
    picture.background = view.palette().color(QPalette::Base);
    picture.text = view.palette().color(QPalette::Text);
    picture.paint = [&view, size = picture.size](QPainter& p) {
        view.paintDiagram(p, QSizeF(size));
    };
    return picture;
}

core::Status exportPlot(QCustomPlot& plot, const QString& path, int scale, QSize size) {
    const auto format = imageFormatFor(path);
    if (!format)
        return core::makeError(
            QCoreApplication::translate("export", "unknown picture type; use .svg, .png or .pdf")
                .toStdString(),
            path.toStdString());
    if (size.isEmpty()) size = plot.size();
    // On screen the series list is the legend; a picture of the plot needs its own.
    const bool hadLegend = plot.legend->visible();
    plot.legend->setVisible(true);
    struct Restore {
        QCustomPlot& plot;
        bool legend;
        ~Restore() {
            plot.legend->setVisible(legend);
            plot.replot(QCustomPlot::rpQueuedReplot);
        }
    } restore{plot, hadLegend};
    plot.replot(QCustomPlot::rpImmediateRefresh);
    bool written = false;
    if (*format == ImageFormat::Png) {
        written = plot.savePng(path, size.width(), size.height(), std::max(1, scale));
    } else if (*format == ImageFormat::Pdf) {
        written = plot.savePdf(path, size.width(), size.height(), QCP::epNoCosmetic,
                               QStringLiteral("Splitbrain"));
    } else {
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        QSvgGenerator generator;
        generator.setOutputDevice(&buffer);
        generator.setResolution(96);
        generator.setSize(size);
        generator.setViewBox(QRect(QPoint(0, 0), size));
        {
            QCPPainter painter(&generator);
            // toPainter paints the plot's background brush too; this covers a plot without one.
            painter.fillRect(QRect(QPoint(0, 0), size),
                             ScenePalette::fromPalette(plot.palette()).background);
            plot.toPainter(&painter, size.width(), size.height());
        }
        return writeFileAtomically(path, portableSvg(buffer.data(), size, scale));
    }
    if (!written)
        return core::makeError(
            QCoreApplication::translate("export", "cannot write the file").toStdString(),
            path.toStdString());
    return {};
}

}  // namespace sb::widgets
