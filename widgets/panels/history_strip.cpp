#include "panels/history_strip.h"

#include <QMouseEvent>
#include <QPainter>
#include <QToolButton>
#include <algorithm>

#include "scene/scene_palette.h"

namespace sb::widgets {
namespace {

constexpr double kLaneHeight = 22;
constexpr double kTop = 6;
constexpr double kLeft = 44;    // room for the lane names
constexpr double kAxis = 18;    // room for the time labels at the bottom
constexpr double kMinBar = 3;   // an instant operation stays clickable
constexpr double kSummary = 22; // the row of the "Why?" button and its answer
constexpr double kMinFlaggedBar = 26;

}  // namespace

HistoryStrip::HistoryStrip(QWidget* parent) : QWidget(parent), m_why(new QToolButton(this)) {
    setAccessibleName(tr("Client history"));
    setToolTip(tr("Client operations from invocation to completion. Click one to go there."));
    setMinimumHeight(60);
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
    for (const auto& n : view.nodes) m_lanes.push_back({n.id, QString::fromStdString(n.name)});
    fitHeight();
    update();
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

void HistoryStrip::fitHeight() {
    setMinimumHeight(static_cast<int>(top() + kAxis + kLaneHeight * static_cast<double>(std::max<std::size_t>(m_lanes.size(), 1))));
}

void HistoryStrip::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    m_why->adjustSize();
    m_why->setFixedHeight(static_cast<int>(kSummary) - 2);
    m_why->move(width() - m_why->width() - 2, 1);
}

std::size_t HistoryStrip::flaggedCount() const {
    return static_cast<std::size_t>(std::count_if(m_ops.begin(), m_ops.end(), [](const auto& op) { return op.flagged; }));
}

QRectF HistoryStrip::barRect(const core::HistoryOp& op, int lane, double x0, double scale) const {
    const double left = x0 + static_cast<double>(op.start) * scale;
    const double right = x0 + static_cast<double>(op.end.value_or(m_now)) * scale;
    const double y = top() + kLaneHeight * lane + 3;
    return {left, y, std::max(kMinBar, right - left), kLaneHeight - 6};
}

void HistoryStrip::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const ScenePalette pal = ScenePalette::fromPalette(palette());
    p.fillRect(rect(), pal.background);
    m_drawn.clear();
    if (m_ops.empty()) {
        p.setPen(pal.mutedText);
        p.drawText(rect(), Qt::AlignCenter, m_lanes.empty() ? QString() : tr("No client operations yet."));
        return;
    }
    const double width = std::max(10.0, static_cast<double>(this->width()) - kLeft - 8);
    const core::Time span = std::max<core::Time>(m_now, 1000);
    const double scale = width / static_cast<double>(span);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    p.setFont(small);
    if (!m_summary.isEmpty()) {
        p.setPen(pal.text);
        const double room = std::max(10.0, static_cast<double>(m_why->x()) - 8);
        p.drawText(QRectF(4, 1, room, kSummary), Qt::AlignLeft | Qt::AlignVCenter,
                   p.fontMetrics().elidedText(m_summary, Qt::ElideRight, static_cast<int>(room)));
    }
    for (std::size_t i = 0; i < m_lanes.size(); ++i) {
        const double y = top() + kLaneHeight * static_cast<double>(i);
        p.setPen(pal.mutedText);
        p.drawText(QRectF(2, y, kLeft - 6, kLaneHeight), Qt::AlignRight | Qt::AlignVCenter, m_lanes[i].name);
        p.setPen(QPen(pal.link, 0.6, Qt::DotLine));
        p.drawLine(QPointF(kLeft, y + kLaneHeight / 2), QPointF(kLeft + width, y + kLaneHeight / 2));
    }
    // Bars first, so that each label knows how much free lane there is to its right.
    std::vector<std::pair<QRectF, std::size_t>> bars;
    for (std::size_t i = 0; i < m_ops.size(); ++i) {
        const core::HistoryOp& op = m_ops[i];
        const auto lane = std::find_if(m_lanes.begin(), m_lanes.end(), [&](const Lane& l) { return l.node == op.node; });
        if (lane == m_lanes.end()) continue;
        QRectF r = barRect(op, static_cast<int>(lane - m_lanes.begin()), kLeft, scale);
        // A flagged operation is what the lesson talks about: wide enough to see and to click,
        // even when it is the newest one at the strip's right edge.
        if (op.flagged && r.width() < kMinFlaggedBar) r.setWidth(kMinFlaggedBar);
        if (r.right() > kLeft + width) r.moveRight(kLeft + width);
        bars.emplace_back(r, i);
    }
    for (std::size_t b = 0; b < bars.size(); ++b) {
        const auto& [r, i] = bars[b];
        const core::HistoryOp& op = m_ops[i];
        QColor fill = pal.tone(op.tone);
        fill.setAlpha(pal.dark ? 150 : 110);
        p.setBrush(fill);
        p.setPen(op.flagged ? QPen(pal.tone(core::Tone::Bad), 2.2) : QPen(pal.tone(op.tone).darker(130), 1));
        p.drawRoundedRect(r, 3, 3);
        // The outcome is written as well as coloured; a flagged op also gets a cross. A label
        // that does not fit inside its bar goes to the right of it when the lane is free there.
        QString text = QString::fromStdString(op.label);
        if (op.outcome != "ok") text += QStringLiteral(" (%1)").arg(QString::fromStdString(op.outcome));
        if (op.flagged) text = QStringLiteral("✕ ") + text;
        double room = kLeft + width - r.right();
        for (const auto& [other, j] : bars)
            if (j != i && other.top() == r.top() && other.left() >= r.right()) room = std::min(room, other.left() - r.right());
        const double needed = p.fontMetrics().horizontalAdvance(text) + 6;
        p.setPen(op.flagged ? pal.tone(core::Tone::Bad) : pal.text);
        QRectF label;
        if (needed <= r.width()) {
            label = r.adjusted(3, 0, -2, 0);
            p.drawText(label, Qt::AlignLeft | Qt::AlignVCenter, text);
        } else if (needed <= room) {
            label = QRectF(r.right() + 3, r.top(), needed, r.height());
            p.drawText(label, Qt::AlignLeft | Qt::AlignVCenter, text);
        } else if (op.flagged) {
            // No room beside it: the label goes on a plate to its left, over the lane.
            label = QRectF(std::max(kLeft, r.left() - needed - 4), r.top(), needed, r.height());
            p.setBrush(pal.background);
            p.setPen(QPen(pal.tone(core::Tone::Bad), 1.2));
            p.drawRoundedRect(label, 3, 3);
            p.setPen(pal.tone(core::Tone::Bad));
            p.drawText(label.adjusted(3, 0, -2, 0), Qt::AlignLeft | Qt::AlignVCenter, text);
        }
        m_drawn.push_back({r, i, label});
    }
    drawAxis(p, pal, span, scale, width);
}

void HistoryStrip::drawAxis(QPainter& p, const ScenePalette& pal, core::Time span, double scale, double width) const {
    // Round tick steps (1, 2 or 5 times a power of ten) so the labels read as plain numbers.
    const double axisY = top() + kLaneHeight * static_cast<double>(m_lanes.size()) + 12;
    core::Time step = 1000;
    for (core::Time base = 1000; step * 6 < span; base *= 10)
        for (const core::Time k : {1, 2, 5})
            if (step * 6 < span) step = base * k;
    p.setPen(pal.mutedText);
    for (core::Time t = 0; t <= span; t += step) {
        const double x = kLeft + static_cast<double>(t) * scale;
        const QString label = QStringLiteral("%1 ms").arg(t / 1000);
        const double w = p.fontMetrics().horizontalAdvance(label) + 4;
        const double left = std::min(x - w / 2, kLeft + width + 6 - w);
        p.drawText(QRectF(std::max(0.0, left), axisY - 10, w, 14), Qt::AlignCenter, label);
    }
    p.setPen(QPen(pal.highlight, 1.5));
    const double cursor = kLeft + static_cast<double>(m_now) * scale;
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
