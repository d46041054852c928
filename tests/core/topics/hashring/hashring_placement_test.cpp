// Statistical and structural properties of the four placement schemes, on Placement directly.
#include <catch2/catch.hpp>

#include <cmath>
#include <numeric>

#include "topics/hashring/hash_functions.h"
#include "topics/hashring/key_table.h"
#include "topics/hashring/placement.h"

using namespace sb::core::hashring;

namespace {

Placement cluster(Mode mode, int nodes, std::uint32_t vnodes, std::uint64_t seed, std::uint32_t r = 1) {
    Placement p;
    p.reset(mode, seed, r);
    for (int s = 0; s < nodes; ++s) p.join(s, vnodes, 1.0);
    p.rebuild();
    return p;
}

std::vector<std::uint8_t> owners(const Placement& p, const KeyTable& keys) {
    std::vector<std::uint8_t> out;
    p.assignAll(keys.hashes(), out);
    return out;
}

struct Moves {
    std::size_t moved = 0;
    std::size_t betweenOld = 0;  // moves where neither end is `slot`
};

Moves diff(const std::vector<std::uint8_t>& a, const std::vector<std::uint8_t>& b, int slot) {
    Moves m;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i] == b[i]) continue;
        ++m.moved;
        if (a[i] != slot && b[i] != slot) ++m.betweenOld;
    }
    return m;
}

// Fraction of keys that move when node N+1 joins N nodes, averaged over seeds.
double meanMovedOnAdd(Mode mode, int n, std::uint32_t vnodes, std::uint32_t keyCount, int seeds) {
    double sum = 0;
    for (int seed = 1; seed <= seeds; ++seed) {
        const KeyTable keys(keyCount, static_cast<std::uint64_t>(seed));
        Placement p = cluster(mode, n, vnodes, static_cast<std::uint64_t>(seed));
        const auto before = owners(p, keys);
        p.join(n, vnodes, 1.0);
        p.rebuild();
        const auto after = owners(p, keys);
        const Moves m = diff(before, after, n);
        if (mode != Mode::Modulo) CHECK(m.betweenOld == 0);
        sum += static_cast<double>(m.moved) / keyCount;
    }
    return sum / seeds;
}

double relativeStddev(const std::vector<std::uint8_t>& own, int nodes) {
    std::vector<double> load(static_cast<std::size_t>(nodes), 0);
    for (std::uint8_t o : own) load[o] += 1;
    const double mean = static_cast<double>(own.size()) / nodes;
    double sq = 0;
    for (double l : load) sq += (l / mean - 1) * (l / mean - 1);
    return std::sqrt(sq / nodes);
}

}  // namespace

TEST_CASE("adding a node to N moves about 1/(N+1) of the keys on the ring, N/(N+1) with modulo",
          "[hashring][stats]") {
    const int n = 10;
    const double consistent = 1.0 / (n + 1);
    // The ring's share for the new node varies with vnode placement (about 1/sqrt(V) relative);
    // averaged over 30 seeds the mean is within 10% of 1/(N+1).
    CHECK(meanMovedOnAdd(Mode::Ring, n, 100, 20000, 30) == Approx(consistent).epsilon(0.10));
    // Rendezvous and jump only suffer key-sampling noise.
    CHECK(meanMovedOnAdd(Mode::Rendezvous, n, 1, 20000, 10) == Approx(consistent).epsilon(0.05));
    CHECK(meanMovedOnAdd(Mode::Jump, n, 1, 20000, 10) == Approx(consistent).epsilon(0.05));
    // Modulo keeps a key only when h mod N == h mod (N+1): about 1 in N+1.
    CHECK(meanMovedOnAdd(Mode::Modulo, n, 1, 20000, 10) == Approx(1.0 - consistent).epsilon(0.02));
}

TEST_CASE("the moved fraction tracks 1/(N+1) across cluster sizes", "[hashring][stats]") {
    for (int n : {2, 4, 8, 16, 32}) {
        INFO("N = " << n);
        CHECK(meanMovedOnAdd(Mode::Ring, n, 200, 10000, 12) == Approx(1.0 / (n + 1)).epsilon(0.15));
        CHECK(meanMovedOnAdd(Mode::Modulo, n, 1, 10000, 3) == Approx(n / (n + 1.0)).epsilon(0.03));
    }
}

TEST_CASE("monotonicity holds exactly: no key moves between two old nodes", "[hashring][monotonic]") {
    for (Mode mode : {Mode::Ring, Mode::Rendezvous, Mode::Jump}) {
        for (std::uint64_t seed = 1; seed <= 20; ++seed) {
            INFO(modeName(mode) << " seed " << seed);
            const KeyTable keys(3000, seed);
            Placement p = cluster(mode, 6, 20, seed);
            auto before = owners(p, keys);
            // Fail n3 (only its keys move), bring it back (only keys moving to it), remove n5,
            // add n7: each step checked against the step before.
            struct Step { int slot; MemberState state; bool join; };
            const Step steps[] = {{2, MemberState::Failed, false}, {2, MemberState::Live, false},
                                  {4, MemberState::Absent, false}, {6, MemberState::Live, true}};
            for (const Step& st : steps) {
                if (st.join) p.join(st.slot, 20, 1.0);
                else p.setState(st.slot, st.state);
                p.rebuild();
                const auto after = owners(p, keys);
                CHECK(diff(before, after, st.slot).betweenOld == 0);
                for (std::size_t i = 0; i < after.size(); ++i) {
                    if (before[i] == after[i]) continue;
                    if (st.state == MemberState::Live) CHECK(after[i] == st.slot);
                    else CHECK(before[i] == st.slot);
                }
                before = after;
            }
        }
    }
}

TEST_CASE("load spread shrinks like 1/sqrt(V) as vnodes grow", "[hashring][stats]") {
    const int n = 10;
    double previous = 1e9;
    for (std::uint32_t v : {1u, 10u, 100u, 1000u}) {
        double sum = 0;
        const int seeds = 8;
        for (int seed = 1; seed <= seeds; ++seed) {
            const KeyTable keys(100000, static_cast<std::uint64_t>(seed));
            sum += relativeStddev(owners(cluster(Mode::Ring, n, v, static_cast<std::uint64_t>(seed)), keys), n);
        }
        const double spread = sum / seeds;
        INFO("V = " << v << ": relative stddev " << spread);
        CHECK(spread < previous);
        // Each node's share is a sum of V exponential gaps: relative spread about 1/sqrt(V).
        CHECK(spread * std::sqrt(static_cast<double>(v)) > 0.5);
        CHECK(spread * std::sqrt(static_cast<double>(v)) < 1.5);
        previous = spread;
    }
}

TEST_CASE("weights give proportional shares on the ring and with rendezvous", "[hashring][stats]") {
    for (Mode mode : {Mode::Ring, Mode::Rendezvous}) {
        INFO(modeName(mode));
        const KeyTable keys(60000, 7);
        Placement p;
        p.reset(mode, 7, 1);
        p.join(0, 200, 2.0);  // n1 weighs twice the others
        for (int s = 1; s < 5; ++s) p.join(s, 200, 1.0);
        p.rebuild();
        const auto own = owners(p, keys);
        const auto n1 = static_cast<double>(std::count(own.begin(), own.end(), 0));
        CHECK(n1 / static_cast<double>(own.size()) == Approx(2.0 / 6.0).epsilon(0.10));
    }
}

TEST_CASE("jump hash: buckets are uniform, growth moves keys only to the new bucket", "[hashring][jump]") {
    CHECK(jumpHash(12345, 1) == 0);
    std::vector<int> counts(10, 0);
    std::size_t moved = 0;
    const int total = 100000;
    for (int i = 0; i < total; ++i) {
        const std::uint64_t k = hashBytes("key" + std::to_string(i), 3);
        const auto b10 = jumpHash(k, 10);
        const auto b11 = jumpHash(k, 11);
        REQUIRE(b10 >= 0);
        REQUIRE(b10 < 10);
        ++counts[static_cast<std::size_t>(b10)];
        if (b10 != b11) {
            CHECK(b11 == 10);
            ++moved;
        }
    }
    for (int c : counts) CHECK(c == Approx(total / 10).epsilon(0.05));
    CHECK(static_cast<double>(moved) / total == Approx(1.0 / 11).epsilon(0.05));
    int steps = 0;
    jumpHash(hashBytes("x", 0), 1000, &steps);
    CHECK(steps < 30);  // expected about ln(1000) ~ 7 steps
}

TEST_CASE("rendezvous: removing a node moves only its keys, spread over all the others", "[hashring][rendezvous]") {
    const KeyTable keys(20000, 5);
    Placement p = cluster(Mode::Rendezvous, 8, 1, 5);
    const auto before = owners(p, keys);
    p.setState(3, MemberState::Absent);
    p.rebuild();
    const auto after = owners(p, keys);
    std::vector<int> gained(8, 0);
    for (std::size_t i = 0; i < before.size(); ++i) {
        if (before[i] == after[i]) continue;
        REQUIRE(before[i] == 3);
        ++gained[after[i]];
    }
    const int lost = static_cast<int>(std::count(before.begin(), before.end(), 3));
    for (int s = 0; s < 8; ++s)
        if (s != 3) CHECK(gained[static_cast<std::size_t>(s)] == Approx(lost / 7.0).epsilon(0.25));
}

TEST_CASE("incremental reassignment equals a full recompute", "[hashring]") {
    for (Mode mode : {Mode::Ring, Mode::Rendezvous, Mode::Jump, Mode::Modulo}) {
        INFO(modeName(mode));
        const KeyTable keys(5000, 11);
        Placement p = cluster(mode, 5, 30, 11);
        auto inc = owners(p, keys);
        p.join(5, 30, 1.5);
        p.rebuild();
        p.assignAfterGain(5, keys.hashes(), inc);
        CHECK(inc == owners(p, keys));
        p.setState(1, MemberState::Failed);
        p.rebuild();
        p.assignAfterLoss(1, keys.hashes(), inc);
        CHECK(inc == owners(p, keys));
    }
}

TEST_CASE("preference lists hold R distinct live nodes, owner first", "[hashring][replication]") {
    for (Mode mode : {Mode::Ring, Mode::Rendezvous, Mode::Jump, Mode::Modulo}) {
        INFO(modeName(mode));
        Placement p = cluster(mode, 5, 8, 2, 3);
        p.setState(2, MemberState::Failed);
        p.rebuild();
        CHECK(p.preferenceListsValid());
        const KeyTable keys(500, 2);
        for (std::uint64_t h : keys.hashes()) {
            auto list = p.replicas(h);
            REQUIRE(list.size() == 3);
            CHECK(list.front() == p.lookup(h).owner);
            std::sort(list.begin(), list.end());
            CHECK(std::adjacent_find(list.begin(), list.end()) == list.end());
            CHECK(!std::binary_search(list.begin(), list.end(), std::uint8_t{2}));
        }
        p.setReplication(8);  // more than the live nodes: capped at 4
        p.rebuild();
        CHECK(p.replicas(keys.hash(0)).size() == 4);
    }
}

TEST_CASE("ring lookup is a binary search over the sorted vnodes", "[hashring]") {
    Placement p = cluster(Mode::Ring, 64, 1000, 9);
    REQUIRE(p.ringSize() == 64000);
    CHECK(std::is_sorted(p.ringPositions().begin(), p.ringPositions().end()));
    const Lookup l = p.lookup(hashBytes("k1", 9));
    CHECK(l.cost >= 15);
    CHECK(l.cost <= 17);  // log2(64000) ~ 16
    // A key past the last vnode wraps around to the first.
    CHECK(p.lookup(~std::uint64_t{0}).owner == p.ringOwners().front());
}
