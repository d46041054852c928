#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace sb::core::hashring {

// The hash functions every placement scheme shares. All are pure functions of their inputs and
// the run's seed, so a key lands on the same node on every machine and in every release (the
// golden-lookup tests pin this down).

// XXH3 (64-bit) from libxxhash: fast, well distributed, and specified exactly.
std::uint64_t hashBytes(std::string_view bytes, std::uint64_t seed);

// Which hash places keys and vnodes on the ring (param `hash`). XXH3 is the default. Ketama is
// the MD5 scheme of libketama and the memcached clients that copied it (twemproxy, Couchbase SDK
// RFC 26), so that a scenario can rebuild a published ring and replay its lookups.
enum class HashFn { Xxh3, Ketama };

// Ketama's 32-bit points: MD5 yields 16 bytes, read as four little-endian 32-bit words; word
// `which` (0..3) is one point. A key's point is word 0 of MD5(key).
std::uint32_t ketamaWord(std::string_view bytes, int which);
// Point `index` of a server labelled `label` ("10.0.1.1:11211"): word index % 4 of
// MD5("<label>-<index / 4>"), as libketama and RFC 26 build 4 points per digest.
std::uint32_t ketamaPoint(std::string_view label, std::uint32_t index);

// Position of a key on the 2^64 ring. Ketama's 32-bit points sit in the top half of the 64 bits,
// which keeps their order (and so every lookup) exactly as on ketama's 2^32 ring. Ketama ignores
// the run's seed: a published ring does not have one.
std::uint64_t keyHash(HashFn fn, std::string_view name, std::uint64_t seed);
inline std::uint64_t keyHash(std::string_view name, std::uint64_t seed) { return keyHash(HashFn::Xxh3, name, seed); }

// Position of virtual node `index` of `node`: XXH3 hashes "n3#17"; ketama takes point `index` of
// the node's label (ketamaPoint). Growing a node's vnode count keeps its old points, so it only
// gains keys.
std::uint64_t vnodeHash(HashFn fn, std::string_view node, std::uint32_t index, std::uint64_t seed);
std::uint64_t vnodeHash(std::string_view node, std::uint32_t index, std::uint64_t seed);

// Rendezvous (highest random weight) score of a key on a node: a hash of the pair.
std::uint64_t pairScore(std::uint64_t key, std::uint64_t nodeSeed);

// A weighted rendezvous score: -w / ln(u) with u uniform in (0, 1) taken from `score`. The node
// with the highest value wins, and a node with weight w wins a share w / sum(w) of the keys.
double weightedScore(std::uint64_t score, double weight);

// Jump consistent hash (Lamping and Veach, 2014): a bucket in [0, buckets). `steps` (optional)
// receives the number of loop iterations, the lookup cost (about ln(buckets)).
std::int32_t jumpHash(std::uint64_t key, std::int32_t buckets, int* steps = nullptr);

// A cheap bijective remix (splitmix64 finaliser) used to derive retry keys.
std::uint64_t remix(std::uint64_t x);

// A 64-bit ring position as a fraction of the circle, in [0, 1).
inline double ringFraction(std::uint64_t h) { return static_cast<double>(h >> 11) * 0x1p-53; }

// Name of synthetic key number i (0-based): "k1", "k2", ...
std::string syntheticKeyName(std::uint32_t index);

}  // namespace sb::core::hashring
