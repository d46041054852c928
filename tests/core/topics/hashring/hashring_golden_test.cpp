// Golden values that must not change between releases: a saved session or lesson replays only if
// every key still lands where it did. If one of these fails, hashing changed: that is a format
// break, not a test to update casually.
#include <catch2/catch.hpp>

#include "hashring_test_util.h"
#include "topics/hashring/hash_functions.h"

using namespace sb::core;
using namespace sb::core::hashring;
using namespace sb::core::hashring::test;

namespace {

std::vector<std::string> preferenceLists(int mode) {
    auto m = makeModel({{"mode", mode}, {"nodes", 5}, {"vnodes", 10}, {"keys", 12}, {"replication", 2}}, 1);
    std::vector<std::string> out;
    for (int k = 1; k <= 12; ++k) {
        REQUIRE(act(m, R"({"do": "lookup", "key": "k)" + std::to_string(k) + R"("})"));
        out.push_back(probeText(m, "lookup_replicas"));
    }
    return out;
}

}  // namespace

TEST_CASE("golden: XXH3-64 and the derived hashes", "[hashring][golden]") {
    CHECK(hashBytes("", 0) == 0x2D06800538D394C2ULL);  // XXH3_64bits of the empty input
    CHECK(hashBytes("k1", 1) == 4101584127453139186ULL);
    CHECK(vnodeHash("n1", 0, 1) == 2776251448669564005ULL);
    CHECK(vnodeHash("n1", 0, 1) == hashBytes("n1#0", 1));
}

TEST_CASE("golden: jump hash matches published test values", "[hashring][golden]") {
    // Values other implementations of Lamping and Veach's algorithm test against.
    CHECK(jumpHash(1, 1) == 0);
    CHECK(jumpHash(42, 57) == 43);
    CHECK(jumpHash(256, 1024) == 520);
    CHECK(jumpHash(3735883980ULL, 1) == 0);
    CHECK(jumpHash(3735883980ULL, 666) == 361);
    CHECK(jumpHash(16045690984833335023ULL, 255) == 237);
    CHECK(jumpHash(10863919174838991ULL, 11) == 6);
    CHECK(jumpHash(2016238256797177309ULL, 11) == 3);
}

TEST_CASE("golden: preference lists of k1..k12 on 5 nodes, seed 1, 10 vnodes, R = 2", "[hashring][golden]") {
    using L = std::vector<std::string>;
    CHECK(preferenceLists(0) == L{"n2,n3", "n2,n3", "n5,n1", "n5,n1", "n5,n1", "n1,n2",
                                  "n1,n2", "n5,n1", "n4,n5", "n4,n5", "n1,n2", "n5,n1"});
    CHECK(preferenceLists(1) == L{"n2,n4", "n2,n1", "n2,n4", "n3,n2", "n1,n3", "n2,n3",
                                  "n2,n5", "n1,n3", "n5,n2", "n4,n5", "n5,n2", "n4,n2"});
    CHECK(preferenceLists(2) == L{"n3,n4", "n2,n3", "n5,n4", "n5,n2", "n2,n5", "n1,n2",
                                  "n3,n4", "n2,n4", "n4,n2", "n5,n2", "n4,n1", "n5,n3"});
    CHECK(preferenceLists(3) == L{"n4,n5", "n5,n1", "n1,n2", "n2,n3", "n1,n2", "n3,n4",
                                  "n4,n5", "n4,n5", "n4,n5", "n5,n1", "n1,n2", "n5,n1"});
}

TEST_CASE("golden: synthetic key names and owners at scale are stable", "[hashring][golden]") {
    CHECK(syntheticKeyName(0) == "k1");
    auto m = makeModel({{"nodes", 8}, {"vnodes", 100}, {"keys", 100000}}, 1);
    std::vector<std::int64_t> perNode;
    for (NodeId n = 0; n < 8; ++n) perNode.push_back(probeInt(m, "keys_on", n));
    CHECK(perNode == std::vector<std::int64_t>{12712, 16566, 13729, 11453, 12706, 11573, 10506, 10755});
}
