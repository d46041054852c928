#pragma once

#include <QColor>
#include <QPalette>
#include <QPointF>
#include <optional>

class QPainter;
#include <string>

#include "sim/view.h"

namespace sb::widgets {

// Colours of the scene, derived from the widget palette so light and dark themes both read well.
// The hues come from the Okabe-Ito set, which stays distinguishable for the common kinds of
// colour blindness; shapes and labels carry the same meaning, so colour is never the only cue.
struct ScenePalette {
    bool dark = false;
    QColor background;
    QColor text;
    QColor mutedText;
    QColor link;
    QColor nodeFill;
    QColor zoneFill;
    QColor zoneBorder;
    QColor highlight;

    static ScenePalette fromPalette(const QPalette& palette);

    QColor tone(core::Tone tone) const;
    // The hue of a generic role word (leader, candidate, follower, down), if it is one.
    std::optional<QColor> roleHue(const std::string& role) const;
    QColor role(const std::string& role) const;
    QColor kindHue(core::NodeKind kind) const;
    // A node's fill: its role's hue when the role is a generic one, else its kind's.
    QColor fillFor(core::NodeKind kind, const std::string& role) const;
    // A stable colour for a message kind, a log term or a ring owner.
    QColor category(std::size_t index) const;
    // A plot's lines: the category hues with yellow last, as a yellow line beside the orange first
    // one reads as the same line where they run together.
    QColor series(std::size_t index) const;
    QColor messageKind(const std::string& kind) const;
    // A log cell's fill, opaque so no link shows through it: its group's hue, mixed half with
    // the background while the entry is not committed (the dotted outline says so too).
    QColor logCell(std::int64_t group, bool committed) const;
    // Near-black or white, whichever reads better on `fill` (WCAG contrast).
    static QColor textOn(const QColor& fill);
    static double contrast(const QColor& a, const QColor& b);
    // A node's own hue (ring nodes, and the keys they own): distinct for up to 12 nodes.
    QColor nodeHue(std::size_t index) const;
};

// Which of a few shapes a peer is drawn as, by its role (see node_shapes.h for the kinds).
enum class RoleShape { Circle, Hexagon, Diamond, Square, Triangle };
RoleShape roleShape(const std::string& role);
bool roleIsDown(const std::string& role);
// Which of three glyphs (0 circle, 1 square, 2 triangle) a message kind is drawn as.
int messageShape(const std::string& kind);
// Draws a message glyph of half-size `r` at `at` with the current pen and brush.
void drawMessageGlyph(QPainter* painter, int shape, QPointF at, double r);

}  // namespace sb::widgets
