#pragma once

#include <QGraphicsItem>

#include "scene/node_text.h"
#include "scene/scene_palette.h"

namespace sb::widgets {

// A network zone (one side of a partition) as a labelled rounded region behind its nodes. The
// label sits in the band above the nodes, at the largest font step that fits the zone's width
// (then "…", which cutText() reports).
class ZoneItem : public QGraphicsItem {
public:
    explicit ZoneItem(const ScenePalette* palette);
    // `scale`: how much larger than their size the scene draws its words (GraphScene::wordScale).
    void setZone(const QRectF& rect, const QString& label, bool partitioned, double scale = 1);
    // How far above its nodes' footprints a zone reaches for its label band, at `scale`.
    static double labelReach(double scale);
    QRectF rect() const { return m_rect; }
    // Where the label's words are drawn, in scene coordinates (for tests), and what it had to cut
    // (empty when the label is whole).
    QRectF labelRect() const;
    QString cutText() const { return m_fit.cut ? m_label : QString(); }

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    QFont labelFont() const;
    QRectF labelRoom() const;

    const ScenePalette* m_palette;
    QRectF m_rect;
    QString m_label;
    FittedText m_fit;
    bool m_partitioned = false;
    double m_scale = 1;
};

}  // namespace sb::widgets
