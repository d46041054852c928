#include "panels/metrics_panel.h"

#include <QHBoxLayout>
#include <QListWidget>
#include <QPainter>
#include <QScrollBar>
#include <algorithm>
#include <limits>
#include <qcustomplot.h>

#include "panels/plot_style.h"
#include "scene/scene_palette.h"
#include "sim/labels.h"
#include "sim/model_capabilities.h"
#include "sim_controller.h"

namespace sb::widgets {

namespace {
constexpr int kDefaultVisibleSeries = 4;
constexpr std::size_t kMaxSamples = 20000;  // beyond this, keep every other sample
// Jumps up to this many events are filled (cache-aside opened at its end, 217,000 events, adds
// about 40 ms); past it a jump is drawn as a line between its two ends.
constexpr std::size_t kBackfillLimit = 2000000;
constexpr std::size_t kBackfillSamples = 1000;
constexpr int kUnitRole = Qt::UserRole + 1;
constexpr int kQuantityRole = Qt::UserRole + 2;  // "Commit index": the series without its node
constexpr int kAxisRole = Qt::UserRole + 3;      // "log index": a title for any series of the unit
}  // namespace

MetricsPanel::MetricsPanel(SimController* controller, QWidget* parent)
    : QWidget(parent), m_controller(controller) {
    setAccessibleName(tr("Metrics"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    m_series = new QListWidget(this);
    m_series->setAccessibleName(tr("Plotted series"));
    m_series->setToolTip(tr("Tick the series to plot"));
    // As wide as its longest label (fitSeriesList), wrapping rather than eliding past that.
    m_series->setWordWrap(true);
    m_series->setTextElideMode(Qt::ElideNone);
    m_series->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    layout->addWidget(m_series);
    m_plot = new QCustomPlot(this);
    m_plot->setAccessibleName(tr("Metrics plot"));
    m_plot->setMinimumHeight(120);
    m_plot->setAntialiasedElements(QCP::aePlottables);
    // Solid lines drawn a segment at a time: a third cheaper to stroke than one polyline, and
    // alike at 2 px (each segment's square caps cover the joins). Dashed lines stay polylines,
    // so their dashes run on across points.
    m_plot->setPlottingHint(QCP::phFastPolylines, true);
    // Few x ticks: the plot is often narrow, and crowded labels run into each other.
    m_plot->xAxis->setLabel(tr("simulated time (ms)"));
    m_plot->xAxis->ticker()->setTickCount(3);
    m_plot->yAxis->ticker()->setTickCount(4);
    // The series list doubles as the legend (each entry shows its line), so the plot stays clear.
    m_plot->legend->setVisible(false);
    m_margins = new QCPMarginGroup(m_plot);
    m_plot->axisRect()->setMarginGroup(QCP::msLeft | QCP::msRight, m_margins);
    m_cursors.push_back(new QCPItemStraightLine(m_plot));
    // Under the lines (on the grid's layer): a change at the moment shown is drawn over the
    // cursor, not hidden by it.
    m_cursors.back()->setLayer(QStringLiteral("grid"));
    layout->addWidget(m_plot, 1);
    m_plot->installEventFilter(this);
    // The plot's rects get their sizes as it lays itself out, just before it draws: lines
    // thinned to other widths (a resize since) are thinned again to these.
    // So do the value ticks (as many as the heights hold) and the stacked plots' heights.
    connect(m_plot, &QCustomPlot::afterLayout, this, [this] {
        setGraphData();
        fitValueTicks();
        evenStackedHeights();
    });

    m_replot.setSingleShot(true);
    m_replot.setInterval(100);
    connect(&m_replot, &QTimer::timeout, this, &MetricsPanel::replotNow);
    connect(m_series, &QListWidget::itemChanged, this, [this] { rebuildGraphs(); });
    connect(m_controller, &SimController::changed, this, [this] {
        if (isVisible()) sample();
    });
    connect(m_controller, &SimController::cursorChanged, this, &MetricsPanel::followLessonPath);
    connect(m_controller, &SimController::loaded, this, &MetricsPanel::clear);
    // A learner's action at `position` changes what comes next, so the sample there, whose
    // segment ends just before the next event, goes too (the next sample takes it again).
    connect(m_controller, &SimController::branched, this, [this](std::size_t position) {
        dropFrom(position);
        if (m_controller->lessonRun()) m_leftPathAt = std::min(m_leftPathAt.value_or(position), position);
    });
}

void MetricsPanel::clear() {
    m_samples.clear();
    m_scratch.reset();
    m_leftPathAt.reset();
    dropPoints();
    m_names.clear();
    m_series->clear();
    m_plot->clearGraphs();
    if (isVisible()) sample();
}

void MetricsPanel::followLessonPath() {
    // A lesson navigation can leave a learner's branch for the lesson's path without a branch
    // signal: the samples from where the run left the path are the branch's.
    const core::LessonRun* run = m_controller->lessonRun();
    const core::Timeline* t = m_controller->timeline();
    if (!run || !t) return;
    if (run->cursor().explored) {
        if (!m_leftPathAt) m_leftPathAt = t->position();
    } else if (m_leftPathAt) {
        dropFrom(*m_leftPathAt);
        m_leftPathAt.reset();
        if (isVisible()) sample();
    }
}

void MetricsPanel::dropFrom(std::size_t position) {
    while (!m_samples.empty() && m_samples.back().position >= position) m_samples.pop_back();
    if (m_committed > m_samples.size()) dropPoints();
    // The state the last fill stopped at goes with the samples after it: past a branch it is
    // the branch left, even once the run, stepped one event at a time, is sampled past it.
    if (m_scratch && m_scratch->position >= position) m_scratch.reset();
}

void MetricsPanel::dropPoints() {
    m_points.clear();
    m_committed = 0;
}

std::size_t MetricsPanel::seriesIndex(const std::string& name) {
    const auto it = std::find(m_names.begin(), m_names.end(), name);
    if (it != m_names.end()) return static_cast<std::size_t>(it - m_names.begin());
    m_names.push_back(name);
    // The list is the legend: words for people with the unit and, on hover, what the value is
    // (declared once in core); the id stays with files and the CLI.
    const core::Timeline* t = m_controller->timeline();
    core::MetricText text;
    if (t) text = core::describeMetric(t->model().info(), name);
    else text.label = text.quantity = text.axis = core::humanize(name);
    auto* item = new QListWidgetItem(QString::fromStdString(text.label), m_series);
    item->setData(kUnitRole, QString::fromStdString(text.unit));
    item->setData(kQuantityRole, QString::fromStdString(text.quantity));
    item->setData(kAxisRole, QString::fromStdString(text.axis));
    item->setToolTip(text.description.empty() ? item->text() : QString::fromStdString(text.description));
    const QSignalBlocker block(m_series);
    item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
    item->setCheckState(m_series->count() <= kDefaultVisibleSeries ? Qt::Checked : Qt::Unchecked);
    fitSeriesList();
    rebuildGraphs();
    return m_names.size() - 1;
}

void MetricsPanel::sample() {
    const core::Timeline* t = m_controller->timeline();
    if (!t) return;
    const std::size_t position = t->position();
    // Gone back: the samples after the cursor are a future this plot does not show; dropping
    // them lets the gap before the cursor be filled (a lesson opened at its end, then scrubbed
    // back, had only its last sample and drew nothing).
    if (!m_samples.empty() && m_samples.back().position > position) dropFrom(position + 1);
    const std::size_t last = m_samples.empty() ? 0 : m_samples.back().position;
    if (position > last + 1 && position - last <= kBackfillLimit) backfill(last, position);
    if (m_samples.empty() || position > m_samples.back().position) {
        m_samples.push_back(takeSample(position, t->model(), t->now(), t->sim().nextTime()));
        if (m_samples.size() > kMaxSamples) {
            // Every other one, counted back from the newest: the newest stays, so the lines
            // still end at the moment shown (and run on from it).
            std::vector<Sample> thinned;
            for (std::size_t i = (m_samples.size() - 1) % 2; i < m_samples.size(); i += 2)
                thinned.push_back(std::move(m_samples[i]));
            m_samples = std::move(thinned);
            dropPoints();
        }
    }
    if (!m_replot.isActive()) m_replot.start();
}

void MetricsPanel::backfill(std::size_t from, std::size_t to) {
    // The run jumped (a lesson step, a seek, a fast frame): rebuild the states in between and
    // sample them. Deterministic, so they are exactly the recorded run's. They start from the
    // state the last fill stopped at when that is less than a checkpoint interval back (fast
    // frames, one after another: a copy of a big model costs more than the frame's events), or
    // else from a copy of the timeline's checkpoint at or before the last sample, never from
    // event 1: the gap plus less than one checkpoint interval, however late in the run.
    const core::Timeline* t = m_controller->timeline();
    const std::size_t start = std::max(from, t->firstKept());
    if (m_scratch && m_scratch->position <= start && start - m_scratch->position < t->checkpointEvery()) {
        // On the run's path (dropping the samples after it, for a branch or a jump back, drops
        // it too), and every action scheduled since comes after it: it takes the script as it
        // is now.
        m_scratch->state.adoptScript(t->sim());
    } else {
        m_scratch = t->checkpointAtOrBefore(start);
        if (!m_scratch) return;
        ++m_copies;
    }
    core::Simulation& sim = m_scratch->state;
    const std::size_t stride = std::max<std::size_t>(1, (to - from) / kBackfillSamples);
    for (std::size_t i = m_scratch->position + 1; i < to; ++i) {
        if (!sim.step()) {
            m_scratch.reset();  // idle before the run got to `to`: not this run's state
            return;
        }
        ++m_replayed;
        m_scratch->position = i;
        if (i <= from || (i - from) % stride != 0) continue;
        m_samples.push_back(takeSample(i, sim.model(), sim.now(), sim.nextTime()));
    }
}

std::vector<double> MetricsPanel::valuesOf(const std::vector<core::Metric>& metrics) {
    std::vector<double> values;
    for (std::size_t k = 0; k < metrics.size(); ++k) {
        const core::Metric& metric = metrics[k];
        // A model lists its metrics in the same order every time, the order m_names took them in.
        const std::size_t i = k < m_names.size() && m_names[k] == metric.name ? k : seriesIndex(metric.name);
        if (values.size() <= i) values.resize(i + 1, std::numeric_limits<double>::quiet_NaN());
        values[i] = metric.value;
    }
    return values;
}

MetricsPanel::Sample MetricsPanel::takeSample(std::size_t position, const core::Model& model, core::Time now,
                                              std::optional<core::Time> next) {
    Sample s{position, static_cast<double>(now) / 1000.0, valuesOf(model.metrics()), 0.0, {}};
    // A metric that reads the clock (a lag, a TTL) moves on until the next event: its value just
    // before that event ends this sample's segment, so the line shows the growth in between.
    if (clocked(model) && next && *next > now + 1) {
        s.beforeMs = static_cast<double>(*next - 1) / 1000.0;
        s.before = valuesOf(core::metricsAt(model, *next - 1));
    }
    return s;
}

bool MetricsPanel::clocked(const core::Model& model) { return dynamic_cast<const core::ProbesAtTime*>(&model) != nullptr; }

void MetricsPanel::rebuildGraphs() {
    m_plot->clearGraphs();
    dropPoints();  // kept for the plotted series only (commitPoints)
    const ScenePalette pal = ScenePalette::fromPalette(palette());
    const QSignalBlocker block(m_series);
    // Ticked series by unit, in list order: each unit its own value axis, titled with the one
    // quantity it shows ("Commit index") or, when several share it, the unit's word ("count").
    struct Group {
        QString unit, axis;
        QStringList quantities;
    };
    std::vector<Group> groups;
    std::vector<int> groupOf(static_cast<std::size_t>(m_series->count()), -1);
    for (int row = 0; row < m_series->count(); ++row) {
        const QListWidgetItem* item = m_series->item(row);
        if (item->checkState() != Qt::Checked) continue;
        const QString unit = item->data(kUnitRole).toString();
        auto it = std::find_if(groups.begin(), groups.end(), [&](const Group& g) { return g.unit == unit; });
        if (it == groups.end()) it = groups.insert(groups.end(), Group{unit, item->data(kAxisRole).toString(), {}});
        const QString quantity = item->data(kQuantityRole).toString();
        if (!it->quantities.contains(quantity)) it->quantities << quantity;
        groupOf[static_cast<std::size_t>(row)] = static_cast<int>(it - groups.begin());
    }
    resetAxes(static_cast<int>(groups.size()));
    for (std::size_t g = 0; g < groups.size(); ++g) {
        QCPAxis* axis = valueAxis(static_cast<int>(g));
        // The quantity ("Lookup hit ratio (0-1)") where it fits, else the unit's word ("share
        // (0-1)"), else the unit alone ("0-1") on a short plot.
        QStringList titles;
        if (groups[g].quantities.size() == 1) titles << groups[g].quantities.front();
        titles << groups[g].axis;
        if (!groups[g].unit.isEmpty()) titles << groups[g].unit;
        titles.removeDuplicates();
        axis->setProperty("titles", titles);
        // Counts, terms and indexes are whole numbers: no "0.25 elections" on the axis. The tick
        // step is chosen at each replot (fitValueTicks), from the range and the axis's height.
        const QString unit = groups[g].unit;
        const bool whole = unit != QLatin1String("ms") && unit != QLatin1String("0-1") && unit != QLatin1String("per second");
        QSharedPointer<QCPAxisTickerFixed> ticker(new QCPAxisTickerFixed);
        ticker->setScaleStrategy(QCPAxisTickerFixed::ssNone);
        axis->setTicker(ticker);
        axis->setProperty("whole", whole);
    }
    fitValueTicks();
    fitValueAxisTitles(m_plot);
    for (int row = 0; row < m_series->count(); ++row) {
        QListWidgetItem* item = m_series->item(row);
        QPen pen(pal.series(static_cast<std::size_t>(row)), 2);
        // A dash pattern per series as well, so lines differ without colour.
        pen.setStyle(static_cast<Qt::PenStyle>(1 + row % 4));
        QPixmap swatch(22, 10);
        swatch.fill(Qt::transparent);
        {
            QPainter painter(&swatch);
            painter.setPen(pen);
            painter.drawLine(0, 5, 22, 5);
        }
        // Unticked series lose their line swatch and dim, so the state reads even where the
        // style draws faint check boxes (Fusion on a dark palette).
        const bool on = item->checkState() == Qt::Checked;
        if (!on) swatch.fill(Qt::transparent);
        item->setIcon(QIcon(swatch));
        if (on) item->setData(Qt::ForegroundRole, QVariant());  // the view's own text colour
        else item->setForeground(pal.mutedText);
        if (!on) continue;
        const int group = groupOf[static_cast<std::size_t>(row)];
        QCPGraph* g = m_plot->addGraph(m_plot->axisRect(group / 2)->axis(QCPAxis::atBottom), valueAxis(group));
        g->setName(item->text());
        g->setProperty("series", row);
        g->setPen(pen);
        // Most metrics change at events and hold in between: steps, not slopes. Where the model's
        // metrics read the clock, each segment carries its value just before the next event, so
        // straight lines between the points are exact (a lag grows linearly, then drops).
        const core::Timeline* t = m_controller->timeline();
        g->setLineStyle(t && clocked(t->model()) ? QCPGraph::lsLine : QCPGraph::lsStepLeft);
    }
    replotNow();
}

void MetricsPanel::fitSeriesList() {
    // The legend takes what its labels need, up to 40% of the panel: the plot keeps the rest.
    int widest = 0;
    for (int i = 0; i < m_series->count(); ++i)
        widest = std::max(widest, m_series->fontMetrics().horizontalAdvance(m_series->item(i)->text()));
    const int chrome = 22 + 24 + 16 + m_series->verticalScrollBar()->sizeHint().width();  // swatch, check box, margins
    m_series->setFixedWidth(std::clamp(widest + chrome, 120, std::max(120, width() * 2 / 5)));
}

void MetricsPanel::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    fitSeriesList();
}

bool MetricsPanel::eventFilter(QObject* watched, QEvent* event) {
    // The plot's size changes with the panel's and with the legend's width.
    if (watched == m_plot && event->type() == QEvent::Resize) arrangePlots();
    return QWidget::eventFilter(watched, event);
}

void MetricsPanel::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        m_styled = false;
        rebuildGraphs();
    }  // swatches and plot colours follow the theme
}

void MetricsPanel::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    sample();
}

}  // namespace sb::widgets
