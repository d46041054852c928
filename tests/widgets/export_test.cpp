// Export and share, driven through the main window offscreen: pictures of the scene, the
// space-time diagram and the plots; the clipboard; the lesson handout; Mermaid and PlantUML;
// saving a session and opening it again; recent files; refusing bad session files.
#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QMenu>
#include <QMenuBar>
#include <QPainter>
#include <QRegularExpression>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>
#include <sstream>

#include "export/handout.h"
#include "export/image_export.h"
#include "export/scene_export.h"
#include "gui/main_window.h"
#include "lesson/lesson_catalog.h"
#include "scene/scene_view.h"
#include "sim/trace.h"
#include "sim_controller.h"
#include "test_support.h"
#include "test_window.h"

using namespace sb;

namespace {

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

std::string traceText(const core::Timeline& t, std::size_t upTo) {
    std::ostringstream out;
    // Positions count from the start of the run; the kept trace starts at firstKept().
    const std::vector<core::Event> prefix(t.trace().begin(),
                                          t.trace().begin() + static_cast<std::ptrdiff_t>(upTo - t.firstKept()));
    writeTrace(out, prefix, t.model().nodeNames());
    return out.str();
}

}  // namespace

class ExportTest : public QObject {
    Q_OBJECT
private:
    core::TopicRegistry m_registry;
    std::unique_ptr<app::MainWindow> m_window;
    QTemporaryDir m_dir;

    widgets::SimController& controller() { return m_window->controller(); }
    QString file(const QString& name) const { return m_dir.filePath(name); }
    QSize sceneSize() const { return m_window->sceneView()->viewport()->size(); }
    void openLessonAtStep(std::size_t step) {
        QVERIFY(m_window->openLesson(QStringLiteral("ping-silence")));
        controller().goToStepEnd(step);
        QCOMPARE(controller().currentStep(), step);
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        // To look at what the tests wrote: SPLITBRAIN_KEEP_EXPORTS=1 keeps the folder (its path is
        // printed).
        if (qEnvironmentVariableIsSet("SPLITBRAIN_KEEP_EXPORTS")) {
            m_dir.setAutoRemove(false);
            qInfo("exports kept in %s", qPrintable(m_dir.path()));
        }
        test::openTestWindow(m_registry, m_window);
        if (QTest::currentTestFailed()) return;
        QVERIFY(m_window->catalog().find("ping-silence"));
    }
    void cleanupTestCase() { m_window.reset(); }
    void init() { test::failOnQtWarnings(); }
    void cleanup() {
        QVERIFY2(test::qtWarnings().isEmpty(), qPrintable(test::qtWarnings().join('\n')));
    }

    void sceneSvgIsSizedInPixelsWithLabelsAsText() {
        openLessonAtStep(2);
        QVERIFY(m_window->exportDiagram(file(QStringLiteral("scene.svg"))).ok());
        const QByteArray svg = readAll(file(QStringLiteral("scene.svg")));
        QSvgRenderer renderer(svg);
        QVERIFY(renderer.isValid());
        // The caption (on by default) adds a strip under the scene.
        QCOMPARE(renderer.defaultSize().width(), sceneSize().width());
        QVERIFY(renderer.defaultSize().height() > sceneSize().height());
        QVERIFY(svg.contains(QByteArray("width=\"") + QByteArray::number(sceneSize().width()) +
                             "px\""));
        for (const char* label : {"n1", "n2", "n3", "n4"})
            QVERIFY2(QString::fromUtf8(svg).contains(QRegularExpression(
                         QStringLiteral(">\\s*%1\\s*</text>").arg(QLatin1String(label)))),
                     label);
        QVERIFY(svg.contains("A node falls silent") || svg.contains("step 2 of 5"));
        // The background is painted: the first thing drawn is an opaque rectangle.
        QImage image(renderer.defaultSize(), QImage::Format_ARGB32);
        image.fill(Qt::transparent);
        QPainter p(&image);
        renderer.render(&p);
        p.end();
        QCOMPARE(qAlpha(image.pixel(2, 2)), 255);
    }

    void pngIsOneOrTwoDevicePixelsPerPixel() {
        openLessonAtStep(1);
        const widgets::Picture picture = widgets::scenePicture(*m_window->sceneView());
        for (int scale : {1, 2}) {
            const QString path = file(QStringLiteral("scene%1x.png").arg(scale));
            widgets::ExportOptions options;
            options.scale = scale;
            QVERIFY(widgets::exportPicture(picture, path, options).ok());
            QImage png(path);
            QCOMPARE(png.size(), sceneSize() * scale);
        }
    }

    void pdfOfTheSceneIsOnePage() {
        openLessonAtStep(1);
        QVERIFY(m_window->exportDiagram(file(QStringLiteral("scene.pdf"))).ok());
        const QByteArray pdf = readAll(file(QStringLiteral("scene.pdf")));
        QVERIFY(pdf.startsWith("%PDF"));
        QCOMPARE(widgets::pdfPageCount(pdf), 1);
    }

    void badExtensionsAndUnwritablePathsAreRefused() {
        const core::Status gif = m_window->exportDiagram(file(QStringLiteral("scene.gif")));
        QVERIFY(!gif.ok());
        QVERIFY(QString::fromStdString(gif.error().text()).contains(QStringLiteral("scene.gif")));
        const core::Status nowhere =
            m_window->exportDiagram(file(QStringLiteral("no/such/folder/scene.svg")));
        QVERIFY(!nowhere.ok());
        QVERIFY(QString::fromStdString(nowhere.error().text())
                    .contains(QStringLiteral("no/such/folder/scene.svg")));
    }

    void spaceTimeAndPlotsExport() {
        openLessonAtStep(2);
        QVERIFY(m_window->exportSpaceTime(file(QStringLiteral("spacetime.svg"))).ok());
        const QByteArray svg = readAll(file(QStringLiteral("spacetime.svg")));
        QVERIFY(QSvgRenderer(svg).isValid());
        QVERIFY(QString::fromUtf8(svg).contains(
            QRegularExpression(QStringLiteral(">\\s*n3\\s*</text>"))));
        QVERIFY(m_window->exportSpaceTime(file(QStringLiteral("spacetime.png"))).ok());
        QVERIFY(!QImage(file(QStringLiteral("spacetime.png"))).isNull());
        for (const char* name : {"plot.svg", "plot.png", "plot.pdf"})
            QVERIFY2(m_window->exportPlot(file(QString::fromLatin1(name))).ok(), name);
        QVERIFY(QSvgRenderer(file(QStringLiteral("plot.svg"))).isValid());
        QVERIFY(QImage(file(QStringLiteral("plot.png"))).width() >=
                900);  // a small dock still exports large
        QCOMPARE(widgets::pdfPageCount(readAll(file(QStringLiteral("plot.pdf")))), 1);
    }

    void copiesTheDiagramToTheClipboard() {
        openLessonAtStep(1);
        QApplication::clipboard()->clear();
        m_window->copyDiagram();
        const QImage image = QApplication::clipboard()->image();
        QCOMPARE(image.size(), sceneSize() * 2);
    }

    void handoutHasAPagePerStepThenTheCards() {
        const core::Lesson* lesson = m_window->catalog().find("ping-silence");
        auto pdf = widgets::renderHandout(*lesson, m_registry);
        QVERIFY(pdf.ok());
        QVERIFY(pdf->startsWith("%PDF"));
        // Each step starts a page (the first shares the title page); the cards start one more.
        const int pages = widgets::pdfPageCount(pdf.value());
        const int atLeast = static_cast<int>(lesson->steps.size()) + 1;
        // Each step of this lesson fits a page; its cards (with their follow-ups) take one or two
        // more, so the count is bounded on both sides rather than pinned to the card text.
        QVERIFY2(pages >= atLeast && pages <= atLeast + 1, qPrintable(QString::number(pages)));
        // Letter paper is wider and shorter: still the same structure.
        auto letter = widgets::renderHandout(*lesson, m_registry, {QPageSize::Letter});
        QVERIFY(letter.ok());
        QVERIFY(widgets::pdfPageCount(letter.value()) >= atLeast);
        QVERIFY(pdf->contains("/MediaBox [0 0 595.000000 842.000000]"));     // A4 in points
        QVERIFY(letter->contains("/MediaBox [0 0 612.000000 792.000000]"));  // US Letter
        // From the window: the paper follows File > Handouts on US Letter paper, and the
        // window's own run is left where it was.
        QAction* usLetter = nullptr;
        for (QAction* a : m_window->findChildren<QAction*>())
            if (a->text().startsWith(QStringLiteral("Handouts on US &Letter"))) usLetter = a;
        QVERIFY(usLetter && usLetter->isCheckable());
        openLessonAtStep(3);
        usLetter->setChecked(false);
        QVERIFY(m_window->exportHandout(file(QStringLiteral("handout.pdf"))).ok());
        QCOMPARE(controller().currentStep(), std::size_t{3});
        const QByteArray a4 = readAll(file(QStringLiteral("handout.pdf")));
        QCOMPARE(widgets::pdfPageCount(a4), pages);
        QVERIFY(a4.contains("/MediaBox [0 0 595.000000 842.000000]"));
        usLetter->setChecked(true);
        QVERIFY(m_window->exportHandout(file(QStringLiteral("handout-letter.pdf"))).ok());
        QVERIFY(readAll(file(QStringLiteral("handout-letter.pdf")))
                    .contains("/MediaBox [0 0 612.000000 792.000000]"));
    }

    void traceExportsAsMermaidAndPlantUml() {
        openLessonAtStep(1);
        QVERIFY(
            m_window->exportTrace(file(QStringLiteral("trace.mmd")), core::DiagramFormat::Mermaid)
                .ok());
        const QString mermaid = QString::fromUtf8(readAll(file(QStringLiteral("trace.mmd"))));
        QVERIFY(mermaid.startsWith(QStringLiteral("sequenceDiagram\n")));
        QVERIFY(mermaid.contains(QStringLiteral("participant n4")));
        QVERIFY(mermaid.contains(QRegularExpression(QStringLiteral("n\\d->>n\\d: Heartbeat"))));
        QVERIFY(
            m_window->exportTrace(file(QStringLiteral("trace.puml")), core::DiagramFormat::PlantUml)
                .ok());
        const QString plant = QString::fromUtf8(readAll(file(QStringLiteral("trace.puml"))));
        QVERIFY(plant.startsWith(QStringLiteral("@startuml\n")));
        QVERIFY(plant.endsWith(QStringLiteral("@enduml\n")));
        // A time range: only what happened inside it.
        const core::Time now = controller().displayTime();
        QVERIFY(m_window
                    ->exportTrace(file(QStringLiteral("range.mmd")), core::DiagramFormat::Mermaid,
                                  now / 2, now)
                    .ok());
        const QString range = QString::fromUtf8(readAll(file(QStringLiteral("range.mmd"))));
        static const QRegularExpression time(QStringLiteral("\\(([0-9.]+) ms\\)$"),
                                             QRegularExpression::MultilineOption);
        // By default the export covers the step shown from its start, so earlier than now / 2.
        QVERIFY(time.globalMatch(mermaid).hasNext());
        QVERIFY(time.match(mermaid).captured(1).toDouble() * 1000.0 < static_cast<double>(now / 2));
        int times = 0;
        for (auto it = time.globalMatch(range); it.hasNext(); ++times)
            QVERIFY(it.next().captured(1).toDouble() * 1000.0 >= static_cast<double>(now / 2));
        QVERIFY(times > 0);
    }

    void savedSessionReopensWithTheSameTrace() {
        openLessonAtStep(2);
        core::Action crash;
        crash.kind = "crash";
        crash.args["node"] = "n3";
        QVERIFY(controller().perform(crash, QStringLiteral("crash n3")).ok());
        controller().seek(controller().timeline()->position() + 150);
        const std::size_t position = controller().timeline()->position();
        const std::string before = traceText(*controller().timeline(), position);
        const std::string viewBefore =
            test::signature(controller().timeline()->model().view(controller().displayTime()));
        const QString path = file(QStringLiteral("session.json"));
        QVERIFY(m_window->saveSession(path).ok());
        QVERIFY(readAll(path).contains("\"lesson\": \"ping-silence\""));

        m_window->openDemo();
        QVERIFY(m_window->openScenarioFile(path));
        QCOMPARE(controller().timeline()->position(), position);
        QCOMPARE(traceText(*controller().timeline(), position), before);
        QCOMPARE(test::signature(controller().timeline()->model().view(controller().displayTime())),
                 viewBefore);
        // The whole run can be scrubbed: back to the start and forward again, same events.
        controller().seek(0);
        controller().seek(position);
        QCOMPARE(traceText(*controller().timeline(), position), before);
        QCOMPARE(m_window->recentFiles().value(0), QFileInfo(path).absoluteFilePath());
    }

    void menusOfferEveryExportAndTheRecentFiles() {
        auto menu = [this](const QString& title) -> QMenu* {
            for (QAction* a : m_window->menuBar()->actions())
                if (a->menu() && a->text().remove(QLatin1Char('&')) == title) return a->menu();
            return nullptr;
        };
        auto texts = [](QMenu* m) {
            QStringList out;
            for (QAction* a : m->actions())
                out << a->text().remove(QLatin1Char('&')) + QLatin1Char('|') +
                           a->shortcut().toString();
            return out;
        };
        QMenu* fileMenu = menu(QStringLiteral("File"));
        QVERIFY(fileMenu);
        const QStringList file = texts(fileMenu);
        for (const char* entry :
             {"Export diagram…|Ctrl+E", "Export space-time…|Ctrl+Shift+E", "Export plot…|",
              "Export handout…|Ctrl+P", "Export trace as Mermaid…|", "Export trace as PlantUML…|",
              "Save session…|Ctrl+S"})
            QVERIFY2(file.contains(QString::fromUtf8(entry)), entry);
        QVERIFY(texts(menu(QStringLiteral("Edit")))
                    .contains(QStringLiteral("Copy diagram as image|Ctrl+Shift+C")));
        QMenu* recent = nullptr;
        for (QAction* a : fileMenu->actions())
            if (a->menu() && a->text().remove(QLatin1Char('&')) == QStringLiteral("Open recent"))
                recent = a->menu();
        QVERIFY(recent);
        emit recent->aboutToShow();
        QVERIFY(!m_window->recentFiles().isEmpty());  // the session saved and opened above
        QCOMPARE(recent->actions().first()->toolTip(), m_window->recentFiles().first());
    }

    void newerOrBrokenSessionsAreRefusedWithFileAndPlace() {
        const QString newer = file(QStringLiteral("newer.json"));
        QVERIFY(
            widgets::writeFileAtomically(newer, R"({"version": 99, "topic": "ping", "seed": 1})")
                .ok());
        QVERIFY(!m_window->openScenarioFile(newer));
        QVERIFY2(m_window->lastError().contains(newer + QStringLiteral(":/version")),
                 qPrintable(m_window->lastError()));
        QVERIFY(m_window->lastError().contains(QStringLiteral("newer")));
        const QString broken = file(QStringLiteral("broken.json"));
        QVERIFY(widgets::writeFileAtomically(broken, "{\"topic\": \"ping\",\n \"seed\": }").ok());
        QVERIFY(!m_window->openScenarioFile(broken));
        QVERIFY2(m_window->lastError().contains(broken + QStringLiteral(":2:")),
                 qPrintable(m_window->lastError()));
    }
};

int main(int argc, char** argv) {
    test::installWarningRecorder();
    QApplication app(argc, argv);
    ExportTest t;
    return QTest::qExec(&t, argc, argv);
}
#include "export_test.moc"
