#include <set>

#include "lesson/lesson_parse.h"
#include "sim/scenario.h"
#include "sim/scenario_nodes.h"
#include "sim/simulation.h"

namespace sb::core::lesson_detail {

namespace {

std::string str(const nlohmann::json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::vector<std::string> strings(const nlohmann::json& j, const char* key) {
    std::vector<std::string> out;
    auto it = j.find(key);
    if (it == j.end() || !it->is_array()) return out;
    for (const auto& v : *it)
        if (v.is_string()) out.push_back(v.get<std::string>());
    return out;
}

std::size_t count(const nlohmann::json& j, const char* key, std::size_t fallback) {
    auto it = j.find(key);
    return it != j.end() && it->is_number_unsigned() ? it->get<std::size_t>() : fallback;
}

const nlohmann::json& member(const nlohmann::json& j, const char* key) {
    static const nlohmann::json kNull;
    auto it = j.find(key);
    return it != j.end() ? *it : kNull;
}

std::size_t stepRef(const nlohmann::json& j, const char* key) {
    const auto& ref = member(j, key);
    return ref.is_object() ? count(ref, "step", 0) : 0;
}

Difficulty difficultyFrom(const std::string& s) {
    if (s == "intermediate") return Difficulty::Intermediate;
    if (s == "advanced") return Difficulty::Advanced;
    return Difficulty::Beginner;
}

// The topic and the node names of the lesson's own scenario, for every later check.
TopicContext loadScenario(const nlohmann::json& doc, Lesson& lesson,
                          const TopicRegistry& registry, Problems& problems) {
    TopicContext ctx;
    ctx.info = registry.find(lesson.topic);
    if (!ctx.info) {
        std::string known;
        for (const auto& id : registry.ids()) known += (known.empty() ? "" : ", ") + id;
        problems.add("unknown topic '" + lesson.topic + "' (known: " + known + ")", "/topic");
        return ctx;
    }
    nlohmann::json sj = member(doc, "scenario");
    if (!sj.is_object()) sj = nlohmann::json::object();
    sj["topic"] = lesson.topic;
    auto scenario = scenarioFromJson(std::move(sj), registry, "/scenario", ctx.nodes);
    if (!scenario) {
        problems.add(scenario.error());
        return ctx;
    }
    // Loading checks structure: the nodes come from the scenario's own check, and the run is
    // built when the lesson is opened or checked, not here (a second reset of a 100,000-key
    // ring per lesson was most of the catalog's load time).
    lesson.scenario = std::move(scenario.value());
    lesson.scenario.lesson = lesson.id;
    if (lesson.scenario.title.empty()) lesson.scenario.title = lesson.title;
    ctx.nodesKnown = true;
    return ctx;
}

Highlight parseHighlight(const nlohmann::json& j, const std::string& at, const TopicContext& ctx,
                         Problems& problems) {
    Highlight h;
    if (!j.is_object()) return h;
    h.nodes = strings(j, "nodes");
    for (std::size_t i = 0; i < h.nodes.size(); ++i)
        checkNode(h.nodes[i], at + "/nodes/" + std::to_string(i), ctx, problems);
    const auto& links = member(j, "links");
    for (std::size_t i = 0; links.is_array() && i < links.size(); ++i) {
        const auto& pair = links[i];
        if (!pair.is_array() || pair.size() != 2 || !pair[0].is_string() || !pair[1].is_string())
            continue;
        h.links.emplace_back(pair[0].get<std::string>(), pair[1].get<std::string>());
        checkNode(h.links.back().first, at + "/links/" + std::to_string(i) + "/0", ctx, problems);
        checkNode(h.links.back().second, at + "/links/" + std::to_string(i) + "/1", ctx, problems);
    }
    h.messages = strings(j, "messages");
    h.keys = strings(j, "keys");
    h.operations = strings(j, "operations");
    return h;
}

Step parseStep(const nlohmann::json& j, const std::string& at, const TopicContext& ctx,
               Problems& problems) {
    Step step;
    step.title = str(j, "title");
    step.narration = str(j, "narration");
    step.actions = parseActions(member(j, "actions"), at + "/actions", ctx, problems);
    step.until = parseUntil(member(j, "until"), at + "/until", ctx, problems);
    step.highlight = parseHighlight(member(j, "highlight"), at + "/highlight", ctx, problems);
    const auto& expect = member(j, "expect");
    for (std::size_t i = 0; expect.is_array() && i < expect.size(); ++i)
        step.expect.push_back(
            parseClaim(expect[i], at + "/expect/" + std::to_string(i), ctx, problems));
    step.maxEvents = count(j, "maxEvents", kDefaultStepMaxEvents);
    checkMaxEvents(step.maxEvents, at, problems);
    if (const auto& pace = member(j, "pace"); pace.is_number()) step.pace = pace.get<double>();
    return step;
}

Card parseCard(const nlohmann::json& j, const std::string& at, std::size_t steps,
               Problems& problems) {
    Card card;
    card.id = str(j, "id");
    card.question = str(j, "question");
    card.answer = str(j, "answer");
    card.points = strings(j, "points");
    card.tags = strings(j, "tags");
    const auto& followUps = member(j, "followUps");
    for (std::size_t i = 0; followUps.is_array() && i < followUps.size(); ++i)
        card.followUps.push_back({str(followUps[i], "question"), str(followUps[i], "answer")});
    card.showMeStep = stepRef(j, "showMe");
    if (j.contains("showMe") && (card.showMeStep < 1 || card.showMeStep > steps))
        problems.add("showMe names step " + std::to_string(card.showMeStep) + ", but the lesson has steps 1 to " +
                         std::to_string(steps),
                     at + "/showMe/step");
    return card;
}

QuizItem parseQuizItem(const nlohmann::json& j, const std::string& at, std::size_t steps,
                       const TopicContext& ctx, Problems& problems) {
    QuizItem item;
    item.id = str(j, "id");
    item.question = str(j, "question");
    if (str(j, "type") == "choice") {
        item.type = QuizType::Choice;
        const auto& options = member(j, "options");
        std::size_t correct = 0;
        for (std::size_t i = 0; options.is_array() && i < options.size(); ++i) {
            const auto& o = options[i];
            const bool isCorrect = o.contains("correct") && o["correct"].is_boolean() && o["correct"].get<bool>();
            item.options.push_back({str(o, "text"), isCorrect, str(o, "why")});
            if (isCorrect) ++correct;
        }
        if (correct != 1)
            problems.add("a choice item needs exactly one correct option; this one has " +
                             std::to_string(correct),
                         at + "/options");
        return item;
    }
    item.type = QuizType::Predict;
    item.fromStep = stepRef(j, "from");
    if (item.fromStep > steps)
        problems.add("\"from\" names step " + std::to_string(item.fromStep) + ", but the lesson has steps 0 to " +
                         std::to_string(steps),
                     at + "/from/step");
    item.actions = parseActions(member(j, "actions"), at + "/actions", ctx, problems);
    item.until = parseUntil(member(j, "until"), at + "/until", ctx, problems);
    item.probe = parseProbeRef(member(j, "probe"), at + "/probe", ctx, problems);
    const std::string type = str(j, "answerType");
    item.answerType = type == "node" ? AnswerType::Node
                      : type == "bool" ? AnswerType::Bool
                                       : AnswerType::Number;
    item.explainStep = count(j, "explainStep", 0);
    if (item.explainStep > steps)
        problems.add("explainStep names step " + std::to_string(item.explainStep) + ", but the lesson has steps 1 to " +
                         std::to_string(steps),
                     at + "/explainStep");
    item.maxEvents = count(j, "maxEvents", kDefaultStepMaxEvents);
    checkMaxEvents(item.maxEvents, at, problems);
    return item;
}

}  // namespace

Lesson parseLesson(const nlohmann::json& doc, const TopicRegistry& registry, Problems& problems) {
    Lesson lesson;
    lesson.schemaVersion = static_cast<int>(count(doc, "schemaVersion", 1));
    lesson.id = str(doc, "id");
    lesson.title = str(doc, "title");
    lesson.topic = str(doc, "topic");
    lesson.summary = str(doc, "summary");
    lesson.difficulty = difficultyFrom(str(doc, "difficulty"));
    lesson.minutes = static_cast<int>(count(doc, "minutes", 0));
    lesson.tags = strings(doc, "tags");
    lesson.reading = strings(doc, "reading");
    lesson.file = problems.file();

    const TopicContext ctx = loadScenario(doc, lesson, registry, problems);

    const auto& steps = member(doc, "steps");
    for (std::size_t i = 0; steps.is_array() && i < steps.size(); ++i)
        lesson.steps.push_back(parseStep(steps[i], "/steps/" + std::to_string(i), ctx, problems));

    // Card and quiz ids share one namespace: progress is stored by these ids.
    std::set<std::string> ids;
    auto unique = [&](const std::string& id, const std::string& at) {
        if (!ids.insert(id).second)
            problems.add("duplicate id '" + id + "' (card and quiz ids must be unique in a lesson)",
                         at + "/id");
    };
    const auto& cards = member(doc, "cards");
    for (std::size_t i = 0; cards.is_array() && i < cards.size(); ++i) {
        const std::string at = "/cards/" + std::to_string(i);
        lesson.cards.push_back(parseCard(cards[i], at, lesson.steps.size(), problems));
        unique(lesson.cards.back().id, at);
    }
    const auto& quiz = member(doc, "quiz");
    for (std::size_t i = 0; quiz.is_array() && i < quiz.size(); ++i) {
        const std::string at = "/quiz/" + std::to_string(i);
        lesson.quiz.push_back(parseQuizItem(quiz[i], at, lesson.steps.size(), ctx, problems));
        unique(lesson.quiz.back().id, at);
    }
    return lesson;
}

}  // namespace sb::core::lesson_detail
