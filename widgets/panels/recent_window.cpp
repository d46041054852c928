#include "panels/recent_window.h"

#include <algorithm>
#include <cmath>

namespace sb::widgets {

namespace {
constexpr double kStill = 0.02;       // of a line's range: less than this is no visible move
constexpr double kLongQuiet = 0.25;   // of the run: a quiet stretch this long sets a burst apart
constexpr double kLeastBurst = 0.01;  // of the run: a change only at the moment shown is no burst
constexpr double kLeastSpan = 0.05;   // of the run: the narrowest time range shown
constexpr double kNearStart = 0.1;    // of the run: a start closer to 0 than this is 0
// A burst is many moves: one or two steps (a second node hears a rumor) read at any scale.
constexpr std::size_t kBurstMoves = 8;

// The keys where `line` leaves the band of values it held since its last move.
void movesOf(std::span<const LinePoint> line, std::vector<double>& moves) {
    double lo = 0, hi = 0;
    for (const LinePoint& p : line) {
        if (std::isnan(p.value)) continue;
        lo = std::min(lo, p.value);
        hi = std::max(hi, p.value);
    }
    const double still = kStill * std::max(hi - lo, 1e-9);
    bool started = false;
    double bandLo = 0, bandHi = 0;
    for (const LinePoint& p : line) {
        if (std::isnan(p.value)) continue;
        if (started && std::max(bandHi, p.value) - std::min(bandLo, p.value) <= still) {
            bandLo = std::min(bandLo, p.value);
            bandHi = std::max(bandHi, p.value);
            continue;
        }
        if (started) moves.push_back(p.key);
        started = true;
        bandLo = bandHi = p.value;
    }
}
}  // namespace

double recentStart(const std::vector<std::span<const LinePoint>>& lines, double now) {
    if (!(now > 0)) return 0;
    std::vector<double> moves;
    double start = now;
    for (const auto& line : lines) {
        if (!line.empty()) start = std::min(start, line.front().key);
        movesOf(line, moves);
    }
    if (moves.empty()) return 0;
    std::sort(moves.begin(), moves.end());
    if (now - moves.back() >= kLongQuiet * now) return 0;  // quiet now: the whole run reads
    // The latest move that ends a long quiet stretch: the burst starts there.
    double burst = -1;
    std::size_t count = 0;
    for (std::size_t i = moves.size(); i-- > 0;) {
        const double before = i == 0 ? start : moves[i - 1];
        if (moves[i] - before >= kLongQuiet * now) {
            burst = moves[i];
            count = moves.size() - i;
            break;
        }
    }
    if (burst < 0 || count < kBurstMoves || now - burst < kLeastBurst * now) return 0;
    return std::clamp(2 * burst - now, 0.0, (1 - kLeastSpan) * now);
}

double stepWindowStart(double stepStart, double stepEnd, double now) {
    if (!(now > 0) || !(stepStart > 0)) return 0;
    const double length = std::max(stepEnd, now) - stepStart;
    const double lead = std::max(length, kLeastSpan * now - length);
    const double start = std::min(stepStart - lead, (1 - kLeastSpan) * now);
    return start < kNearStart * now ? 0 : start;
}

}  // namespace sb::widgets
