#include "panels/history_strip.h"

#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QToolButton>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

#include "panels/history_labels.h"
#include "scene/scene_palette.h"

namespace sb::widgets {
namespace {

constexpr double kLaneHeight = 22;  // a bar's row
constexpr double kTallLane = 40;    // a bar's row and a row under it for words, when there is room
constexpr double kTop = 6;
constexpr double kMinLeft = 44;  // room for short lane names (n1, alice)
constexpr double kAxis = 18;    // room for the time labels at the bottom
constexpr double kMinBar = 3;   // an instant operation stays clickable
constexpr double kSummary = 22; // the row of the "Why?" button and its answer
constexpr double kMinFlaggedBar = 26;
constexpr int kMinLanes = 3;   // the least the strip shrinks to before its lanes scroll
constexpr int kHintLanes = 8;  // the most it asks for

}  // namespace

HistoryStrip::HistoryStrip(QWidget* parent)
    : QWidget(parent), m_why(new QToolButton(this)), m_scroll(new QScrollBar(Qt::Vertical, this)) {
    setAccessibleName(tr("Client history"));
    setToolTip(tr("Client operations from invocation to completion. Click one to go there."));
    m_scroll->setAccessibleName(tr("Scroll the lanes"));
    m_scroll->hide();
    connect(m_scroll, &QScrollBar::valueChanged, this, [this] { update(); });
    m_why->setText(tr("Why?"));
    m_why->setCheckable(true);
    m_why->setAccessibleName(tr("Why is the history not linearizable?"));
    m_why->setToolTip(tr("Mark the operations that show why the history breaks its rule (a search, run only while this is on)"));
    m_why->setAutoRaise(true);
    connect(m_why, &QToolButton::toggled, this, [this](bool on) {
        if (!on) setExplanation({});
        emit explainRequested();
    });
}

void HistoryStrip::setView(const core::View& view) {
    m_ops = view.history;
    m_now = view.time;
    m_lanes.clear();
    // Where clients are nodes of their own (replication, sagas), the lanes are theirs and those
    // of any node an operation names; the replicas' empty lanes would only push the clients'
    // out of view. Otherwise (CAP's clients talk to each node) every node has a lane.
    const bool clients = std::any_of(view.nodes.begin(), view.nodes.end(), [](const core::NodeView& n) { return n.kind == core::NodeKind::Client; });
    for (const auto& n : view.nodes) {
        const bool named = std::any_of(m_ops.begin(), m_ops.end(), [&](const core::HistoryOp& op) { return op.node == n.id; });
        if (!clients || n.kind == core::NodeKind::Client || named) m_lanes.push_back({n.id, QString::fromStdString(n.name)});
    }
    fitHeight();
    showNewestFlagged();
    update();
}

void HistoryStrip::showNewestFlagged() {
    // A newly flagged operation is what the lesson talks about: its lane is scrolled into view
    // once, and after that the user's scrolling is left alone.
    const auto flagged = std::find_if(m_ops.rbegin(), m_ops.rend(), [](const core::HistoryOp& op) { return op.flagged; });
    if (flagged == m_ops.rend() || flagged->id == m_shownFlagged) return;
    m_shownFlagged = flagged->id;
    const auto lane = std::find_if(m_lanes.begin(), m_lanes.end(), [&](const Lane& l) { return l.node == flagged->node; });
    if (lane == m_lanes.end()) return;
    const int y = static_cast<int>(laneHeight() * static_cast<double>(lane - m_lanes.begin()));
    const int area = static_cast<int>(laneAreaHeight());
    if (y < m_scroll->value()) m_scroll->setValue(y);
    else if (y + static_cast<int>(laneHeight()) > m_scroll->value() + area) m_scroll->setValue(y + static_cast<int>(laneHeight()) - area);
}

bool HistoryStrip::explaining() const { return m_why->isChecked(); }

void HistoryStrip::setExplanation(const core::HistoryExplanation& why) {
    m_summary = QString::fromStdString(why.summary);
    if (explaining() && m_summary.isEmpty()) m_summary = tr("Nothing to explain beyond the marks already shown.");
    if (!explaining()) m_summary.clear();
    for (core::HistoryOp& op : m_ops)
        if (std::binary_search(why.ops.begin(), why.ops.end(), op.id) && !op.flagged) {
            op.flagged = true;
            op.note = tr("cannot be ordered with the other marked operations (not linearizable)").toStdString();
        }
    m_why->setToolTip(m_summary.isEmpty() ? tr("Mark the operations that show why the history breaks its rule") : m_summary);
    fitHeight();
    update();
}

double HistoryStrip::top() const { return kTop + kSummary; }

QSize HistoryStrip::sizeHint() const {
    const auto lanes = std::clamp<std::size_t>(m_lanes.size(), 1, kHintLanes);
    return {640, static_cast<int>(top() + kAxis + kLaneHeight * static_cast<double>(lanes))};
}

QSize HistoryStrip::minimumSizeHint() const {
    const auto lanes = std::clamp<std::size_t>(m_lanes.size(), 1, kMinLanes);
    return {160, static_cast<int>(top() + kAxis + kLaneHeight * static_cast<double>(lanes))};
}

double HistoryStrip::laneAreaHeight() const { return std::max(kLaneHeight, height() - top() - kAxis); }

double HistoryStrip::laneHeight() const {
    // With room to spare, each lane gets a row under its bars for the words that find no room
    // beside them (a history of a few clients in a tall dock).
    const double lanes = static_cast<double>(std::max<std::size_t>(m_lanes.size(), 1));
    return height() - top() - kAxis >= kTallLane * lanes ? kTallLane : kLaneHeight;
}

int HistoryStrip::laneScroll() const { return m_scroll->isHidden() ? 0 : m_scroll->value(); }
int HistoryStrip::laneScrollMaximum() const { return m_scroll->maximum(); }
void HistoryStrip::setLaneScroll(int pixels) { m_scroll->setValue(pixels); }

void HistoryStrip::fitHeight() {
    // Only the hints change with the lanes: the minimum stays at three lanes (the rest scroll).
    updateGeometry();
    fitScrollBar();
}

void HistoryStrip::fitScrollBar() {
    const double content = laneHeight() * static_cast<double>(m_lanes.size());
    const double area = laneAreaHeight();
    const int excess = static_cast<int>(std::ceil(content - area));
    m_scroll->setRange(0, std::max(0, excess));
    m_scroll->setPageStep(static_cast<int>(area));
    m_scroll->setSingleStep(static_cast<int>(laneHeight()));
    m_scroll->setGeometry(width() - m_scroll->sizeHint().width(), static_cast<int>(top()), m_scroll->sizeHint().width(),
                          static_cast<int>(area));
    m_scroll->setVisible(excess > 0);
}

void HistoryStrip::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    m_why->adjustSize();
    m_why->setFixedHeight(static_cast<int>(kSummary) - 2);
    m_why->move(width() - m_why->width() - 2, 1);
    fitScrollBar();
    m_shownFlagged = -1;  // the lanes' room changed: bring the flagged one into view again
    showNewestFlagged();
}

void HistoryStrip::wheelEvent(QWheelEvent* event) {
    if (m_scroll->maximum() == 0) return QWidget::wheelEvent(event);
    m_scroll->setValue(m_scroll->value() - event->angleDelta().y() / 120 * static_cast<int>(laneHeight()));
    event->accept();
}

std::size_t HistoryStrip::flaggedCount() const {
    return static_cast<std::size_t>(std::count_if(m_ops.begin(), m_ops.end(), [](const auto& op) { return op.flagged; }));
}

QRectF HistoryStrip::barRect(const core::HistoryOp& op, int lane, double x0, double scale) const {
    const double left = x0 + static_cast<double>(op.start) * scale;
    const double right = x0 + static_cast<double>(op.end.value_or(m_now)) * scale;
    const double y = top() + laneHeight() * lane + 3 - laneScroll();
    return {left, y, std::max(kMinBar, right - left), kLaneHeight - 6};
}

std::vector<HistoryBar> HistoryStrip::barsFor(double gutter, double scale, std::vector<std::size_t>& opOf) const {
    std::vector<HistoryBar> bars;
    opOf.clear();
    for (std::size_t i = 0; i < m_ops.size(); ++i) {
        const core::HistoryOp& op = m_ops[i];
        const auto lane = std::find_if(m_lanes.begin(), m_lanes.end(), [&](const Lane& l) { return l.node == op.node; });
        if (lane == m_lanes.end()) continue;
        const QRectF times = barRect(op, static_cast<int>(lane - m_lanes.begin()), gutter, scale);
        QRectF r = times;
        // A flagged operation is what the lesson talks about: wide enough to see and to click,
        // even when it is the newest one at the strip's right edge (separateBars keeps it off
        // its neighbours).
        if (op.flagged && r.width() < kMinFlaggedBar) r.setWidth(kMinFlaggedBar);
        // The outcome is written as well as coloured; a flagged op also gets a cross.
        QString text = QString::fromStdString(op.label);
        if (op.outcome != "ok") text += QStringLiteral(" (%1)").arg(QString::fromStdString(op.outcome));
        if (op.flagged) text = QStringLiteral("✕ ") + text;
        const double to = gutter + static_cast<double>(op.end.value_or(m_now)) * scale;
        bars.push_back({r, text, op.flagged, times.left(), to});
        opOf.push_back(i);
    }
    return bars;
}

void HistoryStrip::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const ScenePalette pal = ScenePalette::fromPalette(palette());
    p.fillRect(rect(), pal.background);
    m_drawn.clear();
    m_cut.clear();
    if (m_ops.empty()) {
        p.setPen(pal.mutedText);
        p.drawText(rect(), Qt::AlignCenter, m_lanes.empty() ? QString() : tr("No client operations yet."));
        return;
    }
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    p.setFont(small);
    // As wide as the longest lane name ("orchestrator", "inventory"), within a third of the
    // strip; a longer name takes a smaller font step, and only then "…".
    double gutter = kMinLeft;
    for (const auto& lane : m_lanes) gutter = std::max(gutter, smallestWidth(lane.name, small) + 10);
    gutter = std::min(gutter, static_cast<double>(this->width()) / 3);
    std::vector<FittedText> names;
    for (const auto& lane : m_lanes) {
        names.push_back(fitText(lane.name, small, gutter - 8));
        if (names.back().cut) m_cut << QStringLiteral("lane %1").arg(lane.name);
    }
    const double scrollRoom = !m_scroll->isHidden() ? m_scroll->width() : 0;
    const double width = std::max(10.0, static_cast<double>(this->width()) - gutter - 8 - scrollRoom);
    // A twentieth past the moment shown: an operation ending now shows its end and the cursor
    // beside it, instead of running into the strip's edge as if cut.
    const core::Time span = std::max<core::Time>(m_now + m_now / 20, 1000);
    const double scale = width / static_cast<double>(span);
    if (!m_summary.isEmpty()) {
        p.setPen(pal.text);
        const double room = std::max(10.0, static_cast<double>(m_why->x()) - 8);
        p.drawText(QRectF(4, 1, room, kSummary), Qt::AlignLeft | Qt::AlignVCenter,
                   p.fontMetrics().elidedText(m_summary, Qt::ElideRight, static_cast<int>(room)));
    }
    // The lanes scroll under the summary row and above the axis: drawn clipped to their area.
    const double laneH = laneHeight();
    const QRectF lanes(0, top(), this->width(), std::min(laneAreaHeight(), laneH * static_cast<double>(m_lanes.size())));
    p.save();
    p.setClipRect(lanes);
    for (std::size_t i = 0; i < m_lanes.size(); ++i) {
        const double y = top() + laneH * static_cast<double>(i) - laneScroll();
        p.setPen(pal.mutedText);
        drawFitted(&p, QRectF(2, y, gutter - 6, kLaneHeight), Qt::AlignRight | Qt::AlignVCenter, names[i]);
        p.setPen(QPen(pal.link, 0.6, Qt::DotLine));
        p.drawLine(QPointF(gutter, y + kLaneHeight / 2), QPointF(gutter + width, y + kLaneHeight / 2));
    }
    // Bars first, so that each label knows what is beside it in its lane.
    std::vector<std::size_t> opOf;
    std::vector<HistoryBar> bars = barsFor(gutter, scale, opOf);
    separateBars(bars, gutter + width);
    const double below = laneH > kLaneHeight ? kLaneHeight - 4 : 0;
    const std::vector<HistoryLabel> labels = placeHistoryLabels(bars, small, gutter, gutter + width, below);
    for (std::size_t b = 0; b < bars.size(); ++b) {
        const QRectF& r = bars[b].rect;
        const core::HistoryOp& op = m_ops[opOf[b]];
        QColor fill = pal.tone(op.tone);
        fill.setAlpha(pal.dark ? 150 : 110);
        p.setBrush(fill);
        p.setPen(op.flagged ? QPen(pal.tone(core::Tone::Bad), 2.2) : QPen(pal.tone(op.tone).darker(130), 1));
        p.drawRoundedRect(r, 3, 3);
        const HistoryLabel& label = labels[b];
        if (label.text.cut) m_cut << QStringLiteral("operation %1").arg(bars[b].text);
        if (!label.rect.isEmpty()) {
            if (label.plate) {
                p.setBrush(pal.background);
                p.setPen(QPen(pal.tone(core::Tone::Bad), 1.2));
                p.drawRoundedRect(label.rect, 3, 3);
            }
            p.setPen(op.flagged ? pal.tone(core::Tone::Bad) : pal.text);
            drawFitted(&p, label.rect.adjusted(3, 0, -2, 0), Qt::AlignLeft | Qt::AlignVCenter, label.text);
        }
        // Only what shows between the summary row and the axis can be clicked.
        if (r.intersects(lanes)) m_drawn.push_back({r, opOf[b], label.rect});
    }
    p.restore();
    drawAxis(p, pal, span, scale, width);
}

void HistoryStrip::drawAxis(QPainter& p, const ScenePalette& pal, core::Time span, double scale, double width) const {
    // Round tick steps (1, 2 or 5 times a power of ten) so the labels read as plain numbers.
    const double axisY = top() + std::min(laneAreaHeight(), laneHeight() * static_cast<double>(m_lanes.size())) + 12;
    const double scrollRoom = !m_scroll->isHidden() ? m_scroll->width() : 0;
    const double gutter = static_cast<double>(this->width()) - 8 - scrollRoom - width;  // as paintEvent measured it
    core::Time step = 1000;
    for (core::Time base = 1000; step * 6 < span; base *= 10)
        for (const core::Time k : {1, 2, 5})
            if (step * 6 < span) step = base * k;
    p.setPen(pal.mutedText);
    for (core::Time t = 0; t <= span; t += step) {
        const double x = gutter + static_cast<double>(t) * scale;
        const QString label = QStringLiteral("%1 ms").arg(t / 1000);
        const double w = p.fontMetrics().horizontalAdvance(label) + 4;
        const double left = std::min(x - w / 2, gutter + width + 6 - w);
        p.drawText(QRectF(std::max(0.0, left), axisY - 10, w, 14), Qt::AlignCenter, label);
    }
    p.setPen(QPen(pal.highlight, 1.5));
    const double cursor = gutter + static_cast<double>(m_now) * scale;
    p.drawLine(QPointF(cursor, top()), QPointF(cursor, axisY - 10));
}

long long HistoryStrip::opAt(QPointF pos) const {
    // Last drawn is on top, so search from the end.
    const auto hit = std::find_if(m_drawn.rbegin(), m_drawn.rend(),
                                  [pos](const Drawn& d) { return d.rect.adjusted(-2, -2, 2, 2).contains(pos); });
    return hit == m_drawn.rend() ? -1 : static_cast<long long>(hit->op);
}

void HistoryStrip::mousePressEvent(QMouseEvent* event) {
    const long long i = opAt(event->position());
    if (i < 0) return QWidget::mousePressEvent(event);
    const core::HistoryOp& op = m_ops[static_cast<std::size_t>(i)];
    setToolTip(QStringLiteral("%1: %2%3").arg(QString::fromStdString(op.label), QString::fromStdString(op.outcome),
                                              op.note.empty() ? QString() : QStringLiteral(" — ") + QString::fromStdString(op.note)));
    emit seekRequested(op.end.value_or(op.start));
}

}  // namespace sb::widgets
