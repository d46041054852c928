#include "panels/compare_view.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QEvent>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>

#include "scene/scene_view.h"
#include "sim/labels.h"
#include "sim/simulation.h"
#include "sim_controller.h"

namespace sb::widgets {

namespace {
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
    caption->setBuddy(m_choice);
    row->addWidget(caption);
    row->addWidget(m_choice, 1);
    layout->addLayout(row);
    m_scene = new SceneView(this);
    m_scene->setInteractive(false);  // gestures belong to the main run; this one only follows
    m_scene->setAccessibleName(tr("Comparison scene"));
    layout->addWidget(m_scene, 1);
    // Under the scene and of a fixed height, so both scenes start and end at the same line.
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setMinimumWidth(1);
    m_status->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    layout->addWidget(m_status);
    m_scene->viewport()->installEventFilter(this);

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

int CompareView::footerHeight() const { return fontMetrics().lineSpacing() * 3 + 4; }

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
    m_mainFooter = new QWidget(pane);
    column->addWidget(m_mainFooter);
    m_mainTitle->hide();
    m_mainFooter->hide();
    mainScene->viewport()->installEventFilter(this);
    return pane;
}

bool CompareView::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::Resize && isVisible()) QTimer::singleShot(0, this, &CompareView::matchScales);
    return QWidget::eventFilter(watched, event);
}

void CompareView::matchScales() {
    if (!m_mainScene) return;
    if (!isVisible()) {
        m_mainScene->setScaleLimit(1e9);
        return;
    }
    m_mainScene->setScaleLimit(1e9);
    m_scene->setScaleLimit(1e9);
    const double a = m_mainScene->fitScale(), b = m_scene->fitScale();
    if (a <= 0 || b <= 0) return;
    m_mainScene->setScaleLimit(std::min(a, b));
    m_scene->setScaleLimit(std::min(a, b));
}

void CompareView::hideEvent(QHideEvent* event) {
    QWidget::hideEvent(event);
    if (m_mainTitle) m_mainTitle->hide();
    if (m_mainFooter) m_mainFooter->hide();
    matchScales();
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
    m_status->setFixedHeight(footerHeight());
    if (m_mainTitle) {
        m_mainTitle->setFixedHeight(m_choice->sizeHint().height());
        m_mainTitle->show();
    }
    if (m_mainFooter) {
        m_mainFooter->setFixedHeight(footerHeight());
        m_mainFooter->show();
    }
    // Half the width each: the same scale then fits both.
    if (auto* split = qobject_cast<QSplitter*>(parentWidget())) {
        const int w = split->width();
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
    auto sim = core::Simulation::create(m_main->registry(), session);
    if (!sim) {
        m_timeline.reset();
        m_status->setText(tr("Cannot run the comparison: %1").arg(QString::fromStdString(sim.error().text())));
        return;
    }
    m_timeline = std::make_unique<core::Timeline>(std::move(sim.value()));
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
        if (m_mainTitle) m_mainTitle->setText(tr("This run"));
        return;
    }
    const Alternative& alt = m_alternatives[static_cast<std::size_t>(chosen)];
    if (m_mainTitle) {
        // What differs, on both sides: "This run: Mode: CP" beside "Same run with Mode: AP".
        const core::ParamSpec* spec = main->model().info().params.find(alt.param);
        const auto now = main->sim().params().find(alt.param);
        const double value = now != main->sim().params().end() ? now->second : spec ? spec->defaultValue : 0;
        m_mainTitle->setText(spec ? tr("This run: %1: %2").arg(QString::fromStdString(core::labelOf(*spec)),
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
    const auto violations = m_timeline->model().violations();
    QStringList lines;
    for (const auto& a : view.annotations) lines << QString::fromStdString(a);
    if (!violations.empty())
        lines.prepend(tr("⚠ %1: %2").arg(QString::fromStdString(violations.back().invariant),
                                         QString::fromStdString(violations.back().detail)));
    m_status->setText(lines.join(QStringLiteral("\n")));
    m_status->setToolTip(m_status->text());  // the footer is three lines tall; the rest is here
    matchScales();
}

}  // namespace sb::widgets
