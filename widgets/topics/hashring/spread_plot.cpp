#include "topics/hashring/spread_plot.h"

#include <QEvent>
#include <QLabel>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <qcustomplot.h>

#include "panels/plot_style.h"
#include "scene/scene_palette.h"
#include "sim_controller.h"
#include "topics/hashring/load_spread.h"

namespace sb::widgets {

SpreadPlot::SpreadPlot(SimController* controller, QWidget* parent) : TopicPanel(parent), m_controller(controller) {
    setAccessibleName(tr("Load spread versus vnode count"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_note = new QLabel(this);
    m_note->setWordWrap(true);
    m_note->setMinimumWidth(1);
    layout->addWidget(m_note);
    m_plot = new QCustomPlot(this);
    m_plot->setMinimumHeight(120);
    m_plot->xAxis->setLabel(tr("virtual nodes per node (log scale)"));
    // Short enough for a short dock; the note above says what the lines are.
    m_plot->yAxis->setLabel(tr("spread σ/mean"));
    m_plot->xAxis->setScaleType(QCPAxis::stLogarithmic);
    m_plot->xAxis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
    m_plot->xAxis->setRange(0.8, 1250);
    // No legend inside the plot (it hides the curve in a short dock): the note names the lines.
    m_plot->legend->setVisible(false);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.8);
    m_plot->legend->setFont(small);
    layout->addWidget(m_plot, 1);
    connect(m_controller, &SimController::changed, this, &SpreadPlot::markNow);
    applyPalette();
}

int SpreadPlot::pointCount() const { return m_plot->graphCount() > 0 ? m_plot->graph(0)->dataCount() : 0; }

namespace {

double asNumber(const core::ProbeValue& v) {
    if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
    if (const auto* d = std::get_if<double>(&v)) return *d;
    return 0;
}

}  // namespace

void SpreadPlot::markNow() {
    const core::Timeline* t = m_controller->timeline();
    if (!m_applies || !t || m_plot->graphCount() < 3 || !isVisible()) return;
    const core::Model& model = t->model();
    // A fair share is proportional to weight: the run is placed by its points per unit of weight
    // and its spread against each node's weighted share (a weight-2 node at 1,000 vnodes sat at
    // 1,125 "per node" with the spread of its doubled load, 0.27, as if it had one point).
    const double points = asNumber(model.probe("points_per_weight", core::kNoNode));
    QCPGraph* now = m_plot->graph(2);
    now->data()->clear();
    if (points > 0) now->addData(points, asNumber(model.probe("fair_stddev", core::kNoNode)));
    // The caption promises the diamond only while one is drawn: hash mod N has no points.
    m_note->setText(m_caption + (points > 0 ? tr(" · diamond: the run now") : QString()));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void SpreadPlot::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    markNow();  // frames that passed while the dock was hidden were not plotted
}

void SpreadPlot::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() != QEvent::PaletteChange) return;
    applyPalette();
    if (m_applies) recompute();
}

void SpreadPlot::applyPalette() {
    const ScenePalette pal = ScenePalette::fromPalette(palette());
    applyPlotPalette(m_plot, pal);
    m_plot->legend->setBrush(pal.background);
    m_plot->legend->setTextColor(pal.text);
}

void SpreadPlot::activate(bool on) {
    m_applies = on && m_controller->timeline();
    recompute();
}

bool SpreadPlot::showsTheRun() const {
    const core::Timeline* t = m_controller->timeline();
    return m_applies && t && asNumber(t->model().probe("points_per_weight", core::kNoNode)) > 0;
}

void SpreadPlot::recompute() {
    m_plot->clearGraphs();
    m_plot->clearItems();
    const core::Timeline* t = m_controller->timeline();
    if (!m_applies || !t) {
        m_note->setText(tr("This plot belongs to the hash ring topic."));
        m_plot->replot();
        return;
    }
    const core::ParamValues& p = t->sim().params();
    const auto param = [&p](const char* name) {
        const auto it = p.find(name);
        return it == p.end() ? 0.0 : it->second;
    };
    const int nodes = std::max(1, static_cast<int>(param("nodes")));
    const auto keyCount = static_cast<std::uint32_t>(std::max(0.0, param("keys")));
    const std::uint64_t seed = t->sim().scenario().seed;
    // At least 20,000 keys, so the curve shows the ring's own unevenness rather than the noise
    // of a handful of named keys.
    const core::hashring::KeyTable keys(std::max<std::uint32_t>(keyCount, 20000), seed);
    const auto curve = core::hashring::spreadByVnodes(nodes, keys, seed, core::hashring::standardVnodeCounts());
    const ScenePalette pal = ScenePalette::fromPalette(palette());
    QCPGraph* measured = m_plot->addGraph();
    measured->setName(tr("measured: %1 nodes, %2 keys").arg(nodes).arg(keys.size()));
    measured->setPen(QPen(pal.category(0), 2));
    measured->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 6));
    QCPGraph* rule = m_plot->addGraph();
    rule->setName(tr("1/√V rule of thumb"));
    rule->setPen(QPen(pal.mutedText, 1.2, Qt::DashLine));
    double top = 0;
    for (const auto& point : curve) {
        const double v = point.vnodes;
        measured->addData(v, point.relativeStddev);
        rule->addData(v, 1.0 / std::sqrt(v));
        top = std::max({top, point.relativeStddev, 1.0 / std::sqrt(v)});
    }
    m_plot->yAxis->setRange(0, top * 1.1);
    QCPGraph* now = m_plot->addGraph();
    now->setName(tr("the run now"));
    now->setLineStyle(QCPGraph::lsNone);
    now->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDiamond, QPen(pal.highlight, 2), pal.highlight, 11));
    // One line, so the plot keeps its height (and its x axis) in a short dock; the why is a tooltip.
    // Measured for the run's starting node count (the scene may since have gained or lost nodes)
    // over at least 20,000 keys; the caption names the run's own count when that is fewer.
    m_caption = keys.size() == keyCount
                    ? tr("Solid: measured for %1 nodes (the run's start), %2 keys · dashed: the 1/√V rule of thumb").arg(nodes).arg(keyCount)
                    : tr("Solid: measured for %1 nodes (the run's start) on %2 keys (this run has %3) · dashed: the 1/√V rule of thumb")
                          .arg(nodes)
                          .arg(keys.size())
                          .arg(keyCount);
    m_note->setText(m_caption);
    m_note->setToolTip(tr("More virtual nodes even out the load, at the price of a bigger ring to search and more "
                          "metadata per node."));
    markNow();
    m_plot->replot();
}

}  // namespace sb::widgets
