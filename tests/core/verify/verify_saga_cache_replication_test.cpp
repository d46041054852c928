// The trace checker's saga, cache and replication properties: it decides them on faulty random
// runs of the correct models and finds none broken, and it catches each topic's broken variant
// from the trace alone (the seed it took is printed, and bounded by kSeeds).
#include <fstream>

#include "topics/cache/cache_model.h"
#include "topics/replication/replication_model.h"
#include "topics/saga/saga_model.h"
#include "verify_util.h"

namespace {

constexpr std::uint64_t kSeeds = 30;

// The broken-variant tests' params (tests/core/topics/*/..._broken_test.cpp): sagas that
// compensate, a hot key under the lock mitigation, jittery follower streams with failovers.
ParamValues sagaParams() {
    return {{"orders", 10}, {"order_gap_ms", 100}, {"stock", 5}, {"fail_prob", 0.2}, {"max_retries", 1}};
}
ParamValues lockParams() { return {{"mitigation", 1}, {"ttl_ms", 1000}, {"recompute_ms", 200}, {"rate", 200}}; }
ParamValues replicationParams(int mode = 0) {
    return {{"client_rate", 20}, {"read_fraction", 0.3}, {"r2_jitter_ms", 40}, {"r3_jitter_ms", 40},
            {"replication_mode", mode}};
}

template <class TopicModel>
std::string traceWith(const std::string& topic, std::uint64_t seed, const ParamValues& params,
                      const std::string& variant = {}) {
    const Scenario sc = sb::test::faultyScenario(topic, seed, params);
    REQUIRE(sc.topic == topic);
    return traceOf(sc, fromMs(3500), [&](Model& m) {
        if (!variant.empty()) REQUIRE(dynamic_cast<TopicModel&>(m).breakOnPurpose(variant).ok());
    });
}

template <class TopicModel>
std::uint64_t firstViolated(const std::string& topic, const ParamValues& params, const std::string& variant,
                            const std::string& property) {
    for (std::uint64_t seed = 1; seed <= kSeeds; ++seed)
        if (finding(check(traceWith<TopicModel>(topic, seed, params, variant)), property).verdict == Verdict::Violated)
            return seed;
    return 0;
}

std::size_t count(const Report& r, const std::string& property) {
    return static_cast<std::size_t>(std::stoul(finding(r, property).detail));
}

}  // namespace

TEST_CASE("saga: faulty random runs: the checker finds every finished saga committed or compensated, in order",
          "[verify][saga]") {
    std::size_t sagas = 0, compensations = 0;
    for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
        const Report r = check(traceWith<saga::SagaModel>("saga", seed, sagaParams()));
        INFO("seed " << seed << "\n" << describe(r));
        REQUIRE(r.overall() == Verdict::Ok);
        sagas += count(r, "finished sagas committed or compensated");
        compensations += count(r, "compensations in reverse order");
    }
    WARN("saga: " << sagas << " finished sagas, " << compensations << " compensations checked over " << kSeeds << " seeds");
    CHECK(sagas > 100);
    CHECK(compensations > 20);
}

TEST_CASE("saga: compensating forward is caught from the trace alone", "[verify][saga]") {
    const auto seed = firstViolated<saga::SagaModel>("saga", sagaParams(), "compensates_forward",
                                                     "compensations in reverse order");
    CHECK(seed > 0);
    WARN("trace checker: compensates_forward caught at seed " << seed << " of " << kSeeds);
}

TEST_CASE("saga: two-phase commit runs never both commit and abort a transaction", "[verify][saga]") {
    ParamValues p = sagaParams();
    p["mode"] = 1;
    std::size_t decisions = 0;
    for (std::uint64_t seed = 1; seed <= 10; ++seed) {
        const Report r = check(traceWith<saga::SagaModel>("saga", seed, p));
        INFO("seed " << seed << "\n" << describe(r));
        REQUIRE(r.overall() == Verdict::Ok);
        decisions += count(r, "two-phase commit: one decision");
    }
    WARN("saga 2PC: " << decisions << " decisions checked over 10 seeds");
    CHECK(decisions > 50);
}

TEST_CASE("saga: the outbox keeps events and rows together; a dual write does not", "[verify][saga]") {
    // publish: 1 row then event, 2 event then row (dual writes), 3 outbox polling, 4 outbox
    // tailing; the consumer's deduplication off, so a redelivered event is applied twice.
    auto run = [](int publish, std::uint64_t seed) {
        ParamValues p = sagaParams();
        p["publish"] = publish;
        p["consumer_dedupe"] = 0;
        return check(traceWith<saga::SagaModel>("saga", seed, p));
    };
    std::size_t consumed = 0;
    for (int publish : {3, 4})
        for (std::uint64_t seed = 1; seed <= 10; ++seed) {
            const Report r = run(publish, seed);
            INFO("publish " << publish << " seed " << seed << "\n" << describe(r));
            CHECK(finding(r, "outbox: no event without its row").verdict == Verdict::Ok);
            consumed += count(r, "outbox: no event without its row");
        }
    WARN("saga outbox: " << consumed << " consumed events checked over 20 runs");
    CHECK(consumed > 100);
    std::uint64_t phantom = 0, twice = 0;
    for (std::uint64_t seed = 1; seed <= kSeeds && (!phantom || !twice); ++seed) {
        if (!phantom && finding(run(2, seed), "outbox: no event without its row").verdict == Verdict::Violated) phantom = seed;
        if (!twice && finding(run(3, seed), "outbox: each event applied once").verdict == Verdict::Violated) twice = seed;
    }
    CHECK(phantom > 0);
    CHECK(twice > 0);
    WARN("trace checker: an event before its row caught at seed " << phantom << ", an event applied twice at seed "
                                                                  << twice << " of " << kSeeds);
}

TEST_CASE("cache: faulty random runs under the lock: one holder per key, versions grow", "[verify][cache]") {
    std::size_t locks = 0, answers = 0, stored = 0;
    for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
        const Report r = check(traceWith<cache::CacheModel>("cache", seed, lockParams()));
        INFO("seed " << seed << "\n" << describe(r));
        REQUIRE(r.overall() == Verdict::Ok);
        locks += count(r, "one lock holder per key");
        answers += count(r, "answers come from stored versions");
        stored += count(r, "versions only grow");
    }
    WARN("cache: " << locks << " locks taken, " << stored << " stored versions, " << answers << " answers checked over " << kSeeds << " seeds");
    CHECK(locks > 15);
    CHECK(answers > 1000);
}

TEST_CASE("cache: a lock that two holders take is caught from the trace alone", "[verify][cache]") {
    const auto seed = firstViolated<cache::CacheModel>("cache", lockParams(), "lock_two_holders", "one lock holder per key");
    CHECK(seed > 0);
    WARN("trace checker: lock_two_holders caught at seed " << seed << " of " << kSeeds);
}

TEST_CASE("replication: faulty random runs in every mode: in order, one leader per epoch, sync keeps its writes",
          "[verify][replication]") {
    std::size_t positions = 0, durable = 0;
    for (int mode : {0, 1, 2})
        for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
            const Report r = check(traceWith<replication::ReplicationModel>("replication", seed, replicationParams(mode)));
            INFO("mode " << mode << " seed " << seed << "\n" << describe(r));
            REQUIRE(r.overall() == Verdict::Ok);
            positions += count(r, "followers apply the leader's entries in order");
            if (mode == 2) durable += count(r, "acknowledged sync writes survive failover");
        }
    WARN("replication: " << positions << " log positions, " << durable << " sync-acknowledged writes at promotions checked");
    CHECK(positions > 2000);
    CHECK(durable > 20);
}

TEST_CASE("replication: a follower that applies out of order is caught from the trace alone", "[verify][replication]") {
    const auto seed = firstViolated<replication::ReplicationModel>(
        "replication", replicationParams(), "applies_out_of_order", "followers apply the leader's entries in order");
    CHECK(seed > 0);
    WARN("trace checker: applies_out_of_order caught at seed " << seed << " of " << kSeeds);
}

TEST_CASE("replication: a follower taking a deposed leader's entries after hearing of a newer epoch is caught",
          "[verify][replication]") {
    // The run of core.replication's "a follower that has heard of a newer epoch refuses the
    // deposed leader's entries", traced before fencing by epoch was fixed: r3 hears of epoch 2
    // from bob's read (event 28), then applies r1's epoch-1 entries (events 46 and 50).
    std::ifstream in(SPLITBRAIN_VERIFY_DATA "/replication_old_epoch.jsonl");
    REQUIRE(in.good());
    auto trace = verify::readTrace(in, "replication_old_epoch.jsonl");
    REQUIRE(trace.ok());
    const Report r = verify::verifyTrace(trace.value());
    INFO(describe(r));
    const Finding& fenced = finding(r, "fenced replicas refuse older epochs");
    CHECK(fenced.verdict == Verdict::Violated);
    CHECK(fenced.event == 46);
    CHECK(finding(r, "followers apply the leader's entries in order").verdict == Verdict::Ok);
    CHECK(finding(r, "one leader acknowledges per epoch").verdict == Verdict::Ok);
}

TEST_CASE("cache: an answer with a version nobody stored, or a version that goes back, is caught", "[verify][cache]") {
    // A run without faults (the fault script's crashes keep recomputes from finishing), which
    // stores versions 2 and 3 of the hot key.
    Scenario sc;
    sc.topic = "cache";
    sc.seed = 2;
    sc.params = lockParams();
    const std::string good = traceOf(sc, fromMs(3500));
    REQUIRE(check(good).overall() == Verdict::Ok);
    auto tampered = [&](const std::string& needle, const std::string& field, const std::string& value) {
        std::string t = good;
        const auto line = t.find(needle);
        REQUIRE(line != std::string::npos);
        const auto at = t.find("\"" + field + "\":", line);
        const auto end = t.find_first_of(",}", at);
        t.replace(at, end - at, "\"" + field + "\":" + value);
        return check(t);
    };
    CHECK(finding(tampered(R"("kind":"hit")", "version", "99"), "answers come from stored versions").verdict ==
          Verdict::Violated);
    // The second stored version of a key claims to be the first again.
    const auto first = good.find(R"("kind":"cache_set")");
    REQUIRE(first != std::string::npos);
    std::string t = good;
    const auto second = t.find(R"("kind":"cache_set")", first + 1);
    REQUIRE(second != std::string::npos);
    const auto at = t.find("\"version\":", second);
    t.replace(at, t.find_first_of(",}", at) - at, "\"version\":1");
    CHECK(finding(check(t), "versions only grow").verdict == Verdict::Violated);
}
