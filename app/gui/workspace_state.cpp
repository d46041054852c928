#include "gui/workspace_state.h"

#include <QDockWidget>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStatusBar>
#include <QVariant>
#include <algorithm>

#include "gui/main_window.h"
#include "learn/lesson_browser.h"
#include "panels/space_time_view.h"
#include "sim/view.h"
#include "lesson/lesson_catalog.h"
#include "quiz/quiz_setup_page.h"
#include "quiz/quiz_workspace.h"
#include "sim_controller.h"

namespace sb::app {

namespace {
const char* const kDefaultLayout = "sbDefaultLayout";
const char* const kLayoutBeforeQuiz = "sbLayoutBeforeQuiz";
const QString kOfferName = QStringLiteral("LessonEndOffer");

QWidget* buildOffer(MainWindow& window) {
    auto* offer = new QWidget(&window);
    offer->setObjectName(kOfferName);
    offer->setAccessibleName(MainWindow::tr("Lesson finished"));
    auto* row = new QHBoxLayout(offer);
    row->setContentsMargins(0, 0, 0, 0);
    auto* text = new QLabel(offer);
    text->setObjectName(QStringLiteral("LessonEndText"));
    row->addWidget(text);
    auto* next = new QPushButton(offer);
    next->setObjectName(QStringLiteral("NextLesson"));
    next->setAccessibleName(MainWindow::tr("Open the next lesson"));
    row->addWidget(next);
    auto* quiz = new QPushButton(MainWindow::tr("Quiz me on it"), offer);
    quiz->setObjectName(QStringLiteral("QuizOnTopic"));
    quiz->setToolTip(MainWindow::tr("Drill this topic's interview questions in quiz mode (F9)"));
    row->addWidget(quiz);
    window.statusBar()->addPermanentWidget(offer);
    QObject::connect(next, &QPushButton::clicked, &window, [&window, next] {
        const QString id = next->property("lesson").toString();
        if (!id.isEmpty()) window.openLesson(id);
    });
    QObject::connect(quiz, &QPushButton::clicked, &window, [&window, offer] {
        const QStringList topic = offer->property("topic").toStringList();
        window.quiz()->setupPage()->setSelectedTopics(topic);
        window.setQuizMode(true);
    });
    QObject::connect(&window.controller(), &widgets::SimController::loaded, offer, &QWidget::hide);
    return offer;
}
}  // namespace

bool isPartitioned(const core::View& view) {
    return std::any_of(view.nodes.begin(), view.nodes.end(), [](const core::NodeView& n) { return n.zone != 0; }) ||
           std::any_of(view.links.begin(), view.links.end(), [](const core::LinkView& l) { return l.cut; });
}

void fitDocks(MainWindow& window) {
    // From the content and the window: the lesson list as wide as its titles (within a quarter
    // of the window), the lesson pane a little wider than that for the narration, and the bottom
    // row a bit over a quarter of the height, so at 1920x1080 the extra room goes to all of them.
    auto* lessons = window.findChild<QDockWidget*>(QStringLiteral("LessonsDock"));
    auto* pane = window.findChild<QDockWidget*>(QStringLiteral("LessonDock"));
    auto* inspector = window.findChild<QDockWidget*>(QStringLiteral("InspectorDock"));
    auto* spaceTime = window.findChild<QDockWidget*>(QStringLiteral("SpaceTimeDock"));
    auto* plots = window.findChild<QDockWidget*>(QStringLiteral("PlotsDock"));
    if (!lessons || !pane || !inspector || !spaceTime || !plots) return;
    const int w = window.width(), h = window.height();
    // A wide window lets the list take a little more than a quarter, so most titles fit on one
    // line (the scene has room to spare at 1920); at 1280 a quarter keeps the scene usable.
    const int list = std::clamp(window.lessonBrowser()->preferredWidth(), 240, w < 1600 ? w / 4 : w * 29 / 100);
    const int narration = std::clamp(w * 27 / 100, 320, 560);
    window.resizeDocks({lessons, pane}, {list, narration}, Qt::Horizontal);
    window.resizeDocks({lessons, inspector}, {h * 45 / 100, h * 25 / 100}, Qt::Vertical);
    window.resizeDocks({spaceTime}, {std::clamp(h * 27 / 100, 190, 320)}, Qt::Vertical);
    // The bottom row: the space-time diagram (tabbed with the client history) as wide as its lanes
    // ask, within 35-48% of the row, and the plots the rest. Both docks are given a width: sizing
    // the plots alone left the diagram at its old width and the plot (the one expanding widget)
    // took every spare pixel, about 80% of the row.
    const int diagram = std::clamp(window.spaceTime()->preferredWidth(), w * 35 / 100, w * 48 / 100);
    window.resizeDocks({spaceTime, plots}, {diagram, w - diagram}, Qt::Horizontal);
}

void rememberDefaultLayout(QMainWindow& window) {
    if (!window.property(kDefaultLayout).isValid()) window.setProperty(kDefaultLayout, window.saveState());
}

void resetLayout(MainWindow& window) {
    if (window.quizMode()) window.setQuizMode(false);
    // Docked again first: restoring a floating window would raise it, which some platforms refuse.
    for (QDockWidget* dock : window.findChildren<QDockWidget*>())
        if (dock->isFloating()) dock->setFloating(false);
    window.restoreState(window.property(kDefaultLayout).toByteArray());
    fitDocks(window);
    window.statusBar()->showMessage(MainWindow::tr("The panels are back where they start."), 4000);
}

void rememberLayoutBeforeQuiz(QMainWindow& window) { window.setProperty(kLayoutBeforeQuiz, window.saveState()); }

void restoreLayoutAfterQuiz(QMainWindow& window) {
    const QByteArray state = window.property(kLayoutBeforeQuiz).toByteArray();
    if (!state.isEmpty()) window.restoreState(state);
}

QWidget* lessonEndOffer(const QMainWindow& window) { return window.findChild<QWidget*>(kOfferName); }

void hideLessonEnd(QMainWindow& window) {
    if (QWidget* offer = lessonEndOffer(window)) offer->hide();
}

void offerLessonEnd(MainWindow& window, const QString& lessonId) {
    const core::Lesson* lesson = window.catalog().find(lessonId.toStdString());
    if (!lesson) return;
    const auto lessons = window.catalog().lessons();
    const core::Lesson* next = nullptr;
    for (std::size_t i = 0; i + 1 < lessons.size(); ++i)
        if (lessons[i] == lesson) next = lessons[i + 1];
    QWidget* offer = lessonEndOffer(window);
    if (!offer) offer = buildOffer(window);
    offer->setProperty("topic", QStringList{QString::fromStdString(lesson->topic)});
    offer->findChild<QLabel*>(QStringLiteral("LessonEndText"))
        ->setText(next ? MainWindow::tr("✓ Lesson finished.") : MainWindow::tr("✓ Lesson finished: that was the last one."));
    // A topic with no cards or questions yet has nothing to drill: no button that opens an
    // empty sitting.
    const auto refs = window.quiz()->quizCatalog().allRefs();
    offer->findChild<QPushButton*>(QStringLiteral("QuizOnTopic"))
        ->setVisible(std::any_of(refs.begin(), refs.end(), [&](const auto& r) { return r.topic == lesson->topic; }));
    auto* nextButton = offer->findChild<QPushButton*>(QStringLiteral("NextLesson"));
    nextButton->setVisible(next != nullptr);
    if (next) {
        nextButton->setText(MainWindow::tr("Next lesson: %1").arg(widgets::LessonBrowser::shortTitle(*next)));
        nextButton->setToolTip(QString::fromStdString(next->title));
        nextButton->setProperty("lesson", QString::fromStdString(next->id));
    }
    offer->show();
}

}  // namespace sb::app
