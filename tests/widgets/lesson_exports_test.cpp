// Exports of every shipped lesson, the way people paste them (issue 24): a trace diagram of each
// step names only the nodes the scene shows and stays within the item limit; a handout keeps
// each Q&A card on one page; SVG names a font stack a viewer anywhere resolves, and scales.
#include <QApplication>
#include <QRegularExpression>
#include <QSvgRenderer>
#include <QTest>
#include <set>

#include "export/handout.h"
#include "export/image_export.h"
#include "export/scene_export.h"
#include "gui/lesson_folders.h"
#include "lesson/lesson_catalog.h"
#include "scene/scene_view.h"
#include "sim_controller.h"
#include "shipped_catalog.h"
#include "test_support.h"

using namespace sb;

class LessonExportsTest : public test::ShippedLessonsTest {
    Q_OBJECT
private slots:
    // Every step of every lesson, both languages: one participant per node on the scene (an
    // aggregate of 200 clients is one), and the step fits in kDiagramItems without cutting.
    void everyStepsTraceNamesItsNodesAndFits() {
        std::size_t steps = 0, most = 0;
        QStringList problems;
        for (const core::Lesson* lesson : m_catalog->lessons()) {
            widgets::SimController controller(m_registry);
            QVERIFY(controller.loadLesson(*lesson).ok());
            for (std::size_t step = 1; step <= lesson->steps.size(); ++step) {
                // The step's nodes: those on the scene at its start or at its end (a ring node
                // may leave or join during it).
                std::set<core::NodeId> ids;
                for (const std::size_t end : {step - 1, step}) {
                    controller.goToStepEnd(end);
                    for (const auto& node : controller.timeline()->model().view(controller.displayTime()).nodes)
                        ids.insert(node.id);
                }
                const std::size_t nodes = ids.size();
                for (const auto format : {core::DiagramFormat::Mermaid, core::DiagramFormat::PlantUml}) {
                    const std::string text = widgets::traceDiagramFor(controller, format);
                    const core::DiagramSize size = core::measureDiagram(text, format);
                    const QString where = QStringLiteral("%1 step %2").arg(QString::fromStdString(lesson->id)).arg(step);
                    if (size.participants != nodes)
                        problems << where + QStringLiteral(": %1 participants, %2 nodes").arg(size.participants).arg(nodes);
                    if (size.items > core::kDiagramItems || size.cut)
                        problems << where + QStringLiteral(": %1 items, cut").arg(size.items);
                    most = std::max(most, size.items);
                }
                ++steps;
            }
        }
        qInfo("%zu lesson steps exported; the largest diagram has %zu items (limit %zu)", steps, most,
              core::kDiagramItems);
        problems.removeDuplicates();
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

    // A card split over two pages (one page ending in "A strong answer covers:", the next
    // holding only its bullets) is what this prevents; a card taller than a page may split.
    void everyHandoutKeepsEachCardOnOnePage() {
        std::size_t cards = 0;
        for (const core::Lesson* lesson : m_catalog->lessons()) {
            for (const auto paper : {QPageSize::A4, QPageSize::Letter}) {
                widgets::HandoutOptions options;
                options.pageSize = paper;
                auto pages = widgets::handoutCardPages(*lesson, m_registry, options);
                QVERIFY(pages.ok());
                QCOMPARE(pages->size(), lesson->cards.size());
                for (std::size_t i = 0; i < pages->size(); ++i) {
                    const widgets::CardPages& card = pages.value()[i];
                    if (!card.fitsAPage) continue;
                    QVERIFY2(card.first == card.last,
                             qPrintable(QStringLiteral("%1 card %2: pages %3 to %4")
                                            .arg(QString::fromStdString(lesson->id))
                                            .arg(i + 1)
                                            .arg(card.first)
                                            .arg(card.last)));
                    ++cards;
                }
            }
        }
        QVERIFY(cards > 0);
    }

    void svgNamesAFontStackAndScales() {
        const core::Lesson* lesson = m_catalog->find("raft-election");
        QVERIFY(lesson);
        widgets::SimController controller(m_registry);
        QVERIFY(controller.loadLesson(*lesson).ok());
        controller.goToStepEnd(lesson->steps.size());
        widgets::SceneView view;
        widgets::prepareOffscreenView(view, QSize(960, 600));
        view.setView(controller.timeline()->model().view(controller.displayTime()));
        widgets::ExportOptions options;
        options.caption = widgets::captionFor(controller);
        const QByteArray one = widgets::renderPicture(widgets::scenePicture(view), widgets::ImageFormat::Svg, options);
        options.scale = 2;
        const QByteArray two = widgets::renderPicture(widgets::scenePicture(view), widgets::ImageFormat::Svg, options);
        static const QRegularExpression family(QStringLiteral("font-family=\"([^\"]*)\""));
        int families = 0;
        for (auto it = family.globalMatch(QString::fromUtf8(one)); it.hasNext(); ++families) {
            const QString stack = it.next().captured(1);
            QVERIFY2(stack.endsWith(QStringLiteral(", sans-serif")), qPrintable(stack));
            QVERIFY2(!stack.contains(QStringLiteral("Sans Serif")), qPrintable(stack));
        }
        QVERIFY(families > 0);
        QVERIFY(one.contains("width=\"960px\" height=\"626px\""));  // the caption strip adds 26
        QVERIFY(two.contains("width=\"1920px\" height=\"1252px\""));
        QVERIFY(two.contains("viewBox=\"0 0 960 626\""));
        QVERIFY(QSvgRenderer(two).isValid());
        QCOMPARE(QSvgRenderer(two).defaultSize(), QSize(1920, 1252));
    }
};

int main(int argc, char** argv) { return test::runQtTest<LessonExportsTest>(argc, argv); }
#include "lesson_exports_test.moc"
