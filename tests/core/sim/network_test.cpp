#include <catch2/catch.hpp>

#include "sim/network.h"

using namespace sb::core;

TEST_CASE("an unpartitioned network reaches everyone", "[network]") {
    Network net;
    net.resize(4);
    for (NodeId a = 0; a < 4; ++a)
        for (NodeId b = 0; b < 4; ++b) CHECK(net.reachable(a, b));
    CHECK_FALSE(net.partitioned());
}

TEST_CASE("partition groups cannot reach each other, only within", "[network]") {
    Network net;
    net.resize(5);
    net.partition({{0, 1}, {2, 3, 4}});
    CHECK(net.reachable(0, 1));
    CHECK(net.reachable(2, 4));
    CHECK_FALSE(net.reachable(0, 2));
    CHECK_FALSE(net.reachable(4, 1));
    CHECK(net.partitioned());
    CHECK(net.zones() == std::vector<int>{1, 2});
    net.heal();
    CHECK(net.reachable(0, 2));
    CHECK_FALSE(net.partitioned());
}

TEST_CASE("a one-way cut blocks one direction only", "[network]") {
    Network net;
    net.resize(3);
    net.cut(0, 1);
    CHECK_FALSE(net.reachable(0, 1));
    CHECK(net.reachable(1, 0));
    CHECK(net.reachable(0, 2));
    net.uncut(0, 1);
    CHECK(net.reachable(0, 1));
}

TEST_CASE("moving a node to a zone isolates it from the rest", "[network]") {
    Network net;
    net.resize(3);
    net.moveToZone(2, 1);
    CHECK_FALSE(net.reachable(0, 2));
    CHECK(net.reachable(0, 1));
    net.moveToZone(2, 0);
    CHECK(net.reachable(0, 2));
}

TEST_CASE("latency draws respect the configured distribution", "[network]") {
    Network net;
    net.resize(2);
    Rng rng(5);
    SECTION("fixed") {
        net.defaults().latency = LatencyKind::Fixed;
        net.defaults().minLatency = 7000;
        for (int i = 0; i < 100; ++i) CHECK(net.send(0, 1, 1000, rng).front().deliver == 8000);
    }
    SECTION("uniform") {
        net.defaults() = LinkConfig{};
        for (int i = 0; i < 1000; ++i) {
            const Time d = net.send(0, 1, 0, rng).front().deliver;
            REQUIRE(d >= fromMs(5));
            REQUIRE(d <= fromMs(15));
        }
    }
    SECTION("long tail is capped and mostly fast") {
        net.defaults().latency = LatencyKind::LongTail;
        net.defaults().minLatency = fromMs(2);
        net.defaults().maxLatency = fromMs(200);
        int slow = 0;
        for (int i = 0; i < 10000; ++i) {
            const Time d = net.send(0, 1, 0, rng).front().deliver;
            REQUIRE(d >= fromMs(2));
            REQUIRE(d <= fromMs(200));
            slow += d > fromMs(20) ? 1 : 0;
        }
        // Pareto(shape 2): P(X > 10 * min) = 1/100.
        CHECK(slow == Approx(100).margin(45));
    }
}

TEST_CASE("loss and duplication happen at their configured rates", "[network]") {
    Network net;
    net.resize(2);
    net.defaults().drop = 0.2;
    net.defaults().duplicate = 0.1;
    Rng rng(11);
    int lost = 0, copies = 0;
    for (int i = 0; i < 20000; ++i) {
        auto fates = net.send(0, 1, 0, rng);
        lost += fates.front().lost ? 1 : 0;
        copies += static_cast<int>(fates.size()) - 1;
    }
    CHECK(lost == Approx(4000).margin(300));
    CHECK(copies == Approx(2000).margin(220));
}
