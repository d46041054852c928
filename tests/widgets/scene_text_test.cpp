// Words in the scene and the panels under it fit their room: over every shipped lesson at
// 1280x800, at the end of each step, no node caption, badge or bar label, no step strip and no
// key row had to be cut with "…" (the painters say when they cut: cutTexts()). The lesson
// pane's claims show whole without a scroll bar, and the keyboard shortcuts dialog shows its
// Keys column whole.
#include <QApplication>
#include <QDialog>
#include <QGraphicsItem>
#include <QGraphicsView>
#include <QHeaderView>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QScrollBar>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>
#include <set>

#include "learn/lesson_pane.h"
#include "lesson/lesson_catalog.h"
#include "panels/key_rows_panel.h"
#include "panels/step_strips_panel.h"
#include "scene/node_item.h"
#include "shipped_catalog.h"
#include "sim_controller.h"
#include "test_support.h"
#include "test_window.h"

using namespace sb;

namespace {

// What the visible scenes and panels of `window` cut, each prefixed with where it is.
QStringList cutsIn(QWidget& window) {
    QStringList out;
    for (QGraphicsView* view : window.findChildren<QGraphicsView*>()) {
        if (!view->isVisible() || !view->scene()) continue;
        for (QGraphicsItem* item : view->scene()->items()) {
            if (item->type() != widgets::NodeItem::Type || !item->isVisible()) continue;
            const auto* node = static_cast<const widgets::NodeItem*>(item);
            for (const QString& t : node->cutTexts()) out << QStringLiteral("node %1: %2").arg(QString::fromStdString(node->node().name), t);
        }
    }
    // The panels record what they cut as they paint: paint them at their size now.
    for (widgets::StepStripsPanel* strips : window.findChildren<widgets::StepStripsPanel*>()) {
        if (!strips->isVisible()) continue;
        (void)strips->grab();
        for (const QString& t : strips->cutTexts()) out << QStringLiteral("step strip at %1 px: %2").arg(strips->width()).arg(t);
    }
    for (widgets::KeyRowsPanel* keys : window.findChildren<widgets::KeyRowsPanel*>()) {
        if (!keys->isVisible()) continue;
        (void)keys->grab();
        for (const QString& t : keys->cutTexts()) out << QStringLiteral("key rows at %1 px: %2").arg(keys->width()).arg(t);
    }
    return out;
}

}  // namespace

class SceneTextTest : public QObject {
    Q_OBJECT
private:
    core::TopicRegistry m_registry;
    std::unique_ptr<app::MainWindow> m_window;
    widgets::SimController& controller() { return m_window->controller(); }

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        test::openTestWindow(m_registry, m_window);
        if (QTest::currentTestFailed()) return;
        m_window->resize(1280, 800);
        QTest::qWait(0);
    }
    void cleanupTestCase() { m_window.reset(); }
    void init() { test::failOnQtWarnings(); }
    void cleanup() { QVERIFY2(test::qtWarnings().isEmpty(), qPrintable(test::qtWarnings().join('\n'))); }

    void everyStepsWordsFitAt1280x800() {
        core::TopicRegistry shippedRegistry;
        const auto shipped = test::shippedCatalog(shippedRegistry);
        std::set<std::string> walked;
        QStringList problems;
        int scenes = 0;
        for (const core::Lesson* lesson : shipped->lessons()) {
            const QString id = QString::fromStdString(lesson->id);
            QVERIFY2(m_window->openLesson(id), qPrintable(id));
            walked.insert(lesson->id);
            for (std::size_t step = 1; step <= lesson->steps.size(); ++step) {
                controller().goToStepEnd(step);
                QTest::qWait(0);
                QCOMPARE(m_window->size(), QSize(1280, 800));
                for (const QString& cut : cutsIn(*m_window)) problems << QStringLiteral("%1 step %2, %3").arg(id).arg(step).arg(cut);
                // Every claim of the step shows whole, with no scroll bar.
                QListWidget* claims = m_window->lessonPane()->claimList();
                if (claims->count() > 0) {
                    const QRect last = claims->visualItemRect(claims->item(claims->count() - 1));
                    if (claims->verticalScrollBar()->maximum() > 0 || last.bottom() > claims->viewport()->height())
                        problems << QStringLiteral("%1 step %2: the claim list scrolls (%3 claims, %4 px tall)")
                                        .arg(id).arg(step).arg(claims->count()).arg(claims->height());
                }
                ++scenes;
            }
        }
        QCOMPARE(walked.size(), shipped->lessons().size());
        QVERIFY(scenes >= 100);
        for (const QString& p : problems) qInfo("%s", qPrintable(p));  // all of them (a failure message is cut short)
        QVERIFY2(problems.isEmpty(), qPrintable(QStringLiteral("%1 problems:\n").arg(problems.size()) + problems.join(QLatin1Char('\n'))));
    }

    void theShortcutsDialogShowsItsKeysWhole() {
        QAction* shortcuts = nullptr;
        for (QAction* top : m_window->menuBar()->actions())
            if (top->menu())
                for (QAction* a : top->menu()->actions())
                    if (a->text().remove(QLatin1Char('&')) == QStringLiteral("Keyboard shortcuts")) shortcuts = a;
        QVERIFY(shortcuts);
        QStringList problems;
        int rows = 0;
        bool seen = false;
        // The dialog is modal: read it once it is up, then close it.
        QTimer::singleShot(0, this, [&] {
            auto* dialog = qobject_cast<QDialog*>(QApplication::activeModalWidget());
            if (!dialog) {
                problems << QStringLiteral("no dialog");
                return;
            }
            seen = true;
            if (!QTest::qWaitForWindowExposed(dialog)) problems << QStringLiteral("the dialog is not shown");
            auto* table = dialog->findChild<QTreeWidget*>();
            if (!table) {
                problems << QStringLiteral("no table");
                dialog->reject();
                return;
            }
            const int viewport = table->viewport()->width();
            for (int i = 0; i < table->topLevelItemCount(); ++i) {
                const QTreeWidgetItem* item = table->topLevelItem(i);
                for (int column = 0; column < 2; ++column) {
                    const QRect rect = table->visualRect(table->indexFromItem(item, column));
                    const int need = QFontMetrics(item->font(column)).horizontalAdvance(item->text(column)) + 6;
                    if (rect.width() < need || rect.right() > viewport)
                        problems << QStringLiteral("%1 [%2 px at %3, needs %4, view %5]")
                                        .arg(item->text(column)).arg(rect.width()).arg(rect.left()).arg(need).arg(viewport);
                }
                ++rows;
            }
            if (table->horizontalScrollBar()->maximum() > 0) problems << QStringLiteral("the table scrolls sideways");
            dialog->reject();
        });
        shortcuts->trigger();
        QVERIFY(seen);
        QVERIFY(rows >= 10);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }
};

int main(int argc, char** argv) {
    test::installWarningRecorder();
    QApplication app(argc, argv);
    SceneTextTest t;
    return QTest::qExec(&t, argc, argv);
}
#include "scene_text_test.moc"
