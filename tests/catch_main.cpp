// Catch2's main lives alone in this file so it compiles once for every test binary.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
