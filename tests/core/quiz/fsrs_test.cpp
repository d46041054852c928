#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "quiz/fsrs.h"

using namespace sb::core::quiz;

namespace {

nlohmann::json loadVectors() {
    std::ifstream in(SPLITBRAIN_FSRS_VECTORS);
    std::stringstream text;
    text << in.rdbuf();
    return nlohmann::json::parse(text.str());
}

}  // namespace

TEST_CASE("FSRS-6 matches the reference implementation's vectors", "[fsrs]") {
    const nlohmann::json v = loadVectors();
    REQUIRE(v["reference"] == "ts-fsrs");
    REQUIRE(v["algorithm"] == "FSRS-6");
    // The vectors were made with the published defaults; the test fails if either side drifts.
    const auto w = v["w"].get<std::vector<double>>();
    REQUIRE(w.size() == kFsrs6DefaultWeights.size());
    for (std::size_t i = 0; i < w.size(); ++i) CHECK(w[i] == kFsrs6DefaultWeights[i]);
    REQUIRE(v["settings"]["enable_short_term"] == false);
    REQUIRE(v["settings"]["enable_fuzz"] == false);

    int reviews = 0;
    const auto& cases = v["cases"];
    REQUIRE(cases.size() >= 200);
    for (std::size_t c = 0; c < cases.size(); ++c) {
        FsrsParams params;
        params.desiredRetention = cases[c]["desiredRetention"].get<double>();
        FsrsMemory memory;
        std::int64_t lastDay = 0;
        const auto& script = cases[c]["reviews"];
        for (std::size_t i = 0; i < script.size(); ++i) {
            const auto& r = script[i];
            INFO("case " << c << " review " << i);
            const std::int64_t day = r["day"].get<std::int64_t>();
            const auto grade = static_cast<Grade>(r["grade"].get<int>());
            const FsrsStep step = fsrsReview(memory, grade, i == 0 ? 0 : day - lastDay, params);
            CHECK(std::abs(step.memory.stability - r["stability"].get<double>()) < 1e-6);
            CHECK(std::abs(step.memory.difficulty - r["difficulty"].get<double>()) < 1e-6);
            CHECK(step.interval == r["interval"].get<int>());
            memory = step.memory;
            lastDay = day;
            ++reviews;
        }
    }
    CHECK(reviews > 1000);
}

TEST_CASE("Retrievability falls with time and rises after a successful review", "[fsrs]") {
    const FsrsParams params;
    std::uint32_t seed = 7;
    const auto next = [&seed](std::uint32_t n) {
        seed = seed * 1664525u + 1013904223u;
        return (seed >> 8) % n;
    };
    for (int trial = 0; trial < 500; ++trial) {
        FsrsMemory m;
        const int steps = 1 + static_cast<int>(next(10));
        for (int i = 0; i < steps; ++i)
            m = nextMemory(m, static_cast<Grade>(1 + next(4)), next(60), params);
        INFO("trial " << trial << " S=" << m.stability << " D=" << m.difficulty);
        double previous = 1.0 + 1e-12;
        for (int t = 0; t <= 400; t += 1 + static_cast<int>(next(20))) {
            const double r = retrievability(m, t, params);
            CHECK(r < previous);
            CHECK(r > 0.0);
            previous = r;
        }
        CHECK(retrievability(m, 0, params) == Approx(1.0));
        CHECK(retrievability(m, m.stability, params) == Approx(0.9));
        // A successful review some days later: recall right afterwards is back to 1, and at any
        // later time it is at least what it would have been without the review.
        const auto gap = static_cast<std::int64_t>(1 + next(90));
        const FsrsMemory after = nextMemory(m, static_cast<Grade>(2 + next(3)), gap, params);
        CHECK(after.stability >= m.stability);
        for (int t = 1; t <= 200; t += 13)
            CHECK(retrievability(after, t, params) >= retrievability(m, static_cast<double>(gap + t), params));
        CHECK(after.difficulty >= 1.0);
        CHECK(after.difficulty <= 10.0);
    }
}

TEST_CASE("FSRS intervals follow the desired retention and grade order", "[fsrs]") {
    FsrsParams params;
    const FsrsMemory m{10.0, 5.0};
    // At 0.9 the interval is the stability itself (by the definition of S).
    CHECK(fsrsInterval(10.0, params) == 10);
    params.desiredRetention = 0.8;
    const int lower = fsrsInterval(10.0, params);
    params.desiredRetention = 0.95;
    const int higher = fsrsInterval(10.0, params);
    CHECK(lower > 10);
    CHECK(higher < 10);
    params.desiredRetention = 0.9;
    int previous = 0;
    for (const Grade g : {Grade::Again, Grade::Hard, Grade::Good, Grade::Easy}) {
        const int ivl = fsrsReview(m, g, 10, params).interval;
        CHECK(ivl > previous);
        previous = ivl;
    }
    params.maximumInterval = 30;
    CHECK(fsrsReview(FsrsMemory{5000.0, 1.0}, Grade::Easy, 5000, params).interval <= 33);
}
