#include "scene/scene_palette.h"

#include <algorithm>
#include <cmath>

#include <QPainter>
#include <QPolygonF>
#include <array>
#include <functional>
#include <optional>

#include "sim/stable_hash.h"

namespace sb::widgets {

namespace {

// Okabe-Ito: orange, sky blue, bluish green, yellow, blue, vermillion, reddish purple.
constexpr std::array<QRgb, 7> kCategory = {0xE69F00, 0x56B4E9, 0x009E73, 0xD8C62B,
                                           0x0072B2, 0xD55E00, 0xCC79A7};

// Twelve node hues: the seven above, then wine, teal, olive, indigo and brown, picked to stay
// apart from them and from each other. A ring of up to 12 nodes never repeats one; each node is
// also labelled with its name, so the hue is never the only signal.
constexpr std::array<QRgb, 12> kNodeHues = {0xE69F00, 0x56B4E9, 0x009E73, 0xD8C62B, 0x0072B2, 0xD55E00,
                                            0xCC79A7, 0x882255, 0x44AA99, 0x999933, 0x5A4FCF, 0x8C6D46};

// The scene's hues and shapes were fixed with this start, one digit short of FNV's offset basis;
// keeping it keeps every message kind's colour and shape as before.
constexpr std::uint64_t kPaletteHashBasis = 1469598103934665603ULL;

std::size_t stableHash(const std::string& text) {
    return static_cast<std::size_t>(core::fnv1a64(text, kPaletteHashBasis));
}

}  // namespace

ScenePalette ScenePalette::fromPalette(const QPalette& palette) {
    ScenePalette p;
    p.background = palette.color(QPalette::Base);
    p.text = palette.color(QPalette::Text);
    p.dark = p.background.lightness() < 128;
    p.mutedText = p.dark ? p.text.darker(140) : p.text.lighter(220);
    p.link = p.dark ? QColor(0x6a, 0x6f, 0x78) : QColor(0xa8, 0xad, 0xb5);
    p.nodeFill = p.dark ? QColor(0x2b, 0x31, 0x3a) : QColor(0xf4, 0xf6, 0xf9);
    p.zoneFill = p.dark ? QColor(255, 255, 255, 14) : QColor(0, 40, 90, 12);
    p.zoneBorder = p.dark ? QColor(0x7a, 0x80, 0x8a) : QColor(0x8a, 0x90, 0x9a);
    p.highlight = p.dark ? QColor(0xF0, 0xE4, 0x42) : QColor(0x0072B2);
    return p;
}

QColor ScenePalette::tone(core::Tone tone) const {
    switch (tone) {
        case core::Tone::Good: return dark ? QColor(0x3c, 0xc4, 0x9a) : QColor(0x00, 0x70, 0x52);
        case core::Tone::Warning: return dark ? QColor(0xF0, 0xB0, 0x30) : QColor(0x94, 0x5c, 0x00);
        case core::Tone::Bad: return dark ? QColor(0xff, 0x7a, 0x45) : QColor(0xb0, 0x3a, 0x00);
        case core::Tone::Muted: return mutedText;
        case core::Tone::Accent: return dark ? QColor(0x56, 0xB4, 0xE9) : QColor(0x00, 0x5a, 0x9a);
        case core::Tone::Normal: break;
    }
    return text;
}

// Roles are the topic's words; only the few that recur across protocols (leader-based
// replication, elections, failure) have a look of their own. Anything else is drawn by its kind.
std::optional<QColor> ScenePalette::roleHue(const std::string& role) const {
    if (roleIsDown(role)) return dark ? QColor(0x55, 0x55, 0x55) : QColor(0xbb, 0xbb, 0xbb);
    if (role == "leader" || role == "primary") return QColor(kCategory[0]);
    if (role == "candidate" || role == "precandidate") return QColor(kCategory[6]);
    if (role == "follower" || role == "replica") return QColor(kCategory[1]);
    return std::nullopt;
}

QColor ScenePalette::role(const std::string& role) const { return roleHue(role).value_or(QColor(kCategory[1])); }

QColor ScenePalette::kindHue(core::NodeKind kind) const {
    switch (kind) {
        case core::NodeKind::Client: return QColor(kCategory[2]);
        case core::NodeKind::Cache: return QColor(kCategory[3]);
        case core::NodeKind::Database: return QColor(0x7F, 0xB2, 0xE0);  // a light blue, so the name reads on it
        case core::NodeKind::Orchestrator:
        case core::NodeKind::Coordinator: return QColor(kCategory[0]);
        case core::NodeKind::Broker: return QColor(kCategory[6]);
        case core::NodeKind::Peer:
        case core::NodeKind::Replica:
        case core::NodeKind::Server:
        case core::NodeKind::Service: break;
    }
    return QColor(kCategory[1]);
}

QColor ScenePalette::fillFor(core::NodeKind kind, const std::string& role) const {
    return roleHue(role).value_or(kindHue(kind));
}

QColor ScenePalette::category(std::size_t index) const { return QColor(kCategory[index % kCategory.size()]); }

QColor ScenePalette::series(std::size_t index) const {
    static constexpr std::array<std::size_t, kCategory.size()> kOrder{0, 1, 2, 6, 5, 4, 3};
    return category(kOrder[index % kOrder.size()]);
}

QColor ScenePalette::logCell(std::int64_t group, bool committed) const {
    const QColor hue = category(static_cast<std::size_t>(std::max<std::int64_t>(group, 0)));
    if (committed) return hue;
    const auto mix = [](int a, int b) { return (a + b) / 2; };
    return QColor(mix(hue.red(), background.red()), mix(hue.green(), background.green()), mix(hue.blue(), background.blue()));
}

namespace {
double luminance(const QColor& c) {
    const auto channel = [](int c8) {
        const double v = c8 / 255.0;
        return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(c.red()) + 0.7152 * channel(c.green()) + 0.0722 * channel(c.blue());
}
}  // namespace

double ScenePalette::contrast(const QColor& a, const QColor& b) {
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QColor ScenePalette::textOn(const QColor& fill) {
    const QColor dark(0x10, 0x10, 0x10), light(Qt::white);
    return contrast(dark, fill) >= contrast(light, fill) ? dark : light;
}

QColor ScenePalette::nodeHue(std::size_t index) const { return QColor(kNodeHues[index % kNodeHues.size()]); }

QColor ScenePalette::messageKind(const std::string& kind) const { return category(stableHash(kind)); }

RoleShape roleShape(const std::string& role) {
    if (role == "leader" || role == "primary") return RoleShape::Hexagon;
    if (role == "candidate" || role == "precandidate") return RoleShape::Diamond;
    return RoleShape::Circle;
}

int messageShape(const std::string& kind) { return static_cast<int>(stableHash(kind + "#shape") % 3); }

void drawMessageGlyph(QPainter* p, int shape, QPointF at, double r) {
    switch (shape) {
        case 0: p->drawEllipse(at, r, r); break;
        case 1: p->drawRect(QRectF(at.x() - r + 1, at.y() - r + 1, 2 * r - 2, 2 * r - 2)); break;
        default: {
            const QPolygonF tri{at + QPointF(0, -r - 1), at + QPointF(r + 1, r), at + QPointF(-r - 1, r)};
            p->drawPolygon(tri);
        }
    }
}

bool roleIsDown(const std::string& role) { return role == "crashed" || role == "failed" || role == "down"; }

}  // namespace sb::widgets
