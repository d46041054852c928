#pragma once
// Where the client-history strip writes each operation's words: inside its bar, in the free lane
// to its right, in the row under the bars when the lanes have one, or (for a flagged operation,
// which the lesson talks about) on a plate to its left; never over another bar or label. Words take the largest font step that fits their room;
// a flagged operation with no room at any step is cut with "…" and reported.

#include <QRectF>
#include <QString>
#include <vector>

#include "scene/node_text.h"

namespace sb::widgets {

struct HistoryBar {
    QRectF rect;      // the bar, in widget coordinates; bars of one lane share their top
    QString text;     // "✕ w x=5 (pending)"
    bool flagged = false;
    double from = 0, to = 0;  // where its times fall (the rect is wider for a short flagged one)
};

struct HistoryLabel {
    QRectF rect;       // where the words go; empty when the bar has no label
    FittedText text;
    bool plate = false;  // drawn on a plate (beside a flagged bar, over the lane)
    bool inside = false; // inside the bar
};

// Moves bars that were widened (a short flagged operation) off the next ones in their lane, and
// back inside `right`; bars whose times really overlap stay where they are.
void separateBars(std::vector<HistoryBar>& bars, double right);

// One label per bar, in the bars' order. `left` and `right` bound the lanes; `below` is how far
// under a bar's top its lane's row for words is (0: the lanes have none).
std::vector<HistoryLabel> placeHistoryLabels(const std::vector<HistoryBar>& bars, const QFont& font, double left,
                                             double right, double below = 0);

}  // namespace sb::widgets
