#pragma once

#include <QStringList>
#include <QWidget>

class QPainter;
#include <vector>

#include "panels/history_labels.h"
#include "sim/model_capabilities.h"
#include "sim/view.h"

class QScrollBar;
class QToolButton;

namespace sb::widgets {

struct ScenePalette;

// The client-history strip: one lane per node, each client operation a bar from invocation to
// completion on a shared time axis, filled by outcome and labelled with it, with flagged
// operations (stale, lost, not linearizable) outlined and marked with a cross. Topics without
// clients leave View::history empty and the strip says so. Clicking an operation emits its start
// time so the window can seek there. "Why?" asks the model which operations show that the history
// is broken (a costly search, so it runs only while the button is on, never per frame otherwise).
class HistoryStrip : public QWidget {
    Q_OBJECT
public:
    explicit HistoryStrip(QWidget* parent = nullptr);

    void setView(const core::View& view);
    // Whether the user asked why; the window then passes the model's explanation after setView.
    bool explaining() const;
    void setExplanation(const core::HistoryExplanation& why);
    QString explanation() const { return m_summary; }
    std::size_t opCount() const { return m_ops.size(); }
    std::size_t flaggedCount() const;
    // The operation drawn under `pos` in the last paint, or -1.
    long long opAt(QPointF pos) const;
    // What the last paint drew: the k-th bar's rectangle and the operation it shows (for tests).
    std::size_t drawnCount() const { return m_drawn.size(); }
    QRectF drawnRect(std::size_t k) const { return m_drawn.at(k).rect; }
    const core::HistoryOp& drawnOp(std::size_t k) const { return m_ops.at(m_drawn.at(k).op); }
    // Where the k-th bar's label went (inside, beside or on a plate); empty when it had no room.
    QRectF drawnLabel(std::size_t k) const { return m_drawn.at(k).label; }
    // The lane names and flagged operations' words the last paint had to cut with "…" (an
    // ordinary operation without room is left unlabelled: its tooltip has the words).
    const QStringList& cutTexts() const { return m_cut; }
    std::size_t laneCount() const { return m_lanes.size(); }
    // Asks for every lane up to eight; its minimum is three lanes tall, so a run with many nodes
    // does not squeeze the scene: the lanes scroll (wheel or scroll bar), the time axis stays.
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    // How far the lanes are scrolled, in pixels, and the most they can be (0: everything shows).
    int laneScroll() const;
    int laneScrollMaximum() const;
    void setLaneScroll(int pixels);

signals:
    void seekRequested(core::Time time);
    void explainRequested();

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;

private:
    struct Lane {
        core::NodeId node;
        QString name;
    };
    struct Drawn {
        QRectF rect;
        std::size_t op;
        QRectF label;
    };

    void drawAxis(QPainter& p, const ScenePalette& pal, core::Time span, double scale, double width) const;
    QRectF barRect(const core::HistoryOp& op, int lane, double x0, double scale) const;
    // Every drawable operation's bar and words, and (in `opOf`) which operation each is.
    std::vector<HistoryBar> barsFor(double gutter, double scale, std::vector<std::size_t>& opOf) const;

    double top() const;
    double laneAreaHeight() const;
    double laneHeight() const;
    void fitHeight();
    void fitScrollBar();
    void showNewestFlagged();

    QToolButton* m_why;
    QScrollBar* m_scroll;
    QString m_summary;
    std::vector<core::HistoryOp> m_ops;
    std::vector<Lane> m_lanes;
    core::Time m_now = 0;
    long long m_shownFlagged = -1;  // the flagged operation last scrolled into view
    std::vector<Drawn> m_drawn;
    QStringList m_cut;
};

}  // namespace sb::widgets
