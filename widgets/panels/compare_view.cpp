#include "panels/compare_view.h"

#include <QAbstractItemView>
#include <QComboBox>
#include <QDockWidget>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QMainWindow>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>

#include "panels/banner.h"
#include "scene/graph_scene.h"
#include "scene/scene_view.h"
#include "sim/labels.h"
#include "sim/simulation.h"
#include "sim_controller.h"

namespace sb::widgets {

namespace {
// While two scenes share the row, each may be this narrow: the lesson list beside them keeps its
// width (a scene alone asks for more, see SceneView).
constexpr int kComparedSceneWidth = 200;
constexpr int kRoomyScene = 440;
constexpr int kLowBottomRow = 190;

// "mode = AP", "prevote = on": the form --compare takes; the combo shows labels ("Mode: AP").
QString cliForm(const core::Timeline* main, const std::string& param, double value) {
    const core::ParamSpec* spec = main ? main->model().info().params.find(param) : nullptr;
    std::string text = value != 0 ? "on" : "off";
    if (spec && spec->type == core::ParamType::Choice && value >= 0 &&
        static_cast<std::size_t>(value) < spec->choices.size())
        text = spec->choices[static_cast<std::size_t>(value)];
    return QString::fromStdString(param + " = " + text);
}
}  // namespace

CompareView::CompareView(SimController* main, QWidget* parent) : QWidget(parent), m_main(main) {
    setAccessibleName(tr("Comparison run"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 2, 0, 0);
    auto* row = new QHBoxLayout;
    auto* caption = new QLabel(tr("Same run with"), this);
    m_choice = new QComboBox(this);
    m_choice->setAccessibleName(tr("Parameter to compare"));
    m_choice->setToolTip(tr("The side-by-side run replays every action of the main run with this one change."));
    // As wide as the room allows, not as its longest choice: that would push the docks aside.
    m_choice->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_choice->setMinimumContentsLength(12);
    caption->setBuddy(m_choice);
    row->addWidget(caption);
    row->addWidget(m_choice, 1);
    layout->addLayout(row);
    m_scene = new SceneView(this);
    m_scene->setInteractive(false);  // gestures belong to the main run; this one only follows
    m_scene->setAccessibleName(tr("Comparison scene"));
    layout->addWidget(m_scene, 1);
    // Under the scene and of a fixed height, so both scenes start and end at the same line: this
    // run's banner, as the main run's is under its own scene while comparing.
    m_status = new Banner(this);
    m_status->setKeepsRoom(true);
    m_status->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    layout->addWidget(m_status);
    m_scene->viewport()->installEventFilter(this);
    connect(m_scene->graph(), &GraphScene::layoutChanged, this, &CompareView::alignScenes);
    connect(m_scene->graph(), &GraphScene::legendChanged, this, &CompareView::alignScenes);

    connect(m_choice, &QComboBox::currentIndexChanged, this, [this] {
        m_builtFrom = {};
        m_timeline.reset();
        sync();
    });
    connect(m_main, &SimController::changed, this, &CompareView::sync);
    connect(m_main, &SimController::loaded, this, [this] {
        // What can be switched depends on the new run's own values (an AP lesson offers CP).
        m_alternativesStale = true;
        sync();
    });
}

CompareView::~CompareView() = default;

int CompareView::footerHeight() const {
    // The lines, and the banner's own margins round them (without those a third line was cut).
    const QMargins m = m_status->contentsMargins();
    return fontMetrics().lineSpacing() * m_footerLines + 4 + m.top() + m.bottom();
}

void CompareView::fitFooter() {
    // As many lines (up to three) as this run's notes have needed so far: growing only, so the
    // scenes move at most twice in a run rather than whenever a note comes or goes.
    const int spacing = std::max(1, fontMetrics().lineSpacing());
    int needed = 1;
    for (const QLabel* note : {static_cast<const QLabel*>(m_status), static_cast<const QLabel*>(m_mainFooter)})
        if (note && !note->text().isEmpty())
            needed = std::max(needed, (note->heightForWidth(std::max(1, note->width())) + spacing - 1) / spacing);
    m_footerLines = std::clamp(std::max(m_footerLines, needed), 1, 3);
    m_status->setFixedHeight(footerHeight());
    if (m_mainFooter) m_mainFooter->setFixedHeight(footerHeight());
}

QWidget* CompareView::wrapMain(SceneView* mainScene) {
    m_mainScene = mainScene;
    auto* pane = new QWidget;
    auto* column = new QVBoxLayout(pane);
    column->setContentsMargins(0, 2, 4, 0);
    m_mainTitle = new QLabel(pane);
    m_mainTitle->setAccessibleName(tr("Main run"));
    QFont bold = m_mainTitle->font();
    bold.setBold(true);
    m_mainTitle->setFont(bold);
    column->addWidget(m_mainTitle);
    column->addWidget(mainScene, 1);
    m_mainFooter = new Banner(pane);
    m_mainFooter->setKeepsRoom(true);
    m_mainFooter->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_mainFooter->setAccessibleName(tr("Main run's banner"));
    column->addWidget(m_mainFooter);
    m_mainTitle->hide();
    m_mainFooter->hide();
    mainScene->viewport()->installEventFilter(this);
    connect(mainScene->graph(), &GraphScene::layoutChanged, this, &CompareView::alignScenes);
    connect(mainScene->graph(), &GraphScene::legendChanged, this, &CompareView::alignScenes);
    return pane;
}

bool CompareView::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::Resize && isVisible()) scheduleAlign();
    return QWidget::eventFilter(watched, event);
}

void CompareView::scheduleAlign() {
    if (m_alignPending) return;
    m_alignPending = true;
    QTimer::singleShot(0, this, [this] {
        m_alignPending = false;
        alignScenes();
    });
}

void CompareView::alignScenes() {
    if (!m_mainScene) return;
    const QRectF mine = m_mainScene->graph()->sceneRect(), other = m_scene->graph()->sceneRect();
    m_mainScene->setScaleLimit(1e9);
    m_scene->setScaleLimit(1e9);
    if (!isVisible() || mine.isEmpty() || other.isEmpty()) {
        m_mainScene->setSharedFit({}, 0);
        m_scene->setSharedFit({}, 0);
        return;
    }
    // One frame and one legend strip for both: the same node is then drawn at the same place in
    // both viewports, whichever legend wraps to more rows and whichever run's layout is larger.
    const double legend = std::max(m_mainScene->legendHeight(), m_scene->legendHeight());
    m_mainScene->setSharedFit(mine.united(other), legend);
    m_scene->setSharedFit(mine.united(other), legend);
    // The splitter may give one side a pixel more: the smaller scale, so they stay equal.
    const double a = m_mainScene->fitScale(), b = m_scene->fitScale();
    if (a <= 0 || b <= 0) return;
    m_mainScene->setScaleLimit(std::min(a, b));
    m_scene->setScaleLimit(std::min(a, b));
}

void CompareView::foldWhenNarrow(QDockWidget* dock, const QList<QDockWidget*>& tabWith) {
    m_foldDock = dock;
    m_foldInto.clear();
    for (QDockWidget* d : tabWith) m_foldInto.push_back(d);
}

void CompareView::makeRoom() {
    auto* win = qobject_cast<QMainWindow*>(window());
    if (!win || !m_layoutBefore.isEmpty()) return;  // shown again after quiz mode: room is made
    m_layoutBefore = win->saveState();
    // Each scene would get under 440 px (about 300 at 1280x800, 410 at 1920x1080, with the scenes
    // then width-bound and half their height empty): nodes and badges would be drawn too small.
    const auto* split = parentWidget();
    const bool narrow = split && split->width() < 2 * kRoomyScene;
    if (!narrow || !m_foldDock || !m_foldDock->isVisible() || m_foldDock->isFloating()) return;
    // The docks it joins: those of the column the first of them is in, as the learner left them.
    QList<QDockWidget*> column;
    for (const QPointer<QDockWidget>& d : m_foldInto)
        if (d && d->isVisible() && !d->isFloating() && win->dockWidgetArea(d) != win->dockWidgetArea(m_foldDock) &&
            (column.isEmpty() || win->dockWidgetArea(d) == win->dockWidgetArea(column.front())))
            column << d;
    if (column.isEmpty()) return;
    // The column keeps its width (it may widen to the moved dock's minimum): no title in it wraps
    // more. Its docks become one set of tabs with the moved dock in front, so the narration gets
    // the column's whole height (as a tab under the lesson list it had a third of it, and at
    // 1280x800 scrolled after three lines); the lesson list and the inspector are a click away.
    for (QDockWidget* d : column.mid(1))
        if (!win->tabifiedDockWidgets(column.front()).contains(d)) win->tabifyDockWidget(column.front(), d);
    win->tabifyDockWidget(column.front(), m_foldDock);
    m_foldDock->raise();
    // The row of docks under the scenes gives height down to its default layout's smallest
    // (workspace_state's fitDocks): the scenes are drawn to the height they get.
    QList<QDockWidget*> bottom;
    QList<int> heights;
    for (QDockWidget* d : win->findChildren<QDockWidget*>())
        if (d->isVisible() && !d->isFloating() && win->dockWidgetArea(d) == Qt::BottomDockWidgetArea) {
            bottom << d;
            heights << std::min(d->height(), std::max(kLowBottomRow, d->minimumSizeHint().height()));
        }
    if (!bottom.isEmpty()) win->resizeDocks(bottom, heights, Qt::Vertical);
    m_folded = true;
    // The column's lists are shorter now: their current rows (the open lesson) stay in sight.
    QTimer::singleShot(0, this, [this, win] {
        if (!m_foldDock) return;
        for (QDockWidget* d : win->findChildren<QDockWidget*>())
            if (d->isVisible() && win->dockWidgetArea(d) == win->dockWidgetArea(m_foldDock))
                for (QAbstractItemView* view : d->findChildren<QAbstractItemView*>())
                    if (view->isVisible() && view->currentIndex().isValid()) view->scrollTo(view->currentIndex());
    });
}

void CompareView::giveRoomBack() {
    auto* win = qobject_cast<QMainWindow*>(window());
    const QByteArray before = std::exchange(m_layoutBefore, {});
    m_folded = false;
    if (win && !before.isEmpty()) win->restoreState(before);
}

void CompareView::hideEvent(QHideEvent* event) {
    QWidget::hideEvent(event);
    if (m_mainTitle) m_mainTitle->hide();
    if (m_mainFooter) m_mainFooter->hide();
    // Hidden with the page it is on (quiz mode) it is still open: the room stays taken.
    if (!isHidden()) return;
    if (m_mainScene && m_aloneWidth > 0) m_mainScene->setMinimumWidth(m_aloneWidth);
    alignScenes();
    giveRoomBack();
}

QStringList CompareView::alternatives() const {
    QStringList out;
    for (const auto& a : m_alternatives) out << cliForm(m_main->timeline(), a.param, a.value);
    return out;
}

bool CompareView::chooseAlternative(const QString& text) {
    int i = m_choice->findText(text);
    for (std::size_t k = 0; i < 0 && k < m_alternatives.size(); ++k)
        if (cliForm(m_main->timeline(), m_alternatives[k].param, m_alternatives[k].value) == text) i = static_cast<int>(k);
    if (i < 0) return false;
    m_choice->setCurrentIndex(i);
    return true;
}

void CompareView::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    // Sized when first shown, not when made: the window's first frame is painted before any text
    // is measured (measuring reads the system's fonts, which is slow), and this starts hidden.
    fitFooter();
    if (m_mainTitle) {
        m_mainTitle->setFixedHeight(m_choice->sizeHint().height());
        m_mainTitle->show();
    }
    if (m_mainFooter) m_mainFooter->setVisible(true);
    // Narrow enough that the docks beside keep their widths; a narrow window gives room (makeRoom).
    if (m_mainScene && m_mainScene->minimumWidth() != kComparedSceneWidth) {
        m_aloneWidth = m_mainScene->minimumWidth();
        m_mainScene->setMinimumWidth(kComparedSceneWidth);
    }
    m_scene->setMinimumWidth(kComparedSceneWidth);
    makeRoom();
    // Half the width each, and half of any room the window gives later: one scale fits both.
    if (auto* split = qobject_cast<QSplitter*>(parentWidget())) {
        const int w = split->width();
        split->setStretchFactor(0, 1);
        split->setStretchFactor(1, 1);
        split->setSizes({w / 2, w - w / 2});
    }
    sync();
}

void CompareView::rebuildAlternatives() {
    const core::Timeline* main = m_main->timeline();
    m_alternatives.clear();
    const QSignalBlocker block(m_choice);
    m_choice->clear();
    if (!main) return;
    const core::ParamValues& current = main->sim().params();
    for (const core::ParamSpec& spec : main->model().info().params.specs()) {
        const auto now = current.find(spec.name);
        const double value = now == current.end() ? spec.defaultValue : now->second;
        const std::string name = spec.name;
        // In words ("Conflict term backoff: on"): the id stays in the session, not on screen.
        auto offer = [&](double other) {
            m_alternatives.push_back({name, other,
                                      tr("%1: %2").arg(QString::fromStdString(core::labelOf(spec)),
                                                       QString::fromStdString(core::valueLabel(spec, other)))});
        };
        if (spec.type == core::ParamType::Choice) {
            for (std::size_t c = 0; c < spec.choices.size(); ++c)
                if (static_cast<double>(c) != value) offer(static_cast<double>(c));
        } else if (spec.type == core::ParamType::Bool) {
            offer(value != 0 ? 0.0 : 1.0);
        }
    }
    for (const auto& a : m_alternatives) m_choice->addItem(a.text);
    m_alternativesStale = false;
}

void CompareView::rebuildRun(const core::Scenario& session) {
    m_builtFrom = session;
    m_footerLines = 1;
    auto sim = core::Simulation::create(m_main->registry(), session);
    if (!sim) {
        m_timeline.reset();
        m_status->setText(tr("Cannot run the comparison: %1").arg(QString::fromStdString(sim.error().text())));
        fitFooter();
        return;
    }
    m_timeline = std::make_unique<core::Timeline>(std::move(sim.value()));
}

void CompareView::showMainBanner(const core::View& view, const std::vector<core::Violation>& violations) {
    if (!m_mainFooter) return;
    m_mainFooter->show(view, violations);
    fitFooter();
}

void CompareView::sync() {
    if (!isVisible()) return;
    const core::Timeline* main = m_main->timeline();
    if (!main) return;
    if (m_alternativesStale) rebuildAlternatives();
    const int chosen = m_choice->currentIndex();
    if (chosen < 0 || static_cast<std::size_t>(chosen) >= m_alternatives.size()) {
        m_timeline.reset();
        m_scene->setView(core::View{});  // nothing to show beside this topic's run
        m_status->setText(tr("This topic has no mode or switch to compare."));
        fitFooter();
        if (m_mainTitle) m_mainTitle->setText(tr("This run"));
        return;
    }
    const Alternative& alt = m_alternatives[static_cast<std::size_t>(chosen)];
    if (m_mainTitle) {
        // What differs, on both sides: "This run with Mode: CP" beside "Same run with Mode: AP".
        const core::ParamSpec* spec = main->model().info().params.find(alt.param);
        const auto now = main->sim().params().find(alt.param);
        const double value = now != main->sim().params().end() ? now->second : spec ? spec->defaultValue : 0;
        m_mainTitle->setText(spec ? tr("This run with %1: %2").arg(QString::fromStdString(core::labelOf(*spec)),
                                                              QString::fromStdString(core::valueLabel(*spec, value)))
                                  : tr("This run"));
    }
    core::Scenario session = main->sim().session();
    session.params[alt.param] = alt.value;
    if (!m_timeline || !(session == m_builtFrom)) rebuildRun(session);
    if (!m_timeline) return;
    const core::Time t = m_main->displayTime();
    m_timeline->seekTime(t);
    const core::View view = m_timeline->model().view(t);
    m_scene->setView(view);
    // Each run's banner under its own scene (the window's banner above both is hidden while
    // comparing: it spoke for the left run only, across both); the tooltip holds what three
    // lines cannot.
    m_status->show(view, m_timeline->model().violations());
    fitFooter();
    alignScenes();
}

}  // namespace sb::widgets
