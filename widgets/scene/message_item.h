#pragma once

#include <QGraphicsItem>

#include "scene/scene_palette.h"
#include "sim/view.h"

namespace sb::widgets {

class GraphScene;

// A message in flight. Its kind picks colour and shape; a reply is hollow; a doomed message
// (lost on arrival) has a dashed outline. Clicking selects it for the inspector; right-click
// offers drop and delay.
class MessageItem : public QGraphicsItem {
public:
    enum { Type = UserType + 2 };

    MessageItem(GraphScene* scene, const ScenePalette* palette);
    void setMessage(const core::MessageView& message, bool emphasised);
    const core::MessageView& message() const { return m_msg; }

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent* event) override;
    void contextMenuEvent(QGraphicsSceneContextMenuEvent* event) override;

private:
    GraphScene* m_graph;
    const ScenePalette* m_palette;
    core::MessageView m_msg;
    bool m_emphasised = false;
    int m_shape = 0;
};

}  // namespace sb::widgets
