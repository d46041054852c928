#include "scene/scene_view.h"

#include <QPainter>
#include <QPainterPath>
#include <cmath>
#include <numbers>

namespace sb::widgets {

SceneView::SceneView(QWidget* parent) : QWidget(parent) {
    setAccessibleName(tr("Simulation scene"));
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);
}

void SceneView::setView(core::View view) {
    m_view = std::move(view);
    update();
}

QPointF SceneView::nodePos(std::size_t index, std::size_t count) const {
    const QPointF centre(width() / 2.0, height() / 2.0);
    const double radius = std::min(width(), height()) * 0.34;
    const double angle = -std::numbers::pi / 2 +
                         2 * std::numbers::pi * static_cast<double>(index) /
                             static_cast<double>(std::max<std::size_t>(count, 1));
    return centre + QPointF(radius * std::cos(angle), radius * std::sin(angle));
}

void SceneView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    const std::size_t count = m_view.nodes.size();
    std::vector<QPointF> pos(count);
    for (std::size_t i = 0; i < count; ++i) pos[i] = nodePos(i, count);

    // Links first, then messages, then nodes on top.
    QPen linkPen(pal.color(QPalette::Mid), 1.0);
    for (const auto& link : m_view.links) {
        if (link.from >= link.to) continue;
        linkPen.setStyle(link.cut ? Qt::DotLine : Qt::SolidLine);
        p.setPen(linkPen);
        p.drawLine(pos[static_cast<std::size_t>(link.from)], pos[static_cast<std::size_t>(link.to)]);
    }
    for (const auto& m : m_view.messages) {
        const QPointF a = pos[static_cast<std::size_t>(m.from)];
        const QPointF b = pos[static_cast<std::size_t>(m.to)];
        const QPointF at = a + (b - a) * m.progress;
        p.setPen(Qt::NoPen);
        p.setBrush(m.doomed ? pal.color(QPalette::Mid) : pal.color(QPalette::Highlight));
        p.drawEllipse(at, 5, 5);
    }
    const double r = 30;
    for (std::size_t i = 0; i < count; ++i) {
        const auto& n = m_view.nodes[i];
        p.setPen(QPen(pal.color(QPalette::Text), n.crashed ? 1.0 : 2.0,
                      n.crashed ? Qt::DashLine : Qt::SolidLine));
        p.setBrush(pal.color(QPalette::Window));
        p.drawEllipse(pos[i], r, r);
        if (n.timer) {
            p.setPen(QPen(pal.color(QPalette::Highlight), 3.0));
            p.drawArc(QRectF(pos[i] - QPointF(r + 5, r + 5), QSizeF(2 * r + 10, 2 * r + 10)), 90 * 16,
                      static_cast<int>(*n.timer * 360 * 16));
        }
        p.setPen(pal.color(QPalette::Text));
        p.drawText(QRectF(pos[i] - QPointF(r, r), QSizeF(2 * r, 2 * r)), Qt::AlignCenter,
                   QString::fromStdString(n.name));
        p.drawText(QRectF(pos[i] + QPointF(-80, r + 6), QSizeF(160, 20)), Qt::AlignHCenter | Qt::AlignTop,
                   QString::fromStdString(n.crashed ? "crashed" : n.value));
    }
}

}  // namespace sb::widgets
