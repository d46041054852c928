#include <catch2/catch.hpp>

#include "sim/event_queue.h"

using sb::core::EventQueue;

TEST_CASE("items come out in time order", "[queue]") {
    EventQueue<int> q;
    q.push(30, 3);
    q.push(10, 1);
    q.push(20, 2);
    CHECK(q.pop().item == 1);
    CHECK(q.pop().item == 2);
    CHECK(q.pop().item == 3);
    CHECK(q.empty());
}

TEST_CASE("ties at the same time keep the order they were scheduled in", "[queue]") {
    EventQueue<int> q;
    for (int i = 0; i < 100; ++i) q.push(5, i);
    q.push(4, -1);
    CHECK(q.pop().item == -1);
    for (int i = 0; i < 100; ++i) CHECK(q.pop().item == i);
}

TEST_CASE("a copied queue continues identically", "[queue]") {
    EventQueue<int> q;
    for (int i = 0; i < 10; ++i) q.push(i % 3, i);
    EventQueue<int> copy = q;
    while (!q.empty()) {
        auto a = q.pop();
        auto b = copy.pop();
        CHECK(a.item == b.item);
        CHECK(a.seq == b.seq);
    }
}
