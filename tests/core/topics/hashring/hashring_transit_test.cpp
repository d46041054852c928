// Keys handed to a new owner travel along the ring in the view, over kHandover of simulated time
// after the change: the picture at time t is a function of t (like a message in flight), so it
// pauses, rewinds and exports with the run. Ownership itself changes at once.
#include <catch2/catch.hpp>

#include "hashring_test_util.h"

using namespace sb::core;
using namespace sb::core::hashring;
using namespace sb::core::hashring::test;

namespace {

const RingView& ringOf(const View& v) {
    REQUIRE(v.ring.has_value());
    return *v.ring;
}

// Applies an action at simulated time `t` (later than now) and drains what it causes.
Status actAt(HashringModel& m, Time t, const std::string& json) {
    Action a = actionFromJson(nlohmann::json::parse(json), "").value();
    a.at = t;
    Event e;
    Status s = m.apply(a, e);
    while (m.nextTime() && *m.nextTime() <= m.now()) m.step();
    return s;
}

}  // namespace

TEST_CASE("hashring: after a join the moved keys travel from their old owner to the new one in simulated time",
          "[hashring][transit]") {
    HashringModel m = makeModel({{"mode", 1}, {"nodes", 4}, {"vnodes", 10}, {"keys", 400}});
    const Time t0 = m.now();
    const RingView before = ringOf(m.view(t0));
    CHECK(before.moves.empty());
    CHECK(before.moveProgress == 1);

    REQUIRE(act(m, R"({"do":"add_node","node":"n5"})"));
    const RingView start = ringOf(m.view(m.now()));
    REQUIRE_FALSE(start.moves.empty());
    CHECK(start.moveProgress == 0);
    for (const RingMove& mv : start.moves) {
        REQUIRE(mv.key < start.keys.size());
        // From the owner the key had, to the owner it has now (the joining node, on a ring).
        CHECK(mv.from == before.keys[mv.key].owner);
        CHECK(mv.to == start.keys[mv.key].owner);
        CHECK(mv.to == 4);
        CHECK(mv.from != mv.to);
    }

    const Time changed = m.now();
    CHECK(ringOf(m.view(changed + HashringModel::kHandover / 2)).moveProgress == Approx(0.5));
    CHECK(ringOf(m.view(changed + HashringModel::kHandover / 4)).moves.size() == start.moves.size());
    const RingView arrived = ringOf(m.view(changed + HashringModel::kHandover));
    CHECK(arrived.moves.empty());
    CHECK(arrived.moveProgress == 1);

    // Scrubbing back shows the journey again, the same as the first time.
    const RingView again = ringOf(m.view(changed + HashringModel::kHandover / 4));
    CHECK(again.moveProgress == Approx(0.25));
    REQUIRE(again.moves.size() == start.moves.size());
    for (std::size_t i = 0; i < again.moves.size(); ++i) {
        CHECK(again.moves[i].key == start.moves[i].key);
        CHECK(again.moves[i].fromPosition == start.moves[i].fromPosition);
        CHECK(again.moves[i].toPosition == start.moves[i].toPosition);
    }
}

TEST_CASE("hashring: a journey goes from the ring point of the old owner to that of the new one", "[hashring][transit]") {
    HashringModel m = makeModel({{"mode", 1}, {"nodes", 3}, {"vnodes", 1}, {"keys", 200}});
    const RingView before = ringOf(m.view(m.now()));
    REQUIRE(act(m, R"({"do":"add_node","node":"n4"})"));
    const RingView after = ringOf(m.view(m.now()));
    REQUIRE_FALSE(after.moves.empty());
    // One point per node: every key moving to n4 left the same point (the old successor of n4's
    // point) and lands on n4's single point.
    for (const RingMove& mv : after.moves) {
        CHECK(mv.fromPosition == after.moves.front().fromPosition);
        CHECK(mv.toPosition == after.moves.front().toPosition);
    }
    bool onN4 = false;
    for (const RingMark& v : after.vnodes) onN4 = onN4 || (v.owner == 3 && v.position == after.moves.front().toPosition);
    CHECK(onN4);
}

TEST_CASE("hashring: with very many keys a sample of at most 240 journeys is drawn over the density band",
          "[hashring][transit]") {
    HashringModel m = makeModel({{"mode", 1}, {"nodes", 4}, {"vnodes", 100}, {"keys", 100000}});
    REQUIRE(act(m, R"({"do":"add_node","node":"n5"})"));
    const RingView r = ringOf(m.view(m.now()));
    CHECK_FALSE(r.density.empty());
    CHECK_FALSE(r.moves.empty());
    CHECK(r.moves.size() <= 240);
    for (const RingMove& mv : r.moves) CHECK(mv.key == SIZE_MAX);  // no dots to move: the band
}

TEST_CASE("hashring: several changes in one instant are one journey, and a later change starts a new one",
          "[hashring][transit]") {
    HashringModel m = makeModel({{"mode", 1}, {"nodes", 4}, {"vnodes", 1}, {"keys", 300}});
    const RingView before = ringOf(m.view(m.now()));
    REQUIRE(act(m, R"({"do":"fail","node":"n2"})"));
    REQUIRE(act(m, R"({"do":"set_vnodes","vnodes":20})"));
    const RingView both = ringOf(m.view(m.now()));
    for (const RingMove& mv : both.moves) CHECK(mv.from == before.keys[mv.key].owner);

    const Time later = m.now() + HashringModel::kHandover * 2;
    const RingView settled = ringOf(m.view(later));
    CHECK(settled.moves.empty());
    REQUIRE(actAt(m, later, R"({"do":"recover","node":"n2"})"));
    CHECK(m.now() == later);
    const RingView back = ringOf(m.view(m.now()));
    REQUIRE_FALSE(back.moves.empty());
    for (const RingMove& mv : back.moves) {
        CHECK(mv.from == settled.keys[mv.key].owner);
        CHECK(mv.to == 1);  // keys only move back to the recovered node
    }
}

TEST_CASE("hashring: the view lists ring points in ring order, so no owner's hue is drawn over the others'",
          "[hashring][view]") {
    HashringModel m = makeModel({{"mode", 1}, {"nodes", 8}, {"vnodes", 200}, {"keys", 100}});
    const RingView r = ringOf(m.view(m.now()));
    REQUIRE(r.vnodes.size() == 8 * 200);
    CHECK(std::is_sorted(r.vnodes.begin(), r.vnodes.end(),
                         [](const RingMark& a, const RingMark& b) { return a.position < b.position; }));
}
