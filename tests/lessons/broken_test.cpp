// The broken-lesson corpus (tests/lessons/broken/): each file fails with the expected message at
// the expected place, and nothing hostile crashes the loader.
#include <catch2/catch.hpp>

#include <string>

#include "lesson/lesson_check.h"
#include "lesson/lesson_loader.h"
#include "sim/json_io.h"
#include "sim/message_text.h"
#include "sim/registry.h"

using namespace sb::core;

namespace {

const TopicRegistry& registry() {
    static const TopicRegistry r = [] {
        TopicRegistry t;
        registerBuiltinTopics(t);
        return t;
    }();
    return r;
}

std::string corpus(const std::string& name) { return std::string(SPLITBRAIN_TEST_DATA) + "/broken/" + name; }

struct Expected {
    const char* file;
    const char* where;    // after "<path>": ":line:col" or ":/json/pointer"
    const char* message;  // a part of the message
};

// Files that must not load.
const Expected kUnloadable[] = {
    {"syntax_missing_comma.json", ":4:9", "JSON syntax error"},
    {"syntax_unterminated_string.json", ":3:25", "invalid string"},
    {"syntax_trailing_garbage.json", ":2:1", "expected end of input"},
    {"empty.json", ":1:1", "unexpected end of input"},
    {"invalid_utf8.json", ":3:17", "ill-formed UTF-8"},
    {"deep_nesting.json", ":1:61", "nesting is deeper than 32 levels"},
    {"number_overflow.json", ":2:13", "the number 1e309 is too large"},
    // Bounded work (issue 25): a day of simulated time, or ten million events, is refused at once.
    {"day_long_step.json", ":/steps/0/until/after_ms",
     "step 1 runs until 86,400,000 ms after it starts; lessons may run at most 600 simulated seconds per step"},
    {"huge_max_events.json", ":/steps/0/maxEvents", "step 1 allows maxEvents = 10,000,000; a lesson may run at most 500,000 events"},
    {"not_an_object.json", ":/", "a lesson must be a JSON object"},
    {"newer_version.json", ":/schemaVersion", "newer than this Splitbrain understands"},
    {"missing_title.json", ":/", "missing required field \"title\""},
    {"wrong_type_minutes.json", ":/minutes", "wrong type: expected a whole number from 1 to 240, found \"five\""},
    {"wrong_type_steps.json", ":/steps", "wrong type: expected a list"},
    {"bad_difficulty.json", ":/difficulty", "expected one of: beginner, intermediate, advanced, found \"expert\""},
    {"bad_id_pattern.json", ":/id", "expected a string matching"},
    {"unknown_field.json", ":/steps/0/colour", "unknown field \"colour\""},
    {"until_two_forms.json", ":/steps/0/until", "expected exactly one form"},
    {"two_comparisons.json", ":/steps/0/expect/0", "expected exactly one comparison"},
    {"unknown_topic.json", ":/topic", "unknown topic 'paxos'"},
    {"param_out_of_range.json", ":/scenario/params/nodes", "out of range"},
    {"unknown_node_action.json", ":/steps/1/actions/0/node", "unknown node \"n9\""},
    {"action_unknown_kind.json", ":/steps/1/actions/0/do", "unknown action \"explode\""},
    {"unknown_node_claim.json", ":/steps/1/expect/0/node", "unknown node 'n7'"},
    {"unknown_probe.json", ":/steps/0/expect/0/probe", "unknown probe 'leader' for topic 'ping'"},
    {"per_node_probe_without_node.json", ":/steps/1/expect/0", "is per node: add \"node\""},
    {"probe_not_per_node.json", ":/steps/0/expect/0/node", "is not per node"},
    {"unknown_event_kind.json", ":/steps/1/until/event", "unknown event kind 'election'"},
    {"duplicate_ids.json", ":/quiz/1/id", "duplicate id 'broken-card'"},
    {"bad_showme_step.json", ":/cards/0/showMe/step", "showMe names step 5"},
    {"bad_from_step.json", ":/quiz/1/from/step", "\"from\" names step 3"},
    {"two_correct_options.json", ":/quiz/0/options", "exactly one correct option; this one has 2"},
};

// Files that load but whose check fails: the model disagrees with what they say.
const Expected kFailing[] = {
    {"false_claim.json", ":/steps/0/expect/0", "suspicions equals 2"},
    {"never_reaches.json", ":/steps/1/until", "never reached its condition"},
    {"wrong_answer_type.json", ":/quiz/1/answerType", "answerType is node, but the probe gave"},
};

// Every problem of a check as (where, message), in one list.
std::vector<Error> problemsOf(const LessonCheck& check) {
    std::vector<Error> out = check.errors;
    for (const auto& s : check.steps) {
        if (s.error) out.push_back(*s.error);
        for (const auto& c : s.claims)
            if (!c.passed) out.push_back(Error{c.claim.text(), check.file + ":" + c.claim.pointer});
    }
    for (const auto& p : check.predicts)
        if (p.error) out.push_back(*p.error);
    return out;
}

bool hasError(const std::vector<Error>& errors, const std::string& where, const std::string& message) {
    for (const auto& e : errors)
        if (e.where == where && e.message.find(message) != std::string::npos) return true;
    return false;
}

std::string listed(const std::vector<Error>& errors) {
    std::string s;
    for (const auto& e : errors) s += e.text() + "\n";
    return s;
}

}  // namespace

TEST_CASE("the corpus base lesson is good, so each broken file differs by one mistake") {
    LessonLoad load = loadLessonFile(corpus("good_base.json"), registry());
    INFO(load.text());
    REQUIRE(load.ok());
    CHECK(checkLesson(*load.lesson, registry()).passed());
}

TEST_CASE("broken lessons are refused with the expected message and location") {
    for (const auto& x : kUnloadable) {
        const std::string path = corpus(x.file);
        LessonLoad load = loadLessonFile(path, registry());
        INFO(x.file << "\n" << load.text());
        CHECK_FALSE(load.ok());
        CHECK_FALSE(load.lesson.has_value());
        CHECK(hasError(load.errors, path + x.where, x.message));
    }
}

TEST_CASE("lessons that load but contradict the model fail their check at the right place") {
    for (const auto& x : kFailing) {
        const std::string path = corpus(x.file);
        LessonLoad load = loadLessonFile(path, registry());
        INFO(x.file << "\n" << load.text());
        REQUIRE(load.ok());
        const LessonCheck check = checkLesson(*load.lesson, registry());
        const auto problems = problemsOf(check);
        INFO(listed(problems));
        CHECK_FALSE(check.passed());
        CHECK(hasError(problems, path + x.where, x.message));
    }
}

TEST_CASE("after a step that hit its event cap, the next step runs from where it stopped") {
    // Issue 25: the step after a capped one used to count its after_ms from the moment the capped
    // step never reached (500 s on), and applying its action ran the whole gap first.
    const std::string path = corpus("capped_then_actions.json");
    LessonLoad load = loadLessonFile(path, registry());
    INFO(load.text());
    REQUIRE(load.ok());
    const LessonCheck check = checkLesson(*load.lesson, registry());
    REQUIRE(check.steps.size() == 2);
    REQUIRE(check.steps[0].error);
    CHECK(check.steps[0].error->where == path + ":/steps/0/until");
    CHECK(check.steps[0].error->message.find("stopped after maxEvents = 300 events") != std::string::npos);
    CHECK(check.steps[0].events == 300);
    INFO(listed(problemsOf(check)));
    CHECK_FALSE(check.steps[1].error);
    CHECK(check.steps[1].reached);
    CHECK(check.steps[1].endTime <= check.steps[0].endTime + fromMs(200));
    CHECK(check.steps[1].events < 300);
}

TEST_CASE("a message quoting a huge input stays one short line") {
    const Error e{"unknown node '" + std::string(100000, 'n') + "'\nsecond line", "x.json:/" + std::string(5000, 'k')};
    const std::string text = oneLine(e);
    CHECK(text.size() < 2 * kMaxShown + 16);
    CHECK(text.find('\n') == std::string::npos);
    CHECK(oneLine(Error{"line one\nline two", "f.json:3:4"}) == "f.json:3:4: line one\\nline two");
}

TEST_CASE("the corpus holds at least twenty broken lessons") {
    CHECK(std::size(kUnloadable) + std::size(kFailing) >= 20);
}

TEST_CASE("a huge lesson file is refused by size before it is parsed") {
    std::string huge = "{\"schemaVersion\": 1, \"title\": \"";
    huge += std::string(3 * 1024 * 1024, 'x');
    huge += "\"}";
    LessonLoad load = loadLessonText(huge, "huge.json", registry());
    REQUIRE(load.errors.size() == 1);
    CHECK(load.errors[0].where == "huge.json");
    CHECK(load.errors[0].message.find("the limit is 2097152") != std::string::npos);
}

TEST_CASE("a long id cannot overflow the pattern matcher") {
    auto text = readTextFile(corpus("good_base.json"), 1 << 20);
    REQUIRE(text.ok());
    auto doc = parseJsonText(text.value(), "x");
    REQUIRE(doc.ok());
    doc.value()["id"] = std::string(1024 * 1024, 'a');
    LessonLoad load = lessonFromJson(doc.value(), "long.json", registry());
    CHECK(hasError(load.errors, "long.json:/id", "too long"));
}

TEST_CASE("every truncation and byte flip of a good lesson gives errors, never a crash") {
    auto text = readTextFile(corpus("good_base.json"), 1 << 20);
    REQUIRE(text.ok());
    const std::string& good = text.value();
    std::size_t refused = 0;
    for (std::size_t cut = 0; cut < good.size(); cut += 7) {
        LessonLoad load = loadLessonText(std::string_view(good).substr(0, cut), "cut.json", registry());
        refused += load.ok() ? 0U : 1U;
        CHECK(load.lesson.has_value() == load.errors.empty());
    }
    CHECK(refused > 0);
    for (std::size_t i = 0; i < good.size(); i += 5) {
        for (int b : {0x00, 0x22, 0x7b, 0x80, 0xff}) {
            std::string mutated = good;
            mutated[i] = static_cast<char>(b);
            LessonLoad load = loadLessonText(mutated, "flip.json", registry());
            CHECK(load.lesson.has_value() == load.errors.empty());
        }
    }
}

TEST_CASE("a newer schemaVersion is reported alone, before any schema complaint") {
    LessonLoad load = loadLessonFile(corpus("newer_version.json"), registry());
    REQUIRE(load.errors.size() == 1);
    CHECK(load.errors[0].message.find("schemaVersion 2") != std::string::npos);
}

TEST_CASE("the compiled-in schema is the file in lessons/schema") {
    auto onDisk = readTextFile(std::string(SPLITBRAIN_SOURCE_DIR) + "/lessons/schema/lesson.schema.json", 1 << 20);
    REQUIRE(onDisk.ok());
    CHECK(onDisk.value() == std::string(lessonSchemaText()));
}

TEST_CASE("whole numbers written 2.0 or 1e0 are integers, as JSON Schema draft 7 counts them") {
    auto text = readTextFile(corpus("good_base.json"), 1 << 20);
    REQUIRE(text.ok());
    auto doc = parseJsonText(text.value(), "x");
    REQUIRE(doc.ok());
    nlohmann::json whole = doc.value();
    whole["minutes"] = 2.0;
    whole["scenario"]["seed"] = nlohmann::json::parse("1e0");
    REQUIRE(whole["minutes"].is_number_float());
    LessonLoad load = lessonFromJson(whole, "whole.json", registry());
    INFO(load.text());
    REQUIRE(load.ok());
    CHECK(load.lesson->minutes == 2);
    nlohmann::json fraction = doc.value();
    fraction["minutes"] = 2.5;
    CHECK(hasError(lessonFromJson(fraction, "fraction.json", registry()).errors, "fraction.json:/minutes",
                   "wrong type: expected a whole number from 1 to 240, found 2.5"));
}
