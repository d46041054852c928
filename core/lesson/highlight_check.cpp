#include "lesson/highlight_check.h"

#include <algorithm>
#include <cctype>

namespace sb::core {

namespace {

bool mentionsHighlight(const std::string& narration) {
    std::string lower(narration);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return lower.find("highlight") != std::string::npos;
}

bool anyMarked(const View& view) {
    if (std::any_of(view.nodes.begin(), view.nodes.end(), [](const NodeView& n) { return n.highlighted; })) return true;
    if (view.ring)
        for (const auto& k : view.ring->keys)
            if (k.highlighted) return true;
    return std::any_of(view.history.begin(), view.history.end(), [](const HistoryOp& op) { return op.flagged; });
}

}  // namespace

std::vector<Error> highlightProblems(const Lesson& lesson, std::size_t index, const Timeline& timeline,
                                     std::size_t startPosition, Time endTime) {
    std::vector<Error> problems;
    const Step& step = lesson.steps[index];
    const std::string where = lesson.file + ":/steps/" + std::to_string(index);
    const View view = timeline.model().view(endTime);
    for (std::size_t i = 0; i < step.highlight.messages.size(); ++i) {
        const std::string& kind = step.highlight.messages[i];
        bool sent = false;
        for (std::size_t e = std::max(startPosition, timeline.firstKept()); e < timeline.position() && !sent; ++e)
            sent = timeline.event(e).is("send") && kind == timeline.event(e).detail;
        if (!sent)
            problems.push_back({"highlight names message kind '" + kind + "', but no such message is sent in this step",
                                where + "/highlight/messages/" + std::to_string(i)});
    }
    for (std::size_t i = 0; i < step.highlight.keys.size(); ++i) {
        const std::string& key = step.highlight.keys[i];
        const bool drawn = view.ring && std::any_of(view.ring->keys.begin(), view.ring->keys.end(),
                                                    [&](const RingMark& k) { return k.label == key; });
        if (!drawn)
            problems.push_back({"highlight names key '" + key + "', but the ring does not draw it at the end of the step",
                                where + "/highlight/keys/" + std::to_string(i)});
    }
    for (std::size_t i = 0; i < step.highlight.operations.size(); ++i) {
        const std::string& op = step.highlight.operations[i];
        const bool shown = std::any_of(view.history.begin(), view.history.end(), [&](const HistoryOp& h) {
            return op == "flagged" ? h.flagged : h.label == op;
        });
        if (!shown)
            problems.push_back({"highlight names operation '" + op + "', but the history strip has none at the end of the step",
                                where + "/highlight/operations/" + std::to_string(i)});
    }
    if (mentionsHighlight(step.narration) && step.highlight.empty() && !anyMarked(view))
        problems.push_back({"the narration speaks of a highlight, but the step names none and the scene marks nothing",
                            where + "/narration"});
    return problems;
}

}  // namespace sb::core
