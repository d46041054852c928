#include "lesson/lesson.h"

#include "sim/labels.h"

namespace sb::core {

const char* difficultyName(Difficulty d) {
    switch (d) {
        case Difficulty::Beginner: return "beginner";
        case Difficulty::Intermediate: return "intermediate";
        case Difficulty::Advanced: return "advanced";
    }
    return "beginner";
}

const char* compareOpName(CompareOp op) {
    switch (op) {
        case CompareOp::Equals: return "equals";
        case CompareOp::NotEquals: return "not_equals";
        case CompareOp::AtLeast: return "at_least";
        case CompareOp::AtMost: return "at_most";
    }
    return "equals";
}

const char* answerTypeName(AnswerType t) {
    switch (t) {
        case AnswerType::Node: return "node";
        case AnswerType::Bool: return "bool";
        case AnswerType::Number: return "number";
    }
    return "number";
}

namespace {

std::string refText(const ProbeRef& ref) {
    std::string args = ref.node;
    if (!ref.key.empty()) args += (args.empty() ? "" : ", ") + ref.key;
    return args.empty() ? ref.probe : ref.probe + "(" + args + ")";
}

std::string ordinal(std::size_t n) {
    const std::size_t mod100 = n % 100;
    const char* suffix = "th";
    if (mod100 < 11 || mod100 > 13) {
        if (n % 10 == 1) suffix = "st";
        else if (n % 10 == 2) suffix = "nd";
        else if (n % 10 == 3) suffix = "rd";
    }
    return std::to_string(n) + suffix;
}

}  // namespace

std::string Claim::text() const {
    const std::string value_text =
        std::holds_alternative<std::monostate>(value) ? "null" : probeToString(value);
    return refText(ref) + " " + compareOpName(op) + " " + value_text;
}

std::string valueWords(const ProbeValue& value) {
    if (const auto* b = std::get_if<bool>(&value)) return *b ? "yes" : "no";
    return probeToString(value);
}

std::string Claim::label(const TopicInfo* info) const {
    const ProbeSpec* spec = info ? info->findProbe(ref.probe) : nullptr;
    std::string out = probeLabel(spec, ref.probe, ref.node, ref.key) + ": ";
    switch (op) {
        case CompareOp::Equals: break;
        case CompareOp::NotEquals: out += "not "; break;
        case CompareOp::AtLeast: out += "at least "; break;
        case CompareOp::AtMost: out += "at most "; break;
    }
    return out + valueWords(value);
}

std::string UntilCondition::text() const {
    switch (kind) {
        case Kind::Event: {
            std::string s = "the " + ordinal(count) + " '" + event + "' event";
            if (!detail.empty()) s += " (" + detail + ")";
            if (!node.empty()) s += " at " + node;
            if (!peer.empty()) s += " with " + peer;
            return s;
        }
        case Kind::TimeMs: return "time " + std::to_string(ms) + " ms";
        case Kind::AfterMs: return std::to_string(ms) + " ms after the step starts";
        case Kind::Events: return std::to_string(events) + " more events";
        case Kind::Probe: return probe.text();
        case Kind::Idle: return "nothing is left to happen";
    }
    return {};
}

std::size_t QuizItem::correctOption() const {
    for (std::size_t i = 0; i < options.size(); ++i)
        if (options[i].correct) return i;
    return 0;
}

}  // namespace sb::core
