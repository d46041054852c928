// What the hashring view and probes say a node has, in the words a learner reads: the points a
// weighted node really puts on the ring (vnodes x weight), not the vnodes setting alone.
#include <catch2/catch.hpp>

#include <algorithm>

#include "hashring_test_util.h"

using namespace sb::core;
using namespace sb::core::hashring;
using namespace sb::core::hashring::test;

namespace {

std::vector<std::string> badgesOf(const View& v, const std::string& node) {
    std::vector<std::string> out;
    for (const NodeView& n : v.nodes)
        if (n.name == node)
            for (const auto& b : n.badges) out.push_back(b.label);
    return out;
}

bool has(const std::vector<std::string>& words, const std::string& w) {
    return std::find(words.begin(), words.end(), w) != words.end();
}

}  // namespace

TEST_CASE("a weighted node's badge and probe give the points it has on the ring", "[hashring][view]") {
    auto m = makeModel({{"mode", 1}, {"nodes", 4}, {"vnodes", 1000}, {"keys", 2000}});
    REQUIRE(act(m, R"({"do": "set_weight", "node": "n1", "weight": 2})"));
    // The ring itself: n1 owns 2000 of the positions, the others 1000 each.
    std::int64_t onRing = 0;
    const View v = m.view(m.now());
    REQUIRE(v.ring);
    for (const RingMark& mark : v.ring->vnodes) onRing += mark.owner == 0 ? 1 : 0;
    CHECK(onRing == 2000);
    CHECK(probeInt(m, "ring_points_on", 0) == onRing);
    CHECK(probeInt(m, "ring_points_on", 1) == 1000);
    CHECK(probeInt(m, "vnodes_on", 0) == 1000);  // the setting, before the weight
    CHECK(has(badgesOf(v, "n1"), "2000 points"));
    CHECK(has(badgesOf(v, "n1"), "weight 2"));
    CHECK(has(badgesOf(v, "n2"), "1000 points"));
    for (const std::string& b : badgesOf(v, "n1")) CHECK(b.find('=') == std::string::npos);
}

TEST_CASE("off the ring a node has no ring points and no points badge", "[hashring][view]") {
    auto m = makeModel({{"mode", 0}, {"nodes", 4}, {"vnodes", 100}, {"keys", 200}});
    CHECK(probeInt(m, "ring_points_on", 0) == 0);
    for (const std::string& b : badgesOf(m.view(m.now()), "n1")) CHECK(b.find("point") == std::string::npos);
}

TEST_CASE("the spread against weighted fair shares ignores a weight the load spread counts", "[hashring]") {
    auto m = makeModel({{"mode", 1}, {"nodes", 8}, {"vnodes", 1000}, {"keys", 100000}}, 3);
    CHECK(probeReal(m, "fair_stddev") == Approx(probeReal(m, "load_stddev")));
    CHECK(probeReal(m, "points_per_weight") == Approx(1000));
    REQUIRE(act(m, R"({"do": "set_weight", "node": "n1", "weight": 2})"));
    // n1 holds about twice the mean, as its weight asks: the plain spread is large, the fair one
    // as small as every node's thousand points per unit of weight make it.
    CHECK(probeReal(m, "load_stddev") > 0.2);
    CHECK(probeReal(m, "fair_stddev") < 0.05);
    CHECK(probeReal(m, "points_per_weight") == Approx(1000));  // 9000 points over weight 9
}

TEST_CASE("under hash mod N the banner names the remainder that picks the node, not a place on a ring", "[hashring][view]") {
    auto m = makeModel({{"mode", 0}, {"nodes", 4}, {"keys", 1000}}, 7);
    REQUIRE(act(m, R"({"do": "lookup", "key": "k42"})"));
    std::string all;
    for (const std::string& a : m.view(m.now()).annotations) all += a + "\n";
    INFO(all);
    CHECK(all.find("round the ring") == std::string::npos);
    CHECK(all.find("R=") == std::string::npos);
    CHECK(all.find("hash mod 4: 4 live nodes, 1000 keys") != std::string::npos);
    const std::string owner = probeText(m, "lookup_owner");
    CHECK(all.find(" picks " + owner) != std::string::npos);
    CHECK(all.find("and hash mod 4 = " + std::to_string(owner[1] - '1') + " picks") != std::string::npos);
}

TEST_CASE("under hash mod N the view draws no ring: the nodes stand in remainder order, named by it", "[hashring][view]") {
    // A circle of key dots read as if keys had places on a ring. Each live node is the bucket a
    // remainder picks; a failed node has none, and the looked-up key's owner says it holds it.
    auto m = makeModel({{"mode", 0}, {"nodes", 5}, {"keys", 1000}}, 7);
    REQUIRE(act(m, R"({"do": "fail", "node": "n2"})"));
    REQUIRE(act(m, R"({"do": "lookup", "key": "k42"})"));
    View v = m.view(m.now());
    CHECK_FALSE(v.ring);
    CHECK(v.layout == Layout::Row);
    std::vector<std::string> roles;
    for (const NodeView& n : v.nodes) roles.push_back(n.role);
    CHECK(roles == std::vector<std::string>{"hash mod 4 = 0", "failed", "hash mod 4 = 1", "hash mod 4 = 2", "hash mod 4 = 3"});
    const std::string owner = probeText(m, "lookup_owner");
    for (const NodeView& n : v.nodes) CHECK(has(badgesOf(v, n.name), "holds k42") == (n.name == owner));
    // The banner's remainder is the owner's.
    std::string all;
    for (const std::string& a : v.annotations) all += a + "\n";
    for (const NodeView& n : v.nodes)
        if (n.name == owner) CHECK(all.find("and " + n.role + " picks " + owner) != std::string::npos);
    // Back on the ring, the ring is drawn again, and a live node has no role line to say it is on it.
    REQUIRE(act(m, R"({"do": "set", "param": "mode", "value": 1})"));
    v = m.view(m.now());
    CHECK(v.ring);
    CHECK(v.layout == Layout::Ring);
    CHECK(v.nodes.front().role.empty());
    CHECK_FALSE(has(badgesOf(v, owner), "holds k42"));
}
