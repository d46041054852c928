#include "panels/space_time_view.h"

#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>
#include <map>
#include <string_view>

#include "scene/scene_palette.h"
#include "sim/labels.h"
#include "sim_controller.h"
#include "time_words.h"

namespace sb::widgets {

namespace {
QString lowerFirst(std::string words) {
    QString text = QString::fromStdString(words);
    if (text.size() > 1 && text[1].isLower()) text[0] = text[0].toLower();
    return text;
}

// An action beside its node in words, lower case like the roles beside it: the topic's label
// ("block messages to a server") and, for a narrow lane, the id in words ("block"). Shortest last.
QStringList actionWords(const core::Timeline* t, const std::string& kind) {
    QStringList words;
    if (const core::ActionSpec* spec = t->model().info().findAction(kind)) words << lowerFirst(core::labelOf(*spec));
    const QString shorter = lowerFirst(core::humanize(kind));
    if (!words.contains(shorter)) words << shorter;
    return words;
}

constexpr double kHeader = 20.0;

double distanceToSegment(QPointF p, const QLineF& l) {
    const QPointF d = l.p2() - l.p1();
    const double len2 = d.x() * d.x() + d.y() * d.y();
    double t = len2 > 0 ? QPointF::dotProduct(p - l.p1(), d) / len2 : 0;
    t = std::clamp(t, 0.0, 1.0);
    const QPointF q = l.p1() + d * t;
    return std::hypot(p.x() - q.x(), p.y() - q.y());
}

}  // namespace

SpaceTimeView::SpaceTimeView(SimController* controller, QWidget* parent)
    : QWidget(parent), m_controller(controller) {
    setAccessibleName(tr("Space-time diagram"));
    setAccessibleDescription(tr("Messages between nodes over time; click an arrow to go to its send"));
    setMinimumHeight(120);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);
    connect(m_controller, &SimController::changed, this, [this] {
        if (isVisible()) update();
    });
}

int SpaceTimeView::preferredWidth() const {
    // A lane needs room for a node name and a short note beside its line ("leader", "commit 3").
    constexpr int kLane = 96;
    const core::Timeline* t = m_controller->timeline();
    const std::size_t lanes = t ? t->model().view(m_controller->displayTime()).nodes.size() : 5;
    return 20 + kLane * static_cast<int>(std::clamp<std::size_t>(lanes, 2, 12));
}

void SpaceTimeView::paintEvent(QPaintEvent*) {
    m_arrows.clear();
    QPainter p(this);
    paintDiagram(p, QSizeF(size()), &m_arrows);
}

void SpaceTimeView::paintDiagram(QPainter& p, QSizeF size, std::vector<Arrow>* arrows) {
    const core::Timeline* t = m_controller->timeline();
    if (!t) return;
    p.setRenderHint(QPainter::Antialiasing);
    const ScenePalette pal = ScenePalette::fromPalette(palette());
    const double width = size.width();
    const double height = size.height();
    const core::Time now = m_controller->displayTime();
    // Columns for the nodes the view shows (a topic may leave out ids, e.g. removed ring nodes).
    std::vector<std::string> names;
    std::map<core::NodeId, double> column;
    for (const auto& node : t->model().view(now).nodes) {
        column[node.id] = static_cast<double>(names.size());
        names.push_back(node.name);
    }
    const double n = static_cast<double>(std::max<std::size_t>(names.size(), 1));
    const double colW = (width - 20.0) / n;
    auto colX = [&](core::NodeId node) {
        const auto it = column.find(node);
        return it == column.end() ? -100.0 : 10.0 + (it->second + 0.5) * colW;
    };
    if (m_autoSpan) {
        // About ten message flights fit on screen, whatever the topic's time scale.
        core::Time total = 0;
        int counted = 0;
        std::map<core::MsgId, core::Time> sent;
        // Indexes here are into the kept trace, which starts at event t->firstKept().
        const auto& tr = t->trace();
        const std::size_t last = t->position() - t->firstKept();
        const std::size_t from = last > 400 ? last - 400 : 0;
        for (std::size_t i = from; i < last && counted < 50; ++i) {
            if (tr[i].is("send")) sent[tr[i].msg] = tr[i].time;
            else if (tr[i].is("deliver"))
                if (const auto it = sent.find(tr[i].msg); it != sent.end()) {
                    total += tr[i].time - it->second;
                    ++counted;
                }
        }
        if (counted > 0) m_span = std::clamp<core::Time>(total / counted * 10, 2'000, 10'000'000);
    }
    const core::Time top = now - m_span * 3 / 4;
    const double usable = height - kHeader - 4.0;
    auto rowY = [&](core::Time time) {
        return kHeader + usable * static_cast<double>(time - top) / static_cast<double>(m_span);
    };

    p.setPen(pal.text);
    for (std::size_t i = 0; i < names.size(); ++i) {
        const double x = 10.0 + (static_cast<double>(i) + 0.5) * colW;
        p.drawText(QRectF(x - colW / 2, 2, colW, kHeader - 4), Qt::AlignCenter, QString::fromStdString(names[i]));
        p.setPen(QPen(pal.link, 1));
        p.drawLine(QPointF(x, kHeader), QPointF(x, height));
        p.setPen(pal.text);
    }

    // The time sits on a plate of the background, so it reads where it crosses the first lane
    // and that lane's markers rather than being drawn through them; notes keep off it.
    const double nowY = rowY(now);
    const QString label = timeWords(now);
    const QRectF plate(2, nowY - 17, p.fontMetrics().horizontalAdvance(label) + 6, 15);

    const auto& trace = t->trace();
    const std::size_t end = t->position() - t->firstKept();  // into the kept trace
    // Sends that started up to one span before the top may still end inside the window.
    const auto first = std::lower_bound(trace.begin(), trace.begin() + static_cast<std::ptrdiff_t>(end),
                                        top - m_span, [](const core::Event& e, core::Time v) { return e.time < v; });
    std::map<core::MsgId, std::size_t> sends;
    std::vector<Note> notes;
    std::map<core::NodeId, double> noted;  // y of the last note on each node's line
    for (auto it = first; it != trace.begin() + static_cast<std::ptrdiff_t>(end); ++it) {
        const auto index = static_cast<std::size_t>(it - trace.begin());
        const core::Event& e = *it;
        if (e.is("send")) {
            sends[e.msg] = index;
        } else if (e.is("deliver") || e.is("drop")) {
            const auto s = sends.find(e.msg);
            if (s == sends.end()) continue;
            const std::size_t sendIndex = s->second;
            sends.erase(s);
            const core::Event& send = trace[sendIndex];
            const QLineF line(colX(send.node), rowY(send.time), colX(e.node), rowY(e.time));
            if (line.p2().y() < kHeader) continue;
            const bool dropped = e.is("drop");
            QColor c = pal.messageKind(send.detail);
            p.setPen(QPen(dropped ? pal.tone(core::Tone::Bad) : c, 1.4, dropped ? Qt::DashLine : Qt::SolidLine));
            p.drawLine(line);
            if (dropped) {
                const QPointF q = line.p2();
                p.drawLine(q + QPointF(-4, -4), q + QPointF(4, 4));
                p.drawLine(q + QPointF(-4, 4), q + QPointF(4, -4));
            } else {
                p.setBrush(c);
                p.drawEllipse(line.p2(), 2.5, 2.5);
            }
            if (arrows) arrows->push_back({line, t->firstKept() + sendIndex});  // a timeline position
        } else if (e.is("role") || e.is("commit") || (e.is("action") && e.node >= 0)) {
            const double y = rowY(e.time);
            if (y < kHeader) continue;
            const QPointF at(colX(e.node), y);
            const bool role = e.is("role");
            p.setPen(QPen(pal.text, 1));
            p.setBrush(role ? pal.role(e.detail) : e.is("commit") ? pal.tone(core::Tone::Good) : pal.tone(core::Tone::Bad));
            if (role) p.drawPolygon(QPolygonF{at + QPointF(0, -6), at + QPointF(6, 0), at + QPointF(0, 6), at + QPointF(-6, 0)});
            else p.drawRect(QRectF(at - QPointF(4, 4), QSizeF(8, 8)));
            // One note per spot on a line: events at the same moment would say it twice.
            double& lastNote = noted.try_emplace(e.node, -1e9).first->second;
            if (std::abs(y - lastNote) <= p.fontMetrics().height()) continue;
            const QStringList texts = role ? QStringList{QString::fromStdString(e.detail)}
                                      : e.is("commit") ? QStringList{tr("commit")} : actionWords(t, e.detail);
            // Beside the marker on the right, or on the left where the right edge would cut it
            // (the last lane's "force timeout" read "force tim") or another note or the time is
            // in the way, or else just under the marker on the right (a role taken at the moment
            // shown meets the time's plate on the first lane); the full wording first, then the
            // short one. Where none is free the marker stands alone: words over words read as
            // neither.
            const double h = p.fontMetrics().height();
            for (const QString& text : texts) {
                const double w = p.fontMetrics().horizontalAdvance(text) + 4;
                const QPointF places[] = {{at.x() + 7, y - h / 2}, {at.x() - 7 - w, y - h / 2}, {at.x() + 7, y + 3}};
                const auto free = [&](const QPointF& place) {
                    const QRectF box(place, QSizeF(w, h));
                    return box.left() >= 0 && box.right() <= width && !box.intersects(plate) &&
                           std::none_of(notes.begin(), notes.end(), [&](const Note& other) { return other.box.intersects(box); });
                };
                const auto place = std::find_if(std::begin(places), std::end(places), free);
                if (place == std::end(places)) continue;
                notes.push_back({QRectF(*place, QSizeF(w, h)), text});
                lastNote = y;
                break;
            }
        }
    }
    // Messages still in flight: a line from the send to the current time, not yet landed.
    for (const auto& [id, index] : sends) {
        const core::Event& send = trace[index];
        if (send.peer < 0) continue;
        const double y0 = rowY(send.time);
        if (y0 < kHeader) continue;
        p.setPen(QPen(pal.messageKind(send.detail), 1.2, Qt::DotLine));
        const QLineF line(colX(send.node), y0, colX(send.peer), rowY(now));
        p.drawLine(QLineF(line.p1(), line.pointAt(0.5)));
    }
    paintNotes(p, notes, 215);
    if (arrows) {  // the widget's own paint, not an export's
        m_notes = std::move(notes);
        m_timeRect = plate;
        m_timeText = label;
    }
    p.setPen(QPen(pal.highlight, 1.5));
    p.drawLine(QPointF(0, nowY), QPointF(width, nowY));
    paintNotes(p, {{plate, label}}, 235);  // a little more opaque: the time line runs behind it
}

void SpaceTimeView::paintNotes(QPainter& p, const std::vector<Note>& notes, int opacity) const {
    const ScenePalette pal = ScenePalette::fromPalette(palette());
    QColor behind = pal.background;
    behind.setAlpha(opacity);
    for (const Note& note : notes) {
        p.setPen(Qt::NoPen);
        p.setBrush(behind);
        p.drawRoundedRect(note.box, 3, 3);
        p.setBrush(Qt::NoBrush);
        p.setPen(pal.mutedText);
        p.drawText(note.box, Qt::AlignCenter, note.text);
    }
}

long long SpaceTimeView::positionAt(QPointF pos) const {
    long long best = -1;
    double bestDistance = 6.0;
    for (const auto& a : m_arrows) {
        const double d = distanceToSegment(pos, a.line);
        if (d < bestDistance) {
            bestDistance = d;
            best = static_cast<long long>(a.position);
        }
    }
    return best;
}

void SpaceTimeView::mousePressEvent(QMouseEvent* event) {
    const long long position = positionAt(event->position());
    if (position < 0) return;
    m_controller->pause();
    m_controller->seek(static_cast<std::size_t>(position) + 1);
}

void SpaceTimeView::wheelEvent(QWheelEvent* event) {
    const double steps = event->angleDelta().y() / 120.0;
    const double factor = std::pow(0.85, steps);
    m_autoSpan = false;
    m_span = std::clamp(static_cast<core::Time>(static_cast<double>(m_span) * factor), core::Time{50'000},
                        core::Time{60'000'000});
    update();
    event->accept();
}

}  // namespace sb::widgets
