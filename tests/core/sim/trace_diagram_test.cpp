// Mermaid and PlantUML exports of a trace, against golden files in golden/. To accept a
// deliberate format change, run with SPLITBRAIN_UPDATE_GOLDEN=1 and review the diff.
#include <algorithm>
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
    CHECK(text.find("' 6 more items left out") != std::string::npos);
    CHECK(measureDiagram(text, DiagramFormat::PlantUml).items == 3);
    CHECK(measureDiagram(text, DiagramFormat::PlantUml).cut);
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

namespace {

// Rounds of heartbeats from n1 to n2 and n3 every 50 ms, each answered, with a role change in
// the middle: the first round after each change is drawn, the rest folded into one note.
std::vector<Event> heartbeatRounds(int rounds) {
    std::vector<Event> t;
    MsgId msg = 0;
    for (int r = 0; r < rounds; ++r) {
        const Time at = 1000 + r * 50000;
        if (r == rounds / 2) {
            Event role;
            role.time = at;
            role.kind = "role";
            role.detail = "leader";
            role.node = 0;
            t.push_back(role);
        }
        for (NodeId peer : {1, 2}) {
            for (const bool reply : {false, true}) {
                Event send, deliver;
                send.time = at + (reply ? 5000 : 0);
                send.kind = "send";
                send.detail = reply ? "HeartbeatReply" : "Heartbeat";
                send.node = reply ? peer : 0;
                send.peer = reply ? 0 : peer;
                send.msg = ++msg;
                deliver = send;
                deliver.kind = "deliver";
                deliver.time = send.time + 4000;
                std::swap(deliver.node, deliver.peer);
                t.push_back(send);
                t.push_back(deliver);
            }
        }
    }
    std::stable_sort(t.begin(), t.end(), [](const Event& a, const Event& b) { return a.time < b.time; });
    return t;
}

}  // namespace

TEST_CASE("trace diagram: repeated heartbeats fold into one note per quiet stretch", "[trace_diagram]") {
    const std::string text = traceDiagram(heartbeatRounds(10), kNames, DiagramFormat::Mermaid);
    // Rounds 0-4 before the role change, 5-9 after: one drawn round (4 arrows) and one note each.
    CHECK(measureDiagram(text, DiagramFormat::Mermaid).items == 4 + 1 + 1 + 4 + 1);
    CHECK(text.find("Note over n1,p2: repeated: Heartbeat 8 times, HeartbeatReply 8 times (51 ms to 206 ms)") !=
          std::string::npos);
    DiagramOptions every;
    every.foldRepeats = false;
    CHECK(measureDiagram(traceDiagram(heartbeatRounds(10), kNames, DiagramFormat::Mermaid, every),
                         DiagramFormat::Mermaid)
              .items == 40 + 1);
}

TEST_CASE("trace diagram: only the nodes asked for, and those events name, take part", "[trace_diagram]") {
    std::vector<std::string> slots;
    for (int i = 1; i <= 64; ++i) slots.push_back("n" + std::to_string(i));
    DiagramOptions members;
    members.participants = {0, 4};  // n1 and n5; the trace also names n2 and n3
    const std::string text = traceDiagram(smallTrace(), slots, DiagramFormat::PlantUml, members);
    CHECK(measureDiagram(text, DiagramFormat::PlantUml).participants == 4);
    CHECK(text.find("participant n1\nparticipant n2\nparticipant n3\nparticipant n5\n") != std::string::npos);
    CHECK(text.find("note over n1, n5 : action partition (20 ms)") != std::string::npos);
    CHECK(text.find("participant n64") == std::string::npos);
}

TEST_CASE("trace diagram: the item limit counts fold notes and says what it left out", "[trace_diagram]") {
    DiagramOptions five;
    five.maxItems = 5;
    const std::string text = traceDiagram(heartbeatRounds(10), kNames, DiagramFormat::Mermaid, five);
    const DiagramSize size = measureDiagram(text, DiagramFormat::Mermaid);
    CHECK(size.items == 5);
    CHECK(size.cut);
    CHECK(text.find("%% 6 more items left out") != std::string::npos);
}
