#include "sim/trace_diagram.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <string_view>

namespace sb::core {

namespace {

enum class Arrow { Delivered, Lost, InFlight };

bool plainId(const std::string& s) {
    if (s.empty()) return false;
    for (const char c : s)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_'))
            return false;
    return true;
}

// Both languages end a message at a newline, and Mermaid also at ';' and '#'.
std::string cleanLabel(std::string_view text) {
    std::string out;
    for (const char c : text) out += (c == '\n' || c == '\r' || c == ';' || c == '#') ? ' ' : c;
    return out;
}

std::string fieldsText(const Event& e) {
    std::string out;
    for (std::uint8_t i = 0; i < e.fieldCount; ++i) {
        const std::string_view key = e.fields[i].key;
        if (key.size() > 3 && key.substr(key.size() - 3) == "_us")
            continue;  // times are shown already
        out += " " + std::string(key) + "=" + std::to_string(e.fields[i].value);
    }
    return out;
}

class Writer {
public:
    Writer(DiagramFormat format, const std::vector<std::string>& names,
           std::vector<NodeId> participants)
        : m_format(format), m_names(names), m_participants(std::move(participants)) {}

    std::string id(NodeId n) const {
        if (n < 0 || static_cast<std::size_t>(n) >= m_names.size()) return "p" + std::to_string(n);
        const std::string& name = m_names[static_cast<std::size_t>(n)];
        return plainId(name) ? name : "p" + std::to_string(n);
    }
    void header(const std::string& title) {
        if (m_format == DiagramFormat::Mermaid) {
            m_out += "sequenceDiagram\n";
            if (!title.empty()) m_out += "    title " + cleanLabel(title) + "\n";
        } else {
            m_out += "@startuml\n";
            if (!title.empty()) m_out += "title " + cleanLabel(title) + "\n";
        }
        for (const NodeId n : m_participants) {
            const std::string name = static_cast<std::size_t>(n) < m_names.size()
                                         ? m_names[static_cast<std::size_t>(n)]
                                         : id(n);
            if (plainId(name))
                line("participant " + name);
            else if (m_format == DiagramFormat::Mermaid)
                line("participant " + id(n) + " as " + cleanLabel(name));
            else
                line("participant \"" + cleanLabel(name) + "\" as " + id(n));
        }
    }
    void arrow(NodeId from, NodeId to, Arrow kind, const std::string& label) {
        static constexpr std::string_view kMermaid[] = {"->>", "-x", "--)"};
        static constexpr std::string_view kPlant[] = {" -> ", " ->x ", " --> "};
        const auto k = static_cast<std::size_t>(kind);
        if (m_format == DiagramFormat::Mermaid)
            line(id(from) + std::string(kMermaid[k]) + id(to) + ": " + cleanLabel(label));
        else
            line(id(from) + std::string(kPlant[k]) + id(to) + " : " + cleanLabel(label));
    }
    // A note over one node, or over every participant when `node` is kNoNode.
    void note(NodeId node, const std::string& text) {
        std::string over;
        if (node != kNoNode || m_participants.size() <= 1)
            over = id(node != kNoNode ? node : m_participants.empty() ? 0 : m_participants.front());
        else
            over = id(m_participants.front()) + (m_format == DiagramFormat::Mermaid ? "," : ", ") +
                   id(m_participants.back());
        if (m_format == DiagramFormat::Mermaid)
            line("Note over " + over + ": " + cleanLabel(text));
        else
            line("note over " + over + " : " + cleanLabel(text));
    }
    void comment(const std::string& text) {
        line((m_format == DiagramFormat::Mermaid ? "%% " : "' ") + cleanLabel(text));
    }
    std::string finish() {
        if (m_format == DiagramFormat::PlantUml) m_out += "@enduml\n";
        return std::move(m_out);
    }

private:
    void line(const std::string& text) {
        m_out += (m_format == DiagramFormat::Mermaid ? "    " : "") + text + "\n";
    }

    DiagramFormat m_format;
    const std::vector<std::string>& m_names;
    std::vector<NodeId> m_participants;
    std::string m_out;
};

std::string noteText(const Event& e, const Writer& w) {
    std::string text = e.kind;
    if (*e.detail) text += std::string(" ") + e.detail;
    if (e.peer != kNoNode) text += " " + w.id(e.peer);
    return text + fieldsText(e);
}

bool drawn(const Event& e, const DiagramOptions& o) {
    return e.time >= o.from && e.time <= o.to && !e.is("deliver") && !e.is("drop") &&
           !e.is("timer");
}

// The declared nodes: the ones asked for plus every node a drawn event names, in id order
// (the order of the names, which is the order the scene lays them out).
std::vector<NodeId> participantsOf(const std::vector<Event>& trace,
                                   const std::vector<std::string>& names,
                                   const DiagramOptions& o) {
    std::set<NodeId> ids(o.participants.begin(), o.participants.end());
    if (o.participants.empty())
        for (std::size_t i = 0; i < names.size(); ++i) ids.insert(static_cast<NodeId>(i));
    for (const Event& e : trace) {
        if (!drawn(e, o)) continue;
        if (e.node != kNoNode) ids.insert(e.node);
        if (e.peer != kNoNode) ids.insert(e.peer);
    }
    return {ids.begin(), ids.end()};
}

// What an item repeats: an arrow by its ends, kind and fate; a note by its node, kind, detail
// and the names (not the values) of its fields, so "hit key=0 req=17" repeats "hit key=0
// req=16".
using Signature = std::tuple<NodeId, NodeId, std::string, int>;

Signature signatureOf(const Event& e, int fate) {
    std::string what = std::string(e.kind) + "/" + e.detail;
    for (std::uint8_t i = 0; i < e.fieldCount; ++i) what += std::string(",") + e.fields[i].key;
    return {e.node, e.peer, what, fate};
}

// The changes every topic shares, which are news each time: never folded, and after one the
// next round of messages is drawn again.
bool isNews(const Event& e) {
    return e.is("role") || e.is("action") || e.is("violation") || e.is("commit");
}

// Items that repeat one drawn since the last news, counted per label until they are told.
class Fold {
public:
    // True when an item with this signature was drawn already and is folded away.
    bool repeats(const Signature& sig, const std::string& label, Time at) {
        if (m_seen.insert(sig).second) return false;
        if (m_count == 0) m_first = at;
        m_last = at;
        ++m_count;
        auto it = std::find_if(m_labels.begin(), m_labels.end(),
                               [&label](const auto& k) { return k.first == label; });
        if (it == m_labels.end()) m_labels.emplace_back(label, 1);
        else ++it->second;
        return true;
    }
    // The note for what was folded since the last one (empty when nothing was).
    std::string take() {
        static constexpr std::size_t kShown = 6;
        std::string text;
        if (m_count > 0) {
            text = "repeated:";
            for (std::size_t i = 0; i < m_labels.size() && i < kShown; ++i)
                text += (i ? ", " : " ") + m_labels[i].first +
                        (m_labels[i].second == 1 ? std::string(" once") : " " + std::to_string(m_labels[i].second) + " times");
            if (m_labels.size() > kShown) text += " and " + std::to_string(m_labels.size() - kShown) + " more kinds";
            text += m_first == m_last ? " (" + formatMs(m_first) + ")"
                                      : " (" + formatMs(m_first) + " to " + formatMs(m_last) + ")";
        }
        m_count = 0;
        m_labels.clear();
        return text;
    }
    // After news, the next round is news again.
    void forget() { m_seen.clear(); }

private:
    std::set<Signature> m_seen;
    std::vector<std::pair<std::string, std::size_t>> m_labels;
    std::size_t m_count = 0;
    Time m_first = 0, m_last = 0;
};

}  // namespace

std::string traceDiagram(const std::vector<Event>& trace, const std::vector<std::string>& names,
                         DiagramFormat format, const DiagramOptions& options) {
    // How each message ended (within the range): its deliver or drop event.
    std::map<MsgId, const Event*> outcome;
    for (const Event& e : trace)
        if ((e.is("deliver") || e.is("drop")) && e.time >= options.from && e.time <= options.to)
            outcome[e.msg] = &e;

    Writer w(format, names, participantsOf(trace, names, options));
    w.header(options.title);
    std::size_t items = 0, skipped = 0;
    Fold fold;
    // Every item goes through here, so the limit counts fold notes too.
    auto emit = [&](auto&& write) {
        if (items >= options.maxItems) {
            ++skipped;
            return;
        }
        ++items;
        write();
    };
    auto tellFolded = [&] {
        if (const std::string text = fold.take(); !text.empty())
            emit([&] { w.note(kNoNode, text); });
    };
    for (const Event& e : trace) {
        if (!drawn(e, options)) continue;
        const std::string at = " (" + formatMs(e.time) + ")";
        const bool arrow = e.is("send") && e.peer != kNoNode;
        Arrow kind = Arrow::Delivered;
        const Event* end = nullptr;
        if (arrow) {
            const auto it = outcome.find(e.msg);
            end = it == outcome.end() ? nullptr : it->second;
            kind = !end ? Arrow::InFlight : end->is("drop") ? Arrow::Lost : Arrow::Delivered;
        }
        if (options.foldRepeats && !isNews(e) &&
            fold.repeats(signatureOf(e, static_cast<int>(kind)),
                         arrow ? std::string(e.detail) : std::string(e.kind) + (*e.detail ? std::string(" ") + e.detail : ""),
                         e.time))
            continue;
        // What repeated is told before the next note (a change of state), in its place in time;
        // a new arrow among the repeats does not break the count up.
        if (!arrow) tellFolded();
        if (isNews(e)) fold.forget();
        if (arrow) {
            std::string label = std::string(e.detail) + fieldsText(e);
            if (kind == Arrow::Lost) label += ", lost: " + std::string(end->detail);
            if (kind == Arrow::InFlight) label += ", in flight";
            emit([&] { w.arrow(e.node, e.peer, kind, label + at); });
        } else {
            emit([&] { w.note(e.node, noteText(e, w) + at); });
        }
    }
    tellFolded();
    if (skipped > 0)
        w.comment(std::to_string(skipped) + " more items left out; export a shorter time range or allow more items");
    return w.finish();
}

DiagramSize measureDiagram(const std::string& text, DiagramFormat format) {
    DiagramSize size;
    std::size_t begin = 0;
    while (begin < text.size()) {
        std::size_t end = text.find('\n', begin);
        if (end == std::string::npos) end = text.size();
        std::string_view line(text.data() + begin, end - begin);
        begin = end + 1;
        while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
        if (line.empty()) continue;
        const bool comment = format == DiagramFormat::Mermaid ? line.starts_with("%%") : line.front() == '\'';
        if (comment) {
            size.cut = size.cut || line.find("left out") != std::string_view::npos;
            continue;
        }
        if (line.starts_with("participant ")) ++size.participants;
        else if (line != "sequenceDiagram" && line != "@startuml" && line != "@enduml" &&
                 !line.starts_with("title "))
            ++size.items;
    }
    return size;
}

}  // namespace sb::core
