// Every name a learner sees comes from a declaration in core, in words: a test over every
// registered topic, so a new action, parameter, probe or metric cannot reach a menu, a legend or
// the compare view as `client_write` or `current_suspicions`.
#include <catch2/catch.hpp>

#include <cctype>

#include "lesson/lesson.h"
#include "sim/labels.h"
#include "sim/registry.h"
#include "sim/simulation.h"

using namespace sb::core;

namespace {

// Words for people: something there, no identifier joints, a capital or a digit first.
void checkWords(const std::string& label, const std::string& what) {
    INFO(what << " -> \"" << label << "\"");
    REQUIRE(!label.empty());
    CHECK(label.find('_') == std::string::npos);
    CHECK(!std::islower(static_cast<unsigned char>(label[0])));
}

}  // namespace

TEST_CASE("humanize turns identifiers into words", "[labels]") {
    CHECK(humanize("client_write") == "Client write");
    CHECK(humanize("current_suspicions") == "Current suspicions");
    CHECK(humanize("election_timeout_min_ms") == "Election timeout minimum (ms)");
    CHECK(humanize("commit_index.n1") == "Commit index (n1)");
    CHECK(humanize("ok_writes") == "OK writes");
    CHECK(humanize("ryw_violations") == "Read-your-writes violations");
    CHECK(humanize("wfr_violations") == "Writes-follow-reads violations");
    CHECK(humanize("db_queue_peak") == "Database queue peak");
    CHECK(humanize("ms") == "Ms");  // a lone unit is not turned into an empty label
    CHECK(humanize("_x_") == "X");
    CHECK(humanize("lag_ms.r2") == "Lag (r2, ms)");  // one pair of brackets
    CHECK(humanize("") == "");
}

TEST_CASE("shared ids have written labels", "[labels]") {
    CHECK(humanize("by_ms") == "Delay by (ms)");
    CHECK(labelOf(ActionSpec{"force_timeout", "", {}}) == "Force timeout");
    CHECK(labelOf(ActionSpec{"set", "", {}}) == "Set a parameter");
    // The link actions read as what they do, not as the Edit menu's Cut or a made-up word.
    CHECK(labelOf(ActionSpec{"cut", "", {}}) == "Cut a link one way");
    CHECK(labelOf(ActionSpec{"uncut", "", {}}) == "Restore a cut link");
}

TEST_CASE("a lesson's claims read as words on screen and keep their ids for reports", "[labels]") {
    Claim minority{{"in_minority", "n4", ""}, CompareOp::Equals, ProbeValue{true}, ""};
    CHECK(minority.label() == "In minority (n4): yes");  // no topic: words from the id
    CHECK(minority.text() == "in_minority(n4) equals true");
    Claim term{{"max_term", "", ""}, CompareOp::AtLeast, ProbeValue{std::int64_t{2}}, ""};
    CHECK(term.label() == "Maximum term: at least 2");
    Claim owner{{"owner", "", "k42"}, CompareOp::NotEquals, ProbeValue{std::string("n1")}, ""};
    CHECK(owner.label() == "Owner (k42): not n1");
    Claim none{{"leader", "", ""}, CompareOp::AtMost, ProbeValue{}, ""};
    CHECK(none.label() == "Leader: at most none");
    CHECK(valueWords(ProbeValue{false}) == "no");

    // With its topic, a claim reads with the probe's own label, its arguments in their places.
    TopicInfo info;
    info.probes = {{"in_minority", true, "", false, "{node} is in the minority"},
                   {"status", false, "", true, "Status of order {key}"},
                   {"term", true, "", false, "Term"}};
    CHECK(minority.label(&info) == "n4 is in the minority: yes");
    Claim status{{"status", "", "2"}, CompareOp::Equals, ProbeValue{std::string("compensated")}, ""};
    CHECK(status.label(&info) == "Status of order 2: compensated");
    Claim noPlace{{"term", "n1", ""}, CompareOp::AtLeast, ProbeValue{std::int64_t{2}}, ""};
    CHECK(noPlace.label(&info) == "Term (n1): at least 2");  // no place for the node: brackets
    CHECK(labelOf(info.probes[0]) == "A node is in the minority");
    CHECK(owner.label(&info) == "Owner (k42): not n1");  // a probe the topic lacks
    CHECK(valueWords(ProbeValue{1.5}) == "1.5");
}

TEST_CASE("values and counts read as words", "[labels]") {
    ParamSpec flag{"prevote", ParamType::Bool, "", 0, 1, 0, "", {}};
    CHECK(labelOf(flag) == "Pre-vote");
    CHECK(valueLabel(flag, 1) == "on");
    CHECK(valueLabel(flag, 0) == "off");
    ParamSpec merge{"ap_merge", ParamType::Choice, "", 0, 1, 0, "", {"lww", "siblings"}};
    CHECK(valueLabel(merge, 0) == "LWW");
    CHECK(valueLabel(merge, 1) == "Siblings");
    ParamSpec delay{"heartbeat_ms", ParamType::Int, "ms", 10, 1000, 100, "", {}};
    CHECK(labelOf(delay) == "Heartbeat (ms)");
    CHECK(valueLabel(delay, 150) == "150 ms");
    CHECK(countOf(1, "step", "steps") == "1 step");
    CHECK(countOf(3, "step", "steps") == "3 steps");
    CHECK(countOf(0, "step", "steps") == "0 steps");
}

TEST_CASE("metrics read with their unit and the description of their probe", "[labels]") {
    TopicInfo info;
    info.probes = {{"commit_index", true, "The server's commitIndex", false}};
    const MetricText commit = describeMetric(info, "commit_index.n1");
    CHECK(commit.label == "Commit index (n1)");
    CHECK(commit.unit == "log index");  // a position in the log, not a count
    CHECK(commit.quantity == "Commit index");
    CHECK(commit.axis == "log index");
    CHECK(commit.description == "The server's commitIndex");
    const MetricText latency = describeMetric(info, "read_latency_ms");
    CHECK(latency.label == "Read latency (ms)");
    CHECK(latency.unit == "ms");
    CHECK(latency.description.empty());  // nothing declares it
    CHECK(describeMetric(info, "hit_ratio").label == "Hit ratio (0-1)");
    CHECK(describeMetric(info, "availability_minority").unit == "0-1");
    CHECK(describeMetric(info, "messages_per_second").unit == "per second");
    CHECK(describeMetric(info, "in_flight").description == "Messages sent and not yet delivered or lost");
    CHECK(latency.quantity == "Read latency (ms)");
    CHECK(latency.axis == "time (ms)");
    CHECK(describeMetric(info, "lag_ms.r2").quantity == "Lag (ms)");
    CHECK(describeMetric(info, "hit_ratio").axis == "share (0-1)");
    CHECK(describeMetric(info, "elections").unit.empty());
    CHECK(describeMetric(info, "elections").axis == "count");
    // A term is not a count: it gets an axis of its own, and its label does not repeat it.
    const MetricText term = describeMetric(info, "term.n1");
    CHECK(term.unit == "term");
    CHECK(term.label == "Term (n1)");
    CHECK(describeMetric(info, "leader").axis == "node number");
}

TEST_CASE("a metric named like a parameter takes the parameter's unit", "[labels]") {
    TopicInfo info;
    ParamSpec balance;
    balance.name = "balance";
    balance.unit = "$";
    ParamSpec keys;
    keys.name = "keys";
    keys.unit = "keys";
    info.params = ParamSet({balance, keys});
    const MetricText money = describeMetric(info, "balance");
    CHECK(money.unit == "$");
    CHECK(money.label == "Balance ($)");
    CHECK(money.axis == "$");
    CHECK(describeMetric(info, "keys.n1").label == "Keys (n1)");  // already says what it counts
    CHECK(describeMetric(info, "keys.n1").axis == "keys");
}

TEST_CASE("every topic's actions, parameters, probes and metrics have labels in words", "[labels]") {
    TopicRegistry registry;
    registerBuiltinTopics(registry);
    REQUIRE(!registry.ids().empty());
    for (const std::string& id : registry.ids()) {
        Scenario sc;
        sc.topic = id;
        sc.seed = 3;
        auto sim = Simulation::create(registry, sc);
        INFO(id << (sim.ok() ? "" : ": " + sim.error().message));
        REQUIRE(sim.ok());
        const TopicInfo& info = sim.value().model().info();
        for (const ActionSpec& a : info.actions) {
            checkWords(labelOf(a), id + " action " + a.kind);
            for (const ArgSpec& arg : a.args) checkWords(labelOf(arg), id + " argument " + a.kind + "." + arg.name);
        }
        for (const ParamSpec& p : info.params.specs()) {
            checkWords(labelOf(p), id + " parameter " + p.name);
            for (std::size_t c = 0; c < p.choices.size(); ++c)
                checkWords(valueLabel(p, static_cast<double>(c)), id + " choice " + p.choices[c]);
        }
        for (const ProbeSpec& p : info.probes) {
            checkWords(labelOf(p), id + " probe " + p.name);
            // A place only for an argument the probe takes, and no other braces.
            INFO(id << " probe " << p.name << " label \"" << p.label << "\"");
            CHECK((p.label.find("{node}") == std::string::npos || p.perNode));
            CHECK((p.label.find("{key}") == std::string::npos || p.perKey));
            const std::string filled = probeLabel(&p, p.name, "n1", "k1");
            CHECK(filled.find_first_of("{}") == std::string::npos);
        }
        for (int i = 0; i < 400 && sim.value().step(); ++i) {
        }
        const auto metrics = sim.value().model().metrics();
        CHECK(!metrics.empty());
        for (const Metric& m : metrics) {
            checkWords(labelOf(m), id + " metric " + m.name);
            checkWords(describeMetric(info, m.name).label, id + " metric label " + m.name);
        }
    }
}
