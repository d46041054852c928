#include <catch2/catch.hpp>

#include "sim/rng.h"
#include "topics/cap/register_history.h"

using namespace sb::core;
using namespace sb::core::cap;

namespace {

// One client op as the test's own record, turned into the checker's input the way CapModel's
// linOps() does, independently of RegisterHistory.
struct Record {
    std::int64_t id = 0;
    bool write = false;
    std::int64_t value = 0;
    std::vector<std::int64_t> read;
    Time invoke = 0, complete = -1;
    int end = -1;  // -1 pending, else OpEnd
};

std::vector<LinOp> expected(const std::vector<Record>& records) {
    std::vector<LinOp> out;
    for (const Record& r : records) {
        if (r.end == static_cast<int>(OpEnd::Ok))
            out.push_back({r.id, r.write, r.write ? std::vector<std::int64_t>{r.value} : r.read, r.invoke, r.complete});
        else if (r.write && r.end != static_cast<int>(OpEnd::Failed))
            out.push_back({r.id, true, {r.value}, r.invoke, kOpen});
    }
    return out;
}

// A random workload: a few clients on one register, reads that are sometimes stale or return a
// write that has not finished (or never will), some failures and timeouts. After every change
// the incremental verdict must be the whole-history checker's, including "unknown".
struct Workload {
    Rng rng;
    std::uint64_t budget;
    std::vector<Record> records;
    RegisterHistory history;
    std::int64_t current = 0;
    std::int64_t nextValue = 0;
    int broken = 0, linear = 0, unknown = 0;

    Workload(std::uint64_t seed, std::uint64_t states) : rng(seed), budget(states), history(0, states) {}

    void compare() {
        const LinResult full = checkRegister(expected(records), 0, budget);
        const LinResult inc = history.check();
        REQUIRE(inc.linearizable == full.linearizable);
        REQUIRE(inc.exhausted == full.exhausted);
        REQUIRE(inc.explored == full.explored);
        // How far each got, and where it stopped, agree too.
        REQUIRE(inc.checked == full.checked);
        REQUIRE(inc.total == full.total);
        REQUIRE(inc.stuck == full.stuck);
        (full.exhausted ? unknown : full.linearizable ? linear : broken)++;
    }

    void finish(Record& r, Time t) {
        const double roll = rng.uniform();
        const OpEnd end = roll < 0.85 ? OpEnd::Ok : roll < 0.93 ? OpEnd::Failed : OpEnd::Timeout;
        r.end = static_cast<int>(end);
        r.complete = t;
        if (r.write && end == OpEnd::Ok) current = r.value;
        if (!r.write && end == OpEnd::Ok) {
            const double pick = rng.uniform();
            std::int64_t v = current;
            if (pick < 0.08 && nextValue > 0) v = rng.range(0, nextValue);              // stale or from an open write
            r.read = {v};
            if (pick > 0.97) r.read.push_back(v + 1);                                   // siblings
        }
        history.completed(r.id, end, t, r.read);
    }

    void run(int steps, int clients) {
        std::vector<std::int64_t> busy(static_cast<std::size_t>(clients), 0);
        for (Time t = 1; t <= steps; ++t) {
            const auto c = static_cast<std::size_t>(rng.range(0, clients - 1));
            if (busy[c] == 0) {
                Record r;
                r.id = static_cast<std::int64_t>(records.size()) + 1;
                r.write = rng.uniform() < 0.5;
                r.value = r.write ? ++nextValue : 0;
                r.invoke = t;
                records.push_back(r);
                history.invoked(r.id, r.write, r.value, t);
                busy[c] = r.id;
            } else {
                finish(records[static_cast<std::size_t>(busy[c] - 1)], t);
                busy[c] = 0;
            }
            compare();
        }
    }
};

}  // namespace

TEST_CASE("the incremental checker agrees with the whole-history check after every change", "[lin][random]") {
    int broken = 0, linear = 0;
    for (std::uint64_t seed = 1; seed <= 600; ++seed) {
        INFO("seed " << seed);
        Workload w(seed, 2'000'000);
        w.run(static_cast<int>(20 + seed % 60), static_cast<int>(1 + seed % 4));
        broken += w.broken;
        linear += w.linear;
    }
    CHECK(broken > 1000);
    CHECK(linear > 1000);
}

TEST_CASE("with a small state budget both checkers give up at the same point, and say unknown", "[lin][random]") {
    int unknown = 0;
    for (std::uint64_t seed = 1; seed <= 300; ++seed) {
        INFO("seed " << seed);
        Workload w(seed, 40 + seed % 50);
        w.run(60, 4);
        unknown += w.unknown;
    }
    CHECK(unknown > 100);
}

TEST_CASE("a budget-exhausted check is reported as unknown, never as linearizable", "[lin]") {
    RegisterHistory h(0, 3);
    for (std::int64_t i = 1; i <= 4; ++i) h.invoked(i, true, i, 0);
    h.invoked(5, false, 0, 1);
    h.completed(5, OpEnd::Ok, 2, {4});
    const LinResult r = h.check();
    CHECK(r.exhausted);
    CHECK_FALSE(r.linearizable);
    // Open writes nobody read are left out; write 4 is carried into the read's segment.
    CHECK(r.total == 2);
    CHECK(r.checked == 1);
    CHECK(r.stuck == std::vector<std::int64_t>{4, 5});
}

TEST_CASE("an unknown verdict says how far the search got before the budget ran out", "[lin]") {
    // A write and a read of it, one after the other (two easy segments), then four writes and a
    // read of one of them, all concurrent: many orders to try. Enough states for the first part only.
    RegisterHistory h(0, 8);
    h.invoked(1, true, 1, 0);
    h.completed(1, OpEnd::Ok, 1);
    h.invoked(2, false, 0, 2);
    h.completed(2, OpEnd::Ok, 3, {1});
    REQUIRE(h.check().linearizable);
    for (std::int64_t i = 3; i <= 6; ++i) h.invoked(i, true, i, 10);
    h.invoked(7, false, 0, 11);
    h.completed(7, OpEnd::Ok, 12, {6});
    for (std::int64_t i = 3; i <= 6; ++i) h.completed(i, OpEnd::Ok, 20);
    const LinResult r = h.check();
    CHECK(r.exhausted);
    CHECK_FALSE(r.linearizable);   // unknown is never "linearizable"
    CHECK(r.checked == 2);         // ops 1 and 2 were ordered
    CHECK(r.total == 7);
    CHECK(r.stuck == std::vector<std::int64_t>{3, 4, 5, 6, 7});
    CHECK(r.explored <= 8);
    // The same history with room to search is linearizable: the budget, not the history, stopped it.
    RegisterHistory roomy(0);
    for (const LinOp& op : h.ops()) {
        roomy.invoked(op.id, op.write, op.write ? op.values.front() : 0, op.invoke);
        roomy.completed(op.id, OpEnd::Ok, op.complete, op.write ? std::vector<std::int64_t>{} : op.values);
    }
    CHECK(roomy.check().linearizable);
    CHECK(roomy.check().checked == 7);
}

TEST_CASE("a long history costs in proportion to its length", "[lin]") {
    // Checking after every op, a whole-history check would visit about n^2 / 2 states in all;
    // the incremental one visits each segment about once, so its total stays near one check's.
    Workload w(7, 50'000'000);
    for (int i = 0; i < 3000; ++i) {
        const auto id = static_cast<std::int64_t>(i) + 1;
        w.records.push_back({id, i % 2 == 0, i % 2 == 0 ? id : 0, {}, 2 * i, -1, -1});
        w.history.invoked(id, i % 2 == 0, i % 2 == 0 ? id : 0, 2 * i);
        Record& r = w.records.back();
        r.end = static_cast<int>(OpEnd::Ok);
        r.complete = 2 * i + 1;
        if (!r.write) r.read = {id - 1};
        w.history.completed(id, OpEnd::Ok, r.complete, r.read);
        REQUIRE(w.history.check().linearizable);
    }
    const LinResult full = checkRegister(expected(w.records), 0, 50'000'000);
    CHECK(full.linearizable);
    CHECK(w.history.check().explored == full.explored);
    CHECK(full.explored < 10 * 3000);
    CHECK(w.history.work() < 3 * full.explored);
}
