#include "panels/history_labels.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

namespace sb::widgets {

namespace {

constexpr double kGap = 3;      // between a label and what is beside it
constexpr double kPad = 6;      // a label's margins around its words
constexpr double kMinCut = 30;  // the least room a cut label is worth ("✕ w x…")

struct Span {
    double left, right;
};

// How much free lane there is from `from` rightwards, up to `limit` or the first span in the way.
double freeRight(const std::vector<Span>& taken, double from, double limit) {
    double end = limit;
    for (const Span& s : taken) {
        if (s.right <= from) continue;
        if (s.left <= from) return 0;
        end = std::min(end, s.left - kGap);
    }
    return std::max(0.0, end - from);
}

// The same leftwards from `to`, down to `limit`.
double freeLeft(const std::vector<Span>& taken, double to, double limit) {
    double start = limit;
    for (const Span& s : taken) {
        if (s.left >= to) continue;
        if (s.right >= to) return 0;
        start = std::max(start, s.right + kGap);
    }
    return std::max(0.0, to - start);
}

bool clear(const std::vector<Span>& taken, double left, double right) {
    return std::none_of(taken.begin(), taken.end(), [&](const Span& s) { return s.left < right && s.right > left; });
}

// `text` in `room` pixels of lane (its margins included), or a cut result when it does not fit.
FittedText fitIn(const QString& text, const QFont& font, double room) {
    if (room <= kPad) return {font, {text}, true, 0};
    return fitText(text, font, room - kPad);
}

}  // namespace

void separateBars(std::vector<HistoryBar>& bars, double right) {
    std::map<double, std::vector<std::size_t>> lanes;  // by top, each left to right in time
    for (std::size_t i = 0; i < bars.size(); ++i) lanes[bars[i].rect.top()].push_back(i);
    for (auto& [top, lane] : lanes) {
        std::stable_sort(lane.begin(), lane.end(), [&](std::size_t a, std::size_t b) { return bars[a].from < bars[b].from; });
        for (std::size_t k = 1; k < lane.size(); ++k) {
            const HistoryBar& before = bars[lane[k - 1]];
            HistoryBar& bar = bars[lane[k]];
            if (bar.from >= before.to && bar.rect.left() < before.rect.right() + kGap) bar.rect.moveLeft(before.rect.right() + kGap);
        }
        double limit = right;
        for (auto k = lane.size(); k-- > 0;) {
            HistoryBar& bar = bars[lane[k]];
            if (bar.rect.right() > limit) bar.rect.moveRight(limit);
            limit = bar.rect.left() - kGap;
        }
    }
}

std::vector<HistoryLabel> placeHistoryLabels(const std::vector<HistoryBar>& bars, const QFont& font, double left,
                                             double right, double below) {
    std::vector<HistoryLabel> out(bars.size());
    // What is already at height `top` (a bar row or a row for words), leaving out bar `i`.
    const auto takenAt = [&](double top, std::size_t i) {
        std::vector<Span> taken;
        for (std::size_t j = 0; j < bars.size(); ++j) {
            if (j == i) continue;
            if (std::abs(bars[j].rect.top() - top) < 0.5) taken.push_back({bars[j].rect.left(), bars[j].rect.right()});
            if (!out[j].rect.isEmpty() && !out[j].inside && std::abs(out[j].rect.top() - top) < 0.5)
                taken.push_back({out[j].rect.left(), out[j].rect.right()});
        }
        return taken;
    };
    // Flagged operations first, the newest (what the step is about) first, so they get the room
    // beside them; then the others left to right.
    std::vector<std::size_t> order(bars.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        if (bars[a].flagged != bars[b].flagged) return bars[a].flagged;
        if (bars[a].flagged) return bars[a].rect.right() > bars[b].rect.right();
        return bars[a].rect.left() < bars[b].rect.left();
    });
    for (const std::size_t i : order) {
        const HistoryBar& bar = bars[i];
        const QRectF& r = bar.rect;
        const auto at = [&](double x, double top, const FittedText& text, bool plate, bool inside) {
            return HistoryLabel{QRectF(x, top, text.width + kPad, r.height()), text, plate, inside};
        };
        const std::vector<Span> taken = takenAt(r.top(), i);
        HistoryLabel& label = out[i];
        if (const FittedText in = fitIn(bar.text, font, r.width()); !in.cut && clear(taken, r.left(), r.left() + in.width + kPad)) {
            label = at(r.left(), r.top(), in, false, true);
            continue;
        }
        const double rightRoom = freeRight(taken, r.right() + kGap, right);
        if (const FittedText beside = fitIn(bar.text, font, rightRoom); !beside.cut) {
            label = at(r.right() + kGap, r.top(), beside, false, false);
            continue;
        }
        if (below > 0) {
            // The row under the bars: from the bar's left edge rightwards, else ending at its right.
            const double top = r.top() + below;
            const std::vector<Span> row = takenAt(top, i);
            if (const FittedText under = fitIn(bar.text, font, freeRight(row, r.left(), right)); !under.cut) {
                label = at(r.left(), top, under, false, false);
                continue;
            }
            if (const FittedText under = fitIn(bar.text, font, freeLeft(row, r.right(), left)); !under.cut) {
                label = at(r.right() - under.width - kPad, top, under, false, false);
                continue;
            }
        }
        const double leftRoom = freeLeft(taken, r.left() - kGap, left);
        if (!bar.flagged) {
            // Ending at its left, as the newest operation at the strip's right edge needs (its
            // words are what the step's narration speaks of); else they wait for the tooltip.
            if (const FittedText before = fitIn(bar.text, font, leftRoom); !before.cut)
                label = at(r.left() - kGap - before.width - kPad, r.top(), before, false, false);
            continue;
        }
        const FittedText plate = fitIn(bar.text, font, leftRoom);
        if (!plate.cut || leftRoom > rightRoom) {
            if (plate.cut && leftRoom < kMinCut) label.text = plate;  // no room at all: reported, not drawn
            else label = at(r.left() - kGap - plate.width - kPad, r.top(), plate, true, false);
        } else if (rightRoom >= kMinCut) {
            label = at(r.right() + kGap, r.top(), fitIn(bar.text, font, rightRoom), false, false);  // cut, on the wider side
        } else {
            label.text = plate;
        }
    }
    return out;
}

}  // namespace sb::widgets
