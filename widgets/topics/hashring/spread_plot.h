#pragma once

#include <QString>

#include "topics/topic_ui.h"

class QCustomPlot;
class QLabel;

namespace sb::widgets {

class SimController;

// The hash ring's "load spread vs vnode count" curve, computed by core on the run's own keys and
// seed: the relative stddev of keys per node for 1..1000 vnodes, the 1/sqrt(V) rule of thumb
// beside it, and the run's current vnode count marked. The topic UI registry docks it and
// activates it for hash ring runs only.
class SpreadPlot : public TopicPanel {
    Q_OBJECT
public:
    explicit SpreadPlot(SimController* controller, QWidget* parent = nullptr);

    void activate(bool on) override;
    // A ring's run: the curve is spread against points per node, and hash mod N, rendezvous
    // and jump place keys by no points.
    bool showsTheRun() const override;
    // Whether the loaded run is one this plot was activated for.
    bool applies() const { return m_applies; }
    int pointCount() const;
    QCustomPlot* plot() const { return m_plot; }

protected:
    void changeEvent(QEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void recompute();
    void markNow();
    void applyPalette();

    SimController* m_controller;
    QCustomPlot* m_plot;
    QLabel* m_note;
    QString m_caption;  // what the lines are; markNow adds the diamond when it draws one
    bool m_applies = false;
};

}  // namespace sb::widgets
