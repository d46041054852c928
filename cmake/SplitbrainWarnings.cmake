# One INTERFACE target carries the project's warning flags; every target links it PRIVATE.
add_library(splitbrain_warnings INTERFACE)
add_library(splitbrain::warnings ALIAS splitbrain_warnings)
# No -Wnull-dereference: with GCC 12 at -O2 it fires inside libstdc++'s own <streambuf> when a
# std::ifstream is read into a string, so it cannot be made clean under -Werror.
target_compile_options(splitbrain_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow -Wnon-virtual-dtor
  -Wold-style-cast -Wcast-align -Woverloaded-virtual -Wdouble-promotion
  -Wimplicit-fallthrough)
if(SPLITBRAIN_WERROR)
  target_compile_options(splitbrain_warnings INTERFACE -Werror)
endif()
