#pragma once

#include <QLineF>
#include <QRectF>
#include <QString>
#include <QStringList>
#include <QWidget>

class QPainter;
#include <vector>

#include "sim/time.h"

namespace sb::widgets {

class SimController;

// The space-time (sequence) diagram of the recorded trace: one vertical line per node, time
// running down, an arrow per message from send to delivery (a dropped one ends in a cross),
// role changes and commits marked. It follows the current time; clicking an arrow seeks there.
class SpaceTimeView : public QWidget {
    Q_OBJECT
public:
    SpaceTimeView(SimController* controller, QWidget* parent = nullptr);

    // Simulated time shown top to bottom.
    core::Time span() const { return m_span; }
    // The trace position an arrow near `pos` seeks to, or -1.
    long long positionAt(QPointF pos) const;
    std::size_t arrowCount() const { return m_arrows.size(); }
    // The arrow drawn i-th in the last paint, and the trace index of its send (for tests).
    QLineF arrowLine(std::size_t i) const { return m_arrows.at(i).line; }
    std::size_t arrowSend(std::size_t i) const { return m_arrows.at(i).position; }
    // The notes (role, commit, action words) drawn in the last paint, where they were drawn.
    std::size_t noteCount() const { return m_notes.size(); }
    QRectF noteRect(std::size_t i) const { return m_notes.at(i).box; }
    QString noteText(std::size_t i) const { return m_notes.at(i).text; }
    QRectF timeRect() const { return m_timeRect; }  // the current time's plate
    QString timeText() const { return m_timeText; }  // what the plate says
    QSize sizeHint() const override { return {480, 220}; }
    // Wide enough for the run's lanes and the notes beside them (five lanes when no run is open).
    int preferredWidth() const;
    // Draws the diagram into QRect({}, size) on any device (the widget, or an export).
    void paintDiagram(QPainter& painter, QSizeF size) { paintDiagram(painter, size, nullptr); }

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;

private:
    struct Arrow {
        QLineF line;
        std::size_t position;  // trace position just after the send
    };

    struct Note {
        QRectF box;
        QString text;
    };

    void paintDiagram(QPainter& painter, QSizeF size, std::vector<Arrow>* arrows);
    // Each note on a plate of the background (`opacity` 0-255), after the lines, so no line runs
    // through its words; the current time is drawn the same way.
    void paintNotes(QPainter& painter, const std::vector<Note>& notes, int opacity) const;

    SimController* m_controller;
    core::Time m_span = 400 * 1000;
    bool m_autoSpan = true;  // follow the topic's message latency until the user zooms
    std::vector<Arrow> m_arrows;
    std::vector<Note> m_notes;
    QRectF m_timeRect;
    QString m_timeText;
};

}  // namespace sb::widgets
