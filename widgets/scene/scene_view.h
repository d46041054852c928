#pragma once

#include <QGraphicsView>
#include <QPixmap>
#include <QStringList>
#include <string>
#include <set>
#include <vector>

#include "sim/view.h"

namespace sb::widgets {

class GraphScene;

// The scene's viewport: antialiased, zoom with the wheel or Ctrl +/-, pan by dragging empty
// space, fit-to-view (kept automatically until the user zooms).
class SceneView : public QGraphicsView {
    Q_OBJECT
public:
    explicit SceneView(QWidget* parent = nullptr);

    GraphScene* graph() const { return m_graph; }
    void setView(const core::View& view);

    void zoomIn();
    void zoomOut();
    void fitToView();
    // The scale fit-to-view would choose, and a ceiling on it: two views shown side by side get
    // the smaller of their two, so equal things are drawn the same size.
    double fitScale() const;
    void setScaleLimit(double limit);
    // Two views side by side fit one frame (the union of both scenes' rectangles, in scene
    // coordinates) above a legend strip of one height (the taller of the two legends), so at one
    // scale a node both scenes share lands on the same pixel in both. An empty frame and no room
    // are the view's own: its scene's rectangle above its own legend.
    void setSharedFit(const QRectF& frame, double legendRoom);
    // How tall the legend strip at the bottom is now, in viewport pixels (0 without messages).
    double legendHeight() const;
    // The legend's words, in order: one entry per message kind in flight, then the closing note.
    QStringList legendTexts() const;
    bool autoFit() const { return m_autoFit; }
    // Re-reads the palette (after a theme change).
    void refreshPalette();

protected:
    // The message legend, fixed to the viewport's corner rather than zooming with the scene.
    void drawForeground(QPainter* painter, const QRectF& rect) override;
    void scrollContentsBy(int dx, int dy) override;
    void wheelEvent(QWheelEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;

private:
    struct LegendEntry {
        QRectF rect;       // viewport coordinates
        QString text;
        std::string kind;  // empty for the closing note
    };
    std::vector<LegendEntry> legendLayout(double& height) const;
    QFont legendFont() const;
    void paintLegend(QPainter* p, const std::vector<LegendEntry>& entries, double height) const;
    void zoomBy(double factor);
    // What fit-to-view fits, in scene coordinates, and the viewport's room for it above the legend.
    QRectF fitFrame() const;
    QSizeF fitRoom() const;

    GraphScene* m_graph;
    // The legend as last painted on screen, with what it was painted from: every frame repaints
    // the viewport, and laying out and drawing the legend's words again cost as much as a node.
    struct LegendCache {
        std::set<std::string> kinds;
        QSize size;
        qreal ratio = 0;
        QRgb background = 0, text = 0, muted = 0;  // the palette's (a theme change repaints it)
        bool dark = false;
        QPixmap pixmap;
        double height = 0;
    };
    LegendCache m_legend;
    bool m_autoFit = true;
    double m_scaleLimit = 1e9;
    QRectF m_sharedFrame;
    double m_sharedLegend = 0;
};

}  // namespace sb::widgets
