#pragma once

#include <QGraphicsItem>

#include "scene/scene_palette.h"

namespace sb::widgets {

// A network zone (one side of a partition) as a labelled rounded region behind its nodes.
class ZoneItem : public QGraphicsItem {
public:
    explicit ZoneItem(const ScenePalette* palette);
    void setZone(const QRectF& rect, const QString& label, bool partitioned);
    QRectF rect() const { return m_rect; }

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    const ScenePalette* m_palette;
    QRectF m_rect;
    QString m_label;
    bool m_partitioned = false;
};

}  // namespace sb::widgets
