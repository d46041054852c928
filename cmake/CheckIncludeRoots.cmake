# Fails when one include path, such as "quiz/scheduler.h" or "topics/raft/raft_ui.h", names a
# header under both core/ and widgets/: both folders are include roots of the widgets and the
# app, so such an include would silently pick whichever root comes first. Run by CTest as
# `cmake -DSOURCE_DIR=... -P CheckIncludeRoots.cmake`.
cmake_policy(SET CMP0057 NEW)
file(GLOB_RECURSE core_headers RELATIVE "${SOURCE_DIR}/core" "${SOURCE_DIR}/core/*.h")
file(GLOB_RECURSE widget_headers RELATIVE "${SOURCE_DIR}/widgets" "${SOURCE_DIR}/widgets/*.h")
set(both "")
foreach(h IN LISTS widget_headers)
  if(h IN_LIST core_headers)
    list(APPEND both "${h}")
  endif()
endforeach()
if(both)
  list(JOIN both "\n  " text)
  message(FATAL_ERROR "these includes resolve into both core/ and widgets/; rename one side:\n  ${text}")
endif()
list(LENGTH core_headers nc)
list(LENGTH widget_headers nw)
message(STATUS "each include names one header (${nc} in core/, ${nw} in widgets/)")
