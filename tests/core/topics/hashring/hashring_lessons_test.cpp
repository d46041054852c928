// Runs lessons/hashring/*.json against the model, following lessons/README.md: applies each
// step's actions, runs until its condition, checks every claim, and computes every predict
// answer. A stand-in until `splitbrain-sim check-lessons` exists; it also counts cards and quiz
// items against the topic's brief.
#include <catch2/catch.hpp>

#include <filesystem>
#include <cstdlib>
#include <fstream>
#include <set>

#include "sim/registry.h"
#include "sim/scenario.h"
#include "sim/timeline.h"

using namespace sb::core;
using nlohmann::json;

namespace {

NodeId nodeOf(const Timeline& t, const json& j) {
    if (!j.contains("node")) return kNoNode;
    const auto names = t.model().nodeNames();
    const auto it = std::find(names.begin(), names.end(), j["node"].get<std::string>());
    REQUIRE(it != names.end());
    return static_cast<NodeId>(it - names.begin());
}

// Whether a probe value satisfies the one comparison in `claim`.
bool holds(const ProbeValue& v, const json& claim, std::string& why) {
    why = probeToString(v);
    auto number = [&](double& out) {
        if (const auto* i = std::get_if<std::int64_t>(&v)) out = static_cast<double>(*i);
        else if (const auto* d = std::get_if<double>(&v)) out = *d;
        else return false;
        return true;
    };
    for (const char* op : {"equals", "not_equals", "at_least", "at_most"}) {
        if (!claim.contains(op)) continue;
        const json& want = claim[op];
        const std::string o = op;
        if (o == "at_least" || o == "at_most") {
            double x = 0;
            return number(x) && (o == "at_least" ? x >= want.get<double>() : x <= want.get<double>());
        }
        bool same = false;
        double x = 0;
        if (want.is_boolean()) same = std::holds_alternative<bool>(v) && std::get<bool>(v) == want.get<bool>();
        else if (want.is_string()) same = std::holds_alternative<std::string>(v) && std::get<std::string>(v) == want.get<std::string>();
        else same = number(x) && x == want.get<double>();
        return o == "equals" ? same : !same;
    }
    why = "no comparison";
    return false;
}

void runUntil(Timeline& t, const json& until) {
    constexpr std::size_t kMax = 200000;
    if (until.contains("idle")) {
        t.runUntil([](const Event&) { return false; }, kMax);
    } else if (until.contains("event")) {
        const std::string kind = until["event"];
        const NodeId node = nodeOf(t, until);
        int left = until.value("count", 1);
        const std::size_t ran = t.runUntil([&](const Event& e) {
            if (!e.is(kind)) return false;
            if (until.contains("detail") && until["detail"].get<std::string>() != e.detail) return false;
            if (node != kNoNode && e.node != node) return false;
            return --left == 0;
        }, kMax);
        REQUIRE(ran < kMax);
        REQUIRE(left == 0);
    } else if (until.contains("time_ms") || until.contains("after_ms")) {
        const Time end = until.contains("time_ms") ? fromMs(until["time_ms"].get<std::int64_t>())
                                                   : t.now() + fromMs(until["after_ms"].get<std::int64_t>());
        while (t.sim().nextTime() && *t.sim().nextTime() <= end) t.stepForward();
    } else if (until.contains("events")) {
        for (int i = 0; i < until["events"].get<int>(); ++i) t.stepForward();
    } else if (until.contains("probe")) {
        const NodeId node = nodeOf(t, until);
        std::string why;
        std::size_t n = 0;
        while (!holds(t.model().probe(until["probe"], node), until, why) && n++ < kMax) REQUIRE(t.stepForward());
    } else {
        FAIL("unknown until " << until.dump());
    }
}

void applyActions(Timeline& t, const json& actions) {
    for (std::size_t i = 0; i < actions.size(); ++i) {
        Action a = actionFromJson(actions[i], "/actions").value();
        a.at = Action::kAsap;
        const Status s = t.act(a);
        INFO(actions[i].dump() << (s ? "" : ": " + s.error().text()));
        REQUIRE(s);
    }
}

struct Counts {
    std::size_t lessons = 0, cards = 0, quiz = 0, predict = 0;
};

void checkLesson(const std::filesystem::path& path, const TopicRegistry& registry, Counts& counts) {
    std::ifstream in(path);
    const json lesson = json::parse(in);
    REQUIRE(lesson["schemaVersion"] == 1);
    REQUIRE(lesson["topic"] == "hashring");
    json sc = lesson["scenario"];
    sc["topic"] = "hashring";
    auto scenario = scenarioFromJson(sc, registry, "/scenario");
    INFO((scenario ? "" : scenario.error().text()));
    REQUIRE(scenario);
    std::vector<Timeline> after{Timeline(Simulation::create(registry, *scenario).value())};
    const json& steps = lesson["steps"];
    for (std::size_t s = 0; s < steps.size(); ++s) {
        INFO("step " << s + 1 << ": " << steps[s]["title"].get<std::string>());
        Timeline t = after.back();
        if (steps[s].contains("actions")) applyActions(t, steps[s]["actions"]);
        runUntil(t, steps[s]["until"]);
        for (const json& claim : steps[s].value("expect", json::array())) {
            std::string got;
            const bool ok = holds(t.model().probe(claim["probe"], nodeOf(t, claim)), claim, got);
            INFO(claim.dump() << ": the model had " << got);
            CHECK(ok);
            if (std::getenv("HASHRING_LESSON_VALUES")) WARN(claim.dump() << " -> " << got);
        }
        CHECK(t.model().violations().empty());
        CHECK(t.sim().rejected().empty());
        after.push_back(t);
    }
    std::set<std::string> ids;
    for (const json& card : lesson["cards"]) {
        CHECK(ids.insert(card["id"].get<std::string>()).second);
        CHECK(!card["points"].empty());
        ++counts.cards;
    }
    for (const json& item : lesson["quiz"]) {
        INFO(item["id"].get<std::string>());
        CHECK(ids.insert(item["id"].get<std::string>()).second);
        ++counts.quiz;
        if (item["type"] == "choice") {
            int correct = 0;
            for (const json& o : item["options"]) correct += o["correct"].get<bool>() ? 1 : 0;
            CHECK(correct == 1);
            continue;
        }
        ++counts.predict;
        Timeline t = after.at(item["from"]["step"].get<std::size_t>());
        if (item.contains("actions")) applyActions(t, item["actions"]);
        runUntil(t, item["until"]);
        const ProbeValue answer = t.model().probe(item["probe"]["probe"], nodeOf(t, item["probe"]));
        WARN(path.filename().string() << " " << item["id"].get<std::string>() << " -> " << probeToString(answer));
        CHECK(!std::holds_alternative<std::monostate>(answer));
    }
    ++counts.lessons;
}

}  // namespace

TEST_CASE("every hashring lesson runs and every claim holds", "[hashring][lessons]") {
    TopicRegistry registry;
    registerBuiltinTopics(registry);
    Counts counts;
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(SPLITBRAIN_SOURCE_DIR "/lessons/hashring"))
        if (entry.path().extension() == ".json") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
        INFO(f.filename().string());
        checkLesson(f, registry, counts);
    }
    CHECK(counts.lessons >= 3);
    CHECK(counts.cards >= 12);
    CHECK(counts.quiz >= 8);
    CHECK(counts.predict >= 3);
}
