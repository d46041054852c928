#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sim/action.h"
#include "sim/model.h"
#include "sim/scenario.h"

namespace sb::core {

// The lesson format version this build understands (lessons/schema/lesson.schema.json). A file
// with a larger `schemaVersion` is refused before anything else is checked.
inline constexpr int kLessonSchemaVersion = 1;

// Steps stop after this many events unless the step says otherwise (`maxEvents`).
inline constexpr std::size_t kDefaultStepMaxEvents = 200000;

enum class Difficulty { Beginner, Intermediate, Advanced };
enum class CompareOp { Equals, NotEquals, AtLeast, AtMost };

const char* difficultyName(Difficulty d);   // "beginner"
const char* compareOpName(CompareOp op);     // "equals", "not_equals", "at_least", "at_most"

// A probe of the model, optionally of one node or one key: {"probe": "suspect_count", "node":
// "n1"}, {"probe": "ttl_left_ms", "key": "user:42"}.
struct ProbeRef {
    std::string probe;
    std::string node;  // empty for whole-system probes
    std::string key{};  // a key, request or instance name, for probes declared perKey

    bool operator==(const ProbeRef&) const = default;
};

// A predicate on the model's state: probe op value. `value` is a number (stored as int64 when
// the file wrote an integer, double otherwise), a bool, a string (usually a node name), or
// monostate for JSON null ("there is no leader").
struct Claim {
    ProbeRef ref;
    CompareOp op = CompareOp::Equals;
    ProbeValue value;
    std::string pointer;  // JSON pointer of the claim in its file, e.g. "/steps/1/expect/0"

    std::string text() const;   // "suspect_count(n1) equals 1": ids, for reports and the CLI
    // The same claim in words, for the screen: "Peers n1 suspects: 1", with the probe's label
    // from `info` (without it, or for a probe it lacks, words made from the id: "Suspect count (n1): 1").
    std::string label(const TopicInfo* info = nullptr) const;
};

// A probe's value in words: "yes"/"no" for a boolean, "none" for no value, else the value.
std::string valueWords(const ProbeValue& value);

// When a step (or a predict item) stops running. Exactly one kind, as in lessons/README.md.
struct UntilCondition {
    enum class Kind { Event, TimeMs, AfterMs, Events, Probe, Idle };

    Kind kind = Kind::Idle;
    // Event: the `count`-th event of `event` (kind) matching the optional filters.
    std::string event;
    std::string detail;
    std::string node;
    std::string peer;
    std::size_t count = 1;
    // TimeMs (absolute) / AfterMs (relative to the step start), in simulated milliseconds.
    std::int64_t ms = 0;
    // Events: this many more events.
    std::size_t events = 0;
    // Probe: run until this claim holds.
    Claim probe;

    std::string text() const;  // "the 1st suspect event at n1", "time 600 ms", ...
};

// What the view should emphasise during a step.
struct Highlight {
    std::vector<std::string> nodes;
    std::vector<std::pair<std::string, std::string>> links;  // [["n1","n2"]]
    std::vector<std::string> messages;                       // message kinds, e.g. "heartbeat"
    std::vector<std::string> keys;                           // ring keys, e.g. "k42"
    // History operations by label ("r x→1"), or "flagged" for every flagged one.
    std::vector<std::string> operations;

    bool empty() const {
        return nodes.empty() && links.empty() && messages.empty() && keys.empty() && operations.empty();
    }
};

struct Step {
    std::string title;
    std::string narration;  // Markdown
    std::vector<Action> actions;  // applied when the step starts, at the current time
    UntilCondition until;
    Highlight highlight;
    std::vector<Claim> expect;  // checked when the step ends
    std::size_t maxEvents = kDefaultStepMaxEvents;
    // Playback pace of this step relative to 1x (0.5 = half as fast), on top of the automatic
    // pacing (core/lesson/playback_pace.h). From the file's "pace".
    double pace = 1.0;
};

struct FollowUp {
    std::string question;
    std::string answer;  // Markdown
};

struct Card {
    std::string id;
    std::string question;
    std::string answer;               // Markdown
    std::vector<std::string> points;  // what a strong answer covers (interview rehearsal)
    std::vector<FollowUp> followUps;
    std::vector<std::string> tags;
    std::size_t showMeStep = 0;  // 1-based step whose end the card opens; 0 = none
};

struct ChoiceOption {
    std::string text;
    bool correct = false;
    std::string why;  // Markdown
};

enum class QuizType { Choice, Predict };
enum class AnswerType { Node, Bool, Number };

const char* answerTypeName(AnswerType t);  // "node", "bool", "number"

// A quiz item. Choice items use `options`; predict items use the fields below it. The answer to
// a predict item is never stored: LessonRun::predict() computes it by running the model.
struct QuizItem {
    std::string id;
    QuizType type = QuizType::Choice;
    std::string question;
    std::vector<ChoiceOption> options;

    std::size_t fromStep = 0;  // state at the end of this step (0 = the start)
    std::vector<Action> actions;
    UntilCondition until;
    ProbeRef probe;
    AnswerType answerType = AnswerType::Number;
    std::size_t explainStep = 0;  // 1-based step a wrong answer links to; 0 = none
    std::size_t maxEvents = kDefaultStepMaxEvents;

    // Index of the correct option of a choice item (the loader guarantees exactly one).
    std::size_t correctOption() const;
};

struct Lesson {
    int schemaVersion = kLessonSchemaVersion;
    std::string id;
    std::string title;
    std::string topic;
    std::string summary;
    Difficulty difficulty = Difficulty::Beginner;
    int minutes = 0;
    std::vector<std::string> tags;
    Scenario scenario;  // scenario.topic == topic; scenario.lesson == id
    std::vector<Step> steps;
    std::vector<Card> cards;
    std::vector<QuizItem> quiz;
    std::vector<std::string> reading;
    std::string file;  // where it was loaded from (for messages and reload); may be empty
};

}  // namespace sb::core
