// The workspace at 1280x800 over every shipped lesson: nothing a learner reads in the lesson list,
// the step list, the plot legend or a dialog is cut to "…", the plot keeps at least a third of its
// dock and each of its plots room enough to read, and a quiz sitting gives back exactly the docks
// it found.
#include <QApplication>
#include <QCheckBox>
#include <QDockWidget>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QScrollBar>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>
#include <qcustomplot.h>
#include <cmath>
#include <limits>
#include <set>

#include "gui/workspace_state.h"
#include "learn/lesson_browser.h"
#include "learn/lesson_pane.h"
#include "lesson/lesson_catalog.h"
#include "panels/action_dialog.h"
#include "panels/metrics_panel.h"
#include "panels/node_picker.h"
#include "panels/step_strips_panel.h"
#include "panels/view_panels.h"
#include "quiz/quiz_setup_page.h"
#include "quiz/quiz_workspace.h"
#include "scene/node_item.h"
#include "scene/scene_layouts.h"
#include "scene/scene_view.h"
#include "sim_controller.h"
#include "test_support.h"
#include "test_window.h"

using namespace sb;

namespace {

// Room a view item's text needs beside its text: focus margins, a check box or icon.
// (Qt's item text margin: the focus frame margin plus one, on each side.)
constexpr int kItemChrome = 6;

// A row's text is cut when it needs more lines, or more width, than its rectangle has.
bool fits(const QFontMetrics& metrics, const QString& text, const QRect& rect, bool wrap, int chrome) {
    const int width = rect.width() - chrome;
    if (!wrap) return metrics.horizontalAdvance(text) <= width;
    const QRect need = metrics.boundingRect(QRect(0, 0, std::max(1, width), 100000), Qt::TextWordWrap, text);
    return need.width() <= width && need.height() <= rect.height();
}

QStringList cutRows(const QListWidget* list, int chrome) {
    QStringList cut;
    for (int i = 0; i < list->count(); ++i) {
        const QListWidgetItem* item = list->item(i);
        if (item->isHidden()) continue;
        const QRect rect = list->visualItemRect(item);
        if (!fits(QFontMetrics(item->font()), item->text(), rect, list->wordWrap(), chrome))
            cut << QStringLiteral("%1 [%2x%3, needs %4]")
                       .arg(item->text())
                       .arg(rect.width())
                       .arg(rect.height())
                       .arg(QFontMetrics(item->font()).horizontalAdvance(item->text()));
    }
    return cut;
}

QStringList cutRows(const QTreeWidget* tree) {
    QStringList cut;
    for (int t = 0; t < tree->topLevelItemCount(); ++t) {
        const QTreeWidgetItem* topic = tree->topLevelItem(t);
        for (int i = -1; i < topic->childCount(); ++i) {
            const QTreeWidgetItem* item = i < 0 ? topic : topic->child(i);
            if (item->isHidden()) continue;
            const QModelIndex index = tree->indexFromItem(item, 0);
            const QRect rect = tree->visualRect(index);
            if (!fits(QFontMetrics(item->font(0)), item->text(0), rect, tree->wordWrap(), kItemChrome))
                cut << QStringLiteral("%1 [%2x%3, needs %4]")
                           .arg(item->text(0))
                           .arg(rect.width())
                           .arg(rect.height())
                           .arg(QFontMetrics(item->font(0)).horizontalAdvance(item->text(0)));
        }
    }
    return cut;
}

// A label shows all of its text: wrapped labels are tall enough, others wide enough.
QStringList cutLabels(const QWidget* root) {
    QStringList cut;
    for (const QLabel* label : root->findChildren<QLabel*>()) {
        if (!label->isVisibleTo(root) || label->text().isEmpty() || label->textFormat() == Qt::RichText) continue;
        const QRect r = label->contentsRect();
        if (!fits(label->fontMetrics(), label->text(), r, label->wordWrap(), 0)) cut << label->text();
    }
    return cut;
}

// Every value axis holds series of one unit and says what they are in words.
QString axisProblem(const widgets::MetricsPanel& metrics) {
    for (QCPAxis* axis : metrics.valueAxes()) {
        QSet<QString> units;
        for (QCPGraph* g : axis->graphs()) units << metrics.seriesUnit(g->property("series").toInt());
        const QString title = axis->label();
        if (units.size() != 1) return QStringLiteral("axis \"%1\" mixes units %2").arg(title, QStringList(units.values()).join(QLatin1Char(',')));
        if (title.isEmpty() || title.contains(QLatin1Char('_')) || title.contains(QLatin1String("see each")))
            return QStringLiteral("axis title \"%1\"").arg(title);
        // The title fits along its axis: QCustomPlot cuts a longer one at the axis's ends. (An
        // axis of a plot not on screen has no height yet.)
        if (metrics.plot()->isVisible() && QFontMetrics(axis->labelFont()).horizontalAdvance(title) > axis->axisRect()->height())
            return QStringLiteral("axis title \"%1\" is longer than its axis (%2 px)").arg(title).arg(axis->axisRect()->height());
        const QString unit = *units.begin();
        // A count axis is titled with what it counts or "count"; a unit's axis names its unit.
        if (!unit.isEmpty() && unit != QLatin1String("term") && unit != QLatin1String("log index") && !title.contains(unit, Qt::CaseInsensitive))
            return QStringLiteral("axis \"%1\" does not name its unit %2").arg(title, unit);
    }
    return {};
}

double area(const QWidget* w) { return static_cast<double>(w->width()) * w->height(); }

QStringList dockGeometry(const QMainWindow& w) {
    QStringList out;
    for (const QDockWidget* d : w.findChildren<QDockWidget*>()) {
        // A dock tabbed behind another keeps a stale geometry: only its being there counts.
        const bool front = d->isVisible() && !d->visibleRegion().isEmpty();
        out << QStringLiteral("%1 visible=%2 front=%3 %4")
                   .arg(d->objectName())
                   .arg(d->isVisible())
                   .arg(front)
                   .arg(front ? QStringLiteral("%1,%2 %3x%4").arg(d->x()).arg(d->y()).arg(d->width()).arg(d->height())
                              : QString());
    }
    out.sort();
    return out;
}

}  // namespace

// The least data area a plot of the metrics panel may have at 1280x800: room for four value ticks
// and their labels, and for a rise and fall to read as such. (Two plots stacked in the cache
// lessons' dock had 45 px each.)
constexpr int kLeastPlotHeight = 100;
constexpr int kLeastPlotWidth = 120;

// The least a scene may be scaled to fit its room at 1280x800: at half size its 9 pt words are
// already small. (The star of the outbox lesson, eight nodes over four step strips, was at 0.44.)
constexpr double kLeastSceneScale = 0.5;

class LayoutTest : public test::WindowTest {
    Q_OBJECT
private:
    QDockWidget* dock(const char* name) { return m_window->findChild<QDockWidget*>(QLatin1String(name)); }

private slots:
    void initTestCase() {
        // No saved progress or lessons from an earlier run.
        QStandardPaths::setTestModeEnabled(true);
        QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).removeRecursively();
        openWindowAt(QSize(1280, 800));
        if (QTest::currentTestFailed()) return;
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        (void)m_window->catalog();
        app::fitDocks(*m_window);
        QTest::qWait(0);
    }

    void everyLessonFitsAt1280x800() {
        QDockWidget* plots = dock("PlotsDock");
        QVERIFY(plots);
        plots->show();
        plots->raise();
        const QTreeWidget* lessons = m_window->lessonBrowser()->tree();
        QVERIFY2(cutRows(lessons).isEmpty(), qPrintable(cutRows(lessons).join(QStringLiteral(" | "))));
        int checked = 0;
        int least = std::numeric_limits<int>::max();
        QString smallestPlot;
        for (const core::Lesson* lesson : m_window->catalog().lessons()) {
            const QString id = QString::fromStdString(lesson->id);
            QVERIFY2(m_window->openLesson(id), qPrintable(id));
            controller().goToStepEnd(lesson->steps.size());
            QTest::qWait(0);
            m_window->metrics()->replotNow();
            QTest::qWait(0);
            // The window keeps its size: no page or dock asks for more height than 800 px leaves.
            QVERIFY2(m_window->size() == QSize(1280, 800),
                     qPrintable(QStringLiteral("%1: the window grew to %2x%3").arg(id).arg(m_window->width()).arg(m_window->height())));
            widgets::LessonPane* pane = m_window->lessonPane();
            const QStringList steps = cutRows(pane->stepList(), kItemChrome);
            QVERIFY2(steps.isEmpty(), qPrintable(id + ": step list cuts " + steps.join(QStringLiteral(" | "))));
            const QStringList claims = cutRows(pane->claimList(), kItemChrome);
            QVERIFY2(claims.isEmpty(), qPrintable(id + ": claims cut " + claims.join(QStringLiteral(" | "))));
            // Eight steps and three claims show whole, with no scroll bar.
            if (lesson->steps.size() <= 8)
                QVERIFY2(pane->stepList()->verticalScrollBar()->maximum() == 0,
                         qPrintable(QStringLiteral("%1: the step list scrolls (%2 px tall)").arg(id).arg(pane->stepList()->height())));
            if (pane->claimList()->count() <= 3)
                QVERIFY2(pane->claimList()->verticalScrollBar()->maximum() == 0, qPrintable(id + ": the claim list scrolls"));
            for (int c = 0; c < pane->claimList()->count(); ++c) {
                const QString claim = pane->claimList()->item(c)->text();
                QVERIFY2(!claim.contains(QLatin1Char('_')) && !claim.contains(QLatin1String("true")) &&
                             !claim.contains(QLatin1String("false")) && !claim.contains(QLatin1String(" equals ")),
                         qPrintable(id + ": claim not in words: " + claim));
            }
            QVERIFY2(cutLabels(pane).isEmpty(), qPrintable(id + ": " + cutLabels(pane).join(QStringLiteral(" | "))));
            // The legend: swatch and check box beside each label.
            const QStringList legend = cutRows(m_window->metrics()->seriesList(), kItemChrome + 46);
            QVERIFY2(legend.isEmpty(), qPrintable(id + ": legend cuts " + legend.join(QStringLiteral(" | "))));
            const double share = area(m_window->metrics()->plot()) / area(plots->widget());
            QVERIFY2(share >= 1.0 / 3.0, qPrintable(QStringLiteral("%1: the plot is %2% of its dock").arg(id).arg(share * 100, 0, 'f', 0)));
            m_window->metrics()->replotNow();
            m_window->metrics()->plot()->replot();  // now, not queued: lays the axes out at the dock's size
            QVERIFY2(m_window->metrics()->plot()->yAxis->label().size() > 0, qPrintable(id + ": no y axis title"));
            const QString axes = axisProblem(*m_window->metrics());
            QVERIFY2(axes.isEmpty(), qPrintable(id + ": " + axes));
            for (const QCPAxisRect* rect : m_window->metrics()->plot()->axisRects()) {
                const QString size = QStringLiteral("%1x%2 px").arg(rect->width()).arg(rect->height());
                if (rect->width() * rect->height() < least) least = rect->width() * rect->height(), smallestPlot = size + " in " + id;
                QVERIFY2(rect->height() >= kLeastPlotHeight && rect->width() >= kLeastPlotWidth,
                         qPrintable(QStringLiteral("%1: a plot's data area is %2, under %3x%4")
                                        .arg(id, size).arg(kLeastPlotWidth).arg(kLeastPlotHeight)));
            }
            ++checked;
        }
        QVERIFY(checked >= 10);
        qInfo("the smallest plot at 1280x800: %s", qPrintable(smallestPlot));
    }

    void everySceneIsDrawnLargeEnoughToRead() {
        // The scene is fitted to its room: at 1280x800 no lesson's scene, at the end of any step,
        // is drawn at under half size.
        QStringList small;
        double least = 10;
        for (const core::Lesson* lesson : m_window->catalog().lessons()) {
            const QString id = QString::fromStdString(lesson->id);
            QVERIFY2(m_window->openLesson(id), qPrintable(id));
            for (std::size_t step = 1; step <= lesson->steps.size(); ++step) {
                controller().goToStepEnd(step);
                QTest::qWait(0);
                const double scale = m_window->sceneView()->transform().m11();
                least = std::min(least, scale);
                if (scale < kLeastSceneScale) small << QStringLiteral("%1 step %2: %3").arg(id).arg(step).arg(scale, 0, 'f', 2);
            }
        }
        qInfo("the smallest scene scale at 1280x800: %.2f", least);
        QVERIFY2(small.isEmpty(), qPrintable(small.join(QLatin1Char('\n'))));
    }

    void manyStepStripsGoCompactInALaptopWindow() {
        // Four strips under the outbox lesson's scene would take 30% of the area at 1280x800:
        // they go compact there (and the scene is drawn larger), and full size at 1920x1080.
        QVERIFY(m_window->openLesson(QStringLiteral("saga-outbox")));
        controller().goToStepEnd(10);
        QTest::qWait(0);
        const widgets::StepStripsPanel* strips = m_window->viewPanels()->strips();
        QCOMPARE(strips->strips().size(), std::size_t{4});
        QVERIFY(strips->compact());
        QCOMPARE(m_window->viewPanels()->height(), widgets::StepStripsPanel::heightFor(4, true));
        const double scale = m_window->sceneView()->transform().m11();
        qInfo("saga-outbox step 10 at 1280x800: the scene at %.2f, the strips %d px tall", scale, m_window->viewPanels()->height());
        QVERIFY2(scale >= 0.55, qPrintable(QString::number(scale)));
        m_window->resize(1920, 1080);
        QTest::qWait(0);
        QVERIFY(!strips->compact());
        QCOMPARE(m_window->viewPanels()->height(), widgets::StepStripsPanel::heightFor(4, false));
        m_window->resize(1280, 800);
        QTest::qWait(0);
        QVERIFY(strips->compact());
    }

    void aStarKeepsItsNodesApartOnOneCircle() {
        // One or two hubs and one to twelve others: the rim mirrored left and right, no two
        // footprints touching, the first at 12 o'clock, and (an odd three or more, with no node at 6
        // o'clock) the star no taller than wide.
        for (int hubs = 1; hubs <= 2; ++hubs)
            for (int others = 1; others <= 12; ++others) {
                std::vector<core::NodeView> nodes(static_cast<std::size_t>(hubs + others));
                for (std::size_t i = 0; i < nodes.size(); ++i) nodes[i].tier = static_cast<int>(i) < hubs ? 0 : 1;
                const std::vector<QPointF> at = widgets::starLayout(nodes);
                const QString where = QStringLiteral("%1 hubs, %2 others").arg(hubs).arg(others);
                QRectF bounds;
                for (std::size_t i = 0; i < at.size(); ++i) {
                    bounds = bounds.united(widgets::NodeItem::footprint().translated(at[i]));
                    if (static_cast<int>(i) < hubs || std::abs(at[i].x()) < 0.5 || others == 1) continue;
                    const bool mirrored = std::any_of(at.begin() + hubs, at.end(), [&](QPointF q) {
                        return std::abs(q.x() + at[i].x()) < 0.5 && std::abs(q.y() - at[i].y()) < 0.5;
                    });
                    QVERIFY2(mirrored, qPrintable(QStringLiteral("%1: node %2 has no mirror").arg(where).arg(i)));
                }
                if (others >= 3 && others % 2 == 1) QVERIFY2(bounds.height() <= bounds.width() + 0.5, qPrintable(where));
                if (others > 1) QVERIFY2(std::abs(at[static_cast<std::size_t>(hubs)].x()) < 0.5 && at[static_cast<std::size_t>(hubs)].y() < 0, qPrintable(where));
                for (std::size_t a = 0; a < at.size(); ++a)
                    for (std::size_t b = a + 1; b < at.size(); ++b)
                        QVERIFY2(!widgets::NodeItem::footprint().translated(at[a]).intersects(widgets::NodeItem::footprint().translated(at[b])),
                                 qPrintable(QStringLiteral("%1: nodes %2 and %3 touch").arg(where).arg(a).arg(b)));
            }
    }

    void everyUnitGetsItsOwnAxis() {
        // Every series of a busy topic ticked: one value axis per unit, two to a plot.
        QVERIFY(m_window->openLesson(QStringLiteral("replication-failover")));
        controller().goToStepEnd(2);
        QTest::qWait(0);
        widgets::MetricsPanel* metrics = m_window->metrics();
        QSet<QString> units;
        for (int row = 0; row < metrics->seriesList()->count(); ++row) {
            metrics->seriesList()->item(row)->setCheckState(Qt::Checked);
            units << metrics->seriesUnit(row);
        }
        QVERIFY2(units.size() >= 3, qPrintable(QStringList(units.values()).join(QLatin1Char(','))));
        QCOMPARE(metrics->valueAxes().size(), units.size());
        QCOMPARE(metrics->plot()->axisRectCount(), static_cast<int>((units.size() + 1) / 2));
        metrics->plot()->replot();  // lays the new axes out
        const QString axes = axisProblem(*metrics);
        QVERIFY2(axes.isEmpty(), qPrintable(axes));
        // Back to a few series: back to one plot.
        for (int row = 2; row < metrics->seriesList()->count(); ++row) metrics->seriesList()->item(row)->setCheckState(Qt::Unchecked);
        QCOMPARE(metrics->plot()->axisRectCount(), 1);
    }

    void everyActionDialogFits() {
        // Every topic's action forms, as the Actions menu opens them, at their own size.
        for (const std::string& topic : m_registry.ids()) {
            const core::TopicInfo* info = m_registry.find(topic);
            QVERIFY(info);
            const std::vector<std::string> nodes{"n1", "n2", "n3", "n4", "n5"};
            for (const core::ActionSpec& spec : info->actions) {
                if (!widgets::ActionDialog::needsInput(spec, false)) continue;
                widgets::ActionDialog dialog(spec, nodes, {}, m_window.get());
                dialog.show();
                QTest::qWait(0);
                const QString what = QString::fromStdString(topic + " " + spec.kind);
                QVERIFY2(cutLabels(&dialog).isEmpty(), qPrintable(what + ": " + cutLabels(&dialog).join(QStringLiteral(" | "))));
                QVERIFY2(!dialog.windowTitle().contains(QLatin1Char('_')), qPrintable(what));
            }
        }
    }

    void partitionFromTheKeyboardWithCheckBoxes() {
        QVERIFY(m_window->openLesson(QStringLiteral("raft-election")));
        const core::TopicInfo& info = controller().timeline()->model().info();
        const core::ActionSpec* partition = nullptr;
        for (const auto& spec : info.actions)
            if (spec.kind == "partition") partition = &spec;
        QVERIFY(partition);
        const auto nodes = controller().timeline()->model().nodeNames();
        widgets::ActionDialog dialog(*partition, nodes, {}, m_window.get());
        auto* picker = dialog.findChild<widgets::NodePicker*>();
        QVERIFY(picker);
        QCOMPARE(dialog.findChildren<QCheckBox*>().size(), static_cast<qsizetype>(nodes.size() * 2));
        // Everyone on side A: not a partition, and the dialog says so instead of closing.
        for (const auto& n : nodes) picker->choose(n, 0);
        QVERIFY(!dialog.inputProblem().isEmpty());
        picker->choose(nodes[0], 1);
        picker->choose(nodes[1], 1);
        QVERIFY2(dialog.inputProblem().isEmpty(), qPrintable(dialog.inputProblem()));
        const core::Action a = dialog.action();
        QCOMPARE(a.args.at("groups").size(), std::size_t{2});
        QCOMPARE(a.args.at("groups")[1].size(), std::size_t{2});
        QCOMPARE(a.args.at("groups")[0].size(), nodes.size() - 2);
        QVERIFY(controller().perform(a, QStringLiteral("partition")).ok());
        QVERIFY(app::isPartitioned(controller().timeline()->model().view(controller().displayTime())));
    }

    void quizSittingGivesBackTheDocks() {
        QVERIFY(m_window->openLesson(QStringLiteral("raft-election")));
        QTest::qWait(0);
        const QStringList before = dockGeometry(*m_window);
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        QTest::keyClick(m_window.get(), Qt::Key_F9);
        QVERIFY(m_window->quizMode());
        widgets::QuizWorkspace* quiz = m_window->quiz();
        quiz->setupPage()->setSelectedTopics({QStringLiteral("ping")});
        quiz->setupPage()->setMode(widgets::QuizMode::Quiz);
        QVERIFY(quiz->startSession());
        QVERIFY(quiz->session());
        quiz->endSession();
        QTest::qWait(0);
        QTest::keyClick(m_window.get(), Qt::Key_F9);
        QVERIFY(!m_window->quizMode());
        QTest::qWait(0);
        QCOMPARE(dockGeometry(*m_window), before);
    }

    void widerWindowsGiveTheDocksMoreRoom() {
        const int lessonsAt1280 = dock("LessonsDock")->width();
        const int paneAt1280 = dock("LessonDock")->width();
        m_window->resize(1920, 1080);
        QTest::qWait(0);
        app::fitDocks(*m_window);
        QTest::qWait(0);
        QVERIFY2(dock("LessonDock")->width() > paneAt1280,
                 qPrintable(QStringLiteral("%1 -> %2").arg(paneAt1280).arg(dock("LessonDock")->width())));
        QVERIFY(dock("LessonsDock")->width() >= lessonsAt1280);
        QVERIFY2(cutRows(m_window->lessonBrowser()->tree()).isEmpty(), "titles cut at 1920x1080");
        // The extra width reaches the plot too, not only the space-time diagram.
        QVERIFY2(m_window->metrics()->plot()->width() >= 360,
                 qPrintable(QStringLiteral("the plot is %1 px wide at 1920").arg(m_window->metrics()->plot()->width())));
        m_window->resize(1280, 800);
        QTest::qWait(0);
    }
};

int main(int argc, char** argv) {
    test::installWarningRecorder();
    QApplication app(argc, argv);
    LayoutTest t;
    return QTest::qExec(&t, argc, argv);
}

#include "layout_test.moc"
