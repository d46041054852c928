// Mermaid and PlantUML exports of a trace, against golden files in golden/. To accept a
// deliberate format change, run with SPLITBRAIN_UPDATE_GOLDEN=1 and review the diff.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "sim/registry.h"
#include "sim/scenario.h"
#include "sim/simulation.h"
#include "sim/timeline.h"
#include "sim/trace_diagram.h"

using namespace sb::core;

namespace {

const std::string kGolden = std::string(SPLITBRAIN_TEST_DATA) + "/sim/golden/";

void checkGolden(const std::string& name, const std::string& actual) {
    const std::string path = kGolden + name;
    if (std::getenv("SPLITBRAIN_UPDATE_GOLDEN")) std::ofstream(path, std::ios::binary) << actual;
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in.good());
    std::ostringstream expected;
    expected << in.rdbuf();
    CHECK(actual == expected.str());
}

// A hand-made trace with one of everything: a delivered message, a lost one, one still in
// flight, a role change, a commit, an action on a node, a partition, a timer (left out).
std::vector<Event> smallTrace() {
    std::vector<Event> t;
    auto ev = [&](Time time, const char* kind, const char* detail, NodeId node, NodeId peer,
                  MsgId msg) -> Event& {
        Event e;
        e.time = time;
        e.kind = kind;
        e.detail = detail;
        e.node = node;
        e.peer = peer;
        e.msg = msg;
        t.push_back(e);
        return t.back();
    };
    ev(1000, "timer", "election", 0, kNoNode, 0);
    ev(1000, "role", "candidate", 0, kNoNode, 0).with("term", 2);
    ev(1000, "send", "RequestVote", 0, 1, 1).with("term", 2).with("deliver_us", 6000);
    ev(1000, "send", "RequestVote", 0, 2, 2).with("term", 2).with("deliver_us", 7500);
    ev(6000, "deliver", "RequestVote", 1, 0, 1);
    ev(6000, "send", "Vote", 1, 0, 3).with("term", 2).with("granted", 1);
    ev(7500, "drop", "loss", 2, 0, 2);
    ev(11500, "deliver", "Vote", 0, 1, 3);
    ev(11500, "role", "leader", 0, kNoNode, 0).with("term", 2);
    ev(12000, "send", "AppendEntries", 0, 1, 4).with("term", 2).with("index", 1);
    ev(12000, "commit", "", 0, kNoNode, 0).with("index", 1);
    ev(20000, "action", "partition", kNoNode, kNoNode, 0);
    ev(21250, "action", "crash", 2, kNoNode, 0);
    return t;
}

const std::vector<std::string> kNames = {"n1", "n2", "node 3"};

DiagramOptions titled(const std::string& title) {
    DiagramOptions o;
    o.title = title;
    return o;
}

}  // namespace

TEST_CASE("trace diagram: Mermaid golden for a small trace", "[trace_diagram]") {
    checkGolden("small.mmd",
                traceDiagram(smallTrace(), kNames, DiagramFormat::Mermaid, titled("A vote")));
}

TEST_CASE("trace diagram: PlantUML golden for a small trace", "[trace_diagram]") {
    checkGolden("small.puml",
                traceDiagram(smallTrace(), kNames, DiagramFormat::PlantUml, titled("A vote")));
}

TEST_CASE("trace diagram: a time range keeps only what happens inside it", "[trace_diagram]") {
    DiagramOptions range;
    range.from = 5000;
    range.to = 12000;
    const std::string text = traceDiagram(smallTrace(), kNames, DiagramFormat::Mermaid, range);
    CHECK(text.find("RequestVote") == std::string::npos);  // sent before the range
    CHECK(text.find("n2->>n1: Vote term=2 granted=1 (6 ms)") != std::string::npos);
    CHECK(text.find("n1--)n2: AppendEntries term=2 index=1, in flight (12 ms)") !=
          std::string::npos);
    CHECK(text.find("partition") == std::string::npos);  // after the range
}

TEST_CASE("trace diagram: a long trace is cut at maxItems with a note", "[trace_diagram]") {
    DiagramOptions small;
    small.maxItems = 3;
    const std::string text = traceDiagram(smallTrace(), kNames, DiagramFormat::PlantUml, small);
    CHECK(text.find("' 6 more events left out") != std::string::npos);
    CHECK(text.rfind("@enduml\n") == text.size() - 8);
}

TEST_CASE("trace diagram: Mermaid golden for a real ping run's first 120 ms", "[trace_diagram]") {
    TopicRegistry registry;
    registerBuiltinTopics(registry);
    auto scenario =
        loadScenarioFile(std::string(SPLITBRAIN_TEST_DATA) + "/data/ping_partition.json", registry);
    REQUIRE(scenario);
    Timeline timeline(Simulation::create(registry, scenario.value()).value());
    timeline.seekTime(fromMs(120));
    DiagramOptions range;
    range.to = fromMs(120);
    checkGolden("ping_120ms.mmd", traceDiagram(timeline.trace(), timeline.model().nodeNames(),
                                               DiagramFormat::Mermaid, range));
}
