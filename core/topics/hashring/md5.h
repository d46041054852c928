#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace sb::core::hashring {

// MD5 (RFC 1321). Not for security: the ketama ring (libketama, twemproxy, memcached clients,
// Couchbase SDK RFC 26) places keys and servers with it, and replaying those published rings needs
// the same digest bit for bit. The RFC's own test suite is in hashring_md5_test.cpp.
std::array<std::uint8_t, 16> md5(std::string_view bytes);

}  // namespace sb::core::hashring
