// The ketama hash (param hash=ketama): MD5 checked against RFC 1321's own suite, and a published
// ketama ring rebuilt from its servers' addresses, with the facts its publishers test against.
// Owners of ordinary keys were computed apart from this code (Python's hashlib, the same ring
// rule), so a slip in the byte order or the "<address>-<rep>" labels shows here.
#include <catch2/catch.hpp>

#include <cstdio>

#include "hashring_test_util.h"
#include "topics/hashring/hash_functions.h"
#include "topics/hashring/md5.h"

using namespace sb::core;
using namespace sb::core::hashring;
using namespace sb::core::hashring::test;

namespace {

std::string hex(const std::array<std::uint8_t, 16>& d) {
    std::string out;
    char buf[3];
    for (std::uint8_t b : d) {
        std::snprintf(buf, sizeof buf, "%02x", b);
        out += buf;
    }
    return out;
}

// Couchbase SDK RFC 26's four servers, 160 points each (40 digests of 4), as n1..n4.
HashringModel rfc26Ring() {
    auto m = makeModel({{"hash", 1}, {"nodes", 1}, {"vnodes", 160}, {"keys", 0}});
    for (int i = 1; i <= 4; ++i)
        REQUIRE(act(m, R"({"do": "add_node", "node": "n)" + std::to_string(i + 1) +
                           R"(", "address": "192.168.1.10)" + std::to_string(i) + R"(:11210"})"));
    REQUIRE(act(m, R"({"do": "remove_node", "node": "n1"})"));
    return m;
}

std::string ownerOf(HashringModel& m, const std::string& key) {
    REQUIRE(act(m, R"({"do": "insert", "key": ")" + key + R"("})"));
    REQUIRE(act(m, R"({"do": "lookup", "key": ")" + key + R"("})"));
    return probeText(m, "lookup_owner");
}

}  // namespace

TEST_CASE("golden: MD5 matches the RFC 1321 test suite", "[hashring][golden]") {
    CHECK(hex(md5("")) == "d41d8cd98f00b204e9800998ecf8427e");
    CHECK(hex(md5("a")) == "0cc175b9c0f1b6a831c399e269772661");
    CHECK(hex(md5("abc")) == "900150983cd24fb0d6963f7d28e17f72");
    CHECK(hex(md5("message digest")) == "f96b697d7cb7938d525a2f31aaf161d0");
    CHECK(hex(md5("abcdefghijklmnopqrstuvwxyz")) == "c3fcd3d76192e4007dfb496cca67e13b");
    CHECK(hex(md5("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")) ==
          "d174ab98d277d9f5a5611c2c9f419d9f");
    // 80 bytes: the padding spills into a second block.
    CHECK(hex(md5("12345678901234567890123456789012345678901234567890123456789012345678901234567890")) ==
          "57edf4a22be3c955ac49da2e2107b67a");
}

TEST_CASE("golden: ketama points as the Couchbase SDK tests them", "[hashring][golden]") {
    // The SDK's collision test: both servers put a point at 1723476360.
    bool a = false, b = false;
    for (std::uint32_t i = 0; i < 160; ++i) {
        a = a || ketamaPoint("example.com:11210", i) == 1723476360u;
        b = b || ketamaPoint("example137723.com:11210", i) == 1723476360u;
    }
    CHECK(a);
    CHECK(b);
    // A key's point is the first word of its digest; its 64-bit ring position keeps the order.
    CHECK(keyHash(HashFn::Ketama, "k1", 99) == std::uint64_t{2058434486} << 32);
}

TEST_CASE("ketama: a collision goes to the later server, as RFC 26 says", "[hashring]") {
    auto m = makeModel({{"hash", 1}, {"nodes", 1}, {"vnodes", 160}, {"keys", 0}});
    REQUIRE(act(m, R"({"do": "add_node", "node": "n2", "address": "example.com:11210"})"));
    REQUIRE(act(m, R"({"do": "add_node", "node": "n3", "address": "example137723.com:11210"})"));
    REQUIRE(act(m, R"({"do": "remove_node", "node": "n1"})"));
    const Placement& p = m.placement();
    REQUIRE(p.ringSize() == 320);
    const auto& pos = p.ringPositions();
    const std::uint64_t shared = std::uint64_t{1723476360} << 32;
    const auto at = std::lower_bound(pos.begin(), pos.end(), shared);
    REQUIRE(at != pos.end());
    REQUIRE(*at == shared);
    CHECK(p.ringOwners()[static_cast<std::size_t>(at - pos.begin())] == 2);  // n3, the later one
    CHECK(p.lookup(shared).owner == 2);
}

TEST_CASE("ketama: the RFC 26 ring and its lookups replay", "[hashring][golden]") {
    auto m = rfc26Ring();
    CHECK(m.placement().ringSize() == 640);
    // The SDK's wrap-around fact: a point past the last one (4294967295) goes to .104, the owner
    // of the lowest point. key16714 and key32387 hash past the last point (found by search).
    CHECK(m.placement().lookup(std::uint64_t{4294967295u} << 32).owner == 4);  // n5 = .104
    CHECK(ownerOf(m, "key16714") == "n5");
    CHECK(ownerOf(m, "key32387") == "n5");
    // Ordinary keys (owners computed with Python's hashlib): n2 = .101 ... n5 = .104.
    CHECK(ownerOf(m, "k2") == "n2");
    CHECK(ownerOf(m, "foo") == "n4");
    CHECK(ownerOf(m, "bar") == "n5");
    CHECK(ownerOf(m, "user:1000") == "n3");
    CHECK(ownerOf(m, "hello") == "n3");
    CHECK(ownerOf(m, "0") == "n2");
}

TEST_CASE("ketama: the ring ignores the run's seed, XXH3 does not", "[hashring]") {
    auto ketama1 = makeModel({{"hash", 1}, {"keys", 200}}, 1);
    auto ketama2 = makeModel({{"hash", 1}, {"keys", 200}}, 2);
    CHECK(ketama1.owners() == ketama2.owners());
    auto xxh1 = makeModel({{"keys", 200}}, 1);
    auto xxh2 = makeModel({{"keys", 200}}, 2);
    CHECK(xxh1.owners() != xxh2.owners());
}

TEST_CASE("ketama: joins still move keys only to the new node", "[hashring]") {
    auto m = makeModel({{"hash", 1}, {"nodes", 4}, {"vnodes", 40}, {"keys", 2000}});
    const auto before = m.owners();
    REQUIRE(act(m, R"({"do": "add_node", "node": "n5", "address": "10.0.0.5:11211"})"));
    const auto& after = m.owners();
    std::size_t moved = 0;
    for (std::size_t i = 0; i < before.size(); ++i) {
        if (before[i] == after[i]) continue;
        ++moved;
        CHECK(after[i] == 4);
    }
    CHECK(moved > 0);
    CHECK(m.violations().empty());
}

TEST_CASE("add_node refuses an overlong address", "[hashring]") {
    auto m = makeModel({{"hash", 1}});
    const Status s = act(m, R"({"do": "add_node", "address": ")" + std::string(201, 'x') + R"("})");
    REQUIRE_FALSE(s);
    CHECK(s.error().where == "/address");
}
