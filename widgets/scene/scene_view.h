#pragma once

#include <QGraphicsView>
#include <string>
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
    void zoomBy(double factor);

    GraphScene* m_graph;
    bool m_autoFit = true;
    double m_scaleLimit = 1e9;
};

}  // namespace sb::widgets
