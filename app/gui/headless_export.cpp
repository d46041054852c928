#include "gui/headless_export.h"

#include <QCoreApplication>
#include <QFileInfo>

#include "export/handout.h"
#include "export/image_export.h"
#include "export/scene_export.h"
#include "gui/lesson_folders.h"
#include "lesson/lesson_catalog.h"
#include "scene/graph_scene.h"
#include "scene/scene_view.h"
#include "sim/message_text.h"
#include "sim/run_budget.h"
#include "sim/scenario.h"
#include "sim_controller.h"

namespace sb::app {

namespace {

constexpr QSize kSceneSize(960, 600);

QString tr(const char* text) {
    return QCoreApplication::translate("headless", text);
}
QString text(const core::Error& e) {
    return QString::fromStdString(core::oneLine(e));
}
HeadlessResult failed(const QString& message) {
    return {2, message + QStringLiteral("\n")};
}

QString knownLessons(const core::LessonCatalog& catalog) {
    QStringList ids;
    for (const core::Lesson* l : catalog.lessons()) ids << QString::fromStdString(l->id);
    return ids.join(QStringLiteral(", "));
}

// A lesson id nobody has: if a file that did not load could be it, say which file and why.
QString unknownLesson(const core::LessonCatalog& catalog, const QString& id) {
    QStringList broken;
    for (const core::CatalogEntry& e : catalog.entries()) {
        if (e.errors.empty()) continue;
        const QString file = QString::fromStdString(e.path);
        const QString first = text(e.errors.front());
        if (QFileInfo(file).completeBaseName() == id)
            return tr("lesson '%1' did not load: %2").arg(id, first);
        broken << first;
    }
    QString message = tr("unknown lesson '%1' (known: %2)").arg(id, knownLessons(catalog));
    if (!broken.isEmpty())
        message += QCoreApplication::translate("headless", "; %n lesson file(s) did not load, the first: %1", nullptr,
                                               static_cast<int>(broken.size()))
                       .arg(broken.first());
    return message;
}

// Brings the controller to the moment the options name. Returns an error message, or empty.
QString moveTo(widgets::SimController& controller, const GuiOptions& o) {
    QString problem;
    QObject::connect(&controller, &widgets::SimController::error, &controller,
                     [&problem](const QString& m) { problem = m; });
    if (const core::LessonRun* run = controller.lessonRun()) {
        const std::size_t steps = run->lesson().steps.size();
        if (o.steps < 0 || static_cast<std::size_t>(o.steps) > steps)
            return tr("--step %1 is out of range: lesson '%2' has %3 steps (0 is its start)")
                .arg(o.steps)
                .arg(QString::fromStdString(run->lesson().id))
                .arg(steps);
        // --at-ms in a lesson: the lesson's own path, all steps run, then back to time T. With
        // neither --step nor --at-ms: the end of the lesson, where everything it shows is there.
        controller.goToStepEnd(o.atUs || !o.stepSet ? steps : static_cast<std::size_t>(o.steps));
    } else if (o.events > 0) {
        controller.seek(controller.timeline()->position() + static_cast<std::size_t>(o.events));
    }
    if (o.atUs) {
        controller.seekTime(*o.atUs);
        // Timeline::seekTime records at most one run's budget of events.
        const auto next = controller.timeline()->sim().nextTime();
        if (problem.isEmpty() && next && *next <= *o.atUs)
            problem = tr("--at-ms: %1 was not reached; the run stopped at %2, at the limit of %3 events")
                          .arg(QString::fromStdString(core::formatMs(*o.atUs)),
                               QString::fromStdString(core::formatMs(controller.timeline()->now())),
                               QString::fromStdString(core::groupedNumber(static_cast<std::int64_t>(core::kScenarioBudget.events))));
    }
    return problem;
}

core::Status exportCurrent(widgets::SimController& controller, const GuiOptions& o) {
    const core::Timeline& t = *controller.timeline();
    if (const auto format = widgets::traceFormatFor(o.exportPath)) {
        widgets::TraceRange range;
        range.from = o.fromUs;
        if (o.maxItems) range.maxItems = *o.maxItems;
        return widgets::writeFileAtomically(
            o.exportPath, widgets::traceFileText(o.exportPath, widgets::traceDiagramFor(controller, *format, range)));
    }
    widgets::SceneView view;
    widgets::prepareOffscreenView(view, kSceneSize);
    const core::LessonRun* run = controller.lessonRun();
    // The lesson cursor names the step of the moment, at a time as at a step's end: the
    // emphasis and the caption are that step's, as in the window.
    const std::size_t step = controller.currentStep();
    widgets::applyStepEmphasis(*view.graph(),
                               run && step > 0 ? &run->lesson().steps[step - 1] : nullptr);
    view.setView(t.model().view(controller.displayTime()));
    widgets::ExportOptions options;
    options.scale = o.scale;
    if (o.caption) options.caption = widgets::captionFor(controller);
    return widgets::exportPicture(widgets::scenePicture(view), o.exportPath, options);
}

}  // namespace

HeadlessResult runHeadless(const core::TopicRegistry& registry, const GuiOptions& o) {
    widgets::SimController controller(registry);
    core::LessonCatalog catalog(registry);
    const core::Lesson* lesson = nullptr;
    if (!o.lessonId.isEmpty()) {
        catalog.load(shippedLessonsDir().toStdString(), userLessonsDir().toStdString());
        lesson = catalog.find(o.lessonId.toStdString());
        if (!lesson) return failed(unknownLesson(catalog, o.lessonId));
        if (core::Status s = controller.loadLesson(*lesson); !s) return failed(text(s.error()));
    } else {
        auto scenario = core::loadScenarioFile(o.scenarioPath.toStdString(), registry);
        if (!scenario) return failed(text(scenario.error()));
        if (core::Status s = controller.load(scenario.value()); !s) return failed(text(s.error()));
        if (scenario->position > 0) controller.seek(scenario->position);
    }
    // Every check first: a bad --step must not leave a handout written and then fail.
    if (!o.exportPath.isEmpty())
        if (const QString problem = moveTo(controller, o); !problem.isEmpty())
            return failed(problem);
    QString done;
    if (!o.handoutPath.isEmpty()) {
        widgets::HandoutOptions handout;
        handout.pageSize = o.letter ? QPageSize::Letter : QPageSize::A4;
        if (core::Status s = widgets::writeHandout(*lesson, registry, o.handoutPath, handout); !s)
            return failed(text(s.error()));
        done += tr("wrote %1\n").arg(o.handoutPath);
    }
    if (!o.exportPath.isEmpty()) {
        if (core::Status s = exportCurrent(controller, o); !s) return failed(text(s.error()));
        done += tr("wrote %1\n").arg(o.exportPath);
    }
    return {0, done};
}

}  // namespace sb::app
