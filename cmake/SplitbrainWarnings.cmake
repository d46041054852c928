# One INTERFACE target carries the project's warning flags; every target links it PRIVATE.
add_library(splitbrain_warnings INTERFACE)
add_library(splitbrain::warnings ALIAS splitbrain_warnings)
target_compile_options(splitbrain_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow -Wnon-virtual-dtor
  -Wold-style-cast -Wcast-align -Woverloaded-virtual -Wnull-dereference -Wdouble-promotion
  -Wimplicit-fallthrough)
if(SPLITBRAIN_WERROR)
  target_compile_options(splitbrain_warnings INTERFACE -Werror)
endif()
