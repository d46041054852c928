// Words on screen are for people, a first run says how to begin, a finished lesson offers the
// next one, and the layout survives quiz mode and can be reset. Over every shipped lesson.
#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QDockWidget>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTest>
#include <QTextBrowser>
#include <QTimer>
#include <QTreeWidget>
#include <algorithm>
#include <functional>

#include "gui/help_pages.h"
#include "gui/workspace_state.h"
#include "learn/lesson_browser.h"
#include "learn/lesson_pane.h"
#include "lesson/lesson_catalog.h"
#include "panels/banner.h"
#include "panels/compare_view.h"
#include "panels/metrics_panel.h"
#include "quiz/quiz_workspace.h"
#include "sim_controller.h"
#include "test_support.h"
#include "test_window.h"

using namespace sb;

namespace {

// "client_write", "current_suspicions", "conflict_term_backoff": an identifier, not a word.
const QRegularExpression kIdentifier(QStringLiteral("[A-Za-z0-9]_[A-Za-z0-9]"));

void collectMenu(const QMenu* menu, QStringList& out) {
    for (QAction* a : menu->actions()) {
        if (a->isSeparator()) continue;
        out << a->text();
        if (a->menu()) collectMenu(a->menu(), out);
    }
}

QString identifiersIn(const QStringList& texts) {
    QStringList bad;
    for (const QString& t : texts)
        if (t.contains(kIdentifier)) bad << t;
    return bad.join(QStringLiteral(" | "));
}

// Where each dock is, whether it shows, and which tab of each tab bar is in front.
QStringList layoutOf(const QMainWindow& w) {
    QStringList out;
    for (const QDockWidget* d : w.findChildren<QDockWidget*>()) {
        // A dock tabbed behind another keeps a stale geometry: only its being there counts.
        const bool front = d->isVisible() && !d->visibleRegion().isEmpty();
        out << QStringLiteral("%1 %2 %3").arg(d->objectName()).arg(d->isVisible()).arg(
                   front ? QStringLiteral("%1,%2 %3x%4").arg(d->x()).arg(d->y()).arg(d->width()).arg(d->height())
                         : QString());
    }
    for (const QTabBar* bar : w.findChildren<QTabBar*>())
        if (bar->isVisible()) out << QStringLiteral("tab %1").arg(bar->tabText(bar->currentIndex()));
    out.sort();
    return out;
}

// Triggers the window's action `text` (a modal dialog) and returns what `check` says of the
// dialog's table while it is up: empty when all is well.
QString checkModalTable(QMainWindow& window, const QString& text, const std::function<QString(QDialog&, QTreeWidget&)>& check) {
    QAction* action = nullptr;
    for (QAction* a : window.findChildren<QAction*>())
        if (a->text().remove(QLatin1Char('&')) == text) action = a;
    if (!action) return QStringLiteral("no action ") + text;
    QString problem = QStringLiteral("no dialog");
    QTimer::singleShot(0, &window, [&] {
        auto* dialog = qobject_cast<QDialog*>(QApplication::activeModalWidget());
        if (!dialog) return;
        auto* table = dialog->findChild<QTreeWidget*>();
        problem = table ? check(*dialog, *table) : QStringLiteral("no table");
        dialog->reject();
    });
    action->trigger();
    return problem;
}

}  // namespace

class WordsLayoutTest : public test::WindowTest {
    Q_OBJECT
private slots:
    void initTestCase() {
        openWindowAt(QSize(1280, 800));
        if (QTest::currentTestFailed()) return;
        (void)m_window->catalog();
    }

    void firstRunSaysHowToOpenALesson() {
        // No lesson finished (settings are ignored): the hint is there and its link opens one.
        auto* hint = m_window->lessonBrowser()->findChild<QLabel*>(QStringLiteral("FirstRunHint"));
        QVERIFY(hint);
        QVERIFY(hint->isVisible());
        QVERIFY(hint->text().contains(QStringLiteral("Click a lesson")));
        const core::Lesson* first = m_window->catalog().lessons().front();
        emit hint->linkActivated(QString::fromStdString(first->id));
        QVERIFY(controller().lessonRun());
        QCOMPARE(controller().lessonRun()->lesson().id, first->id);
    }

    void everyLessonShowsWordsNotIdentifiers() {
        auto* plots = m_window->findChild<QDockWidget*>(QStringLiteral("PlotsDock"));
        QVERIFY(plots);
        plots->show();
        plots->raise();
        auto* series = m_window->metrics()->findChild<QListWidget*>();
        QVERIFY(series);
        QAction* compare = nullptr;
        for (QAction* a : m_window->findChildren<QAction*>())
            if (a->text().remove(QLatin1Char('&')) == QStringLiteral("Compare side by side")) compare = a;
        QVERIFY(compare);
        compare->setChecked(true);
        int alternatives = 0;
        for (const core::Lesson* lesson : m_window->catalog().lessons()) {
            const QString id = QString::fromStdString(lesson->id);
            QVERIFY2(m_window->openLesson(id), qPrintable(id));
            controller().goToStepEnd(lesson->steps.size());
            QTest::qWait(0);
            QStringList texts;
            for (QAction* top : m_window->menuBar()->actions())
                if (top->menu()) collectMenu(top->menu(), texts);
            for (int i = 0; i < series->count(); ++i) texts << series->item(i)->text();
            // Claims read values as a person would: no "(at the end: 0.0230856)".
            static const QRegularExpression measured(QStringLiteral("at the end: (-?[0-9]*\\.[0-9]+)\\)"));
            QListWidget* claims = m_window->lessonPane()->claimList();
            for (int i = 0; i < claims->count(); ++i)
                if (const auto m = measured.match(claims->item(i)->text()); m.hasMatch())
                    QVERIFY2(m.captured(1).size() <= 6, qPrintable(id + ": " + claims->item(i)->text()));
            auto* choice = m_window->compare()->findChild<QComboBox*>();
            QVERIFY(choice);
            for (int i = 0; i < choice->count(); ++i) texts << choice->itemText(i);
            alternatives += choice->count();
            QVERIFY2(series->count() > 0, qPrintable(id));
            QVERIFY2(identifiersIn(texts).isEmpty(), qPrintable(id + ": " + identifiersIn(texts)));
        }
        compare->setChecked(false);
        QVERIFY(alternatives > 0);  // some lesson offers a switch to compare, and it was read
    }

    void aFinishedLessonOffersTheNextOne() {
        const auto lessons = m_window->catalog().lessons();
        QVERIFY(lessons.size() >= 2);
        const core::Lesson* lesson = lessons.front();
        QVERIFY(m_window->openLesson(QString::fromStdString(lesson->id)));
        QVERIFY(m_window->lessonPane()->nextButton()->isEnabled());
        for (std::size_t s = 1; s <= lesson->steps.size(); ++s) {
            QVERIFY(!app::lessonEndOffer(*m_window) || !app::lessonEndOffer(*m_window)->isVisible());
            controller().runStep(s);
            while (controller().playing()) controller().advance(500.0);
        }
        QWidget* offer = app::lessonEndOffer(*m_window);
        QVERIFY(offer && offer->isVisible());
        // Next step has nothing left to run: it is off, and says where to go instead.
        QVERIFY(!m_window->lessonPane()->nextButton()->isEnabled());
        QVERIFY(m_window->lessonPane()->nextButton()->toolTip().contains(QStringLiteral("last step")));
        int nextActions = 0;
        for (const QAction* a : m_window->findChildren<QAction*>())
            if (a->text().remove(QLatin1Char('&')) == QStringLiteral("Next step")) {
                ++nextActions;
                QVERIFY2(!a->isEnabled(), "the Next step action is still on after the last step");
            }
        QVERIFY(nextActions > 0);
        QPushButton* next = nullptr;
        for (QPushButton* b : offer->findChildren<QPushButton*>())
            if (b->text().startsWith(QStringLiteral("Next lesson"))) next = b;
        QVERIFY(next && next->isVisible());
        QVERIFY2(next->text().contains(QString::fromStdString(lessons[1]->title)), qPrintable(next->text()));
        next->click();
        QCOMPARE(controller().lessonRun()->lesson().id, lessons[1]->id);
        QVERIFY(!offer->isVisible());
        QVERIFY(m_window->lessonPane()->nextButton()->isEnabled());
    }

    void theLastStepChosenInTheListOffersTheNextLessonToo() {
        // Not only playing through: choosing the last step (the step list, --steps) ends the
        // lesson on screen as well, and going back to an earlier step takes the offer away.
        const core::Lesson* lesson = m_window->catalog().lessons().front();
        QVERIFY(m_window->openLesson(QString::fromStdString(lesson->id)));
        QListWidget* steps = m_window->lessonPane()->stepList();
        steps->setCurrentRow(steps->count() - 1);
        QWidget* offer = app::lessonEndOffer(*m_window);
        QVERIFY(offer && offer->isVisible());
        // The narration, where the learner is reading, points to it.
        const QString ending = QStringLiteral("That was the last step");
        QVERIFY(m_window->lessonPane()->narration()->toPlainText().contains(ending));
        steps->setCurrentRow(0);
        QVERIFY(!offer->isVisible());
        QVERIFY(!m_window->lessonPane()->narration()->toPlainText().contains(ending));
    }

    void theLessonEndOffersAQuizOnlyWhereThereAreQuestions() {
        // A topic with no cards or questions (gossip, today): "Quiz me on it" would open an
        // empty sitting. Every lesson's end offers the quiz exactly when its topic has items.
        const auto refs = m_window->quiz()->quizCatalog().allRefs();
        int without = 0;
        for (const core::Lesson* lesson : m_window->catalog().lessons()) {
            const QString id = QString::fromStdString(lesson->id);
            const bool items = std::any_of(refs.begin(), refs.end(), [&](const auto& r) { return r.topic == lesson->topic; });
            without += items ? 0 : 1;
            QVERIFY(m_window->openLesson(id));
            controller().goToStepEnd(lesson->steps.size());
            QWidget* offer = app::lessonEndOffer(*m_window);
            QVERIFY2(offer && offer->isVisible(), qPrintable(id));
            QPushButton* button = nullptr;
            for (QPushButton* b : offer->findChildren<QPushButton*>())
                if (b->text() == QStringLiteral("Quiz me on it")) button = b;
            QVERIFY(button);
            QVERIFY2(button->isVisible() == items, qPrintable(id));
        }
        QVERIFY(without < static_cast<int>(m_window->catalog().lessons().size()));
    }

    void aLessonWithoutCardsHasNoCardsTabToOpen() {
        auto* tabs = m_window->lessonPane()->findChild<QTabWidget*>();
        QVERIFY(tabs);
        int without = 0;
        for (const core::Lesson* lesson : m_window->catalog().lessons()) {
            // As a learner who was reading the previous lesson's cards.
            if (tabs->isTabEnabled(1)) tabs->setCurrentIndex(1);
            QVERIFY(m_window->openLesson(QString::fromStdString(lesson->id)));
            const bool cards = !lesson->cards.empty();
            without += cards ? 0 : 1;
            QVERIFY2(tabs->isTabEnabled(1) == cards, lesson->id.c_str());
            if (!cards) QCOMPARE(tabs->currentIndex(), 0);
        }
        QVERIFY(without < static_cast<int>(m_window->catalog().lessons().size()));
        tabs->setCurrentIndex(0);
    }

    void quizModeGivesBackTheLayoutItFound() {
        QVERIFY(m_window->openLesson(QStringLiteral("raft-election")));
        QTest::qWait(0);
        const QStringList before = layoutOf(*m_window);
        for (int round = 0; round < 2; ++round) {
            m_window->setQuizMode(true);
            QTest::qWait(0);
            m_window->setQuizMode(false);
            QTest::qWait(0);
            QCOMPARE(layoutOf(*m_window), before);
        }
    }

    void resetLayoutBringsBackTheStartingArrangement() {
        QTest::qWait(0);
        auto* inspector = m_window->findChild<QDockWidget*>(QStringLiteral("InspectorDock"));
        auto* lessons = m_window->findChild<QDockWidget*>(QStringLiteral("LessonsDock"));
        QVERIFY(inspector && lessons);
        inspector->hide();
        // Floating a dock raises its new window; the offscreen platform says it cannot.
        if (QGuiApplication::platformName() == QLatin1String("offscreen"))
            QTest::ignoreMessage(QtWarningMsg, "This plugin does not support raise()");
        lessons->setFloating(true);
        app::resetLayout(*m_window);
        QTest::qWait(0);
        QVERIFY(inspector->isVisible());
        QVERIFY(!lessons->isFloating());
        QVERIFY(lessons->isVisible());
    }

    void theBannerSaysARepeatedThingOnce() {
        const QStringList folded = widgets::foldAnnotations(
            {QStringLiteral("k1: 19 recomputes in flight at once, a stampede"), QStringLiteral("k2: 7 recomputes in flight at once, a stampede"),
             QStringLiteral("k3: 1 recompute in flight"), QStringLiteral("the database queue is longer than clients wait"),
             QStringLiteral("k5: 12 recomputes in flight at once, a stampede")});
        QCOMPARE(folded, QStringList({QStringLiteral("k1 (19), k2 (7), k5 (12): recomputes in flight at once, a stampede"),
                                      QStringLiteral("k3: 1 recompute in flight"),
                                      QStringLiteral("the database queue is longer than clients wait")}));
        // On screen: the cold start's stampeding keys are named in one sentence, not four.
        QVERIFY(m_window->openLesson(QStringLiteral("cache-cold-start")));
        controller().goToStepEnd(1);
        QTest::qWait(0);
        auto* banner = m_window->findChild<widgets::Banner*>();
        QVERIFY(banner && banner->isVisible());
        QCOMPARE(banner->text().count(QStringLiteral("a stampede")), 1);  // k4 (3) is no stampede: said apart
        QVERIFY2(banner->height() <= 3 * banner->fontMetrics().lineSpacing() + 12, qPrintable(QString::number(banner->height())));
    }

    void helpHasAGuideAndAGlossary() {
        const QString guide = app::helpPageHtml(app::HelpPage::Guide);
        QVERIFY(guide.contains(QStringLiteral("Click one to open it")));
        const QString glossary = app::helpPageHtml(app::HelpPage::Glossary);
        for (const char* term : {"Quorum", "Term", "Partition", "Linearizable", "Virtual node", "Replication lag", "Two-phase commit", "XFetch", "Outbox"})
            QVERIFY2(glossary.contains(QLatin1String(term)), term);
        QStringList helpMenu;
        for (QAction* top : m_window->menuBar()->actions())
            if (top->text().remove(QLatin1Char('&')) == QStringLiteral("Help")) collectMenu(top->menu(), helpMenu);
        QVERIFY(helpMenu.join(QLatin1Char(' ')).remove(QLatin1Char('&')).contains(QStringLiteral("Glossary")));
    }

    void theShortcutsDialogListsEveryKeyWithoutScrolling() {
        // At 1280x800 every row is in view: keys below the fold (the quiz's) are keys not found.
        const QString problem = checkModalTable(*m_window, QStringLiteral("Keyboard shortcuts"), [&](QDialog& dialog, QTreeWidget& table) {
            if (table.verticalScrollBar()->maximum() > 0)
                return QStringLiteral("%1 rows in a %2 px dialog scroll by %3 px")
                    .arg(table.topLevelItemCount()).arg(dialog.height()).arg(table.verticalScrollBar()->maximum());
            return dialog.height() > m_window->height() ? QStringLiteral("taller than the window") : QString();
        });
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void theGuideFitsItsDialogWhereTheWindowHasRoom() {
        // The guide is a page and a half of reading: at 1280x800 it is shown whole, not in a
        // fixed 620 px box that scrolls its last section out of sight.
        app::showHelpPage(m_window.get(), app::HelpPage::Guide);
        QDialog* dialog = nullptr;
        for (QDialog* d : m_window->findChildren<QDialog*>())
            if (d->isVisible() && d->windowTitle() == app::helpPageTitle(app::HelpPage::Guide)) dialog = d;
        QVERIFY(dialog);
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        auto* text = dialog->findChild<QTextBrowser*>();
        QVERIFY(text);
        QVERIFY2(text->verticalScrollBar()->maximum() == 0,
                 qPrintable(QStringLiteral("the guide scrolls by %1 px in a %2 px dialog").arg(text->verticalScrollBar()->maximum()).arg(dialog->height())));
        QVERIFY(dialog->height() <= m_window->height());
        dialog->close();
    }

    void lessonFoldersShowNoEmptyProblemList() {
        // Every shipped lesson loads: the dialog says so, with no empty File/Problem table.
        const QString problem = checkModalTable(*m_window, QStringLiteral("Lesson folders…"), [](QDialog&, QTreeWidget& table) {
            return table.topLevelItemCount() == 0 && table.isVisible() ? QStringLiteral("an empty problem list is shown") : QString();
        });
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void theGuideNamesPanelsAndMenusThatExist() {
        // A guide that sends a learner to "the Metrics panel" when the dock says "Plots" is a
        // guide that cannot be followed: every panel and menu path it names is on screen.
        QString guide = app::helpPageHtml(app::HelpPage::Guide);
        guide.replace(QRegularExpression(QStringLiteral("<[^>]*>")), QStringLiteral(" ")).replace(QStringLiteral("&gt;"), QStringLiteral(">"));
        QStringList docks;
        for (const QDockWidget* d : m_window->findChildren<QDockWidget*>()) docks << d->windowTitle();
        static const QRegularExpression panel(QStringLiteral("\\b([A-Z][\\w-]*)\\s+panel"));
        int panels = 0;
        for (auto it = panel.globalMatch(guide); it.hasNext(); ++panels) {
            const QString name = it.next().captured(1);
            QVERIFY2(docks.contains(name), qPrintable(name + QStringLiteral(" panel; the docks are ") + docks.join(QStringLiteral(", "))));
        }
        QVERIFY(panels >= 2);
        static const QRegularExpression path(QStringLiteral("\\b([A-Z]\\w*)\\s+>\\s+([A-Z][\\w ]*\\w)"));
        int paths = 0;
        for (auto it = path.globalMatch(guide); it.hasNext(); ++paths) {
            const auto m = it.next();
            QStringList items;
            for (QAction* top : m_window->menuBar()->actions())
                if (top->text().remove(QLatin1Char('&')) == m.captured(1)) collectMenu(top->menu(), items);
            // The words after "View > " run on into the sentence: an item must begin them.
            const bool found = std::any_of(items.begin(), items.end(), [&](QString item) {
                return m.captured(2).startsWith(item.remove(QLatin1Char('&')));
            });
            QVERIFY2(found, qPrintable(m.captured(0)));
        }
        QVERIFY(paths >= 2);
    }
};

int main(int argc, char** argv) {
    test::installWarningRecorder();
    QApplication app(argc, argv);
    WordsLayoutTest t;
    return QTest::qExec(&t, argc, argv);
}
#include "words_layout_test.moc"
