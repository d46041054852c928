// The independent trace checker (core/verify): it passes every topic's faulty random runs, it
// decides every Raft property on them, and it catches a protocol that is broken on purpose and
// traces that were tampered with.
#include <catch2/catch.hpp>

#include <sstream>

#include "verify_util.h"

TEST_CASE("every topic's faulty random runs pass the kernel checks", "[verify]") {
    for (const std::string& id : registry().ids()) {
        for (std::uint64_t seed = 1; seed <= 8; ++seed) {
            const Report r = check(traceOf(faulty(id, seed)));
            INFO(id << " seed " << seed << "\n" << describe(r));
            CHECK(r.overall() != Verdict::Violated);
            for (const char* p : {"event order", "message delivery", "crashed nodes are silent"})
                CHECK(finding(r, p).verdict == Verdict::Ok);
            // Topics the checker has no protocol knowledge of say so instead of passing.
            if (id == "ping" || id == "gossip")
                CHECK(finding(r, "protocol safety").verdict == Verdict::Unknown);
        }
    }
}

TEST_CASE("raft: 60 faulty random runs: the checker decides every property and finds none broken", "[verify][raft]") {
    std::size_t votesChecked = 0, logChanges = 0;
    for (std::uint64_t seed = 1; seed <= 60; ++seed) {
        const Report r = check(traceOf(faulty("raft", seed)));
        INFO("seed " << seed << "\n" << describe(r));
        REQUIRE(r.overall() == Verdict::Ok);
        const Finding& votes = finding(r, "vote rule (up-to-date log)");
        votesChecked += static_cast<std::size_t>(std::stoul(votes.detail));
        logChanges += static_cast<std::size_t>(std::stoul(finding(r, "log matching").detail));
    }
    CHECK(votesChecked > 60);
    CHECK(logChanges > 600);
}

TEST_CASE("raft: committing old-term entries by counting (Figure 8) is caught from the trace alone", "[verify][raft]") {
    auto sc = loadScenarioFile(SPLITBRAIN_VERIFY_DATA "/raft_figure8.json", registry());
    REQUIRE(sc.ok());
    const Report safe = check(traceOf(sc.value(), fromMs(700)));
    INFO(describe(safe));
    CHECK(safe.overall() == Verdict::Ok);
    sc.value().params["unsafe_commit_old_terms"] = 1;
    const Report unsafe = check(traceOf(sc.value(), fromMs(700)));
    INFO(describe(unsafe));
    CHECK(unsafe.overall() == Verdict::Violated);
    CHECK(finding(unsafe, "commit rule (current-term majority)").verdict == Verdict::Violated);
    CHECK(finding(unsafe, "leader completeness").verdict == Verdict::Violated);
    CHECK(finding(unsafe, "state machine safety").verdict == Verdict::Violated);
}

TEST_CASE("raft: tampered traces are caught by the property they break", "[verify][raft]") {
    const std::string good = traceOf(faulty("raft", 5));
    REQUIRE(check(good).overall() == Verdict::Ok);
    auto lines = [&] {
        std::vector<std::string> out;
        std::istringstream in(good);
        for (std::string l; std::getline(in, l);) out.push_back(l);
        return out;
    }();
    auto join = [](const std::vector<std::string>& ls) {
        std::string s;
        for (const auto& l : ls) s += l + "\n";
        return s;
    };
    auto firstWith = [&](const std::string& needle) {
        for (std::size_t i = 0; i < lines.size(); ++i)
            if (lines[i].find(needle) != std::string::npos) return i;
        FAIL("no line with " << needle);
        return std::size_t{0};
    };
    SECTION("a second leader in one term") {
        auto ls = lines;
        const std::size_t i = firstWith(R"("kind":"role","detail":"leader")");
        std::string copy = ls[i];
        const auto node = copy.find("\"node\":\"n");
        copy[node + 9] = copy[node + 9] == '1' ? '2' : '1';
        ls.insert(ls.begin() + static_cast<std::ptrdiff_t>(i) + 1, copy);
        const Report r = check(join(ls));
        CHECK(finding(r, "election safety").verdict == Verdict::Violated);
    }
    SECTION("a vote for a candidate whose log is behind") {
        auto ls = lines;
        // Claim every RequestVote came from an empty log: a voter holding entries must refuse.
        for (auto& l : ls)
            if (l.find(R"("detail":"RequestVote")") != std::string::npos && l.find(R"("kind":"send")") != std::string::npos) {
                const auto a = l.find("\"last_index\":");
                const auto b = l.find(',', a);
                l.replace(a, b - a, "\"last_index\":0");
                const auto c = l.find("\"last_term\":");
                const auto d = l.find_first_of(",}", c);
                l.replace(c, d - c, "\"last_term\":0");
            }
        const Report r = check(join(ls));
        CHECK(finding(r, "vote rule (up-to-date log)").verdict == Verdict::Violated);
    }
    SECTION("a delivery of a message never sent") {
        auto ls = lines;
        const std::size_t i = firstWith(R"("kind":"send")");
        ls.erase(ls.begin() + static_cast<std::ptrdiff_t>(i));
        const Report r = check(join(ls));
        CHECK(finding(r, "message delivery").verdict == Verdict::Violated);
    }
}

TEST_CASE("a trace without a header still gets the kernel checks, and says what it cannot know", "[verify]") {
    std::string text = traceOf(faulty("raft", 2));
    text.erase(0, text.find('\n') + 1);
    std::istringstream in(text);
    auto trace = verify::readTrace(in, "t.jsonl");
    REQUIRE(trace.ok());
    const Report r = verify::verifyTrace(trace.value());
    CHECK(r.overall() == Verdict::Unknown);
    CHECK(finding(r, "protocol safety").detail.find("--topic") != std::string::npos);
    const Report raft = verify::verifyTrace(trace.value(), "raft");
    CHECK(finding(raft, "commit rule (current-term majority)").verdict == Verdict::Unknown);
    CHECK(finding(raft, "vote rule (up-to-date log)").verdict == Verdict::Ok);
}

TEST_CASE("a broken trace file is refused with the line that is wrong", "[verify]") {
    std::istringstream in("{\"trace\":1,\"topic\":\"raft\",\"nodes\":[\"n1\"]}\n{\"i\":0,\"t_us\":0,\"kind\":\"timer\"}\nnot json\n");
    auto trace = verify::readTrace(in, "t.jsonl");
    REQUIRE_FALSE(trace.ok());
    CHECK(trace.error().text() == "t.jsonl:3: not a JSON object");
    std::istringstream late("{\"i\":0,\"t_us\":0,\"kind\":\"timer\"}\n{\"trace\":1}\n");
    auto t2 = verify::readTrace(late, "t.jsonl");
    REQUIRE_FALSE(t2.ok());
    CHECK(t2.error().text() == "t.jsonl:2: the header must be the first line");
    std::istringstream noKind("{\"i\":0,\"t_us\":5}\n");
    auto t3 = verify::readTrace(noKind, "t.jsonl");
    REQUIRE_FALSE(t3.ok());
    CHECK(t3.error().text() == "t.jsonl:1: an event needs a \"kind\" string");
}
