#include "scene/scene_view.h"

#include <QEvent>
#include <QPaintEngine>
#include <QPainter>
#include <QMouseEvent>
#include <QWheelEvent>
#include <cmath>

#include "scene/graph_scene.h"
#include "scene/message_item.h"
#include "scene/scene_palette.h"

namespace sb::widgets {

SceneView::SceneView(QWidget* parent) : QGraphicsView(parent), m_graph(new GraphScene(this)) {
    setScene(m_graph);
    setAccessibleName(tr("Simulation scene"));
    setAccessibleDescription(tr("Nodes, links, messages in flight and network zones"));
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing | QPainter::SmoothPixmapTransform);
    setViewportUpdateMode(QGraphicsView::BoundingRectViewportUpdate);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setFrameShape(QFrame::NoFrame);
    setDragMode(QGraphicsView::ScrollHandDrag);
    setMinimumSize(320, 240);
    refreshPalette();
    connect(m_graph, &GraphScene::layoutChanged, this, [this] {
        if (m_autoFit) fitToView();
    });
    connect(m_graph, &GraphScene::legendChanged, this, [this] {
        if (m_autoFit) fitToView();
        viewport()->update();
    });
}

void SceneView::setView(const core::View& view) { m_graph->setView(view); }

void SceneView::refreshPalette() { m_graph->setScenePalette(ScenePalette::fromPalette(palette())); }

void SceneView::zoomBy(double factor) {
    if (m_autoFit) {
        // Out of fit mode: let the user pan well past the scene's edges.
        const QRectF r = m_graph->sceneRect();
        setSceneRect(r.adjusted(-r.width(), -r.height(), r.width(), r.height()));
    }
    m_autoFit = false;
    const double current = transform().m11();
    const double next = std::clamp(current * factor, 0.1, 8.0);
    scale(next / current, next / current);
}

void SceneView::zoomIn() { zoomBy(1.25); }
void SceneView::zoomOut() { zoomBy(0.8); }

QRectF SceneView::fitFrame() const { return m_sharedFrame.isEmpty() ? m_graph->sceneRect() : m_sharedFrame; }

double SceneView::legendHeight() const {
    double height = 0;
    legendLayout(height);
    return height;
}

QStringList SceneView::legendTexts() const {
    double height = 0;
    QStringList out;
    for (const LegendEntry& e : legendLayout(height)) out << e.text;
    return out;
}

QSizeF SceneView::fitRoom() const {
    const double legend = std::max(legendHeight(), m_sharedLegend);
    return {viewport()->width() - 4.0, std::max(40.0, viewport()->height() - legend - 4.0)};
}

double SceneView::fitScale() const {
    const QRectF r = fitFrame();
    if (m_graph->sceneRect().isEmpty() || r.isEmpty() || viewport()->width() < 10) return 0;
    const QSizeF room = fitRoom();
    return std::min({room.width() / r.width(), room.height() / r.height(), 1.6});  // never blow a small scene up
}

void SceneView::setScaleLimit(double limit) {
    if (limit == m_scaleLimit) return;
    m_scaleLimit = limit;
    if (m_autoFit) fitToView();
}

void SceneView::setSharedFit(const QRectF& frame, double legendRoom) {
    if (frame == m_sharedFrame && legendRoom == m_sharedLegend) return;
    m_sharedFrame = frame;
    m_sharedLegend = legendRoom;
    if (m_autoFit) fitToView();
}

void SceneView::fitToView() {
    m_autoFit = true;
    const QRectF r = fitFrame();
    const double fit = fitScale();
    if (fit <= 0) return;
    // Leave the legend strip at the bottom free: the frame is centred in the room above it, and
    // the rectangle shown runs on under the strip.
    const QSizeF room = fitRoom();
    const double scale = std::min(fit, m_scaleLimit);
    const double below = viewport()->height() - room.height();
    const QRectF shown(r.center().x() - room.width() / scale / 2, r.center().y() - room.height() / scale / 2,
                       room.width() / scale, (room.height() + below) / scale);
    setSceneRect(shown);
    setTransform(QTransform::fromScale(scale, scale));
    centerOn(shown.center());
    m_graph->fitRingText(this);
}

std::vector<SceneView::LegendEntry> SceneView::legendLayout(double& height) const {
    // A flow of "glyph name" entries along the bottom of the viewport, wrapping when needed.
    std::vector<LegendEntry> out;
    height = 0;
    const auto& kinds = m_graph->messageKinds();
    if (kinds.empty()) return out;
    const QFontMetricsF fm(legendFont());
    const double line = fm.height() + 4;
    const double right = viewport()->width() - 8.0;
    double x = 12, y = 0;
    // Each kind's words beside its glyph, then the note on what hollow and dashed mean.
    std::vector<std::pair<QString, std::string>> texts;
    texts.reserve(kinds.size() + 1);
    for (const auto& k : kinds) texts.emplace_back(messageKindWords(k), k);
    texts.emplace_back(tr("hollow: reply · dashed: will be lost"), std::string());
    for (const auto& [text, kind] : texts) {
        const bool note = kind.empty();
        const double w = fm.horizontalAdvance(text) + (note ? 0 : 16);
        if (x + w > right && x > 12) {
            x = 12;
            y += line;
        }
        out.push_back({QRectF(x, y, w, line), text, kind});
        x += w + 18;
    }
    height = y + line + 6;
    for (auto& e : out) e.rect.translate(0, viewport()->height() - height + 3);
    return out;
}

QFont SceneView::legendFont() const {
    QFont f = font();
    f.setPointSizeF(f.pointSizeF() * 0.85);
    return f;
}

void SceneView::drawForeground(QPainter* p, const QRectF&) {
    const ScenePalette& pal = m_graph->scenePalette();
    const qreal ratio = p->device()->devicePixelRatioF();
    // On screen and in raster pictures, from the pixmap while nothing it shows has changed; SVG and
    // PDF get shapes and text.
    const bool raster = p->paintEngine() && p->paintEngine()->type() == QPaintEngine::Raster;
    LegendCache& c = m_legend;
    if (!raster || c.kinds != m_graph->messageKinds() || c.size != viewport()->size() || c.ratio != ratio ||
        c.background != pal.background.rgba() || c.text != pal.text.rgba() || c.muted != pal.mutedText.rgba() ||
        c.dark != pal.dark) {
        double height = 0;
        const auto entries = legendLayout(height);
        if (!raster) {
            p->save();
            p->resetTransform();
            paintLegend(p, entries, height);
            p->restore();
            return;
        }
        c = {m_graph->messageKinds(), viewport()->size(), ratio, pal.background.rgba(), pal.text.rgba(),
             pal.mutedText.rgba(), pal.dark, QPixmap(), height};
        if (!entries.empty()) {
            // From a whole pixel at or above the strip's top line (antialiased across two rows) to
            // the bottom, so the pixmap is blitted as drawn, not resampled at a fractional offset.
            c.height = viewport()->height() - std::floor(viewport()->height() - height - 1);
            c.pixmap = QPixmap((QSizeF(viewport()->width(), c.height) * ratio).toSize());
            c.pixmap.setDevicePixelRatio(ratio);
            c.pixmap.fill(Qt::transparent);
            QPainter q(&c.pixmap);
            q.translate(0, c.height - viewport()->height());  // the entries are placed in viewport coordinates
            paintLegend(&q, entries, height);
        }
    }
    if (c.pixmap.isNull()) return;
    p->save();
    p->resetTransform();
    p->drawPixmap(QPointF(0, viewport()->height() - c.height), c.pixmap);
    p->restore();
}

void SceneView::paintLegend(QPainter* p, const std::vector<LegendEntry>& entries, double height) const {
    if (entries.empty()) return;
    const ScenePalette& pal = m_graph->scenePalette();
    p->setRenderHint(QPainter::Antialiasing);
    p->setFont(legendFont());
    QColor back = pal.background;
    back.setAlpha(230);
    p->setPen(Qt::NoPen);
    p->setBrush(back);
    p->drawRect(QRectF(0, viewport()->height() - height, viewport()->width(), height));
    p->setPen(QPen(pal.zoneBorder, 1));
    p->drawLine(QPointF(0, viewport()->height() - height), QPointF(viewport()->width(), viewport()->height() - height));
    for (const auto& e : entries) {
        if (e.kind.empty()) {
            p->setPen(pal.mutedText);
            p->drawText(e.rect, Qt::AlignVCenter, e.text);
            continue;
        }
        p->setPen(QPen(pal.text, 1));
        p->setBrush(pal.messageKind(e.kind));
        drawMessageGlyph(p, messageShape(e.kind), QPointF(e.rect.left() + 5, e.rect.center().y()), 5);
        p->setPen(pal.text);
        p->drawText(e.rect.adjusted(16, 0, 0, 0), Qt::AlignVCenter, e.text);
    }
}

void SceneView::scrollContentsBy(int dx, int dy) {
    QGraphicsView::scrollContentsBy(dx, dy);
    viewport()->update();  // the legend does not scroll with the content
}

void SceneView::wheelEvent(QWheelEvent* event) {
    const double steps = event->angleDelta().y() / 120.0;
    if (steps != 0.0) zoomBy(std::pow(1.15, steps));
    event->accept();
}

void SceneView::resizeEvent(QResizeEvent* event) {
    QGraphicsView::resizeEvent(event);
    if (m_autoFit) fitToView();
}

void SceneView::changeEvent(QEvent* event) {
    QGraphicsView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) refreshPalette();
    if (event->type() == QEvent::FontChange) m_legend = {};  // laid out in the view's font
}

void SceneView::mousePressEvent(QMouseEvent* event) {
    // Drag empty space to pan, or Shift+drag it to select nodes with a rubber band (then drag
    // one of them to move the group); items (nodes) get the press otherwise.
    const bool empty = itemAt(event->pos()) == nullptr;
    const bool band = empty && (event->modifiers() & Qt::ShiftModifier);
    setDragMode(band ? QGraphicsView::RubberBandDrag : empty ? QGraphicsView::ScrollHandDrag : QGraphicsView::NoDrag);
    QGraphicsView::mousePressEvent(event);
}

void SceneView::mouseReleaseEvent(QMouseEvent* event) {
    QGraphicsView::mouseReleaseEvent(event);
    setDragMode(QGraphicsView::ScrollHandDrag);
}

}  // namespace sb::widgets
