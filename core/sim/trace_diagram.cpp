#include "sim/trace_diagram.h"

#include <map>
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
    Writer(DiagramFormat format, const std::vector<std::string>& names)
        : m_format(format), m_names(names) {}

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
        for (std::size_t i = 0; i < m_names.size(); ++i) {
            const auto n = static_cast<NodeId>(i);
            const std::string& name = m_names[i];
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
    // A note over one node, or over every node when `node` is kNoNode.
    void note(NodeId node, const std::string& text) {
        std::string over;
        if (node != kNoNode || m_names.size() <= 1)
            over = id(node == kNoNode ? 0 : node);
        else
            over = id(0) + (m_format == DiagramFormat::Mermaid ? "," : ", ") +
                   id(static_cast<NodeId>(m_names.size() - 1));
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
    std::string m_out;
};

std::string noteText(const Event& e, const Writer& w) {
    std::string text = e.kind;
    if (*e.detail) text += std::string(" ") + e.detail;
    if (e.peer != kNoNode) text += " " + w.id(e.peer);
    return text + fieldsText(e);
}

}  // namespace

std::string traceDiagram(const std::vector<Event>& trace, const std::vector<std::string>& names,
                         DiagramFormat format, const DiagramOptions& options) {
    // How each message ended (within the range): its deliver or drop event.
    std::map<MsgId, const Event*> outcome;
    for (const Event& e : trace)
        if ((e.is("deliver") || e.is("drop")) && e.time >= options.from && e.time <= options.to)
            outcome[e.msg] = &e;

    Writer w(format, names);
    w.header(options.title);
    std::size_t items = 0, skipped = 0;
    for (const Event& e : trace) {
        if (e.time < options.from || e.time > options.to) continue;
        if (e.is("deliver") || e.is("drop") || e.is("timer")) continue;
        if (items >= options.maxItems) {
            ++skipped;
            continue;
        }
        ++items;
        const std::string at = " (" + formatMs(e.time) + ")";
        if (e.is("send") && e.peer != kNoNode) {
            const auto it = outcome.find(e.msg);
            const Event* end = it == outcome.end() ? nullptr : it->second;
            const Arrow kind = !end              ? Arrow::InFlight
                               : end->is("drop") ? Arrow::Lost
                                                 : Arrow::Delivered;
            std::string label = std::string(e.detail) + fieldsText(e);
            if (kind == Arrow::Lost) label += ", lost: " + std::string(end->detail);
            if (kind == Arrow::InFlight) label += ", in flight";
            w.arrow(e.node, e.peer, kind, label + at);
        } else {
            w.note(e.node, noteText(e, w) + at);
        }
    }
    if (skipped > 0)
        w.comment(std::to_string(skipped) + " more events left out; export a shorter time range");
    return w.finish();
}

}  // namespace sb::core
