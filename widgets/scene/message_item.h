#pragma once

#include <QGraphicsItem>
#include <map>
#include <set>
#include <vector>

#include "scene/scene_palette.h"
#include "sim/view.h"

namespace sb::widgets {

class GraphScene;

// A message in flight. Its kind picks colour and shape; a reply is hollow; a doomed message
// (lost on arrival) has a dashed outline. A short label names its kind and its first field
// ("Request vote, term 2"); the scene places labels so that bunched messages stay readable. Clicking selects
// it for the inspector; right-click offers drop and delay.
class MessageItem : public QGraphicsItem {
public:
    enum { Type = UserType + 2 };

    MessageItem(GraphScene* scene, const ScenePalette* palette);
    void setMessage(const core::MessageView& message, bool emphasised);
    const core::MessageView& message() const { return m_msg; }
    // The label, placed at `offset` from the glyph (item coordinates); empty hides it.
    void setLabel(const QString& text, QPointF offset);
    QString label() const { return m_label; }
    // The label's rectangle in item coordinates (empty without a label).
    QRectF labelRect() const;
    static QSizeF labelSize(const QString& text);
    // The glyph alone, item coordinates.
    static QRectF glyphRect();

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    QPainterPath shape() const override;
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
    QString m_label;
    QPointF m_labelOffset;
    QSizeF m_labelSize;
};

// The way a message's glyph travels, from where it leaves its sender to where it reaches its
// receiver (message_item.cpp), clear of every node's words: it leaves past the last of the
// sender's words the line crosses and stops before the receiver's first, and goes round another
// node's drawing that lies across the way, along its edge. `a` and `b` are the two nodes'
// centres, `side` the offset that keeps each direction on its own side of the link; the rects
// are scene rectangles (the ends' words, the other nodes' whole drawings), `rim` the radius of a
// node's shape as drawn. Where the ends'
// drawings overlap along the link (a node dragged onto another) each gives way, to a third of it.
struct MessageRoute {
    std::vector<QPointF> points;  // a polyline, sender's end first
    QPointF at(double progress) const;  // 0 = leaving, 1 = arriving, by distance along the way
};
MessageRoute messageRoute(QPointF a, QPointF b, QPointF side, const std::vector<QRectF>& fromWords,
                          const std::vector<QRectF>& toWords, const std::vector<QRectF>& others, double rim);

// "RequestVote" with "term 2, last 0/0" -> "Request vote, term 2"; "Write" with "x=3" -> "Write
// x=3": the kind's short words and the first field of the summary.
QString messageLabel(const std::string& kind, const std::string& summary);

// A message kind in words, for the legend: "AppendEntriesReply" -> "Append entries (reply)",
// "CacheGet" -> "Cache get", "read_repair" -> "Read repair" (message_labels.cpp).
QString messageKindWords(const std::string& kind);
// The same, shorter, for a label beside the glyph: a reply to a long kind keeps one word of it,
// "RequestVoteReply" -> "Vote reply", "AppendEntriesReply" -> "Append reply".
QString messageLabelWords(const std::string& kind);

// "Heartbeat, term 2" for four messages -> "Heartbeat, term 2 ×4".
QString groupLabel(const QString& label, int count);

// Gives the messages their labels (message_labels.cpp): one per sender, kind and label text,
// with a count, painted by the group's first message beside the group's centre, clear of the
// other labels and of the `nodes` (scene rectangles), inside `area` (the scene's rectangle, so a
// fitted view shows it whole); none where no clear place is near.
void placeMessageLabels(const std::vector<core::MessageView>& messages, const std::map<core::MsgId, MessageItem*>& items,
                        const std::set<std::string>& emphasised, const std::vector<QRectF>& nodes,
                        const QRectF& area = {});

}  // namespace sb::widgets
