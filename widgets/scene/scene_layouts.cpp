#include "scene/scene_layouts.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>

namespace sb::widgets {

namespace {

constexpr double kSpacing = 175.0;     // between neighbouring node centres on a circle
constexpr double kColumnGap = 250.0;   // between tier columns: room for links and messages
constexpr double kSubColumnGap = 165.0;
constexpr double kRowGap = 170.0;      // a node's footprint is 150 high
constexpr std::size_t kMaxRows = 4;    // more than this in one tier wraps into sub-columns
constexpr double kStarRadius = 265.0;  // clears the hub's badges and log under it

}  // namespace

std::vector<QPointF> circlePoints(std::size_t count, double minRadius) {
    std::vector<QPointF> out;
    if (count == 1) return {QPointF(0, 0)};
    const auto n = static_cast<double>(count);
    const double r = std::max(minRadius, kSpacing * n / (2 * std::numbers::pi));
    for (std::size_t i = 0; i < count; ++i) {
        const double a = -std::numbers::pi / 2 + 2 * std::numbers::pi * static_cast<double>(i) / n;
        out.emplace_back(r * std::cos(a), r * std::sin(a));
    }
    return out;
}

std::vector<QPointF> tiersLayout(const std::vector<core::NodeView>& nodes) {
    std::map<int, std::vector<std::size_t>> tiers;  // ordered: tier order is column order
    for (std::size_t i = 0; i < nodes.size(); ++i) tiers[nodes[i].tier].push_back(i);
    std::vector<QPointF> out(nodes.size());
    double x = 0;
    for (const auto& [tier, members] : tiers) {
        const std::size_t subColumns = (members.size() + kMaxRows - 1) / kMaxRows;
        const std::size_t rows = (members.size() + subColumns - 1) / subColumns;
        for (std::size_t k = 0; k < members.size(); ++k) {
            const auto column = static_cast<double>(k / rows);
            // The last sub-column may be shorter: centre it too.
            const std::size_t inColumn = std::min(rows, members.size() - (k / rows) * rows);
            const double row = static_cast<double>(k % rows) - (static_cast<double>(inColumn) - 1) / 2;
            out[members[k]] = QPointF(x + column * kSubColumnGap, row * kRowGap);
        }
        x += static_cast<double>(subColumns - 1) * kSubColumnGap + kColumnGap;
    }
    return out;
}

std::vector<QPointF> starLayout(const std::vector<core::NodeView>& nodes) {
    std::vector<std::size_t> hubs, rim;
    for (std::size_t i = 0; i < nodes.size(); ++i) (nodes[i].tier == 0 ? hubs : rim).push_back(i);
    // The rim in tier order, view order within a tier.
    std::stable_sort(rim.begin(), rim.end(), [&](std::size_t a, std::size_t b) { return nodes[a].tier < nodes[b].tier; });
    std::vector<QPointF> out(nodes.size());
    const auto hubPoints = circlePoints(hubs.size(), 95.0);
    double hubRadius = 0;
    for (std::size_t k = 0; k < hubs.size(); ++k) {
        out[hubs[k]] = hubPoints[k];
        hubRadius = std::max(hubRadius, std::hypot(hubPoints[k].x(), hubPoints[k].y()));
    }
    const auto rimPoints = circlePoints(rim.size(), kStarRadius + hubRadius);
    for (std::size_t k = 0; k < rim.size(); ++k) out[rim[k]] = rim.size() == 1 ? QPointF(kStarRadius, 0) : rimPoints[k];
    return out;
}

}  // namespace sb::widgets
