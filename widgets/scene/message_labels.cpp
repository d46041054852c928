// Message labels, grouped: the messages one node sends at once (a candidate's RequestVotes, a
// replica's sync to every peer) share one label with a count, "Request vote, term 2 ×4", so a
// burst reads as one thing instead of a pile of identical labels over the sender. And the words
// those labels and the legend give a message kind.
#include <QtGlobal>
#include <algorithm>
#include <cmath>
#include <optional>
#include <tuple>

#include "scene/message_item.h"
#include "sim/labels.h"

namespace sb::widgets {

namespace {

constexpr std::size_t kMostLabels = 24;  // past this many groups only emphasised kinds keep labels
constexpr double kGap = 9.0;             // from the glyph (or the group's centre) to its label
constexpr double kReach = 150.0;         // a label farther away than this reads as another's

struct Group {
    MessageItem* lead = nullptr;  // paints the label
    QString text;
    int count = 0;
    QPointF sum;
    bool emphasised = false;
    std::size_t order = 0;
};

double reach(const QRectF& box, QPointF at) {
    const double dx = std::max({box.left() - at.x(), 0.0, at.x() - box.right()});
    const double dy = std::max({box.top() - at.y(), 0.0, at.y() - box.bottom()});
    return std::hypot(dx, dy);
}

// Places to try within reach, nearest first: beside the anchor at a few heights, then just
// outside any node the anchor sits in or near (a burst leaves from inside its sender's extent).
std::vector<QRectF> candidates(QPointF at, QSizeF s, const std::vector<QRectF>& nodes) {
    std::vector<QRectF> out;
    out.reserve(26 + 30 * nodes.size());
    const double h = s.height() + 1;
    for (int k = -6; k <= 6; ++k) {
        const double y = at.y() - s.height() / 2 + k * h;
        out.emplace_back(QPointF(at.x() + kGap, y), s);
        out.emplace_back(QPointF(at.x() - kGap - s.width(), y), s);
    }
    for (const QRectF& n : nodes) {
        if (!n.adjusted(-kReach, -kReach, kReach, kReach).contains(at)) continue;
        for (int k = 0; k <= 4; ++k) {
            const double y = std::clamp(at.y(), n.top(), n.bottom()) - s.height() / 2;
            out.emplace_back(QPointF(n.right() + 3, y + k * h), s);
            out.emplace_back(QPointF(n.right() + 3, y - k * h), s);
            out.emplace_back(QPointF(n.left() - 3 - s.width(), y + k * h), s);
            out.emplace_back(QPointF(n.left() - 3 - s.width(), y - k * h), s);
            const double x = std::clamp(at.x(), n.left(), n.right()) - s.width() / 2;
            out.emplace_back(QPointF(x, n.bottom() + 3 + k * h), s);
            out.emplace_back(QPointF(x, n.top() - 3 - s.height() - k * h), s);
        }
    }
    // Each distance worked out once (not twice per comparison), and the places out of reach left
    // out before sorting: the same places in the same order as sorting them all, at a fraction
    // of the cost (this ran for every label group on every frame).
    std::vector<std::pair<double, QRectF>> near;
    near.reserve(out.size());
    for (const QRectF& r : out)
        if (const double d = reach(r, at); d <= kReach) near.emplace_back(d, r);
    std::stable_sort(near.begin(), near.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    out.clear();
    for (const auto& [d, r] : near) out.push_back(r);
    return out;
}

// "AppendEntriesReply" -> {"append", "entries", "reply"}, "DBQuery" -> {"db", "query"},
// "read_repair" -> {"read", "repair"}: a capital after a small letter starts a word, and so does
// the last capital of a run of them when a small letter follows it.
std::vector<std::string> kindParts(const std::string& kind) {
    std::vector<std::string> out;
    std::string word;
    const auto isUpper = [](char c) { return c >= 'A' && c <= 'Z'; };
    const auto isLower = [](char c) { return c >= 'a' && c <= 'z'; };
    for (std::size_t i = 0; i < kind.size(); ++i) {
        const char c = kind[i];
        if (c == '_' || c == ' ' || c == '-') {
            if (!word.empty()) out.push_back(std::move(word));
            word.clear();
            continue;
        }
        const bool next = i + 1 < kind.size() && isLower(kind[i + 1]);
        if (isUpper(c) && !word.empty() && (isLower(kind[i - 1]) || (next && isUpper(kind[i - 1])))) {
            out.push_back(std::move(word));
            word.clear();
        }
        word += isUpper(c) ? static_cast<char>(c - 'A' + 'a') : c;
    }
    if (!word.empty()) out.push_back(std::move(word));
    return out;
}

// The kind's words as core::humanize writes them, a "pre" joined to the word after it
// ("PreVote" is a pre-vote).
QString kindWords(const std::vector<std::string>& parts) {
    std::string id;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i > 0) id += parts[i - 1] == "pre" ? "-" : "_";
        id += parts[i];
    }
    return QString::fromStdString(core::humanize(id));
}

}  // namespace

QString messageKindWords(const std::string& kind) {
    std::vector<std::string> parts = kindParts(kind);
    const bool reply = parts.size() > 1 && parts.back() == "reply";
    if (reply) parts.pop_back();
    return reply ? kindWords(parts) + QStringLiteral(" (reply)") : kindWords(parts);
}

QString messageLabelWords(const std::string& kind) {
    std::vector<std::string> parts = kindParts(kind);
    if (parts.size() < 3 || parts.back() != "reply") return kindWords(parts);
    // A reply to a long kind keeps one word of it: "Vote reply", "Append reply".
    const std::string& what = parts[0] == "request" ? parts[1] : parts[0];
    return kindWords({what, "reply"});
}

QString groupLabel(const QString& label, int count) {
    return count > 1 ? label + QStringLiteral(" \u00d7%1").arg(count) : label;
}

void placeMessageLabels(const std::vector<core::MessageView>& messages, const std::map<core::MsgId, MessageItem*>& items,
                        const std::set<std::string>& emphasised, const std::vector<QRectF>& nodes, const QRectF& area) {
    std::vector<Group> groups;
    std::map<std::tuple<core::NodeId, std::string, QString>, std::size_t> index;
    for (const auto& m : messages) {
        auto it = items.find(m.id);
        if (it == items.end()) continue;
        const QString text = messageLabel(m.kind, m.summary);
        auto [slot, fresh] = index.try_emplace({m.from, m.kind, text}, groups.size());
        if (fresh) groups.push_back({it->second, text, 0, {}, emphasised.count(m.kind) > 0, groups.size()});
        Group& g = groups[slot->second];
        ++g.count;
        g.sum += it->second->pos();
        if (g.lead != it->second) {
            it->second->setLabel({}, {});
            it->second->setZValue(20);
        }
    }
    const bool crowded = groups.size() > kMostLabels;
    // Emphasised kinds choose first: the narration names them.
    std::stable_sort(groups.begin(), groups.end(),
                     [](const Group& a, const Group& b) { return a.emphasised && !b.emphasised; });
    std::vector<QRectF> placed;
    auto clear = [&](const QRectF& box) {
        auto hits = [&box](const QRectF& r) { return r.intersects(box); };
        return std::none_of(placed.begin(), placed.end(), hits) && std::none_of(nodes.begin(), nodes.end(), hits);
    };
    // Glyphs are soft: a label keeps off them where it can (a glyph over a label hides words).
    std::vector<QRectF> glyphs;
    for (const auto& m : messages)
        if (auto it = items.find(m.id); it != items.end()) glyphs.push_back(it->second->mapRectToScene(MessageItem::glyphRect()));
    auto offGlyphs = [&](const QRectF& box) {
        return std::none_of(glyphs.begin(), glyphs.end(), [&box](const QRectF& r) { return r.intersects(box); });
    };
    for (const Group& g : groups) {
        if (crowded && !g.emphasised) {
            g.lead->setLabel({}, {});
            continue;
        }
        const QString text = groupLabel(g.text, g.count);
        const QSizeF size = MessageItem::labelSize(text) * g.lead->scale();  // drawn larger with the nodes
        const QPointF anchor = g.sum / g.count;
        std::optional<QRectF> box;
        std::optional<QRectF> onGlyph;  // the nearest clear place that a glyph overlaps
        for (const QRectF& c : candidates(anchor, size, nodes)) {
            if (reach(c, anchor) > kReach) break;
            if (!clear(c) || (!area.isEmpty() && !area.contains(c))) continue;
            if (offGlyphs(c)) {
                box = c;
                break;
            }
            if (!onGlyph) onGlyph = c;
        }
        if (!box) box = onGlyph;
        // Nowhere clear near it: no label rather than one over a node or another label (the
        // glyph stays, and its tooltip names it).
        if (!box) {
            g.lead->setLabel({}, {});
            continue;
        }
        placed.push_back(*box);
        g.lead->setLabel(text, (box->topLeft() - g.lead->pos()) / g.lead->scale());
        g.lead->setZValue(21);  // its label above the other glyphs
    }
}

}  // namespace sb::widgets
