#include "quiz/quiz_stats_page.h"

#include <QGridLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include "panels/plot_style.h"
#include "plural.h"
#include "quiz/quiz_stats.h"
#include "scene/scene_palette.h"
#include "quiz/quiz_widgets.h"
#include <iterator>

namespace sb::widgets {

namespace {

QCPBars* barsOf(QCustomPlot* plot) {
    plot->clearPlottables();
    auto* bars = new QCPBars(plot->xAxis, plot->yAxis);
    bars->setWidth(0.7);
    return bars;
}

// A chart with nothing to draw says why in its middle, instead of standing as an empty grid that
// looks broken (a first visit has no reviews at all).
void noteIfEmpty(QCustomPlot* plot, const QString& note, const QColor& colour, const QColor& background) {
    bool any = false;
    for (int i = 0; i < plot->plottableCount() && !any; ++i) {
        // A graph's point at 0 (a day all wrong) is something to see; a bar of height 0 is not.
        if (auto* graph = qobject_cast<QCPGraph*>(plot->plottable(i))) {
            any = !graph->data()->isEmpty();
            continue;
        }
        bool found = false;
        const QCPRange r = plot->plottable(i)->getValueRange(found);
        any = found && (r.lower != 0 || r.upper != 0);
    }
    QCPItemText* text = nullptr;
    for (int i = 0; i < plot->itemCount(); ++i)
        if (plot->item(i)->objectName() == QLatin1String("empty note")) text = qobject_cast<QCPItemText*>(plot->item(i));
    if (!text) {
        text = new QCPItemText(plot);
        text->setObjectName(QStringLiteral("empty note"));
        text->setClipToAxisRect(false);
        text->position->setType(QCPItemPosition::ptAxisRectRatio);
        text->position->setCoords(0.5, 0.45);
        text->setPositionAlignment(Qt::AlignCenter);
        text->setPadding(QMargins(8, 3, 8, 3));
    }
    text->setBrush(background);  // the grid's lines stop at the words
    text->setText(note);
    text->setColor(colour);
    text->setVisible(!any);
}

}  // namespace

void setTopicAxis(QCustomPlot* plot, const QStringList& topics, double maxValue) {
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    for (int i = 0; i < topics.size(); ++i) ticker->addTick(i, topics[i]);
    plot->yAxis->setTicker(ticker);
    plot->yAxis->setRangeReversed(true);  // the first topic on top, as in the setup list
    plot->yAxis->setRange(-0.6, static_cast<double>(topics.size()) - 0.4);
    plot->xAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
    plot->xAxis->setRange(0, maxValue);
}

QString QuizStatsPage::topicName(const std::string& topic) const {
    const auto it = m_topicNames.find(topic);
    return it == m_topicNames.end() ? QString::fromStdString(topic) : it->second;
}

QuizStatsPage::QuizStatsPage(QWidget* parent) : QWidget(parent) {
    setAccessibleName(tr("Quiz statistics"));
    setFocusPolicy(Qt::StrongFocus);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 16, 24, 16);
    layout->addWidget(makeTitleLabel(tr("Statistics"), this, 1.4));
    m_summary = new QLabel(this);
    m_summary->setAccessibleName(tr("Statistics summary"));
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    auto* grid = new QGridLayout;
    m_reviews = makePlot(tr("Reviews per day (last 30 days)"), tr("Reviews per day"));
    m_accuracy = makePlot(tr("Accuracy per day (%)"), tr("Accuracy over time"));
    m_mastery = makePlot(tr("Mastery per topic (%)"), tr("Mastery per topic"));
    m_due = makePlot(tr("Reviews due (next 14 days)"), tr("Review forecast"), true);
    m_calibration = makePlot(tr("Recall: your answers vs FSRS's prediction (%)"), tr("Calibration"), true);
    m_recall = makePlot(tr("Predicted recall per topic (%)"), tr("Predicted recall per topic"), true);
    m_due->installEventFilter(this);  // the day names are fitted to the forecast's width
    grid->addWidget(m_reviews, 0, 0);
    grid->addWidget(m_accuracy, 0, 1);
    grid->addWidget(m_mastery, 1, 0);
    grid->addWidget(m_due, 1, 1);
    grid->addWidget(m_calibration, 2, 0);
    grid->addWidget(m_recall, 2, 1);
    layout->addLayout(grid, 1);
    auto* back = new QPushButton(tr("Back (Esc)"), this);
    back->setAccessibleName(tr("Back to the quiz setup"));
    layout->addWidget(back, 0, Qt::AlignRight);
    connect(back, &QPushButton::clicked, this, &QuizStatsPage::backRequested);
}

QCustomPlot* QuizStatsPage::makePlot(const QString& title, const QString& accessibleName, bool legend) {
    auto* plot = new QCustomPlot(this);
    plot->setAccessibleName(accessibleName);
    plot->setMinimumSize(260, 150);
    plot->plotLayout()->insertRow(0);
    plot->plotLayout()->addElement(0, 0, new QCPTextElement(plot, title));
    if (legend) {
        // A row of its own under the title: inside the axis rect it covered the bars.
        plot->axisRect()->insetLayout()->take(plot->legend);
        plot->plotLayout()->insertRow(1);
        plot->plotLayout()->addElement(1, 0, plot->legend);
        plot->plotLayout()->setRowStretchFactor(1, 0.001);
        plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
        plot->legend->setVisible(true);
    }
    return plot;
}

void QuizStatsPage::setData(const core::quiz::Progress& progress, const std::vector<core::quiz::ItemRef>& catalog,
                            const std::vector<std::string>& topics, core::quiz::Day today,
                            const core::quiz::InterviewPlan& plan) {
    const auto days = core::quiz::activityByDay(progress, today - kHistoryDays + 1, today);
    QVector<double> xs, counts, accX, accY;
    int total = 0, correct = 0;
    for (const auto& d : days) {
        // Days as date-time keys (the day number is already in local time, so show it as UTC).
        const double key = static_cast<double>(d.day) * 86400.0;
        xs << key;
        counts << d.reviews;
        total += d.reviews;
        correct += d.correct;
        if (d.reviews > 0) accX << key, accY << d.accuracy() * 100.0;
    }
    auto dates = QSharedPointer<QCPAxisTickerDateTime>::create();
    dates->setDateTimeFormat(QStringLiteral("d MMM"));
    dates->setTimeZone(QTimeZone::utc());
    for (QCustomPlot* plot : {m_reviews, m_accuracy}) {
        plot->xAxis->setTicker(dates);
        plot->xAxis->setRange(xs.front() - 86400.0, xs.back() + 86400.0);
    }
    QCPBars* reviews = barsOf(m_reviews);
    reviews->setWidth(86400.0 * 0.7);
    reviews->setData(xs, counts, true);
    m_reviews->yAxis->setRange(0, std::max(4.0, *std::max_element(counts.begin(), counts.end()) * 1.15));
    m_accuracy->clearPlottables();
    QCPGraph* acc = m_accuracy->addGraph();
    acc->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDiamond, 7));
    acc->setData(accX, accY, true);
    m_accuracy->yAxis->setRange(kPercentRange.first, kPercentRange.second);

    const auto mastery = progress.masteryByTopic(catalog);
    QStringList topicNames;
    QVector<double> topicX, topicY;
    for (std::size_t i = 0; i < topics.size(); ++i) {
        const auto it = mastery.find(topics[i]);
        topicNames << topicName(topics[i]);
        topicX << static_cast<double>(i);
        topicY << (it == mastery.end() ? 0.0 : it->second * 100.0);
    }
    m_mastery->clearPlottables();
    auto* masteryBars = new QCPBars(m_mastery->yAxis, m_mastery->xAxis);  // across: names read level
    masteryBars->setWidth(0.7);
    masteryBars->setData(topicX, topicY, true);
    setTopicAxis(m_mastery, topicNames, 105);

    const auto load = core::quiz::dueLoad(progress, today, kDueDays);
    setForecast(progress, today, plan);
    const QString calibration = setCalibration(progress, today);
    setRecall(progress, catalog, topics, today, plan);

    m_summary->setText(tr("%1 in the last %2 days, %3% right. %4 due today. Overall mastery %5%.")
                           .arg(countText(total, tr("%1 review"), tr("%1 reviews")))
                           .arg(kHistoryDays)
                           .arg(total == 0 ? 0 : qRound(100.0 * correct / total))
                           .arg(load.empty() ? 0 : load.front())
                           .arg(qRound(progress.mastery(catalog) * 100)) +
                       QLatin1Char(' ') + calibration);
    restyle();
}

void QuizStatsPage::restyle() {
    const ScenePalette pal = ScenePalette::fromPalette(palette());
    // Palette entries with enough contrast on light and dark backgrounds (3 is a pale yellow).
    const std::size_t colours[] = {0, 1, 2, 5};
    std::size_t colour = 0;
    for (QCustomPlot* plot : {m_reviews, m_accuracy, m_mastery, m_due, m_calibration, m_recall}) {
        applyPlotPalette(plot, pal);
        for (QCPAxis* axis : {plot->xAxis, plot->yAxis}) axis->grid()->setZeroLinePen(axis->grid()->pen());
        if (auto* t = qobject_cast<QCPTextElement*>(plot->plotLayout()->element(0, 0))) t->setTextColor(pal.text);
        plot->legend->setBrush(pal.background);
        plot->legend->setTextColor(pal.text);
        plot->legend->setBorderPen(Qt::NoPen);
        for (int i = 0; i < plot->plottableCount(); ++i) {
            // A second series differs by colour and by pattern or dash, never colour alone.
            const QColor c = pal.category(colours[(colour + static_cast<std::size_t>(i)) % std::size(colours)]);
            const bool bars = qobject_cast<QCPBars*>(plot->plottable(i)) != nullptr;
            // A solid bar needs no outline, and an outlined bar of height 0 drew a stub on the axis.
            plot->plottable(i)->setPen(bars && i == 0 ? QPen(Qt::NoPen) : QPen(c, 2, i == 0 ? Qt::SolidLine : Qt::DashLine));
            plot->plottable(i)->setBrush(!bars ? QBrush(Qt::NoBrush) : QBrush(c, i == 0 ? Qt::SolidPattern : Qt::BDiagPattern));
        }
        ++colour;
        noteIfEmpty(plot, emptyNote(plot), pal.mutedText, pal.background);
        plot->replot();
    }
}

QString QuizStatsPage::emptyNote(const QCustomPlot* plot) const {
    if (plot == m_reviews || plot == m_accuracy) return tr("No reviews in the last %1 days").arg(kHistoryDays);
    if (plot == m_mastery) return tr("No topic mastered yet");
    if (plot == m_due) return tr("No reviews due in the next %1 days").arg(kDueDays);
    if (plot == m_calibration) return tr("No repeat reviews yet to compare");
    return tr("Nothing yet: answer some quiz items and this fills in");
}

bool QuizStatsPage::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_due && event->type() == QEvent::Resize) thinDueTicks();
    return QWidget::eventFilter(watched, event);
}

void QuizStatsPage::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) restyle();
}

void QuizStatsPage::keyPressEvent(QKeyEvent* event) {
    if (event->key() == Qt::Key_Escape) {
        emit backRequested();
        return;
    }
    QWidget::keyPressEvent(event);
}

}  // namespace sb::widgets
